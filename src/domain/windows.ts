/**
 * Urine-test windows: each term year split into equal runs of months, stretched by suspension.
 * A window is closed by a test taken in it; a refusal leaves it open (schedule.ts §3).
 */
import type { LocalDate } from './dates.js';
import { civilFromDay, clampedDay, formatDay, monthIndexOf, parseDay, type Day, type MonthIndex } from './days.js';
import { calendarDay, testDaysWith, termDaysOf, type ClientFacts, type TermDays } from './periods.js';
import { DEFAULT_RULES, type ScheduleRules } from './rules.js';
import { requiredFrom, takenTestDays } from './tracking.js';

export interface TestWindow {
  /** 1-based term year. */
  termYear: number;
  /** 1-based position within the term year. */
  index: number;
  start: LocalDate;
  end: LocalDate;
  /**
   * The first test taken within the window: a result of negative or positive, or the test given
   * at intake. A refusal does not close it (the test is still owed).
   */
  closedBy: LocalDate | null;
  /**
   * Ended before today with no test taken and no refusal in it. A window holding a refusal that
   * ends untested is not missed as well: its refusal already counts (schedule.ts §6).
   */
  missed: boolean;
}

/** A test window in day numbers. */
export interface WindowDays {
  termYear: number;
  index: number;
  start: Day;
  end: Day;
  closedBy: Day | null;
}

/** Days from `start` to `months` calendar months after it (Jan 31 + 1 month → Feb 28/29). */
function monthsLater(start: Day, startMonth: MonthIndex, startDayOfMonth: number, months: number): number {
  return clampedDay(startMonth + months, startDayOfMonth) - start;
}

/**
 * The test windows of a term, in date order (each starts the day after the previous one ends).
 * `plannedLast`: planned term end − term start, in days. `tests`: sorted distinct test days.
 * With `after`, only the windows that can matter to what is due after that day (the last test)
 * are listed: those ending before it are left out, and the list stops at the first unclosed
 * window ending later. Windows ending before `requiredFrom` (tracking.ts) are not required and
 * never listed.
 */
export function windowDays(
  term: TermDays,
  plannedLast: number,
  testsPerYear: readonly number[],
  tests: readonly Day[],
  after?: Day,
  requiredFrom: Day = -Infinity,
): WindowDays[] {
  const from = Math.max(after ?? -Infinity, requiredFrom);
  // Planned offsets are always computed from the term start so month ends do not drift.
  const civil = civilFromDay(term.start);
  const startMonth = monthIndexOf(civil);
  const startDayOfMonth = civil.day;
  const windows: WindowDays[] = [];
  let t = 0; // tests before `t` precede the current window
  for (let year = 0; ; year++) {
    const n = testsPerYear[Math.min(year, 2)]!;
    let plannedStart = monthsLater(term.start, startMonth, startDayOfMonth, 12 * year);
    // Also ends the loop should a year have no windows (n = 0, which validated rules never allow).
    if (plannedStart > plannedLast) return windows;
    if (from > term.start) {
      // A term year that ends before `from` contributes nothing: skip its windows in one step.
      const plannedYearEnd = monthsLater(term.start, startMonth, startDayOfMonth, 12 * (year + 1));
      const nextYear = plannedYearEnd <= plannedLast ? calendarDay(term, plannedYearEnd) : null;
      if (nextYear !== null && nextYear - 1 < from) continue;
    }
    for (let i = 0; i < n; i++) {
      if (plannedStart > plannedLast) return windows;
      const start = calendarDay(term, plannedStart);
      // Unknown start (open suspension) or after the schedule ended: nothing more to require.
      if (start === null || start > term.lastDay) return windows;
      const plannedNext = monthsLater(term.start, startMonth, startDayOfMonth, 12 * year + ((i + 1) * 12) / n);
      let end: Day;
      if (plannedNext > plannedLast && term.effectiveEnd !== null) {
        // The window reaches the known term end, so it ends there whatever follows the term,
        // even a suspension left open after it.
        end = term.lastDay;
      } else {
        const next = calendarDay(term, plannedNext);
        // The window ends in an open suspension: its end is unknown.
        if (next === null) return windows;
        end = Math.min(next - 1, term.lastDay);
      }
      plannedStart = plannedNext;
      while (t < tests.length && tests[t]! < start) t++;
      if (end < from) continue;
      const closedBy = t < tests.length && tests[t]! <= end ? tests[t]! : null;
      windows.push({ termYear: year + 1, index: i + 1, start, end, closedBy });
      if (after !== undefined && closedBy === null && end > after) return windows;
    }
  }
}

/** Whether sorted `days` hold one in [start, end]. */
function anyIn(days: readonly Day[], start: Day, end: Day): boolean {
  let lo = 0;
  let hi = days.length; // the first day ≥ start is in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < days.length && days[lo]! <= end;
}

/**
 * Whether window `w` still owes a test that, not taken by its end, makes it a missed window: no
 * test taken in it and no refusal in it among `refused` (sorted refusal days up to today).
 */
export function canBeMissed(w: WindowDays, refused: readonly Day[]): boolean {
  return w.closedBy === null && !anyIn(refused, w.start, w.end);
}

/** Test windows up to the effective term end; `missed` is only judged when `today` is given. */
export function testWindows(
  facts: ClientFacts,
  rules: ScheduleRules = DEFAULT_RULES,
  today?: LocalDate,
): TestWindow[] {
  const term = termDaysOf(facts);
  const todayDay = today === undefined ? null : parseDay(today);
  const plannedLast = parseDay(facts.plannedTermEnd) - term.start;
  const testsPerYear = rules.urineTest[facts.program];
  const tests = takenTestDays(facts, todayDay ?? Infinity);
  const refused = testDaysWith(facts, 'refused', todayDay ?? Infinity);
  // Only the events matter to when tracking requires tests from; visits and check-ins do not.
  const from = requiredFrom(facts, term, testsPerYear, { visits: [], checkIns: [], tests }).test;
  return windowDays(term, plannedLast, testsPerYear, tests, undefined, from).map((w) => ({
    termYear: w.termYear,
    index: w.index,
    start: formatDay(w.start),
    end: formatDay(w.end),
    closedBy: w.closedBy === null ? null : formatDay(w.closedBy),
    missed: todayDay !== null && w.end < todayDay && canBeMissed(w, refused),
  }));
}
