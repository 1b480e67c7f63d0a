/**
 * The days on which a client has something overdue (schedule.ts §5), over the whole term, as
 * runs of days. What is due on a day depends only on the events up to it, so one pass over the
 * facts answers "overdue on day D?" for every D — the weekly counts read these runs instead of
 * running the schedule for every client at report time.
 *
 * The answer can only change on a day when something it depends on changes: an event day (the
 * last event, and which months and windows are met), the day after a deadline (a month's last
 * active day, a test window's end), a status period's start or the day after its end, the term
 * start and the day after the schedule's last day. Between two such days it stays the same, so
 * asking duesOn on each of them is exact, not sampled.
 */
import type { LocalDate } from './dates.js';
import { runDates, type Day, type DayRun } from './days.js';
import { duesOn, prepareFacts, type PreparedFacts } from './due.js';
import { monthDays } from './months.js';
import { sortDistinct, type ClientFacts } from './periods.js';
import type { ScheduleRules } from './rules.js';
import { windowDays } from './windows.js';

/** Days start…end (inclusive) on which the client had, or with nothing more recorded will have, something overdue. */
export type OverdueRun = DayRun;

/** The days on which what is overdue can change (see above), ascending, none before the term start. */
function changeDays(p: PreparedFacts): Day[] {
  const { term, rules } = p;
  const days: Day[] = [term.start, term.lastDay + 1];
  for (const list of [p.visits, p.checkIns, p.tests]) days.push(...list);
  for (const period of p.periods) {
    days.push(period.start);
    if (period.end !== Infinity) days.push(period.end + 1);
  }
  // Every month and window of the term: with no events nothing is pruned.
  for (const perMonth of [rules.visit.perCalendarMonth, rules.checkIn.perCalendarMonth]) {
    for (const m of monthDays(term, [], perMonth)) days.push(m.deadline + 1);
  }
  for (const w of windowDays(term, p.plannedLast, rules.urineTest[p.program], [])) days.push(w.end + 1);
  return sortDistinct(days.filter((d) => d >= term.start && d <= term.lastDay + 1));
}

const overdueOn = (p: PreparedFacts, day: Day) => duesOn(p, day).some((d) => d.state === 'overdue');

/** The runs of overdue days, in order, disjoint and not touching; none after the schedule's last day. */
export function overdueRuns(facts: ClientFacts, rules: ScheduleRules): OverdueRun[] {
  if (facts.awaitingReportIn) return [];
  const p = prepareFacts(facts, rules);
  const runs: OverdueRun[] = [];
  let open: Day | null = null;
  for (const day of changeDays(p)) {
    const overdue = overdueOn(p, day);
    if (overdue && open === null) open = day;
    if (!overdue && open !== null) {
      runs.push({ start: open, end: day - 1 });
      open = null;
    }
  }
  // The last change day is the day after the schedule's last day, when nothing is due.
  if (open !== null) throw new Error('overdue past the end of the schedule');
  return runs;
}

/** overdueRuns as dates. */
export function overdueSpans(facts: ClientFacts, rules: ScheduleRules): { start: LocalDate; end: LocalDate }[] {
  return runDates(overdueRuns(facts, rules));
}
