/**
 * dueItems looks only at the few months and test windows around the last event and today. This
 * checks it against the rule of schedule.ts §5 applied to the full lists (testWindows, monthsOf)
 * for seeded pseudo-random clients: short and full histories, status periods of every kind,
 * default and other rules.
 */
import { describe, it, expect } from 'vitest';
import { addDays, addMonths, diffDays, type LocalDate } from '../../src/domain/dates.js';
import { countingVisitDates, monthsOf } from '../../src/domain/months.js';
import { eventDates, termOf } from '../../src/domain/periods.js';
import type { ScheduleRules } from '../../src/domain/rules.js';
import {
  compareDueItems,
  dueItems,
  statusOn,
  termYearOn,
  testWindows,
  type ClientFacts,
  type DueItem,
  type DueKind,
} from '../../src/domain/schedule.js';
import { isTerminalStatus } from '../../src/domain/types.js';
import { prng, randomCase } from './random-facts.js';

interface Requirement {
  periodStart: LocalDate;
  deadline: LocalDate;
  met: boolean;
}

/** §5 over a full requirement list. */
function expectedItem(
  kind: DueKind,
  requirements: Requirement[],
  events: LocalDate[],
  today: LocalDate,
  rules: ScheduleRules,
): DueItem | null {
  const last = events.at(-1);
  const overdue = requirements.find(
    (r) => !r.met && r.deadline < today && (last === undefined || r.deadline > last),
  );
  if (overdue) {
    return {
      kind,
      state: 'overdue',
      dueDate: overdue.deadline,
      daysOverdue: diffDays(today, overdue.deadline),
      periodStart: overdue.periodStart,
    };
  }
  const current = requirements.findIndex((r) => r.deadline >= today);
  const next = current < 0 ? undefined : requirements.slice(current).find((r) => !r.met);
  if (next === undefined) return null;
  const days = diffDays(next.deadline, today);
  const state = days === 0 ? 'dueToday' : days <= rules.dueSoonDays ? 'dueSoon' : 'upcoming';
  return { kind, state, dueDate: next.deadline, daysOverdue: 0, periodStart: next.periodStart };
}

/** Recorded dates up to today with the prior date given at intake. */
const withPrior = (dates: LocalDate[], prior: LocalDate | null | undefined, today: LocalDate) =>
  prior && prior <= today ? [...new Set([...dates, prior])].sort() : dates;

/**
 * tracking.ts in plain dates: the first deadline that counts for a client followed from
 * trackedFrom — trackedFrom itself with history of the kind by then, else one period later.
 */
function requiredFrom(facts: ClientFacts, dates: LocalDate[], periodMonths: number): LocalDate {
  const tracked = facts.trackedFrom;
  if (!tracked || tracked <= facts.termStart) return '0000-01-01';
  return dates.some((d) => d <= tracked) ? tracked : addDays(addMonths(tracked, periodMonths), -1);
}

function expectedDue(facts: ClientFacts, today: LocalDate, rules: ScheduleRules): DueItem[] {
  const term = termOf(facts);
  const status = statusOn(facts, today);
  if (today > term.lastDay || status === 'suspended' || isTerminalStatus(status)) return [];
  // Tests taken: a refusal leaves its window open (《戒毒条例》 Art. 20).
  const taken = facts.tests.filter((t) => t.result !== 'refused');
  const tests = withPrior(eventDates(taken, today), facts.prior?.test, today);
  const year = (facts.trackedFrom && termYearOn(facts, facts.trackedFrom)) || 1;
  const testsFrom = requiredFrom(facts, tests, 12 / rules.urineTest[facts.program][Math.min(year, 3) - 1]!);
  const windows = testWindows(facts, rules, today)
    .filter((w) => w.end >= testsFrom)
    .map((w) => ({ periodStart: w.start, deadline: w.end, met: w.closedBy !== null }));
  const items = [expectedItem('urineTest', windows, tests, today, rules)];
  const monthly = (kind: DueKind, dates: LocalDate[], perMonth: number) => {
    const from = requiredFrom(facts, dates, 1);
    const months = monthsOf(term, dates, perMonth).filter((m) => m.deadline >= from);
    return expectedItem(kind, months.map((m) => ({ periodStart: m.start, deadline: m.deadline, met: m.met })), dates, today, rules);
  };
  const visit = monthly('visit', withPrior(countingVisitDates(facts, rules, today), facts.prior?.visit, today), rules.visit.perCalendarMonth);
  const checkIn = monthly('checkIn', withPrior(eventDates(facts.checkIns, today), facts.prior?.checkIn, today), rules.checkIn.perCalendarMonth);
  // On leave: only what was overdue the day before the leave began.
  const leave = status === 'on_leave' ? term.segments.find((g) => g.start <= today && (g.end === null || today <= g.end))! : null;
  for (const item of [visit, checkIn]) {
    if (item && (leave === null || (item.state === 'overdue' && item.dueDate < addDays(leave.start, -1)))) items.push(item);
  }
  return items.filter((i) => i !== null).sort(compareDueItems);
}

describe('dueItems agrees with §5 over the full lists', () => {
  it('for 1,500 pseudo-random clients', () => {
    const random = prng(20_251_128);
    for (let i = 0; i < 1500; i++) {
      const [facts, today, rules] = randomCase(random);
      const actual = dueItems(facts, today, rules);
      const expected = expectedDue(facts, today, rules);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        // Show the failing case in full.
        expect({ facts, today, rules, actual }).toEqual({ facts, today, rules, actual: expected });
      }
    }
  });
});
