/**
 * A client's status over time and the term clock that suspension stops (《戒毒条例》 Art. 24).
 * Semantics are documented in schedule.ts.
 *
 * The schedule works on integer day numbers (days.ts): TermDays is the term as the window, month
 * and due calculations use it; Term is the same thing in 'YYYY-MM-DD' strings for callers.
 */
import type { LocalDate } from './dates.js';
import { formatDay, monthsAfter, parseDay, type Day } from './days.js';
import {
  isTerminalStatus,
  type ClientStatus,
  type Program,
  type UrineResult,
  type VisitKind,
} from './types.js';

/** Inclusive; end null = open. on_leave has end = planned return date. */
export interface StatusPeriod {
  status: Exclude<ClientStatus, 'active'>;
  start: LocalDate;
  end: LocalDate | null;
}

export interface ClientFacts {
  program: Program;
  /** Report-in date. */
  termStart: LocalDate;
  /** Inclusive, before any suspension extension. */
  plannedTermEnd: LocalDate;
  /** Non-active periods in any order; a date not covered by any is 'active'. */
  periods: StatusPeriod[];
  /**
   * The day the bot began to follow a client registered mid-term (tracking.ts): nothing due
   * before it counts as missed. Absent, null or not after termStart: followed from the term start.
   */
  trackedFrom?: LocalDate | null;
  /** History before trackedFrom, as given at intake: the last face-to-face visit, check-in and test. */
  prior?: { visit?: LocalDate | null; checkIn?: LocalDate | null; test?: LocalDate | null };
  visits: { date: LocalDate; kind: VisitKind }[];
  checkIns: { date: LocalDate }[];
  tests: { date: LocalDate; result: UrineResult }[];
  /**
   * Unauthorised absences from the county (擅自离开, 《戒毒条例》 Art. 20 (二)), inclusive;
   * until null = still away. Absent: none recorded.
   */
  absences?: { from: LocalDate; until: LocalDate | null }[];
  /** The date of the decision ordering the measure (决定书); absent or null when not known. */
  decisionDate?: LocalDate | null;
  /**
   * The day the client reported in here; absent or null: termStart. Later than termStart only
   * for a transfer, whose term continues from the first report-in (《戒毒条例》 Art. 22).
   */
  reportedOn?: LocalDate | null;
  /**
   * Registered on the decision but not yet reported in (《戒毒条例》 Art. 14, 38): nothing is due and
   * no term runs yet (termStart then holds the decision date); only the report-in deadline counts.
   */
  awaitingReportIn?: boolean;
}

/**
 * Sorted distinct dates: a record saved twice counts once. With `today`, later dates are dropped
 * (they can only be entry errors).
 */
export function eventDates(events: { date: LocalDate }[], today?: LocalDate): LocalDate[] {
  const dates = events.map((e) => e.date).filter((d) => today === undefined || d <= today);
  return [...new Set(dates)].sort();
}

/** Sorted distinct days of the tests with `result`, none after `today`. */
export function testDaysWith(facts: Pick<ClientFacts, 'tests'>, result: UrineResult, today: Day = Infinity): Day[] {
  const days: Day[] = [];
  for (const t of facts.tests) {
    if (t.result !== result) continue;
    const d = parseDay(t.date);
    if (d <= today) days.push(d);
  }
  return sortDistinct(days);
}

/** Sorts ascending and drops repeats, in place. */
export function sortDistinct(days: Day[]): Day[] {
  // Records usually arrive in date order (and the daily job passes one or two), so look first.
  for (let i = 1; i < days.length; i++) {
    if (days[i]! < days[i - 1]!) {
      days.sort((a, b) => a - b);
      break;
    }
  }
  let n = 0;
  for (let i = 0; i < days.length; i++) {
    if (n === 0 || days[i] !== days[n - 1]) days[n++] = days[i]!;
  }
  if (n < days.length) days.length = n; // setting length is slow: only when something was dropped
  return days;
}

/** eventDates as day numbers: sorted, distinct, none after `today`. */
export function eventDays(events: readonly { date: LocalDate }[], today: Day = Infinity): Day[] {
  const days: Day[] = [];
  for (const e of events) {
    const d = parseDay(e.date);
    if (d <= today) days.push(d);
  }
  return sortDistinct(days);
}

/** Tie-break between periods starting the same day: the more restrictive status wins. */
const RANK: Record<StatusPeriod['status'], number> = {
  on_leave: 1,
  suspended: 2,
  completed: 3,
  transferred_out: 4,
  terminated: 5,
};

/** A status period in day numbers. */
export interface PeriodDays {
  status: StatusPeriod['status'];
  start: Day;
  /** The recorded end; Infinity when open. */
  end: Day;
  terminal: boolean;
}

export function periodDays(periods: readonly StatusPeriod[]): PeriodDays[] {
  return periods.map((p) => ({
    status: p.status,
    start: parseDay(p.start),
    end: p.end === null ? Infinity : parseDay(p.end),
    terminal: isTerminalStatus(p.status),
  }));
}

function covers(p: PeriodDays, d: Day): boolean {
  // A terminal status never ends, whatever its end date says.
  return p.start <= d && (p.terminal || d <= p.end);
}

function wins(a: PeriodDays, b: PeriodDays): boolean {
  if (a.terminal !== b.terminal) return a.terminal;
  if (a.start !== b.start) return a.start > b.start;
  return RANK[a.status] > RANK[b.status];
}

/** statusOn over parsed periods. */
export function statusOnDay(periods: readonly PeriodDays[], d: Day): ClientStatus {
  let best: PeriodDays | undefined;
  for (const p of periods) {
    if (covers(p, d) && (best === undefined || wins(p, best))) best = p;
  }
  return best?.status ?? 'active';
}

export function statusOn(facts: Pick<ClientFacts, 'periods'>, d: LocalDate): ClientStatus {
  return statusOnDay(periodDays(facts.periods), parseDay(d));
}

/** A run of days with one status; the last segment is open-ended. */
export interface Segment {
  start: LocalDate;
  end: LocalDate | null;
  status: ClientStatus;
}

/** A client's term, computed once and shared by the window, month and flag calculations. */
export interface Term {
  start: LocalDate;
  /** Planned end moved later by suspended days; null while a suspension is open. */
  effectiveEnd: LocalDate | null;
  /** Last day anything can be required: effective end, the day before a terminal status or an open suspension. */
  lastDay: LocalDate;
  /** Statuses from termStart onward. */
  segments: Segment[];
}

/** A Segment in day numbers. */
export interface SegmentDays {
  start: Day;
  /** Infinity for the last, open-ended segment. */
  end: Day;
  status: ClientStatus;
}

/** A Term in day numbers (same fields, same meaning). */
export interface TermDays {
  start: Day;
  effectiveEnd: Day | null;
  lastDay: Day;
  segments: SegmentDays[];
}

function segmentsFrom(start: Day, periods: readonly PeriodDays[]): SegmentDays[] {
  // Status can only change where a period starts or the day after a (non-terminal) one ends.
  const cuts = [start];
  for (const p of periods) {
    if (p.start > start) cuts.push(p.start);
    if (!p.terminal && p.end !== Infinity && p.end >= start) cuts.push(p.end + 1);
  }
  const segments: SegmentDays[] = [];
  for (const cut of sortDistinct(cuts)) {
    const status = statusOnDay(periods, cut);
    const last = segments.at(-1);
    if (last?.status === status) continue;
    if (last) last.end = cut - 1;
    segments.push({ start: cut, end: Infinity, status });
  }
  return segments;
}

/** The day `offset` un-suspended days after the term start; null inside an open suspension. */
export function calendarDay(term: Pick<TermDays, 'start' | 'segments'>, offset: number): Day | null {
  if (offset < 0) return term.start + offset;
  let remaining = offset;
  for (const s of term.segments) {
    if (s.status === 'suspended') {
      if (s.end === Infinity) return null;
      continue;
    }
    if (remaining <= s.end - s.start) return s.start + remaining;
    remaining -= s.end - s.start + 1;
  }
  return null; // unreachable: the last segment is open-ended
}

/** Un-suspended days in [term start, d): the term time elapsed at d. */
function termTimeAt(term: TermDays, d: Day): number {
  if (d <= term.start) return d - term.start;
  let days = 0;
  for (const s of term.segments) {
    if (s.start >= d) break;
    if (s.status === 'suspended') continue;
    days += Math.min(s.end, d - 1) - s.start + 1;
  }
  return days;
}

/** The term of a client in day numbers, from parsed periods. */
export function termDays(termStart: Day, plannedTermEnd: Day, periods: readonly PeriodDays[]): TermDays {
  const segments = segmentsFrom(termStart, periods);
  const effectiveEnd = calendarDay({ start: termStart, segments }, plannedTermEnd - termStart);
  const last = segments.at(-1)!;
  // With no effective end the last segment is the open suspension.
  let lastDay = effectiveEnd ?? last.start - 1;
  const terminal = segments.find((s) => isTerminalStatus(s.status));
  if (terminal) lastDay = Math.min(lastDay, terminal.start - 1);
  return { start: termStart, effectiveEnd, lastDay, segments };
}

export function termDaysOf(facts: ClientFacts): TermDays {
  return termDays(parseDay(facts.termStart), parseDay(facts.plannedTermEnd), periodDays(facts.periods));
}

/** formatDay, keeping null (and Infinity, an open end) as null. */
const formatOrNull = (d: Day | null): LocalDate | null => (d === null || d === Infinity ? null : formatDay(d));

function termText(t: TermDays): Term {
  return {
    start: formatDay(t.start),
    effectiveEnd: formatOrNull(t.effectiveEnd),
    lastDay: formatDay(t.lastDay),
    segments: t.segments.map((s) => ({ start: formatDay(s.start), end: formatOrNull(s.end), status: s.status })),
  };
}

/** A Term given by a caller, back in day numbers. */
export function termDaysFrom(term: Term): TermDays {
  return {
    start: parseDay(term.start),
    effectiveEnd: term.effectiveEnd === null ? null : parseDay(term.effectiveEnd),
    lastDay: parseDay(term.lastDay),
    segments: term.segments.map((s) => ({
      start: parseDay(s.start),
      end: s.end === null ? Infinity : parseDay(s.end),
      status: s.status,
    })),
  };
}

export function termOf(facts: ClientFacts): Term {
  return termText(termDaysOf(facts));
}

export function effectiveTermEnd(facts: ClientFacts): LocalDate | null {
  return formatOrNull(termDaysOf(facts).effectiveEnd);
}

/**
 * The planned last day of a term of `months` calendar months from `start`: the day before the
 * anniversary, with the month step of the test windows and term years (clamped to a shorter
 * month: a term from 29 February 2024 has its anniversaries on 28 February, so 36 months end on
 * 27 February 2027). Any other end would leave a window past the planned end or a day uncovered.
 * `months` is a whole number ≥ 1 (36 for 社区戒毒, 1–36 for 社区康复); anything else is a bug.
 */
export function plannedTermEndOf(start: LocalDate, months: number): LocalDate {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`not a term length in months: ${months}`);
  return formatDay(monthsAfter(parseDay(start), months) - 1);
}

/** 1-based term year at d, in term time; null outside the term or after a terminal status. */
export function termYearOn(facts: ClientFacts, d: LocalDate): number | null {
  const periods = periodDays(facts.periods);
  const term = termDays(parseDay(facts.termStart), parseDay(facts.plannedTermEnd), periods);
  const day = parseDay(d);
  if (day < term.start || (term.effectiveEnd !== null && day > term.effectiveEnd)) return null;
  if (isTerminalStatus(statusOnDay(periods, day))) return null;
  return termYearAt(term, day);
}

/** 1-based term year at `day` (not before the term start), in term time. */
export function termYearAt(term: TermDays, day: Day): number {
  const elapsed = termTimeAt(term, day);
  // Term year k starts k calendar years after the start in term time (Feb 29 → Feb 28).
  let year = 1;
  while (monthsAfter(term.start, 12 * year) - term.start <= elapsed) year++;
  return year;
}

/** The last day in [from, to] whose status is 'active', or null. */
export function lastActiveDayIn(term: TermDays, from: Day, to: Day): Day | null {
  let last: Day | null = null;
  for (const s of term.segments) {
    if (s.status !== 'active' || s.start > to || s.end < from) continue;
    last = Math.min(s.end, to);
  }
  return last;
}

/** One row of a client's status history, as stored: every status, 'active' included. */
export interface StatusRow {
  status: ClientStatus;
  startsOn: LocalDate;
  endsOn: LocalDate | null;
}

/** The periods the schedule counts from a status history: every row but the 'active' ones. */
export function schedulePeriods(rows: readonly StatusRow[]): StatusPeriod[] {
  return rows.flatMap((r) => (r.status === 'active' ? [] : [{ status: r.status, start: r.startsOn, end: r.endsOn }]));
}
