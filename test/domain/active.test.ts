// "Active" (在册) as the domain defines it: a table of the cases a manager would ask about.
import { describe, expect, it } from 'vitest';
import { isActiveOn } from '../../src/domain/active.js';
import type { StatusPeriod } from '../../src/domain/periods.js';

const client = (periods: StatusPeriod[] = [], extra: { awaitingReportIn?: boolean } = {}) => ({
  termStart: '2026-01-10',
  plannedTermEnd: '2026-03-31',
  periods,
  ...extra,
});

describe('isActiveOn', () => {
  it.each([
    ['before the term starts', client(), '2026-01-09', false],
    ['on the day the term starts', client(), '2026-01-10', true],
    ['on the planned last day', client(), '2026-03-31', true],
    ['the day after a served term nobody closed', client(), '2026-04-01', false],
    ['awaiting report-in (no term runs yet)', client([], { awaitingReportIn: true }), '2026-02-01', false],
    ['on leave', client([{ status: 'on_leave', start: '2026-02-01', end: '2026-02-10' }]), '2026-02-05', true],
    ['while suspended', client([{ status: 'suspended', start: '2026-02-01', end: '2026-02-10' }]), '2026-02-05', false],
    ['during an open suspension', client([{ status: 'suspended', start: '2026-02-01', end: null }]), '2026-05-01', false],
    ['during an open suspension, within the planned term', client([{ status: 'suspended', start: '2026-02-01', end: null }]), '2026-02-20', false],
    ['on the planned last day, after a suspension that ended before the term began', client([{ status: 'suspended', start: '2025-12-01', end: '2026-01-05' }]), '2026-03-31', true],
    ['the day after the planned end, when a suspension ended on the term\'s first day (one day added)', client([{ status: 'suspended', start: '2026-01-01', end: '2026-01-10' }]), '2026-04-01', true],
    ['after a suspension, past the planned end but within the ten days it added', client([{ status: 'suspended', start: '2026-02-01', end: '2026-02-10' }]), '2026-04-10', true],
    ['past the end moved by the suspension', client([{ status: 'suspended', start: '2026-02-01', end: '2026-02-10' }]), '2026-04-11', false],
    ['before an exit', client([{ status: 'completed', start: '2026-03-01', end: null }]), '2026-02-28', true],
    ['from the day of an exit', client([{ status: 'terminated', start: '2026-03-01', end: null }]), '2026-03-01', false],
    ['after an exit that was given an end (an exit lasts for good)', client([{ status: 'transferred_out', start: '2026-02-01', end: '2026-02-02' }]), '2026-02-20', false],
  ] as const)('%s', (_case, facts, day, active) => {
    expect(isActiveOn({ ...facts, periods: [...facts.periods] }, day)).toBe(active);
  });
});
