// Working days of the official Chinese calendar: public holidays are off, and make-up
// workdays (调休, often a Saturday or Sunday) are on. The data comes from `chinese-days`,
// which ships the State Council's published calendar in the package (no network); years it
// does not cover yet can be given in an override file (HOLIDAYS_FILE). Past both, Monday–Friday.
import chineseDays from 'chinese-days';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { dayOfWeek, isLocalDate, type LocalDate } from './dates.js';

export interface CalendarOverrides {
  /** Extra days off (e.g. next year's Spring Festival before the package knows it). */
  holidays: LocalDate[];
  /** Extra working days (make-up workdays). */
  workdays: LocalDate[];
}

export interface WorkingCalendar {
  isWorkingDay(date: LocalDate): boolean;
  /** The official calendar is known for this year (package data or the override file). */
  covers(year: number): boolean;
  /** Last year the package's own data covers. */
  packageLastYear: number;
}

/** The package answers "Friday" (a plain weekday) for years it has no data for; New Year's Day is always a named holiday. */
function packageCovers(year: number): boolean {
  return chineseDays.getDayDetail(`${year}-01-01`).work === false && /元旦/.test(chineseDays.getDayDetail(`${year}-01-01`).name);
}

function findPackageLastYear(): number {
  let year = 2004;
  while (packageCovers(year + 1)) year += 1;
  return year;
}

export function workingCalendar(overrides: CalendarOverrides = { holidays: [], workdays: [] }): WorkingCalendar {
  const holidays = new Set(overrides.holidays);
  const workdays = new Set(overrides.workdays);
  const overrideYears = new Set([...holidays, ...workdays].map((d) => Number(d.slice(0, 4))));
  const packageLastYear = findPackageLastYear();
  return {
    packageLastYear,
    covers: (year) => year <= packageLastYear || overrideYears.has(year),
    isWorkingDay(date) {
      if (holidays.has(date)) return false;
      if (workdays.has(date)) return true;
      if (Number(date.slice(0, 4)) <= packageLastYear) return chineseDays.isWorkday(date);
      return dayOfWeek(date) <= 5;
    },
  };
}

const dateList = z.array(z.string().refine(isLocalDate, { error: 'must be a date YYYY-MM-DD' })).default([]);
const overridesSchema = z.strictObject({ holidays: dateList, workdays: dateList });

/** Parses a HOLIDAYS_FILE text: `{ holidays: [dates], workdays: [dates] }` in JSON or YAML. */
export function parseCalendarOverrides(text: string, format: 'json' | 'yaml'): { ok: true; overrides: CalendarOverrides } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return { ok: false, problems: [`not valid ${format.toUpperCase()}: ${(error as Error).message.split('\n')[0]}`] };
  }
  const parsed = overridesSchema.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`) };
  return { ok: true, overrides: parsed.data };
}
