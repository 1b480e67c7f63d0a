import { describe, it, expect } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  dayOfWeek,
  daysInMonth,
  diffDays,
  endOfMonth,
  formatIsoWeek,
  isLocalDate,
  isValidTimeZone,
  isoWeekOf,
  isoWeekRange,
  maxDate,
  minDate,
  monthKey,
  monthRange,
  parseIsoWeek,
  previousIsoWeek,
  previousMonth,
  startOfMonth,
  todayIn,
} from '../../src/domain/dates.js';

describe('isLocalDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-4-1', false],
    ['2025-04-01T00:00', false],
    ['', false],
  ])('%s → %s', (s, expected) => {
    expect(isLocalDate(s)).toBe(expected);
  });

  it('rejects invalid input to arithmetic', () => {
    expect(() => addDays('2025-02-29', 1)).toThrow(RangeError);
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-01-01', 365, '2026-01-01'],
    ['2027-12-31', 40, '2028-02-09'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it.each([
    ['2025-03-01', '2025-02-01', 28],
    ['2024-03-01', '2024-02-01', 29],
    ['2026-01-01', '2025-01-01', 365],
    ['2025-01-01', '2025-01-02', -1],
    ['2025-04-10', '2025-01-31', 69],
  ])('diffDays(%s, %s) = %i', (a, b, expected) => {
    expect(diffDays(a, b)).toBe(expected);
  });

  it.each([
    ['2025-01-01', '2025-01-02', -1],
    ['2025-01-02', '2025-01-02', 0],
    ['2026-01-01', '2025-12-31', 1],
  ])('compareDates(%s, %s) = %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });

  it('minDate and maxDate', () => {
    expect(minDate('2025-03-01', '2024-12-31', '2025-01-01')).toBe('2024-12-31');
    expect(maxDate('2025-03-01', '2024-12-31', '2025-01-01')).toBe('2025-03-01');
    expect(minDate('2025-03-01')).toBe('2025-03-01');
  });
});

describe('months and years', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 2, '2025-03-31'],
    ['2025-05-31', 1, '2025-06-30'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-11-15', 3, '2026-02-15'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-01-31', 0, '2025-01-31'],
  ])('addMonths(%s, %i) = %s', (d, n, expected) => {
    expect(addMonths(d, n)).toBe(expected);
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2025-03-10', 3, '2028-03-10'],
  ])('addYears(%s, %i) = %s', (d, n, expected) => {
    expect(addYears(d, n)).toBe(expected);
  });

  it.each([
    [2024, 2, 29],
    [2025, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2025, 4, 30],
    [2025, 12, 31],
  ])('daysInMonth(%i, %i) = %i', (y, m, expected) => {
    expect(daysInMonth(y, m)).toBe(expected);
  });

  it.each([
    ['2024-02-10', '2024-02-01', '2024-02-29', '2024-02'],
    ['2025-02-10', '2025-02-01', '2025-02-28', '2025-02'],
    ['2025-12-31', '2025-12-01', '2025-12-31', '2025-12'],
  ])('month of %s: %s … %s (%s)', (d, start, end, key) => {
    expect(startOfMonth(d)).toBe(start);
    expect(endOfMonth(d)).toBe(end);
    expect(monthRange(d)).toEqual({ start, end });
    expect(monthKey(d)).toBe(key);
  });

  it.each([
    ['2025-03-31', '2025-02-01', '2025-02-28'],
    ['2025-01-15', '2024-12-01', '2024-12-31'],
    ['2024-03-01', '2024-02-01', '2024-02-29'],
  ])('previousMonth(%s) = %s … %s', (d, start, end) => {
    expect(previousMonth(d)).toEqual({ start, end });
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2026-01-01', 4],
    ['2024-12-30', 1],
    ['2025-06-01', 7],
    ['2024-02-29', 4],
  ])('dayOfWeek(%s) = %i', (d, expected) => {
    expect(dayOfWeek(d)).toBe(expected);
  });

  it.each([
    ['2026-01-01', 2026, 1],
    ['2027-01-01', 2026, 53],
    ['2026-12-31', 2026, 53],
    ['2024-12-30', 2025, 1],
    ['2021-01-03', 2020, 53],
    ['2025-12-28', 2025, 52],
    ['2026-02-01', 2026, 5],
  ])('isoWeekOf(%s) = %i-W%i', (d, year, week) => {
    expect(isoWeekOf(d)).toEqual({ year, week });
  });

  it.each([
    [2026, 1, '2025-12-29', '2026-01-04'],
    [2026, 5, '2026-01-26', '2026-02-01'],
    [2026, 53, '2026-12-28', '2027-01-03'],
    [2025, 1, '2024-12-30', '2025-01-05'],
  ])('isoWeekRange(%i, %i) = %s … %s', (year, week, start, end) => {
    expect(isoWeekRange(year, week)).toEqual({ start, end });
  });

  it('has no week 53 in 2025', () => {
    expect(() => isoWeekRange(2025, 53)).toThrow(RangeError);
  });

  it.each([
    ['2026-W05', { year: 2026, week: 5 }],
    ['2026-W53', { year: 2026, week: 53 }],
    ['2025-W53', null],
    ['2026-W54', null],
    ['2026-W00', null],
    ['2026-W5', null],
    ['2026W05', null],
  ])('parseIsoWeek(%s)', (s, expected) => {
    expect(parseIsoWeek(s)).toEqual(expected);
  });

  it('formats a week', () => {
    expect(formatIsoWeek({ year: 2026, week: 5 })).toBe('2026-W05');
    expect(formatIsoWeek({ year: 2026, week: 53 })).toBe('2026-W53');
  });

  it.each([
    [{ year: 2026, week: 10 }, { year: 2026, week: 9 }],
    [{ year: 2026, week: 1 }, { year: 2025, week: 52 }],
    [{ year: 2027, week: 1 }, { year: 2026, week: 53 }],
  ])('previousIsoWeek(%o) = %o', (w, expected) => {
    expect(previousIsoWeek(w)).toEqual(expected);
  });
});

describe('time zones', () => {
  it.each([
    ['Asia/Shanghai', '2026-03-31T16:30:00Z', '2026-04-01'],
    ['Asia/Shanghai', '2026-03-31T15:59:59Z', '2026-03-31'],
    ['UTC', '2026-03-31T16:30:00Z', '2026-03-31'],
    ['America/New_York', '2026-04-01T03:00:00Z', '2026-03-31'],
  ])('todayIn(%s, %s) = %s', (tz, instant, expected) => {
    expect(todayIn(tz, new Date(instant))).toBe(expected);
  });

  it.each([
    ['Asia/Shanghai', true],
    ['UTC', true],
    ['Mars/Base', false],
    ['', false],
  ])('isValidTimeZone(%s) = %s', (tz, expected) => {
    expect(isValidTimeZone(tz)).toBe(expected);
  });
});
