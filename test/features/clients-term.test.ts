// The planned term of a new client, the start day counting as the first: 社区戒毒 three years
// (禁毒法 Art. 33), 社区康复 as decided up to three years (戒毒条例 Art. 37). A term starting on
// 29 February has its anniversary on 28 February of a common year, as the test windows and term
// years have it (src/domain): the term ends the day before.
import { describe, expect, it } from 'vitest';
import { plannedTermEndOf } from '../../src/domain/schedule.js';

describe('plannedTermEndOf', () => {
  it.each([
    ['2025-03-10', 36, '2028-03-09'],
    ['2025-01-01', 36, '2027-12-31'],
    ['2025-03-01', 36, '2028-02-29'], // the day before 1 March of a leap year
    ['2024-03-01', 36, '2027-02-28'],
    ['2024-02-29', 36, '2027-02-27'], // anniversary 28 February 2027
    ['2023-02-28', 36, '2026-02-27'],
    ['2025-12-31', 36, '2028-12-30'],
    ['2025-03-10', 24, '2027-03-09'], // a two-year 社区康复
    ['2025-01-31', 1, '2025-02-27'], // anniversary 28 February
    ['2025-06-15', 18, '2026-12-14'],
  ])('a term starting %s for %i months ends %s', (start, months, end) => {
    expect(plannedTermEndOf(start, months)).toBe(end);
  });
});
