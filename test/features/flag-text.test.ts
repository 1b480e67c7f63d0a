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
  it('an absence violation: the absences and days, Art. 20', () => {
    expect(flagText(zh, notice(absence))).toBe(
      '⚠️ 严重违反协议：MH-030 周某癸（梅花碑社区）— 截至 2026-05-11，擅自离开县（市、区）2 次，累计 31 日。请按《戒毒条例》第二十条、第二十一条处理。',
    );
    expect(flagText(en, notice(absence))).toBe(
      '⚠️ Serious violation: MH-030 周某癸 (梅花碑社区) — as of 2026-05-11, left the county (district) without permission 2 times, 31 days in all. Handle under Drug Rehabilitation Regulations Art. 20–21.',
    );
  });

  it.each<[Program, string, string]>([
    ['community_treatment', '社区戒毒', '第十四条'],
    ['community_rehab', '社区康复', '第三十八条'],
  ])('a late report-in of %s cites its own article', (program, measure, article) => {
    expect(flagText(zh, notice(late, program))).toBe(
      `⚠️ 未按时报到：MH-030 周某癸（梅花碑社区）— ${measure}决定 2026-01-01，2026-01-20 才报到，超过 15 日。请按《戒毒条例》${article}处理。`,
    );
  });

  it('a late report-in in English', () => {
    expect(flagText(en, notice(late, 'community_rehab'))).toBe(
      '⚠️ Late report-in: MH-030 周某癸 (梅花碑社区) — community rehabilitation decided on 2026-01-01, reported in on 2026-01-20, more than 15 days later. Handle under Drug Rehabilitation Regulations Art. 38.',
    );
  });
});

describe('flag lines on the status card', () => {
  it.each<[LegalFlag, Program, string, string]>([
    [absence, 'community_rehab',
      '⚠️ 严重违反协议：截至 2026-05-11 擅自离开县（市、区）2 次，累计 31 日（《戒毒条例》第二十条、第二十一条）',
      '⚠️ Serious violation: left the county without permission 2 times, 31 days in all, as of 2026-05-11 (Drug Rehabilitation Regulations Art. 20–21)'],
    [late, 'community_treatment',
      '⚠️ 未按时报到：2026-01-01 决定，2026-01-20 报到，超过 15 日（《戒毒条例》第十四条）',
      '⚠️ Late report-in: decided on 2026-01-01, reported in on 2026-01-20, more than 15 days later (Drug Rehabilitation Regulations Art. 14)'],
    [late, 'community_rehab',
      '⚠️ 未按时报到：2026-01-01 决定，2026-01-20 报到，超过 15 日（《戒毒条例》第三十八条）',
      '⚠️ Late report-in: decided on 2026-01-01, reported in on 2026-01-20, more than 15 days later (Drug Rehabilitation Regulations Art. 38)'],
  ])('%o (%s)', (flag, program, zhText, enText) => {
    expect(flagLine(zh, flag, program)).toBe(zhText);
    expect(flagLine(en, flag, program)).toBe(enText);
  });
});
