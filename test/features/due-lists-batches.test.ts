// The daily job a batch of communities at a time (batches.ts, pool.ts): communities split across
// batches get exactly the lists and messages one batch would give, in order; a run stopped
// between batches starts no further community; a batch that cannot be read fails the run only
// after the communities already started are done.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { dueListsInBatches } from '../../src/features/due-lists/batches.js';
import { loadDueClients } from '../../src/features/due-lists/facts.js';
import { runDailyDueLists } from '../../src/features/due-lists/job.js';
import { dueEntries } from '../../src/features/due-lists/list.js';
import { eachLimited } from '../../src/features/due-lists/pool.js';
import { useTestDatabase } from '../support/db.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { DAXUE_CHANNEL, MEIHUA_CHANNEL, W3, WORKDAY, client, community, jobDeps, nineAm, seed, type Seeded } from './due-fixtures.js';

describe('the daily job, a batch of communities at a time', () => {
  const t = useTestDatabase();
  let app: TestBot;
  let data: Seeded;
  /** A third linked community, after the two of the fixtures: three batches of one. */
  let third: number;
  const THIRD_CHANNEL = 'C0THIRD';

  beforeAll(async () => {
    app = await startTestBot(t.db, { now: () => nineAm(WORKDAY) });
  });
  afterAll(async () => app?.stop());
  beforeEach(async () => {
    app.fake.reset();
    data = await seed(t.db.prisma);
    third = await community(t.db.prisma, '第三社区', THIRD_CHANNEL);
    await client(t.db.prisma, { caseNumber: 'TH-001', alias: '王某辛', communityId: third, caseworkerId: data.staff[W3]!, visits: ['2026-08-01'] });
  });
  afterEach(() => expect(app.fake.problems).toEqual([]));

  const config = () => ({ ...app.bot.ctx.dueJob.config, duePostEmpty: true });
  const posted = () =>
    app.fake.callsOf('chat.postMessage').map(({ args }) => ({ channel: args.channel, text: args.text, blocks: args.blocks }));

  it('yields every linked community in order with the list one batch gives', async () => {
    const communities = await t.db.prisma.community.findMany({ where: { channelId: { not: null } }, orderBy: { id: 'asc' } });
    const ids = communities.map((c) => c.id);
    const all = await loadDueClients(t.db.prisma, ids, WORKDAY, DEFAULT_RULES);
    const expected = communities.map((c) => {
      const own = all.filter((x) => x.communityId === c.id);
      return { id: c.id, entries: dueEntries(own, WORKDAY, DEFAULT_RULES), onSchedule: new Set(own.map((x) => x.id)) };
    });
    for (const size of [1, 2, 100]) {
      const got = [];
      for await (const list of dueListsInBatches(t.db.prisma, communities, WORKDAY, DEFAULT_RULES, size)) {
        got.push({ id: list.community.id, entries: list.entries, onSchedule: list.onSchedule });
      }
      expect(got).toEqual(expected);
    }
    expect(expected.map((e) => e.entries.length)).toEqual([4, 0, 1]);
  });

  it('posts the same messages, claims and summary with batches of one as with one batch', async () => {
    const whole = await runDailyDueLists(jobDeps(app, { config: config() }));
    const wholePosts = posted();
    const wholeRows = await t.db.prisma.dailyPost.findMany({ orderBy: { communityId: 'asc' }, select: { communityId: true, state: true, entries: true } });
    await t.db.prisma.dailyPost.deleteMany();
    app.fake.reset();

    const split = await runDailyDueLists(jobDeps(app, { config: config(), batchSize: 1, concurrency: 2 }));
    expect(split).toEqual(whole);
    expect(split).toMatchObject({ posted: 3, failed: 0, interrupted: false });
    const byChannel = (xs: { channel: unknown }[]) => [...xs].sort((a, b) => String(a.channel).localeCompare(String(b.channel)));
    expect(byChannel(posted())).toEqual(byChannel(wholePosts));
    expect(await t.db.prisma.dailyPost.findMany({ orderBy: { communityId: 'asc' }, select: { communityId: true, state: true, entries: true } })).toEqual(wholeRows);
  });

  it('starts no community of a later batch once the bot begins to stop', async () => {
    const stopping = new AbortController();
    app.fake.respondOnce('chat.postMessage', (args) => {
      stopping.abort();
      return { ok: true, channel: args.channel, ts: '1700000000.000100' };
    });
    const summary = await runDailyDueLists(jobDeps(app, { config: config(), batchSize: 1, concurrency: 1, signal: stopping.signal }));
    expect(summary).toMatchObject({ posted: 1, interrupted: true });
    expect(posted().map((p) => p.channel)).toEqual([MEIHUA_CHANNEL]);
    const next = await runDailyDueLists(jobDeps(app, { config: config(), batchSize: 1 }));
    expect(next).toMatchObject({ posted: 2, skipped: 1, interrupted: false });
    expect(posted().map((p) => p.channel).sort()).toEqual([DAXUE_CHANNEL, MEIHUA_CHANNEL, THIRD_CHANNEL].sort());
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
