/**
 * The rules of the schedule, in two kinds, each beside its source:
 *
 * - LAW: figures fixed by national law (《禁毒法》, 《戒毒条例》) — the term, the report-in, the
 *   serious violations. Not settings: no SCHEDULE_RULES_FILE can change them, and one that tries
 *   is refused with that reason. The rules of the law that are not figures live in code beside
 *   their article: suspension (中止) stops the term clock and extends the term (《戒毒条例》
 *   Art. 24, periods.ts); a positive test must be reported to the public-security organ
 *   (公安机关, Art. 21, flags.ts).
 * - ScheduleRules (DEFAULT_RULES): local practice, which differs between provinces — how often
 *   clients are tested, met and report in, and when a deadline is "due soon". A deployment may
 *   override any of it from a JSON or YAML text (SCHEDULE_RULES_FILE); whatever is not
 *   overridden keeps the default below.
 */
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { VISIT_KINDS, type Program, type VisitKind } from './types.js';

/** Figures fixed by national law. */
export const LAW = {
  /** 社区戒毒 lasts three years: 《禁毒法》 Art. 33, 《戒毒条例》 Art. 14. */
  treatmentTermMonths: 36,
  /** 社区康复 lasts up to three years, as its decision says: 《禁毒法》 Art. 48, 《戒毒条例》 Art. 37. */
  rehabMaxTermMonths: 36,
  /**
   * Report in within 15 days of receiving the decision (决定书): 《戒毒条例》 Art. 14 (社区戒毒),
   * Art. 38 (社区康复). The decision date stands for the day it was received.
   */
  reportInDays: 15,
  /**
   * Evading or refusing tests 3 times or more is a serious violation of the agreement:
   * 《戒毒条例》 Art. 20 (一). Counted as missed test windows and refused tests (schedule.ts §6).
   */
  seriousViolationThreshold: 3,
  /**
   * Leaving the county (县、市、区) without permission 3 times or more, or for more than 30 days
   * in all, is a serious violation of the agreement: 《戒毒条例》 Art. 20 (二).
   */
  absence: { count: 3, maxDays: 30 },
} as const;

/** The article that fixes each figure of LAW, for refusing a rules file that sets one. */
const LAW_ARTICLES: Record<keyof typeof LAW, string> = {
  treatmentTermMonths: '《禁毒法》 Art. 33, 《戒毒条例》 Art. 14',
  rehabMaxTermMonths: '《禁毒法》 Art. 48, 《戒毒条例》 Art. 37',
  reportInDays: '《戒毒条例》 Art. 14, 38',
  seriousViolationThreshold: '《戒毒条例》 Art. 20',
  absence: '《戒毒条例》 Art. 20',
};

/** Local practice: the settings a SCHEDULE_RULES_FILE may change. */
export interface ScheduleRules {
  /** A requirement is "due soon" within this many days of its deadline. */
  dueSoonDays: number;
  visit: { perCalendarMonth: number; countingKinds: VisitKind[] };
  checkIn: { perCalendarMonth: number };
  /** Urine tests per term year 1 / 2 / 3; later years repeat year 3. */
  urineTest: Record<Program, [number, number, number]>;
}

export const DEFAULT_RULES: ScheduleRules = {
  // Local practice (product choice): a week's notice before a deadline in the daily due list.
  dueSoonDays: 7,
  visit: {
    // Local practice (seed article): caseworkers meet each client face to face at least once a
    // month (每月至少与其见一次面). A phone call is not a meeting, so 'phone' does not count.
    perCalendarMonth: 1,
    countingKinds: ['home', 'office', 'workplace'],
  },
  // Local practice (seed article): caseworkers make sure clients report in (按时报到), monthly.
  checkIn: { perCalendarMonth: 1 },
  urineTest: {
    // Local practice (《社区戒毒社区康复工作规范》 / provincial practice): 社区戒毒 tests every
    // 1 / 2 / 3 months in term years 1 / 2 / 3.
    community_treatment: [12, 6, 4],
    // Same sources: 社区康复 tests every 2 / 3 / 6 months in term years 1 / 2 / 3.
    community_rehab: [6, 4, 2],
  },
};

/** Windows split a term year by whole months, so a yearly count must divide 12. */
const TEST_COUNTS = [1, 2, 3, 4, 6, 12];
const testCount = z
  .number()
  .int()
  .refine((n) => TEST_COUNTS.includes(n), { message: 'must divide 12 (1, 2, 3, 4, 6 or 12)' });
const testsPerYear = z.tuple([testCount, testCount, testCount]);
const perMonth = z.number().int().min(1).max(31);

/** Partial overrides; strict so that a misspelt key is reported rather than silently ignored. */
const overridesSchema = z.strictObject({
  dueSoonDays: z.number().int().min(0).max(366).optional(),
  visit: z
    .strictObject({
      perCalendarMonth: perMonth.optional(),
      countingKinds: z.array(z.enum(VISIT_KINDS)).min(1).optional(),
    })
    .optional(),
  checkIn: z.strictObject({ perCalendarMonth: perMonth.optional() }).optional(),
  urineTest: z
    .strictObject({
      community_treatment: testsPerYear.optional(),
      community_rehab: testsPerYear.optional(),
    })
    .optional(),
});

export type RuleOverrides = z.input<typeof overridesSchema>;

function mergeRules(o: z.output<typeof overridesSchema>): ScheduleRules {
  const d = DEFAULT_RULES;
  return {
    dueSoonDays: o.dueSoonDays ?? d.dueSoonDays,
    visit: {
      perCalendarMonth: o.visit?.perCalendarMonth ?? d.visit.perCalendarMonth,
      countingKinds: [...(o.visit?.countingKinds ?? d.visit.countingKinds)],
    },
    checkIn: { perCalendarMonth: o.checkIn?.perCalendarMonth ?? d.checkIn.perCalendarMonth },
    urineTest: {
      community_treatment: [...(o.urineTest?.community_treatment ?? d.urineTest.community_treatment)],
      community_rehab: [...(o.urineTest?.community_rehab ?? d.urineTest.community_rehab)],
    },
  };
}

/** Validates partial overrides and deep-merges them onto DEFAULT_RULES (arrays are replaced). */
export const scheduleRulesSchema = overridesSchema.transform(mergeRules);

function problemLines(issue: z.core.$ZodIssue): string[] {
  const at = (path: PropertyKey[]): string => (path.length ? path.map(String).join('.') : '(root)');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const law = issue.path.length === 0 && Object.hasOwn(LAW_ARTICLES, key) ? LAW_ARTICLES[key as keyof typeof LAW] : null;
      return `${at([...issue.path, key])}: ${law ? `fixed by national law (${law}), not a setting` : 'unknown setting'}`;
    });
  }
  return [`${at(issue.path)}: ${issue.message}`];
}

export function parseRules(
  text: string,
  format: 'json' | 'yaml',
): { ok: true; rules: ScheduleRules } | { ok: false; problems: string[] } {
  let data: unknown;
  try {
    data = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    return { ok: false, problems: [`(root): not valid ${format.toUpperCase()}: ${(e as Error).message}`] };
  }
  // An empty YAML document means "no overrides".
  const result = scheduleRulesSchema.safeParse(data ?? {});
  if (result.success) return { ok: true, rules: result.data };
  return { ok: false, problems: result.error.issues.flatMap(problemLines) };
}
