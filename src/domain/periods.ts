/**
 * A client's status over time and the term clock that suspension stops (《戒毒条例》 Art. 24).
 * Semantics are documented in schedule.ts. Inside the schedule modules dates are compared as
 * strings: valid 'YYYY-MM-DD' strings sort chronologically.
 */
import { addDays, addYears, diffDays, minDate, type LocalDate } from './dates.js';
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
  visits: { date: LocalDate; kind: VisitKind }[];
  checkIns: { date: LocalDate }[];
  tests: { date: LocalDate; result: UrineResult }[];
}

/**
 * Sorted distinct dates: a record saved twice counts once. With `today`, later dates are dropped
 * (they can only be entry errors).
 */
export function eventDates(events: { date: LocalDate }[], today?: LocalDate): LocalDate[] {
  const dates = events.map((e) => e.date).filter((d) => today === undefined || d <= today);
  return [...new Set(dates)].sort();
}

/** Tie-break between periods starting the same day: the more restrictive status wins. */
const RANK: Record<StatusPeriod['status'], number> = {
  on_leave: 1,
  suspended: 2,
  completed: 3,
  transferred_out: 4,
  terminated: 5,
};

function covers(p: StatusPeriod, d: LocalDate): boolean {
  // A terminal status never ends, whatever its end date says.
  return p.start <= d && (isTerminalStatus(p.status) || p.end === null || d <= p.end);
}

function wins(a: StatusPeriod, b: StatusPeriod): boolean {
  const [ta, tb] = [isTerminalStatus(a.status), isTerminalStatus(b.status)];
  if (ta !== tb) return ta;
  if (a.start !== b.start) return a.start > b.start;
  return RANK[a.status] > RANK[b.status];
}

export function statusOn(facts: Pick<ClientFacts, 'periods'>, d: LocalDate): ClientStatus {
  let best: StatusPeriod | undefined;
  for (const p of facts.periods) {
    if (covers(p, d) && (best === undefined || wins(p, best))) best = p;
  }
  return best?.status ?? 'active';
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

function segmentsFrom(facts: ClientFacts): Segment[] {
  const start = facts.termStart;
  const cuts = new Set<LocalDate>([start]);
  for (const p of facts.periods) {
    if (p.start > start) cuts.add(p.start);
    if (p.end !== null && p.end >= start && !isTerminalStatus(p.status)) cuts.add(addDays(p.end, 1));
  }
  const segments: Segment[] = [];
  for (const cut of [...cuts].sort()) {
    const status = statusOn(facts, cut);
    const last = segments.at(-1);
    if (last?.status === status) continue;
    if (last) last.end = addDays(cut, -1);
    segments.push({ start: cut, end: null, status });
  }
  return segments;
}

/** The calendar date `offset` un-suspended days after the term start; null inside an open suspension. */
function calendarOf(segments: Segment[], start: LocalDate, offset: number): LocalDate | null {
  if (offset < 0) return addDays(start, offset);
  let remaining = offset;
  for (const s of segments) {
    if (s.status === 'suspended') {
      if (s.end === null) return null;
      continue;
    }
    if (s.end === null || remaining <= diffDays(s.end, s.start)) return addDays(s.start, remaining);
    remaining -= diffDays(s.end, s.start) + 1;
  }
  return null; // unreachable: the last segment is open-ended
}

/** Un-suspended days in [term start, d): the term time elapsed at d. */
function termTimeAt(term: Term, d: LocalDate): number {
  if (d <= term.start) return diffDays(d, term.start);
  let days = 0;
  for (const s of term.segments) {
    if (s.start >= d) break;
    if (s.status === 'suspended') continue;
    const end = s.end === null || s.end >= d ? addDays(d, -1) : s.end;
    days += diffDays(end, s.start) + 1;
  }
  return days;
}

export function termOf(facts: ClientFacts): Term {
  const segments = segmentsFrom(facts);
  const effectiveEnd = calendarOf(
    segments,
    facts.termStart,
    diffDays(facts.plannedTermEnd, facts.termStart),
  );
  const last = segments.at(-1)!;
  // With no effective end the last segment is the open suspension.
  let lastDay = effectiveEnd ?? addDays(last.start, -1);
  const terminal = segments.find((s) => isTerminalStatus(s.status));
  if (terminal) lastDay = minDate(lastDay, addDays(terminal.start, -1));
  return { start: facts.termStart, effectiveEnd, lastDay, segments };
}

/** Maps a planned offset from the term start to the calendar, skipping suspended days. */
export function toCalendar(term: Term, offset: number): LocalDate | null {
  return calendarOf(term.segments, term.start, offset);
}

export function effectiveTermEnd(facts: ClientFacts): LocalDate | null {
  return termOf(facts).effectiveEnd;
}

/** 1-based term year at d, in term time; null outside the term or after a terminal status. */
export function termYearOn(facts: ClientFacts, d: LocalDate): number | null {
  const term = termOf(facts);
  if (d < term.start || (term.effectiveEnd !== null && d > term.effectiveEnd)) return null;
  if (isTerminalStatus(statusOn(facts, d))) return null;
  const elapsed = termTimeAt(term, d);
  let year = 1;
  while (diffDays(addYears(term.start, year), term.start) <= elapsed) year++;
  return year;
}

/** The last day in [from, to] whose status is 'active', or null. */
export function lastActiveDay(term: Term, from: LocalDate, to: LocalDate): LocalDate | null {
  let last: LocalDate | null = null;
  for (const s of term.segments) {
    if (s.status !== 'active' || s.start > to || (s.end !== null && s.end < from)) continue;
    last = s.end === null || s.end > to ? to : s.end;
  }
  return last;
}
