// The text of every kind of legal flag, in MANAGERS_CHANNEL (from the notice's stored detail) and
// on the status card (from the flag itself), in both languages: the article of the
// 《戒毒条例》 that applies, and for a late report-in the article of the client's programme.
import { describe, expect, it } from 'vitest';
import type { LegalFlag } from '../../src/domain/schedule.js';
import type { Program } from '../../src/domain/types.js';
import { flagText } from '../../src/features/legal-flags/slack/post.js';
import { flagLine } from '../../src/features/status/slack/card.js';
import { translator } from '../../src/i18n/index.js';

const zh = translator('zh-CN');
const en = translator('en');
const client = (program: Program) => ({ caseNumber: 'MH-030', alias: '周某癸', program, community: { name: '梅花碑社区' } });
/** A notice as check.ts stores it: the flag's own facts by name (serious violations: the cause dates). */
const notice = (flag: LegalFlag, program: Program = 'community_treatment') => {
  const { kind, key, raisedOn: _raisedOn, ...facts } = flag;
  const detail = flag.kind === 'seriousViolation' ? { dates: flag.causes.map((c) => c.date) } : facts;
  return { kind, key, detail, client: client(program) };
};

const absence: LegalFlag = { kind: 'absenceViolation', raisedOn: '2026-05-11', absences: 2, days: 31, key: 'absence:2026-05-11' };
const late: LegalFlag = { kind: 'lateReportIn', raisedOn: '2026-01-17', decisionDate: '2026-01-01', reportedOn: '2026-01-20', key: 'late-report-in' };

describe('flag messages in MANAGERS_CHANNEL', () => {
  // Each says what was recorded, what the law asks and what to do next, as a suspicion to verify.
  it('a serious violation by tests: worded as the issue gives it, dates listed as recorded', () => {
    const missed: LegalFlag = { kind: 'seriousViolation', raisedOn: '2026-05-11', key: 'serious', causes: [{ kind: 'missedWindow', date: '2026-03-10' }, { kind: 'refusedTest', date: '2026-04-02' }, { kind: 'missedWindow', date: '2026-05-10' }] };
    expect(flagText(zh, notice(missed))).toBe(
      '⚠️ 疑似严重违反社区戒毒（康复）协议：MH-030 周某癸（梅花碑社区）逃避或拒绝检测累计 3 次（2026-03-10、2026-04-02、2026-05-10），请核实后依《戒毒条例》第二十一条及时报告公安机关。',
    );
    expect(flagText(en, notice(missed))).toBe(
      '⚠️ Suspected serious breach of the community drug treatment (rehabilitation) agreement: MH-030 周某癸 (梅花碑社区) evaded or refused testing 3 times (2026-03-10, 2026-04-02, 2026-05-10). Please verify, then report to the police without delay under Drug Rehabilitation Regulations Art. 21.',
    );
  });

  it('an absence violation: the absences and days, Art. 20, then verify and report (Art. 21)', () => {
    expect(flagText(zh, notice(absence))).toBe(
      '⚠️ 疑似严重违反社区戒毒（康复）协议：MH-030 周某癸（梅花碑社区）截至 5月11日（星期一），已登记擅自离开所在县（市、区）2 次，累计 31 日（《戒毒条例》第二十条所列情形），请核实后依第二十一条及时报告公安机关。',
    );
    expect(flagText(en, notice(absence))).toBe(
      '⚠️ Suspected serious breach of the community drug treatment (rehabilitation) agreement: MH-030 周某癸 (梅花碑社区) — as of 2026-05-11, 2 unauthorised absences from the county (district) are recorded, 31 days in all (a case listed in Drug Rehabilitation Regulations Art. 20). Please verify, then report to the police without delay under Art. 21.',
    );
  });

  it.each<[Program, string]>([
    ['community_treatment', '⚠️ 未按时报到：MH-030 周某癸（梅花碑社区）社区戒毒决定日期为 1月1日（星期四），登记的报到日期为 1月20日（星期二），超过 15 日。《戒毒条例》第十四条规定，无正当理由逾期不报到的，视为拒绝接受社区戒毒。请核实逾期原因；无正当理由的，及时报告公安机关。'],
    ['community_rehab', '⚠️ 未按时报到：MH-030 周某癸（梅花碑社区）社区康复决定日期为 1月1日（星期四），登记的报到日期为 1月20日（星期二），超过《戒毒条例》第三十八条规定的 15 日。请核实逾期原因，并将情况告知公安机关。'],
  ])('a late report-in of %s cites its own article', (program, text) => {
    expect(flagText(zh, notice(late, program))).toBe(text);
  });

  it('a late report-in in English', () => {
    expect(flagText(en, notice(late, 'community_rehab'))).toBe(
      '⚠️ Late report-in: MH-030 周某癸 (梅花碑社区) — community rehabilitation decided on 2026-01-01, report-in recorded on 2026-01-20, more than the 15 days of Drug Rehabilitation Regulations Art. 38. Please find out why and inform the police.',
    );
  });

  it('a positive test: what the law asks, and to verify first', () => {
    const positive = { kind: 'mustReport', key: 'positive:2026-12-03', detail: { testDate: '2026-12-03' }, client: client('community_treatment') } as const;
    expect(flagText(zh, positive)).toBe(
      '⚠️ 尿检阳性：MH-030 周某癸（梅花碑社区）12月3日（星期四）的尿检登记为阳性。《戒毒条例》第二十一条规定，在社区戒毒（康复）期间又吸食、注射毒品的，应当及时向公安机关报告。请核实检测记录后及时报告。',
    );
  });
});

describe('flag lines on the status card', () => {
  it.each<[LegalFlag, Program, string, string]>([
    [absence, 'community_rehab',
      '⚠️ 疑似严重违反协议：截至 2026-05-11 已登记擅自离开县（市、区）2 次，累计 31 日，请核实后报告公安机关（《戒毒条例》第二十条、第二十一条）',
      '⚠️ Suspected serious breach: 2 unauthorised absences from the county, 31 days in all, recorded as of 2026-05-11; verify, then report to the police (Drug Rehabilitation Regulations Art. 20–21)'],
    [late, 'community_treatment',
      '⚠️ 未按时报到：2026-01-01 决定，2026-01-20 报到，超过 15 日，请核实原因（《戒毒条例》第十四条）',
      '⚠️ Late report-in: decided on 2026-01-01, reported in on 2026-01-20, more than 15 days later; find out why (Drug Rehabilitation Regulations Art. 14)'],
    [late, 'community_rehab',
      '⚠️ 未按时报到：2026-01-01 决定，2026-01-20 报到，超过 15 日，请核实原因（《戒毒条例》第三十八条）',
      '⚠️ Late report-in: decided on 2026-01-01, reported in on 2026-01-20, more than 15 days later; find out why (Drug Rehabilitation Regulations Art. 38)'],
  ])('%o (%s)', (flag, program, zhText, enText) => {
    expect(flagLine(zh, flag, program)).toBe(zhText);
    expect(flagLine(en, flag, program)).toBe(enText);
  });
});
