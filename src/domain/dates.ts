/**
 * Calendar dates as 'YYYY-MM-DD' strings: the schedule is about days in the client's calendar,
 * never instants, so no time zone can shift a due date. Arithmetic is done on integer day numbers
 * (days.ts), never on Date objects.
 * Invalid input is a programming error (dates are validated at the boundary) and throws.
 */

import {
  civilFromDay,
  clampedDay,
  dayFromCivil,
  daysInMonth,
  formatCivil,
  formatDay,
  formatMonth,
  monthIndexOf,
  parseCivil,
  parseDay,
  tryParseCivil,
} from './days.js';

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

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

export { daysInMonth };

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function isLocalDate(s: string): boolean {
  return tryParseCivil(s) !== null;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return formatDay(parseDay(d) + n);
}

/** a − b in days. */
export function diffDays(a: LocalDate, b: LocalDate): number {
  return parseDay(a) - parseDay(b);
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
  const c = parseCivil(d);
  return formatDay(clampedDay(monthIndexOf(c) + n, c.day));
}

export function addYears(d: LocalDate, n: number): LocalDate {
  return addMonths(d, 12 * n);
}

export function startOfMonth(d: LocalDate): LocalDate {
  const { year, month } = parseCivil(d);
  return formatCivil(year, month, 1);
}

export function endOfMonth(d: LocalDate): LocalDate {
  const { year, month } = parseCivil(d);
  return formatCivil(year, month, daysInMonth(year, month));
}

/** 'YYYY-MM' of the month containing d. */
export function monthKey(d: LocalDate): string {
  return formatMonth(monthIndexOf(parseCivil(d)));
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
  return ((((parseDay(d) + 3) % 7) + 7) % 7) + 1;
}

/** One formatter per time zone: building one costs far more than using it (every request asks). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The local calendar date at instant `now` in an IANA time zone. */
export function todayIn(timeZone: string, now: Date): LocalDate {
  const fields = dayFormat(timeZone).formatToParts(now);
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(fields.find((p) => p.type === type)?.value);
  return formatCivil(field('year'), field('month'), field('day'));
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
  const thursday = parseDay(d) + 4 - dayOfWeek(d);
  const year = civilFromDay(thursday).year;
  return { year, week: Math.floor((thursday - dayFromCivil(year, 1, 1)) / 7) + 1 };
}

/** 52 or 53: the week of Dec 28 is always the year's last ISO week. */
export function weeksInIsoYear(year: number): number {
  return isoWeekOf(formatCivil(year, 12, 28)).week;
}

export function isoWeekRange(year: number, week: number): DateRange {
  if (!Number.isInteger(week) || week < 1 || week > weeksInIsoYear(year)) {
    throw new RangeError(`no ISO week ${week} in ${year}`);
  }
  // Jan 4 is always in week 1.
  const jan4 = formatCivil(year, 1, 4);
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
