/** What a caseworker must do next for a client: one item per requirement kind. */
import { compareDates, diffDays, type LocalDate } from './dates.js';
import { countingVisitDates, monthsOf, type MonthRequirement } from './months.js';
import { eventDates, statusOn, termOf, type ClientFacts } from './periods.js';
import { DEFAULT_RULES } from './rules.js';
import { isTerminalStatus } from './types.js';
import { windowsOf } from './windows.js';

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

/** A month or test window, in date order. */
interface Requirement {
  periodStart: LocalDate;
  deadline: LocalDate;
  met: boolean;
}

function dueItem(
  kind: DueKind,
  requirements: Requirement[],
  /** Sorted dates of qualifying events up to today. */
  events: LocalDate[],
  today: LocalDate,
  dueSoonDays: number,
): DueItem | null {
  const lastEvent = events.at(-1);
  // An event after a missed deadline clears the overdue state; the miss stays in compliance.
  const overdue = requirements.find(
    (r) => !r.met && r.deadline < today && (lastEvent === undefined || r.deadline > lastEvent),
  );
  if (overdue) {
    const daysOverdue = diffDays(today, overdue.deadline);
    return { kind, state: 'overdue', dueDate: overdue.deadline, daysOverdue, periodStart: overdue.periodStart };
  }
  // The current period is the first whose deadline has not passed; if it is met, the next one.
  const current = requirements.findIndex((r) => r.deadline >= today);
  const next = current < 0 ? undefined : requirements.slice(current).find((r) => !r.met);
  if (next === undefined) return null;
  const days = diffDays(next.deadline, today);
  const state = days === 0 ? 'dueToday' : days <= dueSoonDays ? 'dueSoon' : 'upcoming';
  return { kind, state, dueDate: next.deadline, daysOverdue: 0, periodStart: next.periodStart };
}

const fromMonths = (months: MonthRequirement[]): Requirement[] =>
  months.map((m) => ({ periodStart: m.start, deadline: m.deadline, met: m.met }));

export function dueItems(facts: ClientFacts, today: LocalDate, rules = DEFAULT_RULES): DueItem[] {
  const term = termOf(facts);
  const status = statusOn(facts, today);
  if (today > term.lastDay || status === 'suspended' || isTerminalStatus(status)) return [];
  const tests = windowsOf(term, facts, rules, today).map((w) => ({
    periodStart: w.start,
    deadline: w.end,
    met: w.closedBy !== null,
  }));
  const items = [dueItem('urineTest', tests, eventDates(facts.tests, today), today, rules.dueSoonDays)];
  // Leave pauses meetings and report-ins, not tests.
  if (status !== 'on_leave') {
    const visits = countingVisitDates(facts, rules, today);
    const checkIns = eventDates(facts.checkIns, today);
    const visitMonths = monthsOf(term, visits, rules.visit.perCalendarMonth);
    const checkInMonths = monthsOf(term, checkIns, rules.checkIn.perCalendarMonth);
    items.push(
      dueItem('visit', fromMonths(visitMonths), visits, today, rules.dueSoonDays),
      dueItem('checkIn', fromMonths(checkInMonths), checkIns, today, rules.dueSoonDays),
    );
  }
  return items.filter((i) => i !== null).sort(compareDueItems);
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
