/**
 * One anniversary rule for the whole term: months are calendar months clamped to a shorter
 * month (29 February + 12 months → 28 February), and the planned last day is the day before the
 * anniversary. Checked over every start day of four years (a leap year and its three common
 * years): the test windows tile the term exactly, and a fully tested term ends without a flag.
 */
import { describe, it, expect } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { compliance, plannedTermEndOf, termYearOn, testWindows } from '../../src/domain/schedule.js';
import { client, tests } from './facts.js';

describe('plannedTermEndOf', () => {
  it.each([
    ['2025-01-01', 36, '2027-12-31'],
    ['2025-03-15', 36, '2028-03-14'],
    ['2024-02-29', 36, '2027-02-27'],
    ['2024-02-29', 48, '2028-02-28'],
    ['2024-02-29', 12, '2025-02-27'],
    ['2023-02-28', 12, '2024-02-27'],
    ['2025-01-31', 1, '2025-02-27'],
    ['2024-01-31', 1, '2024-02-28'],
    ['2025-08-31', 6, '2026-02-27'],
    ['2025-12-01', 1, '2025-12-31'],
  ])('%s + %i months → %s', (start, months, end) => {
    expect(plannedTermEndOf(start, months)).toBe(end);
  });

  it.each([0, -1, 1.5, 37.2])('rejects %s months', (months) => {
    expect(() => plannedTermEndOf('2025-01-01', months)).toThrow(RangeError);
  });
});

describe('the test windows tile a term ending on plannedTermEndOf', () => {
  const starts = Array.from({ length: 4 * 365 + 1 }, (_, i) => addDays('2024-01-01', i));

  it.each([
    ['community_treatment', 36],
    ['community_rehab', 36],
    ['community_rehab', 24],
    ['community_rehab', 18],
    ['community_rehab', 12],
    ['community_rehab', 7],
    ['community_rehab', 1],
  ] as const)('%s, %i months, from every day of 2024–2027', (program, months) => {
    for (const termStart of starts) {
      const plannedTermEnd = plannedTermEndOf(termStart, months);
      const facts = client({ program, termStart, plannedTermEnd });
      const windows = testWindows(facts, DEFAULT_RULES);
      const problems: string[] = [];
      if (windows[0]?.start !== termStart) problems.push(`first window starts ${windows[0]?.start}`);
      for (let i = 1; i < windows.length; i++) {
        if (windows[i]!.start !== addDays(windows[i - 1]!.end, 1)) problems.push(`gap or overlap before window ${i + 1}`);
      }
      if (windows.at(-1)?.end !== plannedTermEnd) problems.push(`last window ends ${windows.at(-1)?.end}`);
      const years = Math.max(...windows.map((w) => w.termYear));
      if (years !== Math.ceil(months / 12)) problems.push(`${years} term years`);
      if (termYearOn(facts, plannedTermEnd) !== years) problems.push(`term year ${termYearOn(facts, plannedTermEnd)} on the last day`);
      const tested = { ...facts, tests: tests('negative', ...windows.map((w) => w.end)) };
      const flags = compliance(tested, addDays(plannedTermEnd, 1)).flags;
      if (flags.length > 0) problems.push(`flags ${flags.map((f) => f.key).join(', ')}`);
      if (problems.length > 0) expect({ termStart, plannedTermEnd, problems }).toEqual({ termStart, plannedTermEnd, problems: [] });
    }
  });
});
