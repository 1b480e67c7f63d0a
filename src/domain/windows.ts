/** Urine-test windows: each term year split into equal runs of months, stretched by suspension. */
import { addDays, addMonths, diffDays, minDate, type LocalDate } from './dates.js';
import { eventDates, termOf, toCalendar, type ClientFacts, type Term } from './periods.js';
import { DEFAULT_RULES, type ScheduleRules } from './rules.js';

export interface TestWindow {
  /** 1-based term year. */
  termYear: number;
  /** 1-based position within the term year. */
  index: number;
  start: LocalDate;
  end: LocalDate;
  /** The first test (of any result) dated within the window. */
  closedBy: LocalDate | null;
  /** Ended before today without a test. */
  missed: boolean;
}

export function windowsOf(
  term: Term,
  facts: ClientFacts,
  rules: ScheduleRules,
  today?: LocalDate,
): TestWindow[] {
  const tests = eventDates(facts.tests, today);
  const counts = rules.urineTest[facts.program];
  const plannedLast = diffDays(facts.plannedTermEnd, term.start);
  // Planned offsets are always computed from the term start so month ends do not drift.
  const offsetAfter = (months: number): number => diffDays(addMonths(term.start, months), term.start);
  const windows: TestWindow[] = [];
  for (let year = 0; ; year++) {
    const n = counts[Math.min(year, 2)]!;
    for (let i = 0; i < n; i++) {
      const plannedStart = offsetAfter(12 * year + (i * 12) / n);
      if (plannedStart > plannedLast) return windows;
      const start = toCalendar(term, plannedStart);
      const next = toCalendar(term, offsetAfter(12 * year + ((i + 1) * 12) / n));
      // Unknown end (open suspension) or after the schedule ended: nothing more to require.
      if (start === null || next === null || start > term.lastDay) return windows;
      const end = minDate(addDays(next, -1), term.lastDay);
      const closedBy = tests.find((d) => d >= start && d <= end) ?? null;
      const missed = today !== undefined && end < today && closedBy === null;
      windows.push({ termYear: year + 1, index: i + 1, start, end, closedBy, missed });
    }
  }
}

/** Test windows up to the effective term end; `missed` is only judged when `today` is given. */
export function testWindows(
  facts: ClientFacts,
  rules: ScheduleRules = DEFAULT_RULES,
  today?: LocalDate,
): TestWindow[] {
  return windowsOf(termOf(facts), facts, rules, today);
}
