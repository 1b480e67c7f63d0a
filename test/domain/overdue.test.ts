/**
 * overdueRuns answers "overdue on day D?" for every day at once. Checked day by day against
 * dueItems — the rule the due lists and the status card use — for seeded pseudo-random clients,
 * and on a few cases a caseworker would recognise.
 */
import { describe, it, expect } from 'vitest';
import { addDays, diffDays } from '../../src/domain/dates.js';
import { overdueSpans } from '../../src/domain/overdue.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { dueItems } from '../../src/domain/schedule.js';
import { client, checkIns, tests, visits } from './facts.js';
import { prng, randomCase } from './random-facts.js';

/** One meeting and one report-in a month, a test every two months (社区康复, first year), then nothing after April 1. */
const NOTHING_AFTER_APRIL = {
  plannedTermEnd: '2025-12-31',
  visits: visits('home', '2025-01-10', '2025-03-05'),
  checkIns: checkIns('2025-01-06', '2025-02-03', '2025-03-02', '2025-04-01'),
  tests: tests('negative', '2025-01-08', '2025-03-03'),
};

describe('overdueSpans', () => {
  it('agrees with dueItems on every day, for 400 pseudo-random clients', () => {
    const random = prng(20_261_129);
    for (let i = 0; i < 400; i++) {
      const [facts, , rules] = randomCase(random);
      const spans = overdueSpans(facts, rules);
      const inSpan = (d: string) => spans.some((s) => s.start <= d && d <= s.end);
      const from = addDays(facts.termStart, -5);
      const days = diffDays(facts.plannedTermEnd, facts.termStart) + 400;
      for (let k = 0; k < days; k++) {
        const day = addDays(from, k);
        const expected = dueItems(facts, day, rules).some((item) => item.state === 'overdue');
        if (inSpan(day) !== expected) expect({ facts, rules, day, spans, overdue: inSpan(day) }).toEqual({ facts, rules, day, spans, overdue: expected });
      }
    }
  });

  it('runs from the day after a missed deadline to the day before the event that clears it', () => {
    const facts = client(NOTHING_AFTER_APRIL);
    // No meeting in February: overdue from March 1 until the meeting of March 5. Nothing after
    // April 1: April's meeting is missed, overdue from May 1 to the end of the term.
    expect(overdueSpans(facts, DEFAULT_RULES)).toEqual([
      { start: '2025-03-01', end: '2025-03-04' },
      { start: '2025-05-01', end: '2025-12-31' },
    ]);
    // A phone call is not a meeting.
    const phoned = client({ ...facts, visits: [...facts.visits, ...visits('phone', '2025-02-14')] });
    expect(overdueSpans(phoned, DEFAULT_RULES)[0]).toEqual({ start: '2025-03-01', end: '2025-03-04' });
  });

  it('has none for a client awaiting report-in, whose term has not begun to run', () => {
    // With nothing recorded for years, this client would be overdue from the first month on.
    const facts = client({ plannedTermEnd: '2025-12-31' });
    expect(overdueSpans(facts, DEFAULT_RULES)).not.toEqual([]);
    expect(overdueSpans({ ...facts, awaitingReportIn: true }, DEFAULT_RULES)).toEqual([]);
  });

  it('stays overdue through leave to the last day of a term a suspension lengthened', () => {
    // Nothing after April 1, suspended all June (the term runs 30 days longer, to 2026-01-30),
    // on leave from 2026-01-10: leave pauses new requirements, not the missed ones.
    const facts = client({
      ...NOTHING_AFTER_APRIL,
      periods: [
        { status: 'suspended', start: '2025-06-01', end: '2025-06-30' },
        { status: 'on_leave', start: '2026-01-10', end: null },
      ],
    });
    expect(overdueSpans(facts, DEFAULT_RULES)).toEqual([
      { start: '2025-03-01', end: '2025-03-04' },
      { start: '2025-05-01', end: '2025-05-31' },
      { start: '2025-07-01', end: '2026-01-30' },
    ]);
  });

  it('has no overdue days while suspended or after the client left', () => {
    const facts = client({ periods: [{ status: 'suspended', start: '2025-01-01', end: null }] });
    expect(overdueSpans(facts, DEFAULT_RULES)).toEqual([]);
    const left = client({ periods: [{ status: 'transferred_out', start: '2025-03-10', end: null }] });
    const spans = overdueSpans(left, DEFAULT_RULES);
    expect(spans.at(-1)!.end).toBe('2025-03-09');
  });
});
