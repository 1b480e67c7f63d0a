// The periods reports are about: ISO weeks (Monday–Sunday in TIMEZONE) and calendar months,
// named as people type them (`this`, `last`, `2026-W05`, `2026-03`, 本周, 上月 …). Pure.
import {
  addDays,
  addMonths,
  compareDates,
  endOfMonth,
  formatIsoWeek,
  isoWeekOf,
  isoWeekRange,
  minDate,
  monthKey,
  monthRange,
  parseIsoWeek,
  previousIsoWeek,
  type DateRange,
  type IsoWeek,
  type LocalDate,
} from '../../domain/dates.js';

export type WeekChoice = { kind: 'this' } | { kind: 'last' } | { kind: 'week'; week: IsoWeek };
export type MonthChoice = { kind: 'this' } | { kind: 'last' } | { kind: 'month'; month: string };

/** What a report counts, and what it compares with. */
export interface Period {
  unit: 'week' | 'month';
  /** '2026-W05' or '2026-03'. */
  key: string;
  /** The whole calendar period. */
  range: DateRange;
  /** The days counted: the period up to today when it is still running. */
  counted: DateRange;
  /** The same days one period earlier, for the changes. */
  previous: DateRange;
  /** Still running: counted up to today. */
  toDate: boolean;
}

const THIS_WEEK = new Set(['this', '本周', '这周', '本星期', '这星期']);
const LAST_WEEK = new Set(['last', '上周', '上星期', '上一周']);
const THIS_MONTH = new Set(['this', '本月', '这个月']);
const LAST_MONTH = new Set(['last', '上月', '上个月']);
/** Loose enough to recognise an attempt (2026w5, 2026-W05) so a bad one gets the usage line. */
export const WEEK_LIKE = /^(\d{4})-?w(\d{1,2})$/i;
const MONTH_LIKE = /^(\d{4})-(\d{1,2})$/;

/** A week word; 'invalid' for something shaped like a week that is not one (2026-W60). */
export function parseWeekWord(word: string): WeekChoice | 'invalid' | undefined {
  const lower = word.toLowerCase();
  if (THIS_WEEK.has(lower)) return { kind: 'this' };
  if (LAST_WEEK.has(lower)) return { kind: 'last' };
  const m = WEEK_LIKE.exec(word);
  if (!m) return undefined;
  const week = parseIsoWeek(`${m[1]}-W${m[2]!.padStart(2, '0')}`);
  return week ? { kind: 'week', week } : 'invalid';
}

export function parseMonthWord(word: string): MonthChoice | 'invalid' | undefined {
  const lower = word.toLowerCase();
  if (THIS_MONTH.has(lower)) return { kind: 'this' };
  if (LAST_MONTH.has(lower)) return { kind: 'last' };
  const m = MONTH_LIKE.exec(word);
  if (!m) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { kind: 'month', month: `${m[1]}-${String(month).padStart(2, '0')}` } : 'invalid';
}

function counted(range: DateRange, today: LocalDate): DateRange {
  return { start: range.start, end: minDate(range.end, today) };
}

/** The week chosen, counted up to `today`; null for a week that has not started. */
export function weekPeriod(choice: WeekChoice, today: LocalDate): Period | null {
  const current = isoWeekOf(today);
  const week = choice.kind === 'this' ? current : choice.kind === 'last' ? previousIsoWeek(current) : choice.week;
  const range = isoWeekRange(week.year, week.week);
  if (compareDates(range.start, today) > 0) return null;
  const days = counted(range, today);
  return {
    unit: 'week',
    key: formatIsoWeek(week),
    range,
    counted: days,
    previous: { start: addDays(days.start, -7), end: addDays(days.end, -7) },
    toDate: days.end !== range.end,
  };
}

/** The month chosen, counted up to `today`; null for a month that has not started. */
export function monthPeriod(choice: MonthChoice, today: LocalDate): Period | null {
  const first = choice.kind === 'month' ? `${choice.month}-01` : addMonths(`${monthKey(today)}-01`, choice.kind === 'last' ? -1 : 0);
  const range = monthRange(first);
  if (compareDates(range.start, today) > 0) return null;
  const days = counted(range, today);
  const previousStart = addMonths(range.start, -1);
  const toDate = days.end !== range.end;
  return {
    unit: 'month',
    key: monthKey(first),
    range,
    counted: days,
    // Same days of the previous month; a whole month compares with the whole previous one.
    previous: { start: previousStart, end: toDate ? minDate(addMonths(days.end, -1), endOfMonth(previousStart)) : endOfMonth(previousStart) },
    toDate,
  };
}
