import { describe, it, expect } from 'vitest';
import {
  civilFromDay,
  clampedDay,
  dayFromCivil,
  daysInMonth,
  formatDay,
  formatMonth,
  monthIndexOf,
  parseCivil,
  parseDay,
  tryParseCivil,
} from '../../src/domain/days.js';

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-02-29', 11_016],
    ['2025-01-01', 20_089],
    ['0000-03-01', -719_468],
  ])('parseDay(%s) = %i', (d, n) => {
    expect(parseDay(d)).toBe(n);
    expect(formatDay(n)).toBe(d);
  });

  it('round-trips every day from 1899 to 2201 and agrees with Date.UTC', () => {
    for (let n = dayFromCivil(1899, 1, 1); n <= dayFromCivil(2201, 12, 31); n++) {
      const { year, month, day } = civilFromDay(n);
      const utc = Date.UTC(year, month - 1, day) / 86_400_000;
      if (day > daysInMonth(year, month) || dayFromCivil(year, month, day) !== n || utc !== n) {
        expect.fail(`day ${n} → ${year}-${month}-${day}`);
      }
    }
  });

  it.each([
    '2025-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-01-00', '2025-4-1', '2025-04-01T00:00', '', '2025-01-0a', '+025-01-01',
    // The characters either side of the digits: '/' and ':'.
    '/025-01-01', ':025-01-01', '0/25-01-01', '2025-01-0:', '2025/01-01', '2025-01/01',
  ])(
    'parseDay rejects %j',
    (d) => {
      expect(() => parseDay(d)).toThrow(new RangeError(`not a calendar date: ${JSON.stringify(d)}`));
    },
  );
});

describe('parsing dates typed or imported', () => {
  it('reads fields, refuses what is not a date, and never throws on a value that is not text', () => {
    expect(tryParseCivil('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(tryParseCivil('2025-02-29')).toBeNull();
    expect(tryParseCivil([...'2025-01-01'])).toBeNull();
    expect(tryParseCivil(20_250_101)).toBeNull();
    expect(parseCivil('2025-03-01')).toEqual({ year: 2025, month: 3, day: 1 });
    expect(() => parseCivil('2025-02-30')).toThrow(new RangeError('not a calendar date: "2025-02-30"'));
  });
});

describe('months', () => {
  it.each([
    ['2025-01-15', 2025 * 12, '2025-01'],
    ['2024-12-31', 2024 * 12 + 11, '2024-12'],
    ['0999-07-01', 999 * 12 + 6, '0999-07'],
  ])('month of %s', (d, index, key) => {
    expect(monthIndexOf(civilFromDay(parseDay(d)))).toBe(index);
    expect(formatMonth(index)).toBe(key);
  });

  it.each([
    [2025 * 12 + 1, 31, '2025-02-28'],
    [2024 * 12 + 1, 31, '2024-02-29'],
    [2025 * 12 + 3, 31, '2025-04-30'],
    [2025 * 12 + 3, 15, '2025-04-15'],
  ])('clampedDay(%i, %i) = %s', (month, day, expected) => {
    expect(formatDay(clampedDay(month, day))).toBe(expected);
  });
});
