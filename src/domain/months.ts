/** Monthly requirements (visits, check-ins): one per calendar month with active days in the term. */
import type { LocalDate } from './dates.js';
import { civilFromDay, dayFromCivil, daysInMonth, formatDay, formatMonth, parseDay, type Day, type MonthIndex } from './days.js';
import {
  eventDates,
  lastActiveDayIn,
  sortDistinct,
  termDaysFrom,
  type ClientFacts,
  type Term,
  type TermDays,
} from './periods.js';
import type { ScheduleRules } from './rules.js';
import { withPrior } from './tracking.js';

export interface MonthRequirement {
  /** 'YYYY-MM' */
  month: string;
  /** First day of the calendar month: events on any day of the month count. */
  start: LocalDate;
  /** The last active day of the month in the term. */
  deadline: LocalDate;
  /** Distinct days with a qualifying event in the month. */
  count: number;
  met: boolean;
}

/** A monthly requirement in day numbers. */
export interface MonthDays {
  month: MonthIndex;
  start: Day;
  deadline: Day;
  count: number;
  met: boolean;
}

/**
 * The monthly requirements of `term`, in date order. `days`: sorted days of qualifying events
 * (each entry counts once). With `after`, only the months that can matter to what is due after
 * that day (the last event) are listed: those whose deadline is before it are left out (earlier
 * months are not even looked at), and the list stops at the first unmet month with a later
 * deadline. Months whose deadline is before `requiredFrom` (tracking.ts) are not required and
 * never listed.
 */
export function monthDays(
  term: TermDays,
  days: readonly Day[],
  perMonth: number,
  after?: Day,
  requiredFrom: Day = -Infinity,
): MonthDays[] {
  const from = Math.max(after ?? -Infinity, requiredFrom);
  const months: MonthDays[] = [];
  const first = civilFromDay(Math.max(term.start, from));
  let year = first.year;
  let month = first.month;
  let e = 0; // days before `e` precede the current month
  for (let start = dayFromCivil(year, month, 1); start <= term.lastDay; ) {
    const next = start + daysInMonth(year, month);
    // on_leave and suspended days pause the requirement; a month with no active day has none.
    const deadline = lastActiveDayIn(term, Math.max(start, term.start), Math.min(next - 1, term.lastDay));
    if (deadline !== null && deadline >= from) {
      while (e < days.length && days[e]! < start) e++;
      let count = 0;
      while (e + count < days.length && days[e + count]! < next) count++;
      const met = count >= perMonth;
      months.push({ month: year * 12 + month - 1, start, deadline, count, met });
      if (after !== undefined && !met && deadline > after) break;
    }
    start = next;
    if (++month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}

/** `dates`: sorted distinct dates of qualifying events. */
export function monthsOf(term: Term, dates: LocalDate[], perMonth: number): MonthRequirement[] {
  const days = dates.map(parseDay).sort((a, b) => a - b);
  return monthDays(termDaysFrom(term), days, perMonth).map((m) => ({
    month: formatMonth(m.month),
    start: formatDay(m.start),
    deadline: formatDay(m.deadline),
    count: m.count,
    met: m.met,
  }));
}

/** Dates of visits that satisfy the monthly meeting: only the rule's counting kinds (not phone). */
export function countingVisitDates(facts: ClientFacts, rules: ScheduleRules, today: LocalDate): LocalDate[] {
  return eventDates(facts.visits.filter((v) => rules.visit.countingKinds.includes(v.kind)), today);
}

/** countingVisitDates as day numbers, with the last visit before tracking began (tracking.ts). */
export function countingVisitDays(facts: ClientFacts, rules: ScheduleRules, today: Day): Day[] {
  const days: Day[] = [];
  for (const v of facts.visits) {
    if (!rules.visit.countingKinds.includes(v.kind)) continue;
    const d = parseDay(v.date);
    if (d <= today) days.push(d);
  }
  return withPrior(sortDistinct(days), facts.prior?.visit, today);
}
