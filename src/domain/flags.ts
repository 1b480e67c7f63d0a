/** Compliance history and the legal flags of 《戒毒条例》 Art. 14, 20–21 and 38 (schedule.ts §6, §8, §9). */
import { absenceCrossing, absenceDays } from './absences.js';
import { compareDates, type DateRange, type LocalDate } from './dates.js';
import { formatDay, formatMonth, parseDay, type Day } from './days.js';
import { countingVisitDays, monthDays } from './months.js';
import { termDaysOf, testDaysWith, type ClientFacts, type TermDays } from './periods.js';
import { DEFAULT_RULES, LAW, type ScheduleRules } from './rules.js';
import { checkInDays, requiredFrom, takenTestDays, type RequiredFrom } from './tracking.js';
import type { UrineResult } from './types.js';
import { canBeMissed, windowDays } from './windows.js';

export type ViolationCause = { kind: 'missedWindow' | 'refusedTest'; date: LocalDate };

export type LegalFlag =
  | { kind: 'seriousViolation'; raisedOn: LocalDate; causes: ViolationCause[]; key: string }
  | { kind: 'mustReport'; raisedOn: LocalDate; testDate: LocalDate; key: string }
  /** Art. 20 (二): the absences begun and the days absent on the day it was raised. */
  | { kind: 'absenceViolation'; raisedOn: LocalDate; absences: number; days: number; key: string }
  /** Art. 14 / 38: the first report-in (termStart) came more than 15 days after the decision. */
  /** reportedOn null: not reported in yet. */
  | { kind: 'lateReportIn'; raisedOn: LocalDate; decisionDate: LocalDate; reportedOn: LocalDate | null; key: 'late-report-in' };

export interface Compliance {
  /** Windows ended with no test taken and no refusal in them (one with a refusal counts by it). */
  missedTestWindows: DateRange[];
  refusedTests: LocalDate[];
  positiveTests: LocalDate[];
  /** 'YYYY-MM' of months whose deadline passed without a counting visit. */
  missedVisitMonths: string[];
  missedCheckInMonths: string[];
  flags: LegalFlag[];
}

/** 'YYYY-MM' of the months whose deadline passed unmet. */
function missedMonths(term: TermDays, days: Day[], perMonth: number, today: Day, from: Day): string[] {
  const missed: string[] = [];
  for (const m of monthDays(term, days, perMonth, undefined, from)) {
    if (!m.met && m.deadline < today) missed.push(formatMonth(m.month));
  }
  return missed;
}

/** Sorted distinct days of the tests with `result` inside the term, up to today. */
function testsInTerm(facts: ClientFacts, result: UrineResult, term: TermDays, today: Day): Day[] {
  return testDaysWith(facts, result, today).filter((d) => d >= term.start && d <= term.lastDay);
}

/**
 * The late report-in flag, if the first report-in (termStart) came more than LAW.reportInDays
 * after the decision, and is not after `today`. A transfer's arrival here (facts.reportedOn) is
 * not judged by it: the term continues from the first report-in, and a change of place has its
 * own 15 days from the change (Art. 22), a date not kept.
 */
function lateReportIn(facts: ClientFacts, today: Day): LegalFlag | null {
  if (!facts.decisionDate) return null;
  const decided = parseDay(facts.decisionDate);
  if (facts.awaitingReportIn) {
    // Not reported in yet: late from the 16th day after the decision.
    const late = decided + LAW.reportInDays + 1;
    return late > today ? null : { kind: 'lateReportIn', raisedOn: formatDay(late), decisionDate: facts.decisionDate, reportedOn: null, key: 'late-report-in' };
  }
  const reported = parseDay(facts.termStart);
  if (reported > today || reported - decided <= LAW.reportInDays) return null;
  const raisedOn = formatDay(decided + LAW.reportInDays + 1);
  // No legal flags for the past: a client followed from a later day (registered mid-term, e.g.
  // imported) is not flagged for a lateness that was over before the bot followed them.
  if (facts.trackedFrom && compareDates(raisedOn, facts.trackedFrom) < 0) return null;
  return { kind: 'lateReportIn', raisedOn, decisionDate: facts.decisionDate, reportedOn: facts.termStart, key: 'late-report-in' };
}

/** The term, the events up to `day` (prior dates included) and what is required of them. */
function scheduleOf(facts: ClientFacts, rules: ScheduleRules, day: Day) {
  const term = termDaysOf(facts);
  const plannedLast = parseDay(facts.plannedTermEnd) - term.start;
  const testsPerYear = rules.urineTest[facts.program];
  const events = { visits: countingVisitDays(facts, rules, day), checkIns: checkInDays(facts, day), tests: takenTestDays(facts, day) };
  const from: RequiredFrom = requiredFrom(facts, term, testsPerYear, events);
  return { term, plannedLast, testsPerYear, events, from };
}

/** Only events on or before `today` and inside the term count; nothing due before tracking began. */
export function compliance(facts: ClientFacts, today: LocalDate, rules = DEFAULT_RULES): Compliance {
  const day = parseDay(today);
  if (facts.awaitingReportIn) {
    // No term runs before the report-in: only its deadline can be missed.
    const late = lateReportIn(facts, day);
    return { missedTestWindows: [], refusedTests: [], positiveTests: [], missedVisitMonths: [], missedCheckInMonths: [], flags: late ? [late] : [] };
  }
  const { term, plannedLast, testsPerYear, events, from } = scheduleOf(facts, rules, day);
  const refused = testsInTerm(facts, 'refused', term, day);
  const positive = testsInTerm(facts, 'positive', term, day);
  // A window holding a refusal is not missed as well: the refusal is its cause.
  const missedWindows = windowDays(term, plannedLast, testsPerYear, events.tests, undefined, from.test).filter(
    (w) => w.end < day && canBeMissed(w, refused),
  );

  // A window counts as missed on the day after it ended; each refusal on its test date. Both
  // lists are in date order, so merging keeps a missed window before a same-day refusal.
  const causes: ViolationCause[] = [];
  for (let w = 0, r = 0; w < missedWindows.length || r < refused.length; ) {
    const missedOn = w < missedWindows.length ? missedWindows[w]!.end + 1 : Infinity;
    if (r >= refused.length || missedOn <= refused[r]!) {
      causes.push({ kind: 'missedWindow', date: formatDay(missedOn) });
      w++;
    } else {
      causes.push({ kind: 'refusedTest', date: formatDay(refused[r++]!) });
    }
  }
  const positiveTests = positive.map(formatDay);
  const threshold = LAW.seriousViolationThreshold;
  const flags: LegalFlag[] = positiveTests.map((testDate) => ({
    kind: 'mustReport',
    raisedOn: testDate,
    testDate,
    key: `positive:${testDate}`,
  }));
  const late = lateReportIn(facts, day);
  if (late) flags.push(late);
  const absence = absenceCrossing(absenceDays(facts, term, day));
  if (absence && absence.on <= day) {
    const raisedOn = formatDay(absence.on);
    flags.push({ kind: 'absenceViolation', raisedOn, absences: absence.absences, days: absence.days, key: `absence:${raisedOn}` });
  }
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
    missedTestWindows: missedWindows.map((w) => ({ start: formatDay(w.start), end: formatDay(w.end) })),
    refusedTests: refused.map(formatDay),
    positiveTests,
    missedVisitMonths: missedMonths(term, events.visits, rules.visit.perCalendarMonth, day, from.visit),
    missedCheckInMonths: missedMonths(term, events.checkIns, rules.checkIn.perCalendarMonth, day, from.checkIn),
    flags,
  };
}

/**
 * The first day after `today` on which the flags could change with nothing more recorded: the
 * day after the end of the first test window that, open on `today`, could still be missed (no
 * test taken and no refusal in it), or the day an absence still going on would pass 30 days in
 * all, whichever comes first. Null when there is neither: the term is over, or a suspension is
 * open — anything that changes the flags then comes with a record or a status change.
 */
export function nextFlagCheck(facts: ClientFacts, today: LocalDate, rules = DEFAULT_RULES): LocalDate | null {
  const day = parseDay(today);
  if (facts.awaitingReportIn) {
    // The day the report-in becomes late, if still ahead; the report-in itself is a record.
    const late = facts.decisionDate ? parseDay(facts.decisionDate) + LAW.reportInDays + 1 : null;
    return late !== null && late > day ? formatDay(late) : null;
  }
  const { term, plannedLast, testsPerYear, events, from } = scheduleOf(facts, rules, day);
  const refused = testDaysWith(facts, 'refused', day);
  const open = windowDays(term, plannedLast, testsPerYear, events.tests, undefined, from.test).find(
    (w) => w.end >= day && canBeMissed(w, refused),
  );
  const absence = absenceCrossing(absenceDays(facts, term, day));
  const next = Math.min(open ? open.end + 1 : Infinity, absence && absence.on > day ? absence.on : Infinity);
  return next === Infinity ? null : formatDay(next);
}
