/** What a caseworker must do next for a client: one item per requirement kind. */
import { compareDates, type LocalDate } from './dates.js';
import { formatDay, parseDay, type Day } from './days.js';
import { countingVisitDays, monthDays } from './months.js';
import { periodDays, statusOnDay, termDays, type ClientFacts, type PeriodDays, type TermDays } from './periods.js';
import { DEFAULT_RULES, type ScheduleRules } from './rules.js';
import { checkInDays, requiredFrom, takenTestDays, type RequiredFrom } from './tracking.js';
import { isTerminalStatus } from './types.js';
import { windowDays } from './windows.js';

export type DueKind = 'visit' | 'checkIn' | 'urineTest';
export type DueState = 'overdue' | 'dueToday' | 'dueSoon' | 'upcoming';

export interface DueItem {
  kind: DueKind;
  state: DueState;
  dueDate: LocalDate;
  /** 0 unless overdue. */
  daysOverdue: number;
  periodStart: LocalDate;
}

/** A month or test window in day numbers. Requirements come in date order, deadlines ascending. */
interface Requirement {
  periodStart: Day;
  deadline: Day;
  met: boolean;
}

/** A DueItem in day numbers; formatted only once the list is final. */
export interface Due {
  kind: DueKind;
  state: DueState;
  dueDay: Day;
  daysOverdue: number;
  periodStart: Day;
}

/** The last of sorted days; -Infinity for none. */
const lastOf = (days: readonly Day[]): Day => (days.length > 0 ? days[days.length - 1]! : -Infinity);

function dueOf(
  kind: DueKind,
  requirements: readonly Requirement[],
  /** Sorted days of qualifying events up to today. */
  events: readonly Day[],
  today: Day,
  dueSoonDays: number,
): Due | null {
  const lastEvent = lastOf(events);
  // An event after a missed deadline clears the overdue state; the miss stays in compliance.
  const overdue = requirements.find((r) => !r.met && r.deadline < today && r.deadline > lastEvent);
  if (overdue) {
    const daysOverdue = today - overdue.deadline;
    return { kind, state: 'overdue', dueDay: overdue.deadline, daysOverdue, periodStart: overdue.periodStart };
  }
  // The current period is the first whose deadline has not passed; if it is met, the next one.
  const current = requirements.findIndex((r) => r.deadline >= today);
  const next = current < 0 ? undefined : requirements.find((r, i) => i >= current && !r.met);
  if (next === undefined) return null;
  const days = next.deadline - today;
  const state = days === 0 ? 'dueToday' : days <= dueSoonDays ? 'dueSoon' : 'upcoming';
  return { kind, state, dueDay: next.deadline, daysOverdue: 0, periodStart: next.periodStart };
}

// Due looks at a few requirements, not the whole term. With L the last event (or none), the item
// is the first unmet requirement with a deadline after L: overdue if that deadline has passed,
// else the current or next one (any requirement between L and it is met). Earlier deadlines are
// on or before L, so neither overdue nor current (L ≤ today). The lists below therefore run from
// the requirement holding L to that first unmet one: usually one or two months or windows.

function testRequirements(p: PreparedFacts, tests: readonly Day[]) {
  const windows = windowDays(p.term, p.plannedLast, p.rules.urineTest[p.program], tests, lastOf(tests), p.requiredFrom.test);
  return windows.map((w): Requirement => ({ periodStart: w.start, deadline: w.end, met: w.closedBy !== null }));
}

function monthRequirements(term: TermDays, events: readonly Day[], perMonth: number, from: Day) {
  const months = monthDays(term, events, perMonth, lastOf(events), from);
  return months.map((m): Requirement => ({ periodStart: m.start, deadline: m.deadline, met: m.met }));
}

/** A client's facts parsed once, for asking what is due on many days (overdue.ts). */
export interface PreparedFacts {
  program: ClientFacts['program'];
  term: TermDays;
  periods: PeriodDays[];
  /** Planned term end − term start, in days. */
  plannedLast: number;
  /** Sorted distinct days of every counting visit, check-in and test, future ones and prior dates included. */
  visits: Day[];
  checkIns: Day[];
  tests: Day[];
  /** Requirements due before these days are not required (tracking.ts). */
  requiredFrom: RequiredFrom;
  rules: ScheduleRules;
}

export function prepareFacts(facts: ClientFacts, rules: ScheduleRules = DEFAULT_RULES): PreparedFacts {
  const periods = periodDays(facts.periods);
  const plannedEnd = parseDay(facts.plannedTermEnd);
  const term = termDays(parseDay(facts.termStart), plannedEnd, periods);
  const plannedLast = plannedEnd - term.start;
  const events = { visits: countingVisitDays(facts, rules, Infinity), checkIns: checkInDays(facts), tests: takenTestDays(facts) };
  return {
    program: facts.program,
    term,
    periods,
    plannedLast,
    ...events,
    requiredFrom: requiredFrom(facts, term, rules.urineTest[facts.program], events),
    rules,
  };
}

/** The sorted days up to `day` (events dated later are ignored everywhere). */
function upTo(days: readonly Day[], day: Day): readonly Day[] {
  if (days.length === 0 || days[days.length - 1]! <= day) return days;
  let lo = 0;
  let hi = days.length; // days[hi..] are after `day`
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return days.slice(0, lo);
}

/** The first day of the run of days with one status that holds `day`. */
function segmentStart(term: TermDays, day: Day): Day {
  return term.segments.find((s) => s.start <= day && day <= s.end)?.start ?? term.start;
}

/** What is due on `day`, unordered, in day numbers. */
export function duesOn(p: PreparedFacts, day: Day): Due[] {
  const status = statusOnDay(p.periods, day);
  if (day > p.term.lastDay || status === 'suspended' || isTerminalStatus(status)) return [];
  const { rules } = p;
  const dues: Due[] = [];
  const push = (due: Due | null) => due && dues.push(due);
  const tests = upTo(p.tests, day);
  push(dueOf('urineTest', testRequirements(p, tests), tests, day, rules.dueSoonDays));
  const visits = upTo(p.visits, day);
  const visit = dueOf('visit', monthRequirements(p.term, visits, rules.visit.perCalendarMonth, p.requiredFrom.visit), visits, day, rules.dueSoonDays);
  const checkIns = upTo(p.checkIns, day);
  const checkIn = dueOf('checkIn', monthRequirements(p.term, checkIns, rules.checkIn.perCalendarMonth, p.requiredFrom.checkIn), checkIns, day, rules.dueSoonDays);
  // Leave pauses meetings and report-ins, not tests; what was already overdue the day before the
  // leave began stays overdue (and listed) until done.
  const leftBefore = status === 'on_leave' ? segmentStart(p.term, day) - 1 : Infinity;
  for (const due of [visit, checkIn]) if (due && due.dueDay < leftBefore) dues.push(due);
  return dues;
}

export function dueItems(facts: ClientFacts, today: LocalDate, rules = DEFAULT_RULES): DueItem[] {
  // Not reported in yet: no term runs, nothing is due but the report-in itself.
  if (facts.awaitingReportIn) return [];
  return duesOn(prepareFacts(facts, rules), parseDay(today))
    .sort(compareDues)
    .map((d) => ({
      kind: d.kind,
      state: d.state,
      dueDate: formatDay(d.dueDay),
      daysOverdue: d.daysOverdue,
      periodStart: formatDay(d.periodStart),
    }));
}

const STATE_ORDER: Record<DueState, number> = { overdue: 0, dueToday: 1, dueSoon: 2, upcoming: 3 };
const KIND_ORDER: Record<DueKind, number> = { visit: 0, checkIn: 1, urineTest: 2 };

function compareUrgencyOf(a: DueItem, b: DueItem): number {
  return (
    STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
    b.daysOverdue - a.daysOverdue ||
    compareDates(a.dueDate, b.dueDate)
  );
}

/** compareDueItems on day numbers (no date parsing). */
function compareDues(a: Due, b: Due): number {
  return (
    STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
    b.daysOverdue - a.daysOverdue ||
    a.dueDay - b.dueDay ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind]
  );
}

/** Most urgent first: overdue (longest first), due today, due soon, upcoming; then by due date. */
export function compareDueItems(a: DueItem, b: DueItem): number {
  return compareUrgencyOf(a, b) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}

/** Orders clients by their due lists, most urgent first (for Array.prototype.sort). */
export function compareUrgency(a: DueItem[], b: DueItem[]): number {
  const [sa, sb] = [[...a].sort(compareDueItems), [...b].sort(compareDueItems)];
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const c = compareUrgencyOf(sa[i]!, sb[i]!);
    if (c !== 0) return c;
  }
  return sb.length - sa.length;
}
