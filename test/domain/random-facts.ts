/** Seeded pseudo-random clients for checks against a rule stated plainly (due-scan, overdue). */
import { addDays, addYears, diffDays, type LocalDate } from '../../src/domain/dates.js';
import { DEFAULT_RULES, type ScheduleRules } from '../../src/domain/rules.js';
import type { ClientFacts, StatusPeriod } from '../../src/domain/schedule.js';
import { VISIT_KINDS } from '../../src/domain/types.js';

export { prng } from '../../src/domain/prng.js';

const STATUSES = ['on_leave', 'on_leave', 'suspended', 'suspended', 'completed', 'transferred_out', 'terminated'] as const;

export function randomCase(random: () => number): [ClientFacts, LocalDate, ScheduleRules] {
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
  const today = addDays(termStart, int(-60, span + 60));
  // A third registered mid-term (never after today), some with history given at intake.
  if (random() < 0.3 && today > termStart) {
    const trackedFrom = addDays(termStart, int(1, diffDays(today, termStart)));
    const prior = () => (random() < 0.5 ? addDays(trackedFrom, -int(0, 200)) : null);
    facts.trackedFrom = trackedFrom;
    facts.prior = { visit: prior(), checkIn: prior(), test: prior() };
  }
  return [facts, today, rules];
}

