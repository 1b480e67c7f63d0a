/**
 * dueItems looks only at the few months and test windows around the last event and today. This
 * checks it against the rule of schedule.ts §5 applied to the full lists (testWindows, monthsOf)
 * for seeded pseudo-random clients: short and full histories, status periods of every kind,
 * default and other rules.
 */
import { describe, it, expect } from 'vitest';
import { diffDays, type LocalDate } from '../../src/domain/dates.js';
import { countingVisitDates, monthsOf } from '../../src/domain/months.js';
import { eventDates, termOf } from '../../src/domain/periods.js';
import { DEFAULT_RULES, type ScheduleRules } from '../../src/domain/rules.js';
import {
  compareDueItems,
  dueItems,
  statusOn,
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

function expectedDue(facts: ClientFacts, today: LocalDate, rules: ScheduleRules): DueItem[] {
  const term = termOf(facts);
  const status = statusOn(facts, today);
  if (today > term.lastDay || status === 'suspended' || isTerminalStatus(status)) return [];
  const windows = testWindows(facts, rules, today).map((w) => ({
    periodStart: w.start,
    deadline: w.end,
    met: w.closedBy !== null,
  }));
  const items = [expectedItem('urineTest', windows, eventDates(facts.tests, today), today, rules)];
  if (status !== 'on_leave') {
    const monthly = (kind: DueKind, dates: LocalDate[], perMonth: number) =>
      expectedItem(
        kind,
        monthsOf(term, dates, perMonth).map((m) => ({ periodStart: m.start, deadline: m.deadline, met: m.met })),
        dates,
        today,
        rules,
      );
    items.push(
      monthly('visit', countingVisitDates(facts, rules, today), rules.visit.perCalendarMonth),
      monthly('checkIn', eventDates(facts.checkIns, today), rules.checkIn.perCalendarMonth),
    );
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
