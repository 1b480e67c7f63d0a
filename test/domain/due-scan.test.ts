/**
 * dueItems looks only at the few months and test windows around the last event and today. This
 * checks it against the rule of schedule.ts §5 applied to the full lists (testWindows, monthsOf)
 * for seeded pseudo-random clients: short and full histories, status periods of every kind,
 * default and other rules.
 */
import { describe, it, expect } from 'vitest';
import { addDays, addYears, diffDays, type LocalDate } from '../../src/domain/dates.js';
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
  type StatusPeriod,
} from '../../src/domain/schedule.js';
import { isTerminalStatus, VISIT_KINDS } from '../../src/domain/types.js';

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

/** mulberry32 */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const STATUSES = ['on_leave', 'on_leave', 'suspended', 'suspended', 'completed', 'transferred_out', 'terminated'] as const;

function randomCase(random: () => number): [ClientFacts, LocalDate, ScheduleRules] {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const termStart = random() < 0.3 ? pick(['2024-02-29', '2025-01-31', '2024-12-31', '2023-08-31']) : addDays('2022-01-01', int(0, 1400));
  const plannedTermEnd = random() < 0.6 ? addDays(addYears(termStart, pick([1, 2, 3])), -1) : addDays(termStart, int(20, 1200));
  const span = diffDays(plannedTermEnd, termStart) + 120;
  const periods: StatusPeriod[] = Array.from({ length: pick([0, 0, 0, 1, 2, 3]) }, () => {
    const start = addDays(termStart, int(-30, span));
    return { status: pick(STATUSES), start, end: random() < 0.15 ? null : addDays(start, int(-3, 120)) };
  });
  const full = random() < 0.4;
  const dates = (max: number) => Array.from({ length: full ? int(0, max) : int(0, 2) }, () => addDays(termStart, int(-40, span)));
  const facts: ClientFacts = {
    program: pick(['community_treatment', 'community_rehab'] as const),
    termStart,
    plannedTermEnd,
    periods,
    visits: dates(40).map((date) => ({ date, kind: pick(VISIT_KINDS) })),
    checkIns: dates(36).map((date) => ({ date })),
    tests: dates(30).map((date) => ({ date, result: pick(['negative', 'positive', 'refused'] as const) })),
  };
  const rules: ScheduleRules =
    random() < 0.6
      ? DEFAULT_RULES
      : {
          ...DEFAULT_RULES,
          dueSoonDays: pick([0, 3, 30]),
          visit: { perCalendarMonth: pick([1, 2]), countingKinds: ['home', 'phone'] },
          checkIn: { perCalendarMonth: pick([1, 2, 3]) },
          urineTest: { community_treatment: [12, 4, 1], community_rehab: [3, 2, 6] },
        };
  return [facts, addDays(termStart, int(-60, span + 60)), rules];
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
