import { describe, expect, it } from 'vitest';
import { forms, messages, PLACEHOLDER, translate, type MessageKey } from '../src/i18n/index.js';

const zh = messages['zh-CN'];
const en = messages.en;
const keys = Object.keys(zh) as MessageKey[];
// A placeholder by its name and format ({date|day}): both languages show the same values the same way.
const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[0]).sort();
/** Every Chinese text, each form of each message. */
const zhTexts = keys.flatMap((key) => forms(zh[key]).map((text) => ({ key, text })));

describe('message catalog', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, message] of [...Object.entries(zh), ...Object.entries(en)]) {
      for (const text of forms(message)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages, in every plural form', () => {
    for (const key of keys) {
      for (const text of forms(en[key])) expect(placeholders(text), key).toEqual(placeholders(zh[key] as string));
    }
  });

  it('keeps plural forms to English, chosen by a count they show', () => {
    for (const key of keys) {
      expect(typeof zh[key], key).toBe('string');
      const message = en[key];
      if (typeof message === 'string') continue;
      expect(Object.keys(message).sort(), key).toEqual(['one', 'other']);
      expect(placeholders(message.other), key).toContain('{count}');
    }
  });

  it('has a plural form wherever an English count is followed by a plural noun', () => {
    // "{count} clients", "{count} more communities", "({count} days)": read "1 clients" otherwise.
    const countThenNoun = /\{count\} (?:(?:more|other|current|earlier|of your|missed or refused|legal flag) )?[a-z]+s\b/;
    const plain = keys.filter((key) => typeof en[key] === 'string' && countThenNoun.test(en[key] as string));
    expect(plain).toEqual([]);
  });

  it.each<[MessageKey, Record<string, string | number>, string]>([
    ['due.fallback', { community: 'Meihua', date: '2026-04-08', count: 1 }, 'Meihua 2026-04-08: 1 client due'],
    ['due.fallback', { community: 'Meihua', date: '2026-04-08', count: 2 }, 'Meihua 2026-04-08: 2 clients due'],
    ['due.state.overdue', { kind: 'Visit', date: '2026-04-01', count: 1 }, 'Visit overdue 1 day (due 2026-04-01)'],
    ['due.state.overdue', { kind: 'Visit', date: '2026-04-01', count: 3 }, 'Visit overdue 3 days (due 2026-04-01)'],
    ['due.more', { count: 1 }, '1 more client not shown. Each caseworker sees all of their own clients’ items with `/caseload due`.'],
    ['due.termEnding.line', { date: '2026-12-08', count: 1 }, 'term ends 2026-12-08 (in 1 day)'],
    ['common.clientNotFound', { query: 'li' }, 'No client you have access to matches: li'],
    ['program.community_treatment', {}, 'Community drug treatment'],
    ['due.counts.quiet', { count: 1 }, '1 other community has nothing overdue or due.'],
    ['status.pick.title', { query: 'li', count: 4 }, '4 clients match “li”; pick one:'],
    ['reports.total', { count: 0 }, 'Total (0 communities)'],
  ])('reads %s with %o in English as “%s”', (key, params, text) => {
    expect(translate('en', key, params)).toBe(text);
  });

  it('has one form in Chinese whatever the count', () => {
    expect(translate('zh-CN', 'due.state.overdue', { kind: '走访', count: 1, date: '2026-04-01' })).toBe('走访已逾期 1 天（截止日 2026-04-01）');
  });

  // One term per thing (issue 19): a term once retired appears in no Chinese text. Each with why.
  it.each<[string, RegExp]>([
    ['案号 (a court case number): 档案编号', /案号/],
    ['档案号: 档案编号', /档案号/],
    ['约谈 (sounds disciplinary): 来访（驿站/办公室）', /约谈/],
    ['工作场所走访: 单位走访', /工作场所走访/],
    ['就业安置 (released prisoners’ work): 就业帮扶', /就业安置/],
    ['医疗帮助: 就医援助', /医疗帮助/],
    ['TA: 该工作人员 / 其', /(?<![A-Za-z_])TA(?![A-Za-z_])/],
    ['他 for a person: 该工作人员 / 其', /(?<!其)他/],
    ['法律提示: 预警提示', /法律提示/],
    ['到期 (read as 期满): 已逾期 / 今日截止 / 7日内须完成', /到期/],
    ['到期名单: 每日待办', /到期名单/],
    ['本期 (ambiguous): 期内', /本期/],
    ['解除 alone: 期满解除', /(?<!期满)解除/],
    ['吸毒人员: 帮教对象', /吸毒人员/],
    ['走访方式 (a phone call is not a 走访): 帮教方式', /走访方式/],
    ['专干 alone: 禁毒专干, the role’s name', /(?<!禁毒)专干/],
  ])('uses no retired term in Chinese: %s', (_, retired) => {
    expect(zhTexts.filter(({ text }) => retired.test(text)).map(({ key }) => key)).toEqual([]);
  });

  it.each<[MessageKey, string]>([
    ['clients.intake.caseNumber.label', '档案编号'],
    ['reports.csv.caseNumber', '档案编号'],
    ['visits.client.placeholder', '档案编号'],
    ['lifecycle.file.usage', '档案编号'],
    ['corrections.records.usage', '档案编号'],
    ['status.cmd.usage', '档案编号'],
    ['due.header', '今日待办'],
    ['due.summary', '已逾期'],
    ['due.summary', '今日截止'],
    ['due.summary', '日内须完成'],
    ['admin.link.help', '每日待办'],
    ['visits.kind.label', '帮教方式'],
    ['visits.kind.phone.notCounted', '电话联系（不计入每月见面）'],
    ['visits.kind.office', '来访（驿站/办公室）'],
    ['visits.kind.workplace', '单位走访'],
    ['visits.help.job', '就业帮扶'],
    ['visits.help.medical', '就医援助'],
    ['status.completed', '期满解除'],
    ['visits.error.beforeTerm', '首次报到日（期限起始日'],
    ['status.card.missedWindows', '期内未按时检测'],
    ['status.card.refused', '期内拒检'],
    ['status.card.flags', '预警提示'],
    ['reports.field.legalFlags', '预警提示'],
    ['admin.staff.remove.done', '该工作人员'],
    ['due.termEnding.title', '即将期满'],
    ['flag.seriousViolation', '疑似严重违反社区戒毒（康复）协议'],
    ['visits.undo.tooLate', '`/caseload records <档案编号>`'],
  ])('uses the chosen term in %s: %s', (key, term) => {
    expect(forms(zh[key]).join('\n')).toContain(term);
  });

  it('labels a visit kind once: the CSV shows the form’s labels', () => {
    expect(keys.filter((key) => key.startsWith('reports.kind.'))).toEqual([]);
  });

  it('puts full-width brackets around Chinese text', () => {
    const halfWidth = /\([^()]*[\u4e00-\u9fff][^()]*\)|[\u4e00-\u9fff] ?\(|\) ?[\u4e00-\u9fff]/;
    expect(zhTexts.filter(({ text }) => halfWidth.test(text)).map(({ key }) => key)).toEqual([]);
  });

  it('writes dates as offices do in Chinese and keeps ISO dates in English', () => {
    const params = { community: '梅花碑', date: '2026-12-03', count: 2, days: 7 };
    expect(translate('zh-CN', 'due.greeting', params)).toBe('早上好！以下是梅花碑社区 12月3日（星期四）的帮教待办。');
    expect(translate('zh-CN', 'due.greeting', { ...params, community: '梅花碑社区' })).toBe('早上好！以下是梅花碑社区 12月3日（星期四）的帮教待办。');
    expect(translate('en', 'due.greeting', params)).toBe('Good morning! Here is what is due in 梅花碑 on 2026-12-03.');
    const week = { key: '2026-W49', start: '2026-11-30', end: '2026-12-06' };
    expect(translate('zh-CN', 'reports.title', week)).toBe('每周统计 2026年第49周（11月30日至12月6日）');
    expect(translate('en', 'reports.title', week)).toBe('Weekly counts 2026-W49 (2026-11-30 to 2026-12-06)');
    expect(translate('zh-CN', 'reports.title.toDate', { ...week, end: '2026-12-03' })).toBe('每周统计 2026年第49周（11月30日至12月3日，截至今天）');
    // Lists inside a message keep ISO dates.
    expect(translate('zh-CN', 'due.state.dueSoon', { kind: '尿检', date: '2026-12-08' })).toBe('尿检须于 2026-12-08 前完成');
  });

  it('keeps modal titles and buttons within Slack’s 24 characters in both languages', () => {
    const modalKeys = keys.filter((k) => /\.modal\.(title|submit|close)$/.test(k));
    for (const key of modalKeys) {
      for (const text of [...forms(zh[key]), ...forms(en[key])]) expect(text.length, key).toBeLessThanOrEqual(24);
    }
  });

  it('fills placeholders and falls back to the key never', () => {
    expect(translate('en', 'common.usage', { usage: '/visit' })).toBe('Usage: /visit');
    expect(translate('zh-CN', 'common.usage', { usage: '/visit' })).toBe('用法：/visit');
  });
});
