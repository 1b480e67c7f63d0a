/**
 * Integer day numbers (days since 1970-01-01, proleptic Gregorian): the schedule's internal
 * representation of a calendar date. Dates arrive as 'YYYY-MM-DD' strings and are parsed here
 * once; all schedule arithmetic then runs on plain integers (no Date objects, no regexes, no
 * string building) and only results are formatted back. dates.ts is the string API over this.
 *
 * Months are counted as a month index, year * 12 + (month − 1), so month arithmetic is addition.
 */

/** Days since 1970-01-01. */
export type Day = number;

/** Days start…end (inclusive). */
export interface DayRun {
  start: Day;
  end: Day;
}

/** year * 12 + (month − 1). */
export type MonthIndex = number;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/**
 * The day number of a valid (year, month, day). Howard Hinnant's days_from_civil: counts in
 * 400-year eras starting on March 1, so the leap day is the last day of its year.
 */
export function dayFromCivil(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export interface Civil {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** The inverse of dayFromCivil (Hinnant's civil_from_days). */
export function civilFromDay(n: Day): Civil {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * mp + 2) / 5) + 1,
  };
}

export const monthIndexOf = (c: Civil): MonthIndex => c.year * 12 + c.month - 1;

const yearOfMonth = (m: MonthIndex): number => Math.floor(m / 12);
/** 1–12 */
const monthOfMonth = (m: MonthIndex): number => m - Math.floor(m / 12) * 12 + 1;

/**
 * Day `day` of month m, clamped to the month's length (Jan 31 + 1 month → Feb 28/29): the
 * calendar-month step used for term years and test windows.
 */
export function clampedDay(m: MonthIndex, day: number): Day {
  const year = yearOfMonth(m);
  const month = monthOfMonth(m);
  return dayFromCivil(year, month, Math.min(day, daysInMonth(year, month)));
}

/** The day `months` calendar months after day n, by clampedDay (2024-02-29 + 12 months → 2025-02-28). */
export function monthsAfter(n: Day, months: number): Day {
  const civil = civilFromDay(n);
  return clampedDay(monthIndexOf(civil) + months, civil.day);
}

/** The two-digit number at s[i], s[i + 1]; NaN unless both are ASCII digits. */
function twoDigitsAt(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/**
 * The day number of a strict 'YYYY-MM-DD', or NaN if it is not a calendar date. Hand-rolled and
 * allocation-free rather than a regex: this runs for every date of every client in the daily job.
 */
function dayOrNaN(d: unknown): Day {
  if (typeof d !== 'string' || d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) return NaN;
  const year = twoDigitsAt(d, 0) * 100 + twoDigitsAt(d, 2);
  const month = twoDigitsAt(d, 5);
  const day = twoDigitsAt(d, 8);
  // NaN fails every comparison.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return NaN;
  return dayFromCivil(year, month, day);
}

function notADate(d: unknown): RangeError {
  return new RangeError(`not a calendar date: ${JSON.stringify(d)}`);
}

/** The day number of a 'YYYY-MM-DD'; throws RangeError if it is not a calendar date. */
export function parseDay(d: string): Day {
  const n = dayOrNaN(d);
  if (Number.isNaN(n)) throw notADate(d);
  return n;
}

/** Parses a strict 'YYYY-MM-DD' into its fields; null if it is not a calendar date. */
export function tryParseCivil(d: unknown): Civil | null {
  const n = dayOrNaN(d);
  return Number.isNaN(n) ? null : civilFromDay(n);
}

export function parseCivil(d: string): Civil {
  const c = tryParseCivil(d);
  if (c === null) throw notADate(d);
  return c;
}

// '00'…'31': months and days are formatted by lookup.
const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

function yearText(year: number): string {
  return year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, '0');
}

const twoDigits = (n: number): string => TWO_DIGITS[n] ?? String(n).padStart(2, '0');

export function formatCivil(year: number, month: number, day: number): string {
  return `${yearText(year)}-${twoDigits(month)}-${twoDigits(day)}`;
}

// A caseload's results repeat the same few hundred dates and months (month ends, window ends),
// so formatted ones are memoised. Each cache is bounded: when full it simply starts over.
const CACHE_MAX = 8192;
const FORMATTED_DAYS = new Map<Day, string>();
const FORMATTED_MONTHS = new Map<MonthIndex, string>();

function cached(cache: Map<number, string>, key: number, format: (key: number) => string): string {
  let text = cache.get(key);
  if (text === undefined) {
    text = format(key);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, text);
  }
  return text;
}

function formatDayUncached(n: Day): string {
  const c = civilFromDay(n);
  return formatCivil(c.year, c.month, c.day);
}

function formatMonthUncached(m: MonthIndex): string {
  return `${yearText(yearOfMonth(m))}-${twoDigits(monthOfMonth(m))}`;
}

/** 'YYYY-MM-DD' of day n. */
export function formatDay(n: Day): string {
  return cached(FORMATTED_DAYS, n, formatDayUncached);
}

/** 'YYYY-MM' of month m. */
export function formatMonth(m: MonthIndex): string {
  return cached(FORMATTED_MONTHS, m, formatMonthUncached);
}

/** Runs as 'YYYY-MM-DD' dates. */
export function runDates(runs: readonly DayRun[]): { start: string; end: string }[] {
  return runs.map((r) => ({ start: formatDay(r.start), end: formatDay(r.end) }));
}
