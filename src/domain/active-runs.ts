/**
 * The days on which a client counts as active (active.ts), and as met face to face this month,
 * over the whole term, as runs of days: the weekly counts read these runs for a whole city
 * instead of working out both answers for every client at report time (like the overdue days,
 * overdue.ts).
 *
 * - Active: whether a client is active can only change on the term start, on the day a status
 *   period starts or the day after it ends, and on the day after the term's last day as it stands
 *   (termLastDayOn). Between two period days nothing blocks or unblocks the client and the days
 *   suspended so far stay the same, so one answer per stretch is exact, not sampled.
 * - Met this month (the counts' 本月已见面): on day D, a counting visit dated from the first of
 *   D's month to D. Within a month that is true from the month's first counting visit to the
 *   month's last day; only the days the client is also active count. Pure.
 */
import { termLastDayOn } from './active.js';
import { civilFromDay, dayFromCivil, daysInMonth, parseDay, type Day, type DayRun } from './days.js';
import { sortDistinct, type ClientFacts } from './periods.js';
import type { ScheduleRules } from './rules.js';

export interface ActiveRuns {
  /** The active days, in order, disjoint and not touching. */
  active: DayRun[];
  /** The active days met face to face since the first of their month, in order; none crosses a month's end. */
  met: DayRun[];
}

type Facts = Pick<ClientFacts, 'termStart' | 'plannedTermEnd' | 'periods' | 'awaitingReportIn' | 'visits'>;

/** The days from which the active answer holds until the next one (see above), ascending, none before the term start. */
function stretchStarts(facts: Facts): Day[] {
  const start = parseDay(facts.termStart);
  const days = [start];
  for (const p of facts.periods) {
    days.push(parseDay(p.start));
    if (p.end !== null) days.push(parseDay(p.end) + 1);
  }
  return sortDistinct(days.filter((d) => d >= start));
}

/** Awaiting report-in: none (termLastDayOn answers null on every day). */
function activeDays(facts: Facts): DayRun[] {
  const starts = stretchStarts(facts);
  const runs: DayRun[] = [];
  starts.forEach((from, i) => {
    const last = termLastDayOn(facts, from);
    const end = Math.min(last ?? -Infinity, (starts[i + 1] ?? Infinity) - 1);
    if (end < from) return;
    const previous = runs.at(-1);
    if (previous && previous.end + 1 === from) previous.end = end;
    else runs.push({ start: from, end });
  });
  return runs;
}

const monthEnd = (d: Day): Day => {
  const { year, month } = civilFromDay(d);
  return dayFromCivil(year, month, daysInMonth(year, month));
};

/** From each month's first counting visit to the month's end, within the active runs. */
function metDays(active: DayRun[], visits: Day[]): DayRun[] {
  const met: DayRun[] = [];
  let seen: Day | null = null;
  for (const visit of visits) {
    const end = monthEnd(visit);
    // Only the month's first visit: the visits are in order.
    if (end === seen) continue;
    seen = end;
    for (const run of active) {
      const [from, to] = [Math.max(run.start, visit), Math.min(run.end, end)];
      if (from <= to) met.push({ start: from, end: to });
    }
  }
  return met;
}

export function activeRuns(facts: Facts, rules: ScheduleRules): ActiveRuns {
  const active = activeDays(facts);
  const kinds: readonly string[] = rules.visit.countingKinds;
  const visits = sortDistinct(facts.visits.filter((v) => kinds.includes(v.kind)).map((v) => parseDay(v.date)));
  return { active, met: metDays(active, visits) };
}
