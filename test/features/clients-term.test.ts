// The planned term of a new client: three years, the start day counting as the first.
import { describe, expect, it } from 'vitest';
import { plannedTermEnd } from '../../src/features/clients/record.js';

describe('plannedTermEnd', () => {
  it.each([
    ['2025-03-10', '2028-03-09'],
    ['2025-01-01', '2027-12-31'],
    ['2025-03-01', '2028-02-29'], // the day before 1 March of a leap year
    ['2024-03-01', '2027-02-28'],
    ['2024-02-29', '2027-02-28'], // no 29 February in 2027: the term ends on the 28th
    ['2023-02-28', '2026-02-27'],
    ['2025-12-31', '2028-12-30'],
  ])('a term starting %s ends %s', (start, end) => {
    expect(plannedTermEnd(start)).toBe(end);
  });
});
