// Long lists stay within Slack's Block Kit limits (the fake Slack checks every message): 300 due
// clients in one community, someone's own list of 300, and counts for 2,000 communities.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/db/dates.js';
import type { DueItem } from '../../src/domain/schedule.js';
import { aliasPinyin } from '../../src/features/clients/pinyin.js';
import { runDailyDueLists } from '../../src/features/due-lists/slack/job.js';
import type { DueEntry } from '../../src/features/due-lists/list.js';
import { buildCountsMessage, buildDueMessage } from '../../src/features/due-lists/slack/message.js';
import { translator } from '../../src/i18n/index.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { useTestDatabase } from '../support/db.js';
import { messageProblems } from '../support/block-kit.js';
import type { Json } from '../support/fake-slack.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { MEIHUA_CHANNEL, NOTE_MARK, WORKDAY, community, jobDeps, nineAm, postsTo, sectionTexts, staff } from './due-fixtures.js';

const zh = translator('zh-CN');
const WORKERS = ['U0BUSY0001', 'U0BUSY0002', 'U0BUSY0003'];

/** The first "overdue N days" of a line. */
const overdueDays = (line: string) => Number(/逾期 (\d+) 天/.exec(line)?.[1] ?? -1);

describe('long due lists', () => {
  const t = useTestDatabase();
  let app: TestBot;
  let meihua: number;

  beforeAll(async () => {
    app = await startTestBot(t.db, { now: () => nineAm(WORKDAY), channels: [MEIHUA_CHANNEL] });
  });
  afterAll(async () => app?.stop());
  beforeEach(async () => {
    app.fake.reset();
    meihua = await community(t.db.prisma, '梅花碑社区', MEIHUA_CHANNEL);
    const workers: number[] = [];
    for (const id of WORKERS) workers.push(await staff(t.db.prisma, id, 'worker', [meihua]));
    // 300 clients with nothing logged, their terms starting on different days: all overdue, by
    // different amounts. The first caseworker has half of them.
    await t.db.prisma.client.createMany({
      data: Array.from({ length: 300 }, (_, i) => {
        const alias = `测试${String(i).padStart(3, '0')}`;
        return {
          caseNumber: `MH-${String(i).padStart(4, '0')}`,
          alias,
          ...aliasPinyin(alias),
          communityId: meihua,
          program: 'community_treatment' as const,
          termStart: toDbDate(`2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`),
          plannedTermEnd: toDbDate('2028-12-31'),
          caseworkerId: workers[i % 2 === 0 ? 0 : 1 + (i % 3 === 0 ? 1 : 0)]!,
          notes: `${NOTE_MARK} ${i}`,
          createdBy: 'U0ADMIN01',
        };
      }),
    });
  });
  afterEach(() => {
    expect(app.fake.problems).toEqual([]);
    expect(JSON.stringify(app.fake.calls)).not.toContain(NOTE_MARK);
  });

  it('condenses 300 due clients into one message within the limits, most overdue first', async () => {
    expect(await runDailyDueLists(jobDeps(app))).toMatchObject({ posted: 1 });
    const [message] = postsTo(app, MEIHUA_CHANNEL);
    expect((message!.blocks as Json[]).length).toBeLessThanOrEqual(50);
    expect(messageProblems(message!)).toEqual([]);

    const sections = sectionTexts(message!);
    const lines = sections.flatMap((s) => s.split('\n')).filter((l) => l.startsWith('• '));
    // Every client fits in the condensed form, each once.
    const numbers = lines.map((l) => /MH-\d{4}/.exec(l)![0]);
    expect(new Set(numbers).size).toBe(300);
    // Each caseworker is mentioned once, heading their clients; within a group, most overdue first.
    const mentioned = sections.filter((s) => s.startsWith('<@')).map((s) => s.slice(2, 12));
    expect(mentioned.sort()).toEqual([...WORKERS].sort());
    let previous = Infinity;
    for (const section of sections) {
      if (section.startsWith('<@')) previous = Infinity;
      for (const days of section.split('\n').filter((l) => l.startsWith('• ')).map(overdueDays)) {
        expect(days).toBeLessThanOrEqual(previous);
        previous = days;
      }
    }
  });

  it('keeps someone’s own list of 150 clients within the limits too', async () => {
    const { responseUrl } = await app.driver.command(WORKERS[0]!, '/caseload', 'due');
    const reply = await app.driver.reply(responseUrl);
    expect((reply.blocks as Json[]).length).toBeLessThanOrEqual(50);
    const shown = sectionTexts(reply).flatMap((s) => s.split('\n')).filter((l) => l.startsWith('• ')).length;
    expect(shown).toBe(150);
  });
});

describe('due-list messages (pure)', () => {
  const soonDays = DEFAULT_RULES.dueSoonDays;
  const item = (days: number): DueItem => ({ kind: 'visit', state: 'overdue', dueDate: '2026-10-31', daysOverdue: days, periodStart: '2026-10-01' });
  const entry = (i: number, alias = `某${i}`): DueEntry => ({ clientId: i, caseNumber: `C-${i}`, alias, caseworkerUserId: `U${i % 7}`, items: [item(300 - i)] });

  it('escapes aliases, so that one cannot ping the channel or link anywhere', () => {
    const message = buildDueMessage(zh, { communityName: '<!channel>', date: WORKDAY, entries: [entry(1, '<!channel> & <https://x|y>')], soonDays });
    const text = JSON.stringify(message.blocks.slice(1));
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;https://x|y&gt;');
  });

  it('shows a button per client while they fit in 50 blocks, and condenses past that', () => {
    // Header, opening line and summary; 7 caseworkers' @mentions; the closing note: 39 clients fit.
    const fits = buildDueMessage(zh, { communityName: '梅花碑社区', date: WORKDAY, entries: Array.from({ length: 39 }, (_, i) => entry(i)), soonDays });
    expect(fits.blocks.filter((b) => (b as Json).accessory)).toHaveLength(39);
    expect(fits.blocks).toHaveLength(50);
    expect(messageProblems(fits as Json)).toEqual([]);
    const condensed = buildDueMessage(zh, { communityName: '梅花碑社区', date: WORKDAY, entries: Array.from({ length: 40 }, (_, i) => entry(i)), soonDays });
    expect(condensed.blocks.filter((b) => (b as Json).accessory)).toEqual([]);
    expect(condensed.blocks).toHaveLength(3 + 7 + 1);
    expect(messageProblems(condensed as Json)).toEqual([]);
  });

  it('opens with the community and the day, and closes with how to read the list', () => {
    const message = buildDueMessage(zh, { communityName: '梅花碑', date: '2026-12-03', entries: [entry(1)], soonDays });
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: '今日待办' } });
    expect(message.blocks[1]).toMatchObject({ type: 'section', text: { text: '早上好！以下是梅花碑社区 12月3日（星期四）的帮教待办。' } });
    expect(JSON.stringify(message.blocks[2])).toContain('已逾期 1 人 · 今日截止 0 人 · 7日内须完成 0 人');
    expect(message.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: zh('due.footer') }] });
    for (const words of ['档案编号和化名', '请勿转发', '截止日次日起算', '节假日期间截止的事项']) expect(zh('due.footer')).toContain(words);
    // A name that already ends in 社区 gets it once.
    const named = buildDueMessage(zh, { communityName: '梅花碑社区', date: '2026-12-03', entries: [entry(1)], soonDays });
    expect(named.blocks[1]).toMatchObject({ text: { text: '早上好！以下是梅花碑社区 12月3日（星期四）的帮教待办。' } });
  });

  it('lists the terms ending soon in their own section, the rest counted when they do not fit', () => {
    const ending = (i: number) => ({ clientId: i, caseNumber: `C-${i}`, alias: `某${i}`, caseworkerUserId: 'U1', termEnd: '2026-12-23', daysLeft: 20 });
    const message = buildDueMessage(zh, { communityName: '梅花碑', date: '2026-12-03', entries: [], termEnding: [ending(1)], soonDays });
    expect(message.blocks.at(-2)).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*即将期满（30日内）* — 请提前准备期满解除的材料\n• *C-1 某1* — 2026-12-23 期满（还有 20 天）' } });
    const many = buildDueMessage(zh, { communityName: '梅花碑', date: '2026-12-03', entries: Array.from({ length: 3000 }, (_, i) => entry(i)), termEnding: Array.from({ length: 500 }, (_, i) => ending(i)), soonDays });
    expect(many.blocks).toHaveLength(50);
    expect(messageProblems(many as Json)).toEqual([]);
    const section = String((many.blocks.at(-2) as Json).text.text);
    const shown = section.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(section.endsWith(zh('due.termEnding.more', { count: 500 - shown }))).toBe(true);
  });

  it('summarises the tail as "N more — /caseload due" when even the condensed list is too long', () => {
    const entries = Array.from({ length: 3000 }, (_, i) => entry(i));
    const message = buildDueMessage(zh, { communityName: '梅花碑社区', date: WORKDAY, entries, soonDays });
    expect(message.blocks).toHaveLength(50);
    expect(messageProblems(message as Json)).toEqual([]);
    const shown = message.blocks.flatMap((b) => String((b as Json).text?.text ?? '').split('\n')).filter((l) => l.startsWith('• ')).length;
    expect(message.blocks.at(-2)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: zh('due.more', { count: 3000 - shown }) }] });
  });

  it('keeps counts for 2,000 communities within the limits', () => {
    const communities = Array.from({ length: 2000 }, (_, i) => ({ name: `第${i}社区`, entries: i % 3 === 0 ? [] : [entry(i)] }));
    const message = buildCountsMessage(zh, { date: WORKDAY, communities, soonDays });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(messageProblems(message as Json)).toEqual([]);
    expect(JSON.stringify(message.blocks.at(-1))).toContain(zh('due.counts.quiet', { count: 667 }));
  });
});
