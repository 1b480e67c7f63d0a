// The monthly requirements (a meeting, a report-in per calendar month) on the edges a caseworker
// meets: an event on the first or the last day of a month, a term ending on the 1st, counts per
// month, dates given out of order, and visits dated today or later.
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/domain/days.js';
import { countingVisitDays, monthsOf } from '../../src/domain/months.js';
import { termOf } from '../../src/domain/periods.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { client, visits } from './facts.js';

const months = (facts: Parameters<typeof termOf>[0], dates: string[], perMonth: number) =>
  monthsOf(termOf(facts), dates, perMonth).map((m) => `${m.month} ${m.count}${m.met ? ' met' : ''}`);

describe('monthsOf', () => {
  const term = client({ termStart: '2025-01-10', plannedTermEnd: '2025-04-30' });

  it('counts an event on the first of a month for that month, and one on the last day for its own', () => {
    expect(months(term, ['2025-01-31', '2025-02-01', '2025-03-31'], 1)).toEqual(['2025-01 1 met', '2025-02 1 met', '2025-03 1 met', '2025-04 0']);
  });

  it('counts each month\'s own events only: two a month are asked, February has one', () => {
    expect(months(term, ['2025-01-10', '2025-01-20', '2025-02-14', '2025-03-03', '2025-03-04', '2025-03-05'], 2)).toEqual([
      '2025-01 2 met',
      '2025-02 1',
      '2025-03 3 met',
      '2025-04 0',
    ]);
  });

  it('reads dates given out of order', () => {
    expect(months(term, ['2025-03-05', '2025-01-12', '2025-02-14'], 1)).toEqual(['2025-01 1 met', '2025-02 1 met', '2025-03 1 met', '2025-04 0']);
  });

  it('asks for a meeting in the month of a term that ends on its first day', () => {
    const short = client({ termStart: '2025-01-10', plannedTermEnd: '2025-03-01' });
    expect(monthsOf(termOf(short), [], 1).map((m) => [m.month, m.deadline])).toEqual([
      ['2025-01', '2025-01-31'],
      ['2025-02', '2025-02-28'],
      ['2025-03', '2025-03-01'],
    ]);
  });
});

describe('countingVisitDays', () => {
  it('takes counting visits up to and including today, not those dated later, nor phone calls', () => {
    const facts = client({ visits: [...visits('home', '2025-03-01', '2025-03-10', '2025-03-11'), ...visits('phone', '2025-03-05')] });
    expect(countingVisitDays(facts, DEFAULT_RULES, parseDay('2025-03-10'))).toEqual([parseDay('2025-03-01'), parseDay('2025-03-10')]);
  });
});
