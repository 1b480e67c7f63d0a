// The daily due-list job against the fake Slack Web API: a function of (database, Slack client,
// now), run here at fixed dates. What a channel sees, on which days, exactly once, and how it
// survives crashes, rate limits, outages and channels the bot cannot post to; and that
// communities read a batch at a time (batches.ts, pool.ts) get what one batch would give.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/db/dates.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { workingCalendar } from '../../src/domain/working-days.js';
import { dueListsInBatches } from '../../src/features/due-lists/batches.js';
import { loadDueClients } from '../../src/features/due-lists/facts.js';
import { runDailyDueLists } from '../../src/features/due-lists/slack/job.js';
import { dueEntries } from '../../src/features/due-lists/list.js';
import { eachLimited } from '../../src/features/due-lists/pool.js';
import { translator } from '../../src/i18n/index.js';
import { loadCalendarOverrides } from '../../src/settings-files.js';
import { useTestDatabase } from '../support/db.js';
import { ADMIN, startTestBot, type TestBot } from '../support/test-bot.js';
import {
  DAXUE_CHANNEL, MEIHUA_CHANNEL, NOTE_MARK, STAFF_ADMIN, W1, W2, W3, WORKDAY, buttons, client, community, jobDeps, nineAm, postsTo, sectionTexts, seed, type Seeded,
} from './due-fixtures.js';

const zh = translator('zh-CN');

describe('daily due lists', () => {
  const t = useTestDatabase();
  let app: TestBot;
  let clock = nineAm(WORKDAY);
  let data: Seeded;

  beforeAll(async () => {
    app = await startTestBot(t.db, { now: () => clock, channels: [MEIHUA_CHANNEL, DAXUE_CHANNEL, 'C0THIRD'] });
  });
  afterAll(async () => app?.stop());
  beforeEach(async () => {
    clock = nineAm(WORKDAY);
    app.fake.reset();
    data = await seed(t.db.prisma);
  });
  afterEach(() => {
    expect(app.fake.problems).toEqual([]);
    // Notes never leave the client file: not in any message, update or DM the bot sent.
    expect(JSON.stringify(app.fake.calls)).not.toContain(NOTE_MARK);
  });

  const run = (overrides = {}, options = {}) => runDailyDueLists(jobDeps(app, overrides), options);
  const posts = () => app.fake.callsOf('chat.postMessage').map((c) => c.args);
  const rows = () => t.db.prisma.dailyPost.findMany({ orderBy: { communityId: 'asc' } });

  it('posts one message per linked community with something due, most overdue first, grouped by caseworker', async () => {
    const summary = await run();
    expect(summary).toMatchObject({ date: WORKDAY, workingDay: true, posted: 1, empty: 1, failed: 0 });

    // Only 梅花碑: 大学路 has nothing due, 东园 has no channel.
    expect(posts().map((p) => p.channel)).toEqual([MEIHUA_CHANNEL]);
    const [message] = postsTo(app, MEIHUA_CHANNEL);
    expect(message!.text).toBe(zh('due.fallback', { community: '梅花碑社区', date: WORKDAY, count: 4 }));
    const blocks = message!.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: zh('due.header') } });
    expect(blocks[1]).toMatchObject({ type: 'section', text: { text: '早上好！以下是梅花碑社区 11月18日（星期三）的帮教待办。' } });
    expect(blocks[2]).toMatchObject({ type: 'context' });
    expect(JSON.stringify(blocks[2])).toContain(zh('due.summary', { overdue: 2, today: 1, soon: 1, days: 7 }));
    expect(blocks.at(-1)).toMatchObject({ type: 'context', elements: [{ text: zh('due.footer') }] });
    expect(sectionTexts(message!)).toEqual([
      zh('due.greeting', { community: '梅花碑社区', date: WORKDAY }),
      `<@${W1}>`,
      '*MH-003 孙某丙* — 走访已逾期 49 天（截止日 2026-09-30）',
      '*MH-001 赵某甲* — 走访已逾期 18 天（截止日 2026-10-31）',
      `<@${W2}>`,
      '*MH-002 钱某乙* — 尿检今日截止',
      '*MH-005 周某戊* — 尿检须于 2026-11-21 前完成',
    ]);
    // One "log visit" button per client, carrying the client id.
    expect(buttons(message!).map((b) => b.value)).toEqual([data.clients.C, data.clients.A, data.clients.B, data.clients.E].map(String));

    const [posted] = (await rows()).filter((r) => r.communityId === data.meihua);
    expect(posted).toMatchObject({ state: 'posted', channelId: MEIHUA_CHANNEL, messageTs: expect.any(String) });
    expect((await rows()).map((r) => r.communityId)).toEqual([data.meihua]);
  });

  it('posts a short all-clear to a community with nothing due when DUE_POST_EMPTY=true', async () => {
    const summary = await run({ config: { ...app.bot.ctx.dueJob.config, duePostEmpty: true } });
    expect(summary).toMatchObject({ posted: 2, empty: 0 });
    const [allClear] = postsTo(app, DAXUE_CHANNEL);
    expect(allClear!.text).toBe(zh('due.allClear', { community: '大学路社区', date: WORKDAY, days: 7 }));
    expect(buttons(allClear!)).toEqual([]);
  });

  it('posts to no further community once the bot begins to stop, and the next run posts the rest', async () => {
    const stopping = new AbortController();
    // The bot is told to stop while the first community's message is being posted.
    app.fake.respondOnce('chat.postMessage', (args) => {
      stopping.abort();
      return { ok: true, channel: args.channel, ts: '1700000000.000100' };
    });
    const config = { ...app.bot.ctx.dueJob.config, duePostEmpty: true };
    expect(await run({ config, concurrency: 1, signal: stopping.signal })).toMatchObject({ posted: 1, interrupted: true });
    expect(posts().map((p) => p.channel)).toEqual([MEIHUA_CHANNEL]);
    expect(await run({ config })).toMatchObject({ posted: 1, skipped: 1, interrupted: false });
    expect(posts().map((p) => p.channel)).toEqual([MEIHUA_CHANNEL, DAXUE_CHANNEL]);
  });

  describe('terms ending within 30 days', () => {
    // WORKDAY is 2026-11-18; the fixtures' terms run two years, so these end on 2026-12-08 (in
    // 20 days) and 2026-12-28 (in 40 days).
    const ending = async () => {
      await client(t.db.prisma, { caseNumber: 'MH-020', alias: '期满甲', communityId: data.meihua, caseworkerId: data.staff[W1]!, termStart: '2024-12-08', visits: [WORKDAY], checkIns: [WORKDAY], tests: [{ date: WORKDAY, result: 'negative' }] });
      await client(t.db.prisma, { caseNumber: 'MH-040', alias: '期满乙', communityId: data.meihua, caseworkerId: data.staff[W1]!, termStart: '2024-12-28', visits: [WORKDAY], checkIns: [WORKDAY], tests: [{ date: WORKDAY, result: 'negative' }] });
    };

    it.each<['zh-CN' | 'en', string]>([
      ['zh-CN', '*即将期满（30日内）* — 请提前准备期满解除的材料\n• *MH-020 期满甲* — 2026-12-08 期满（还有 20 天）'],
      ['en', '*Term ending within 30 days* — prepare the completion paperwork in time\n• *MH-020 期满甲* — term ends 2026-12-08 (in 20 days)'],
    ])('shows a client whose term ends in 20 days, not one ending in 40 days (%s)', async (locale, section) => {
      await ending();
      await run({ config: { ...app.bot.ctx.dueJob.config, defaultLocale: locale } });
      const [message] = postsTo(app, MEIHUA_CHANNEL);
      const texts = sectionTexts(message!);
      // After the clients' lines, before the closing note.
      expect(texts.at(-1)).toBe(section);
      expect(JSON.stringify(message)).not.toContain('MH-040');
      expect((message!.blocks as { type: string }[]).at(-1)).toMatchObject({ type: 'context', elements: [{ text: translator(locale)('due.footer') }] });
    });

    it('posts for a term ending soon even when nothing else is due', async () => {
      await client(t.db.prisma, { caseNumber: 'DX-020', alias: '期满丙', communityId: data.daxue, caseworkerId: data.staff[W3]!, termStart: '2024-12-08', visits: [WORKDAY], checkIns: [WORKDAY], tests: [{ date: WORKDAY, result: 'negative' }] });
      expect(await run()).toMatchObject({ posted: 2, empty: 0 });
      const [message] = postsTo(app, DAXUE_CHANNEL);
      expect(sectionTexts(message!).at(-1)).toBe('*即将期满（30日内）* — 请提前准备期满解除的材料\n• *DX-020 期满丙* — 2026-12-08 期满（还有 20 天）');
    });
  });

  describe('on the days of the official calendar', () => {
    it('does not post on a weekend', async () => {
      clock = nineAm('2026-11-22');
      expect(await run()).toMatchObject({ workingDay: false, posted: 0 });
      expect(posts()).toEqual([]);
      expect(await rows()).toEqual([]);
    });

    it('does not post on a public holiday (National Day, 2026-10-01, a Thursday)', async () => {
      clock = nineAm('2026-10-01');
      expect(await run()).toMatchObject({ workingDay: false, posted: 0 });
      expect(posts()).toEqual([]);
    });

    it('posts on a make-up working Saturday (2026-10-10)', async () => {
      clock = nineAm('2026-10-10');
      expect(await run()).toMatchObject({ date: '2026-10-10', workingDay: true, posted: 2 });
      expect(posts().map((p) => p.channel).sort()).toEqual([DAXUE_CHANNEL, MEIHUA_CHANNEL]);
    });

    it('follows the HOLIDAYS_FILE for a year the package does not cover', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
      const file = join(dir, 'holidays.yaml');
      writeFileSync(file, 'holidays:\n  - 2027-02-08\nworkdays:\n  - 2027-02-20\n');
      const loaded = await loadCalendarOverrides(file);
      if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
      const calendar = workingCalendar(loaded.value);
      expect(calendar.covers(2027)).toBe(true);

      clock = nineAm('2027-02-08'); // a Monday made a holiday by the file
      expect(await run({ calendar })).toMatchObject({ workingDay: false, posted: 0 });
      clock = nineAm('2027-02-20'); // a Saturday made a working day by the file
      expect(await run({ calendar })).toMatchObject({ workingDay: true, posted: 2 });
      // Without the file, both fall back to Monday–Friday.
      expect(workingCalendar().isWorkingDay('2027-02-08')).toBe(true);
      expect(workingCalendar().isWorkingDay('2027-02-20')).toBe(false);
      expect(postsTo(app, MEIHUA_CHANNEL).map((p) => p.text)).toEqual([zh('due.fallback', { community: '梅花碑社区', date: '2027-02-20', count: 5 })]);
    });

    it('posts on a holiday when an admin asks explicitly', async () => {
      clock = nineAm('2026-10-01');
      expect(await run({}, { explicit: true })).toMatchObject({ workingDay: false, posted: 2 });
    });
  });

  describe('exactly once', () => {
    it('posts once when the job runs twice at the same time (two instances) and again later', async () => {
      const [first, second] = await Promise.all([run({ instanceId: 'instance-a' }), run({ instanceId: 'instance-b' })]);
      expect(first.posted + second.posted).toBe(1);
      await run({ instanceId: 'instance-c' });
      expect(postsTo(app, MEIHUA_CHANNEL)).toHaveLength(1);
      expect(await t.db.prisma.dailyPost.count()).toBe(1);
    });

    it('posts a list whose claim was left behind by a crash between claim and post', async () => {
      await t.db.prisma.dailyPost.create({
        data: { communityId: data.meihua, localDate: toDbDate(WORKDAY), kind: 'due_list', channelId: MEIHUA_CHANNEL, claimedBy: 'crashed', claimedAt: new Date(clock.getTime() - 60_000), attempts: 1 },
      });
      // A minute old: the crashed instance might still be posting, so nobody else does.
      expect(await run()).toMatchObject({ posted: 0, skipped: 1 });
      expect(posts()).toEqual([]);
      // Past the stale limit, the next run (the retry sweep, a restart's catch-up) posts it.
      clock = new Date(clock.getTime() + 10 * 60_000);
      expect(await run()).toMatchObject({ posted: 1 });
      expect(postsTo(app, MEIHUA_CHANNEL)).toHaveLength(1);
      const [row] = await rows();
      expect(row).toMatchObject({ state: 'posted', attempts: 2 });
    });
  });

  describe('Slack errors', () => {
    it('waits Retry-After on a 429 and then posts', async () => {
      app.fake.respondOnce('chat.postMessage', () => ({ status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }));
      const started = Date.now();
      expect(await run()).toMatchObject({ posted: 1, failed: 0 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(postsTo(app, MEIHUA_CHANNEL)).toHaveLength(2); // the refused attempt and the retry
      expect((await rows())[0]).toMatchObject({ state: 'posted' });
    });

    it('never resends a post on its own: after a 5xx the next run looks for the message, then posts it', async () => {
      app.fake.respondOnce('chat.postMessage', () => ({ status: 503, body: { ok: false } }));
      expect(await run()).toMatchObject({ posted: 0, failed: 1 });
      expect((await rows())[0]).toMatchObject({ state: 'claimed', error: 'http_503' });
      expect(postsTo(app, MEIHUA_CHANNEL)).toHaveLength(1);
      expect(await run()).toMatchObject({ posted: 1 });
      // Slack did not take the first attempt: it was looked for, not found, and posted.
      expect(app.fake.callsOf('conversations.history').map((c) => c.args.channel)).toEqual([MEIHUA_CHANNEL]);
      expect(app.fake.messagesIn(MEIHUA_CHANNEL)).toHaveLength(1);
      expect((await rows())[0]).toMatchObject({ state: 'posted', error: null });
    });

    it('posts once when Slack took the message but its answer was lost', async () => {
      app.fake.loseNextAnswer('chat.postMessage');
      expect(await run()).toMatchObject({ posted: 0, failed: 1 });
      expect(app.fake.messagesIn(MEIHUA_CHANNEL)).toHaveLength(1);
      // The retry sweep (or a restart's catch-up, or an admin's due post) finds it instead of posting again.
      expect(await run()).toMatchObject({ posted: 1 });
      expect(app.fake.messagesIn(MEIHUA_CHANNEL)).toHaveLength(1);
      expect(postsTo(app, MEIHUA_CHANNEL)).toHaveLength(1);
      expect((await rows())[0]).toMatchObject({ state: 'posted', messageTs: app.fake.messagesIn(MEIHUA_CHANNEL)[0]!.ts });
    });

    it('waits out a rate limit (Slack did not take the message) and posts once', async () => {
      app.fake.respondOnce('chat.postMessage', () => ({ status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }));
      expect(await run()).toMatchObject({ posted: 1, failed: 0 });
      expect(postsTo(app, MEIHUA_CHANNEL)).toHaveLength(2);
      expect(app.fake.messagesIn(MEIHUA_CHANNEL)).toHaveLength(1);
    });

    it('records not_in_channel for one community, posts the others, and tells the admins once', async () => {
      // A third community, linked to a channel the bot was never invited to: Slack refuses the post.
      await t.db.prisma.community.update({ where: { id: data.dongyuan }, data: { channelId: 'C0GONE' } });
      await client(t.db.prisma, { caseNumber: 'DX-009', alias: '王某辛', communityId: data.daxue, caseworkerId: data.staff[W1]!, visits: ['2026-08-01'] });
      const dms = () => posts().filter((p) => p.channel === ADMIN || p.channel === STAFF_ADMIN);

      expect(await run()).toMatchObject({ posted: 2, failed: 1 });
      expect(postsTo(app, MEIHUA_CHANNEL)).toHaveLength(1);
      expect(postsTo(app, DAXUE_CHANNEL)).toHaveLength(1);
      const [failed] = await t.db.prisma.dailyPost.findMany({ where: { channelId: 'C0GONE' } });
      expect(failed).toMatchObject({ communityId: data.dongyuan, state: 'failed', error: 'not_in_channel' });
      expect(app.fake.messagesIn('C0GONE')).toEqual([]);
      // Each admin (ADMIN_USER_IDS and staff admins) gets one DM naming the community and channel.
      expect(dms().map((d) => d.channel).sort()).toEqual([ADMIN, STAFF_ADMIN].sort());
      for (const dm of dms()) {
        expect(dm.text).toContain('东园社区');
        expect(dm.text).toContain('<#C0GONE>');
        expect(dm.text).toContain('not_in_channel');
      }

      // The same day again (the retry sweep): the failure is not retried and nobody is told twice.
      expect(await run()).toMatchObject({ posted: 0, failed: 0 });
      // The next working day: still not invited — recorded again, but the admins know already.
      clock = nineAm('2026-11-19');
      expect(await run()).toMatchObject({ posted: 2, failed: 1 });
      expect(dms()).toHaveLength(2);
      expect(await t.db.prisma.dailyPost.count({ where: { channelId: 'C0GONE', state: 'failed' } })).toBe(2);
    });
  });

  it('shows a name with a line break and formatting on one line of its own client, forging nothing', async () => {
    // As an old roster might hold it (the intake refuses such an alias now).
    await client(t.db.prisma, { caseNumber: 'MH-099', alias: '赵某\n*MH-998 伪造* — 走访逾期', communityId: data.meihua, caseworkerId: data.staff[W1]!, visits: ['2026-08-01'] });
    await run();
    const lines = sectionTexts(postsTo(app, MEIHUA_CHANNEL)[0]!).flatMap((text) => text.split('\n'));
    expect(lines.filter((line) => line.includes('MH-998'))).toEqual([expect.stringMatching(/^\*MH-099 赵某 ＊MH-998 伪造＊ — 走访逾期\* — /)]);
  });

  it('runs for an unlinked community on an explicit request without posting anywhere', async () => {
    const id = await community(t.db.prisma, '新社区', null);
    expect(await run({}, { explicit: true, communityIds: [id] })).toMatchObject({ posted: 0, failed: 0 });
    expect(posts()).toEqual([]);
  });

  describe('a batch of communities at a time', () => {
    const THIRD_CHANNEL = 'C0THIRD';
    const allClear = () => ({ config: { ...app.bot.ctx.dueJob.config, duePostEmpty: true } });
    const sent = () => posts().map((p) => ({ channel: String(p.channel), text: p.text, blocks: p.blocks }));
    const claims = () => t.db.prisma.dailyPost.findMany({ orderBy: { communityId: 'asc' }, select: { communityId: true, state: true, entries: true } });

    /** A third linked community after the two of the fixtures: with batches of one, three batches. */
    beforeEach(async () => {
      const third = await community(t.db.prisma, '第三社区', THIRD_CHANNEL);
      await client(t.db.prisma, { caseNumber: 'TH-001', alias: '王某辛', communityId: third, caseworkerId: data.staff[W3]!, visits: ['2026-08-01'] });
    });

    it('gives every linked community, in order, the list one batch gives', async () => {
      const communities = await t.db.prisma.community.findMany({ where: { channelId: { not: null } }, orderBy: { id: 'asc' } });
      const all = await loadDueClients(t.db.prisma, communities.map((c) => c.id), WORKDAY, DEFAULT_RULES);
      const expected = communities.map((c) => {
        const own = all.filter((x) => x.communityId === c.id);
        return { id: c.id, entries: dueEntries(own, WORKDAY, DEFAULT_RULES), onSchedule: new Set(own.map((x) => x.id)) };
      });
      expect(expected.map((e) => e.entries.length)).toEqual([4, 0, 1]);
      for (const size of [1, 2, 100]) {
        const got = [];
        for await (const list of dueListsInBatches(t.db.prisma, communities, WORKDAY, DEFAULT_RULES, size)) {
          got.push({ id: list.community.id, entries: list.entries, onSchedule: list.onSchedule });
        }
        expect(got).toEqual(expected);
      }
    });

    it('posts the same messages, claims and summary with batches of one as with one batch', async () => {
      const whole = await run(allClear());
      const wholeSent = sent();
      const wholeClaims = await claims();
      await t.db.prisma.dailyPost.deleteMany();
      app.fake.reset();

      const split = await run({ ...allClear(), batchSize: 1, concurrency: 2 });
      expect(split).toEqual(whole);
      expect(split).toMatchObject({ posted: 3, failed: 0, interrupted: false });
      const byChannel = (xs: { channel: string }[]) => [...xs].sort((a, b) => a.channel.localeCompare(b.channel));
      expect(byChannel(sent())).toEqual(byChannel(wholeSent));
      expect(await claims()).toEqual(wholeClaims);
    });

    it('starts no community of a later batch once the bot begins to stop', async () => {
      const stopping = new AbortController();
      app.fake.respondOnce('chat.postMessage', (args) => {
        stopping.abort();
        return { ok: true, channel: args.channel, ts: '1700000000.000100' };
      });
      expect(await run({ ...allClear(), batchSize: 1, concurrency: 1, signal: stopping.signal })).toMatchObject({ posted: 1, interrupted: true });
      expect(sent().map((p) => p.channel)).toEqual([MEIHUA_CHANNEL]);
      expect(await run({ ...allClear(), batchSize: 1 })).toMatchObject({ posted: 2, skipped: 1, interrupted: false });
      expect(sent().map((p) => p.channel).sort()).toEqual([DAXUE_CHANNEL, MEIHUA_CHANNEL, THIRD_CHANNEL].sort());
    });
  });
});

describe('eachLimited over items that arrive as they are loaded', () => {
  async function* numbers(count: number, failAt?: number) {
    for (let i = 1; i <= count; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (i === failAt) throw new Error(`item ${i} could not be loaded`);
      yield i;
    }
  }

  it('takes every item once, in order, with at most `limit` at a time', async () => {
    const started: number[] = [];
    let running = 0;
    let most = 0;
    await eachLimited(numbers(10), 3, async (n) => {
      started.push(n);
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
    });
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(most).toBe(3);
  });

  it('throws a loading failure once the items already started are done', async () => {
    const done: number[] = [];
    const run = eachLimited(numbers(10, 4), 2, async (n) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push(n);
    });
    await expect(run).rejects.toThrow('item 4 could not be loaded');
    expect(done).toEqual([1, 2, 3]);
  });

  it('starts nothing more once the signal is aborted, and closes the source', async () => {
    const stopping = new AbortController();
    let closed = false;
    async function* source() {
      try {
        yield* numbers(10);
      } finally {
        closed = true;
      }
    }
    const started: number[] = [];
    await eachLimited(source(), 2, async (n) => {
      started.push(n);
      if (n === 3) stopping.abort();
    }, stopping.signal);
    expect(started).toEqual([1, 2, 3]);
    expect(closed).toBe(true);
  });
});
