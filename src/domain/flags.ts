/** Compliance history and the legal flags of 《戒毒条例》 Art. 20–21. */
import { addDays, compareDates, type DateRange, type LocalDate } from './dates.js';
import { countingVisitDates, monthsOf, type MonthRequirement } from './months.js';
import { eventDates, termOf, type ClientFacts } from './periods.js';
import { DEFAULT_RULES } from './rules.js';
import type { UrineResult } from './types.js';
import { windowsOf } from './windows.js';

export type ViolationCause = { kind: 'missedWindow' | 'refusedTest'; date: LocalDate };

export type LegalFlag =
  | { kind: 'seriousViolation'; raisedOn: LocalDate; causes: ViolationCause[]; key: string }
  | { kind: 'mustReport'; raisedOn: LocalDate; testDate: LocalDate; key: string };

export interface Compliance {
  missedTestWindows: DateRange[];
  refusedTests: LocalDate[];
  positiveTests: LocalDate[];
  /** 'YYYY-MM' of months whose deadline passed without a counting visit. */
  missedVisitMonths: string[];
  missedCheckInMonths: string[];
  flags: LegalFlag[];
}

const missedMonths = (months: MonthRequirement[], today: LocalDate): string[] =>
  months.filter((m) => !m.met && m.deadline < today).map((m) => m.month);

/** Only events on or before `today` and inside the term count. */
export function compliance(facts: ClientFacts, today: LocalDate, rules = DEFAULT_RULES): Compliance {
  const term = termOf(facts);
  const testsWith = (result: UrineResult): LocalDate[] =>
    eventDates(facts.tests.filter((t) => t.result === result), today).filter(
      (d) => d >= term.start && d <= term.lastDay,
    );
  const missedTestWindows = windowsOf(term, facts, rules, today)
    .filter((w) => w.missed)
    .map(({ start, end }) => ({ start, end }));
  const refusedTests = testsWith('refused');
  const positiveTests = testsWith('positive');

  // A window counts as missed on the day after it ended; a refusal on the test date.
  const causes: ViolationCause[] = [
    ...missedTestWindows.map((w) => ({ kind: 'missedWindow' as const, date: addDays(w.end, 1) })),
    ...refusedTests.map((date) => ({ kind: 'refusedTest' as const, date })),
  ].sort((a, b) => compareDates(a.date, b.date)); // stable: a missed window before a same-day refusal
  const threshold = rules.seriousViolationThreshold;
  const flags: LegalFlag[] = positiveTests.map((testDate) => ({
    kind: 'mustReport',
    raisedOn: testDate,
    testDate,
    key: `positive:${testDate}`,
  }));
  if (causes.length >= threshold) {
    const raisedOn = causes[threshold - 1]!.date;
    flags.push({
      kind: 'seriousViolation',
      raisedOn,
      causes: causes.slice(0, threshold),
      key: `serious:${raisedOn}`,
    });
  }
  flags.sort((a, b) => compareDates(a.raisedOn, b.raisedOn));

  return {
    missedTestWindows,
    refusedTests,
    positiveTests,
    missedVisitMonths: missedMonths(
      monthsOf(term, countingVisitDates(facts, rules, today), rules.visit.perCalendarMonth),
      today,
    ),
    missedCheckInMonths: missedMonths(
      monthsOf(term, eventDates(facts.checkIns, today), rules.checkIn.perCalendarMonth),
      today,
    ),
    flags,
  };
}
