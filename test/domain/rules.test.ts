import { describe, it, expect } from 'vitest';
import { DEFAULT_RULES, LAW, parseRules, scheduleRulesSchema } from '../../src/domain/rules.js';

describe('LAW', () => {
  it('holds the figures fixed by national law', () => {
    expect(LAW).toEqual({
      treatmentTermMonths: 36,
      rehabMaxTermMonths: 36,
      reportInDays: 15,
      seriousViolationThreshold: 3,
      absence: { count: 3, maxDays: 30 },
    });
  });
});

describe('DEFAULT_RULES', () => {
  it('holds the sourced defaults of local practice', () => {
    expect(DEFAULT_RULES).toEqual({
      dueSoonDays: 7,
      visit: { perCalendarMonth: 1, countingKinds: ['home', 'office', 'workplace'] },
      checkIn: { perCalendarMonth: 1 },
      urineTest: { community_treatment: [12, 6, 4], community_rehab: [6, 4, 2] },
    });
  });

  it('is returned for no overrides, without sharing its arrays', () => {
    const rules = scheduleRulesSchema.parse({});
    expect(rules).toEqual(DEFAULT_RULES);
    rules.visit.countingKinds.push('phone');
    rules.urineTest.community_rehab[0] = 12;
    expect(DEFAULT_RULES.visit.countingKinds).toEqual(['home', 'office', 'workplace']);
    expect(DEFAULT_RULES.urineTest.community_rehab).toEqual([6, 4, 2]);
  });
});

describe('parseRules', () => {
  it('deep-merges a YAML override onto the defaults', () => {
    const text = 'dueSoonDays: 3\nurineTest:\n  community_rehab: [12, 6, 4]\nvisit:\n  perCalendarMonth: 2\n';
    expect(parseRules(text, 'yaml')).toEqual({
      ok: true,
      rules: {
        dueSoonDays: 3,
        visit: { perCalendarMonth: 2, countingKinds: ['home', 'office', 'workplace'] },
        checkIn: { perCalendarMonth: 1 },
        urineTest: { community_treatment: [12, 6, 4], community_rehab: [12, 6, 4] },
      },
    });
  });

  it('reads JSON', () => {
    const result = parseRules('{"visit": {"countingKinds": ["home", "phone"]}}', 'json');
    expect(result.ok && result.rules.visit).toEqual({ perCalendarMonth: 1, countingKinds: ['home', 'phone'] });
  });

  it.each([
    ['', 'yaml'],
    ['# nothing overridden\n', 'yaml'],
    ['{}', 'json'],
  ] as const)('treats %j (%s) as no overrides', (text, format) => {
    expect(parseRules(text, format)).toEqual({ ok: true, rules: DEFAULT_RULES });
  });

  it.each([
    ['urineTest:\n  community_rehab: [6, 5, 2]\n', 'urineTest.community_rehab.1: must divide 12 (1, 2, 3, 4, 6 or 12)'],
    ['urineTest:\n  community_treatment: [12, 6]\n', 'urineTest.community_treatment: '],
    ['visit:\n  perCalendarMonth: 0\n', 'visit.perCalendarMonth: '],
    ['visit:\n  countingKinds: [home, sms]\n', 'visit.countingKinds.1: '],
    ['dueSoonDays: soon\n', 'dueSoonDays: '],
    ['seriousViolationThreshold: 2\n', 'seriousViolationThreshold: fixed by national law (《戒毒条例》 Art. 20), not a setting'],
    ['absence:\n  count: 2\n', 'absence: fixed by national law (《戒毒条例》 Art. 20), not a setting'],
    ['reportInDays: 30\n', 'reportInDays: fixed by national law (《戒毒条例》 Art. 14, 38), not a setting'],
    ['treatmentTermMonths: 24\n', 'treatmentTermMonths: fixed by national law (《禁毒法》 Art. 33, 《戒毒条例》 Art. 14), not a setting'],
    ['rehabMaxTermMonths: 24\n', 'rehabMaxTermMonths: fixed by national law (《禁毒法》 Art. 48, 《戒毒条例》 Art. 37), not a setting'],
    // A law's name inside a setting is just an unknown key there.
    ['visit:\n  absence: 2\n', 'visit.absence: unknown setting'],
    ['visits: 1\n', 'visits: unknown setting'],
    ['checkIn:\n  perMonth: 1\n', 'checkIn.perMonth: unknown setting'],
    ['- 1\n', '(root): '],
  ])('rejects %j with a problem at its path', (text, problem) => {
    const result = parseRules(text, 'yaml');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([expect.stringContaining(problem)]);
    expect(!result.ok && result.problems[0]!.startsWith(problem)).toBe(true);
  });

  it('lists every problem at once', () => {
    const result = parseRules('dueSoonDays: -1\nurineTest:\n  community_rehab: [5, 4, 2]\n', 'yaml');
    expect(!result.ok && result.problems.map((p) => p.split(':')[0])).toEqual([
      'dueSoonDays',
      'urineTest.community_rehab.0',
    ]);
  });

  it.each([
    ['visit: [unclosed\n', 'yaml'],
    ['{"dueSoonDays": ', 'json'],
  ] as const)('reports a syntax error in %j', (text, format) => {
    const result = parseRules(text, format);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toHaveLength(1);
  });

  it('names the format and passes on its parser\'s message', () => {
    const message = (() => {
      try {
        JSON.parse('{"dueSoonDays": ');
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(parseRules('{"dueSoonDays": ', 'json')).toEqual({ ok: false, problems: [`(root): not valid JSON: ${message}`] });
    expect(parseRules('visit: [unclosed\n', 'yaml')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^\(root\): not valid YAML: \S/)] });
  });

  it('takes the check-ins a month', () => {
    expect(parseRules('checkIn:\n  perCalendarMonth: 2\n', 'yaml')).toMatchObject({ ok: true, rules: { checkIn: { perCalendarMonth: 2 } } });
  });
});
