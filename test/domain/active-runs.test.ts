/**
 * activeRuns answers "active on day D?" and "active and met face to face since the first of D's
 * month?" for every day at once. Checked day by day against isActiveOn — the definition the
 * caseload applies — and the plain statement of "met this month", for seeded pseudo-random
 * clients, and on cases a manager would recognise.
 */
import { describe, expect, it } from 'vitest';
import { activeRuns } from '../../src/domain/active-runs.js';
import { isActiveOn } from '../../src/domain/active.js';
import { addDays, diffDays, startOfMonth } from '../../src/domain/dates.js';
import { runDates } from '../../src/domain/days.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { client, visits } from './facts.js';
import { prng, randomCase } from './random-facts.js';

const covers = (runs: { start: string; end: string }[], day: string) => runs.filter((r) => r.start <= day && day <= r.end).length;

describe('activeRuns', () => {
  it('agrees with isActiveOn and with "a counting visit since the first of the month" on every day, for 400 pseudo-random clients', () => {
    const random = prng(20_261_207);
    let [activeDays, metDays] = [0, 0];
    for (let i = 0; i < 400; i++) {
      const [generated, , rules] = randomCase(random);
      const facts = { ...generated, awaitingReportIn: random() < 0.05 };
      const runs = activeRuns(facts, rules);
      const [active, met] = [runDates(runs.active), runDates(runs.met)];
      const from = addDays(facts.termStart, -5);
      const days = diffDays(facts.plannedTermEnd, facts.termStart) + 400;
      for (let k = 0; k < days; k++) {
        const day = addDays(from, k);
        const isActive = isActiveOn(facts, day);
        const wasMet = facts.visits.some((v) => rules.visit.countingKinds.includes(v.kind) && startOfMonth(day) <= v.date && v.date <= day);
        const expected = { active: isActive ? 1 : 0, met: isActive && wasMet ? 1 : 0 };
        activeDays += expected.active;
        metDays += expected.met;
        const found = { active: covers(active, day), met: covers(met, day) };
        if (found.active !== expected.active || found.met !== expected.met) expect({ facts, rules, day, runs: { active, met }, ...found }).toEqual({ facts, rules, day, runs: { active, met }, ...expected });
      }
    }
    // The cases include both answers of both questions.
    expect(activeDays).toBeGreaterThan(10_000);
    expect(metDays).toBeGreaterThan(1_000);
  });

  it('runs from the term start to the planned end moved later by a suspension, met from each month\'s first meeting', () => {
    const facts = client({
      termStart: '2026-01-10',
      plannedTermEnd: '2026-03-31',
      periods: [{ status: 'suspended', start: '2026-02-01', end: '2026-02-10' }],
      visits: [...visits('home', '2026-01-05', '2026-01-20', '2026-01-25', '2026-02-05', '2026-03-03'), ...visits('phone', '2026-02-20')],
    });
    const runs = activeRuns({ ...facts, awaitingReportIn: false }, DEFAULT_RULES);
    expect(runDates(runs.active)).toEqual([
      { start: '2026-01-10', end: '2026-01-31' },
      { start: '2026-02-11', end: '2026-04-10' },
    ]);
    // January from the term's first day (the meeting of the 5th is in the month); February's meeting on the 5th, in the
    // suspension, counts from the first active day after it (a phone call would not); March from
    // the 3rd to the month's end, and April not at all.
    expect(runDates(runs.met)).toEqual([
      { start: '2026-01-10', end: '2026-01-31' },
      { start: '2026-02-11', end: '2026-02-28' },
      { start: '2026-03-03', end: '2026-03-31' },
    ]);
  });

  it('keeps one run through leave, which does not stop the term', () => {
    const facts = client({ termStart: '2026-01-10', plannedTermEnd: '2026-03-31', periods: [{ status: 'on_leave', start: '2026-02-01', end: '2026-02-10' }] });
    expect(runDates(activeRuns(facts, DEFAULT_RULES).active)).toEqual([{ start: '2026-01-10', end: '2026-03-31' }]);
  });

  it('has no active days while awaiting report-in, and none from an exit on', () => {
    const facts = client({ termStart: '2026-01-10', plannedTermEnd: '2026-03-31', visits: visits('home', '2026-01-20') });
    expect(activeRuns({ ...facts, awaitingReportIn: true }, DEFAULT_RULES)).toEqual({ active: [], met: [] });
    const left = { ...facts, periods: [{ status: 'transferred_out' as const, start: '2026-01-15', end: '2026-01-16' }] };
    expect(runDates(activeRuns(left, DEFAULT_RULES).active)).toEqual([{ start: '2026-01-10', end: '2026-01-14' }]);
    expect(activeRuns(left, DEFAULT_RULES).met).toEqual([]);
  });
});
