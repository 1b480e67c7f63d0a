/** Monthly requirements (visits, check-ins): one per calendar month with active days in the term. */
import { addMonths, endOfMonth, maxDate, minDate, monthKey, startOfMonth, type LocalDate } from './dates.js';
import { eventDates, lastActiveDay, type ClientFacts, type Term } from './periods.js';
import type { ScheduleRules } from './rules.js';

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

/** `dates`: sorted distinct dates of qualifying events. */
export function monthsOf(term: Term, dates: LocalDate[], perMonth: number): MonthRequirement[] {
  const perKey = new Map<string, number>();
  for (const d of dates) {
    const key = monthKey(d);
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
  }
  const months: MonthRequirement[] = [];
  for (let start = startOfMonth(term.start); start <= term.lastDay; start = addMonths(start, 1)) {
    const end = endOfMonth(start);
    // on_leave and suspended days pause the requirement; a month with no active day has none.
    const deadline = lastActiveDay(term, maxDate(start, term.start), minDate(end, term.lastDay));
    if (deadline === null) continue;
    const month = monthKey(start);
    const count = perKey.get(month) ?? 0;
    months.push({ month, start, deadline, count, met: count >= perMonth });
  }
  return months;
}

/** Dates of visits that satisfy the monthly meeting: only the rule's counting kinds (not phone). */
export function countingVisitDates(facts: ClientFacts, rules: ScheduleRules, today: LocalDate): LocalDate[] {
  return eventDates(facts.visits.filter((v) => rules.visit.countingKinds.includes(v.kind)), today);
}
