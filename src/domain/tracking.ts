/**
 * Clients who arrive mid-term (an existing caseload, a transfer) are followed from their
 * tracked-from date, and the schedule invents no history before it. Each requirement kind gets
 * a required-from day: a month or test window is required only if its deadline is on or after
 * it.
 *
 * - Followed from the term start (no tracked-from date, or one not after the term start):
 *   every requirement of the term.
 * - History of the kind on or before the tracked-from date (the last visit, check-in or test
 *   given at intake, or a record dated then): the tracked-from date. The period holding it is
 *   due — met if that history falls in it — and the schedule carries on from there.
 * - No such history: one whole period after the tracked-from date (tracked-from + one period
 *   − 1 day), so the first obligation falls due one period on — a month for visits and
 *   check-ins, the length of the current test window for urine tests.
 *
 * The prior dates count as events of their kind (a prior test closes its window; its result is
 * not known, so it raises no flag). Test history means tests taken: a refusal is not one.
 */
import { monthsAfter, parseDay, type Day } from './days.js';
import { eventDays, sortDistinct, termYearAt, type ClientFacts, type TermDays } from './periods.js';

export interface RequiredFrom {
  visit: Day;
  checkIn: Day;
  test: Day;
}

/** Every requirement of the term is required. */
export const WHOLE_TERM: RequiredFrom = { visit: -Infinity, checkIn: -Infinity, test: -Infinity };

/** The sorted event days with the prior date of the same kind added (none after `today`). */
export function withPrior(days: Day[], prior: string | null | undefined, today: Day): Day[] {
  if (!prior) return days;
  const d = parseDay(prior);
  if (d <= today) days.push(d);
  return sortDistinct(days);
}

/** Days of check-ins up to `today`, the prior one included. */
export function checkInDays(facts: ClientFacts, today: Day = Infinity): Day[] {
  return withPrior(eventDays(facts.checkIns, today), facts.prior?.checkIn, today);
}

/**
 * Days of the tests taken up to `today` — a result of negative or positive, or the test given at
 * intake — the tests that close a window. A refusal is not a test taken: it counts towards a
 * serious violation and the test is still owed (《戒毒条例》 Art. 20, schedule.ts §3).
 */
export function takenTestDays(facts: ClientFacts, today: Day = Infinity): Day[] {
  return withPrior(eventDays(facts.tests.filter((t) => t.result !== 'refused'), today), facts.prior?.test, today);
}

/** The last day of `months` whole months starting on `from`. */
function lastDayOfMonths(from: Day, months: number): Day {
  return monthsAfter(from, months) - 1;
}

/** `days` sorted; whether one is on or before `day`. */
const anyBy = (days: readonly Day[], day: Day) => days.length > 0 && days[0]! <= day;

/**
 * The required-from days of a client. `events`: sorted days of counting visits, check-ins and
 * tests (prior dates included); `testsPerYear` as in the rules.
 */
export function requiredFrom(
  facts: Pick<ClientFacts, 'trackedFrom'>,
  term: TermDays,
  testsPerYear: readonly number[],
  events: { visits: readonly Day[]; checkIns: readonly Day[]; tests: readonly Day[] },
): RequiredFrom {
  if (!facts.trackedFrom) return WHOLE_TERM;
  const tracked = parseDay(facts.trackedFrom);
  if (tracked <= term.start) return WHOLE_TERM;
  const monthly = (days: readonly Day[]) => (anyBy(days, tracked) ? tracked : lastDayOfMonths(tracked, 1));
  // A test window lasts 12 / (tests in the term year) months.
  const perYear = testsPerYear[Math.min(termYearAt(term, tracked), 3) - 1]!;
  const test = anyBy(events.tests, tracked) ? tracked : lastDayOfMonths(tracked, 12 / perYear);
  return { visit: monthly(events.visits), checkIn: monthly(events.checkIns), test };
}
