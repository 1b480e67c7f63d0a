/**
 * Calendar dates as 'YYYY-MM-DD' strings: the schedule is about days in the client's calendar,
 * never instants, so no time zone can shift a due date. Arithmetic is done on UTC day numbers.
 * Invalid input is a programming error (dates are validated at the boundary) and throws.
 */

/** A calendar date, always 'YYYY-MM-DD'. */
export type LocalDate = string;

export interface IsoWeek {
  year: number;
  week: number;
}

export interface DateRange {
  start: LocalDate;
  end: LocalDate;
}

const DAY_MS = 86_400_000;
const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format(year: number, month: number, day: number): LocalDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

// Hand-rolled rather than a regex: this runs for every date of every client in the daily job.
function parts(d: LocalDate): [year: number, month: number, day: number] {
  if (typeof d === 'string' && d.length === 10 && d[4] === '-' && d[7] === '-') {
    const year = digits(d, 0, 4);
    const month = digits(d, 5, 7);
    const day = digits(d, 8, 10);
    if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return [year, month, day];
    }
  }
  throw new RangeError(`not a calendar date: ${JSON.stringify(d)}`);
}

export function isLocalDate(s: string): boolean {
  try {
    parts(s);
    return true;
  } catch {
    return false;
  }
}

function toDayNumber(d: LocalDate): number {
  const [year, month, day] = parts(d);
  if (year >= 100) return Date.UTC(year, month - 1, day) / DAY_MS;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return t.getTime() / DAY_MS;
}

function fromDayNumber(n: number): LocalDate {
  const t = new Date(n * DAY_MS);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return fromDayNumber(toDayNumber(d) + n);
}

/** a − b in days. */
export function diffDays(a: LocalDate, b: LocalDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  const diff = diffDays(a, b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function minDate(first: LocalDate, ...rest: LocalDate[]): LocalDate {
  return rest.reduce((min, d) => (compareDates(d, min) < 0 ? d : min), first);
}

export function maxDate(first: LocalDate, ...rest: LocalDate[]): LocalDate {
  return rest.reduce((max, d) => (compareDates(d, max) > 0 ? d : max), first);
}

/** Adds calendar months, clamping to the end of a shorter month (Jan 31 + 1 → Feb 28/29). */
export function addMonths(d: LocalDate, n: number): LocalDate {
  const [year, month, day] = parts(d);
  const total = year * 12 + (month - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return format(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addYears(d: LocalDate, n: number): LocalDate {
  return addMonths(d, 12 * n);
}

export function startOfMonth(d: LocalDate): LocalDate {
  const [year, month] = parts(d);
  return format(year, month, 1);
}

export function endOfMonth(d: LocalDate): LocalDate {
  const [year, month] = parts(d);
  return format(year, month, daysInMonth(year, month));
}

/** 'YYYY-MM' of the month containing d. */
export function monthKey(d: LocalDate): string {
  return startOfMonth(d).slice(0, 7);
}

export function monthRange(d: LocalDate): DateRange {
  return { start: startOfMonth(d), end: endOfMonth(d) };
}

/** The calendar month before the one containing d. */
export function previousMonth(d: LocalDate): DateRange {
  return monthRange(addMonths(startOfMonth(d), -1));
}

/** ISO day of week: Monday = 1 … Sunday = 7. */
export function dayOfWeek(d: LocalDate): number {
  // Day 0 (1970-01-01) was a Thursday.
  return ((((toDayNumber(d) + 3) % 7) + 7) % 7) + 1;
}

/** The local calendar date at instant `now` in an IANA time zone. */
export function todayIn(timeZone: string, now: Date): LocalDate {
  const fields = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(fields.find((p) => p.type === type)?.value);
  return format(field('year'), field('month'), field('day'));
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}

/** ISO 8601 week (Monday–Sunday) and week-numbering year: the week belongs to its Thursday's year. */
export function isoWeekOf(d: LocalDate): IsoWeek {
  const thursday = addDays(d, 4 - dayOfWeek(d));
  const year = parts(thursday)[0];
  return { year, week: Math.floor(diffDays(thursday, format(year, 1, 1)) / 7) + 1 };
}

/** 52 or 53: the week of Dec 28 is always the year's last ISO week. */
export function weeksInIsoYear(year: number): number {
  return isoWeekOf(format(year, 12, 28)).week;
}

export function isoWeekRange(year: number, week: number): DateRange {
  if (!Number.isInteger(week) || week < 1 || week > weeksInIsoYear(year)) {
    throw new RangeError(`no ISO week ${week} in ${year}`);
  }
  // Jan 4 is always in week 1.
  const jan4 = format(year, 1, 4);
  const start = addDays(jan4, 1 - dayOfWeek(jan4) + 7 * (week - 1));
  return { start, end: addDays(start, 6) };
}

export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

export function parseIsoWeek(s: string): IsoWeek | null {
  const m = ISO_WEEK.exec(s);
  if (!m) return null;
  const [year, week] = [Number(m[1]), Number(m[2])];
  return week >= 1 && week <= weeksInIsoYear(year) ? { year, week } : null;
}

export function previousIsoWeek({ year, week }: IsoWeek): IsoWeek {
  return week > 1 ? { year, week: week - 1 } : { year: year - 1, week: weeksInIsoYear(year - 1) };
}
