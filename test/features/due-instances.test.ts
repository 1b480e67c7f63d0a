// Two bot instances sharing one PostgreSQL, each with its own connection pool, cron and Slack
// client, triggered at the same minute: exactly one message per community. (PGlite is one
// process by nature, so this runs with TEST_DATABASE_URL only.)
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresDatabase, type Database } from '../../src/db/client.js';
import { toDbDate } from '../../src/db/dates.js';
import { runDailyDueLists } from '../../src/features/due-lists/slack/job.js';
import { startScheduler } from '../../src/jobs/scheduler.js';
import { onPostgres, useTestDatabase } from '../support/db.js';
import { databaseUrl } from '../support/global-setup.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { WORKDAY, client, community, nineAm, staff } from './due-fixtures.js';

const COMMUNITIES = 20;

describe.skipIf(!onPostgres)('two instances on one PostgreSQL', () => {
  const t = useTestDatabase();
  let second: Database;
  let apps: TestBot[];
  let clock = nineAm(WORKDAY);

  beforeAll(async () => {
    const [row] = await t.db.prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
    second = openPostgresDatabase(databaseUrl(process.env.TEST_DATABASE_URL!, row!.name), 4);
    // Both instances are the one bot of the workspace: invited to every community's channel.
    const channels = Array.from({ length: COMMUNITIES }, (_, i) => `C0CHAN${i}`);
    apps = [await startTestBot(t.db, { now: () => clock, channels }), await startTestBot(second, { now: () => clock, channels })];
  });
  afterAll(async () => {
    for (const app of apps ?? []) await app.stop();
    await second?.close();
  });
  beforeEach(async () => {
    clock = nineAm(WORKDAY);
    for (const app of apps) app.fake.reset();
    const worker = await staff(t.db.prisma, 'U0WORKER01', 'worker', []);
    for (let i = 0; i < COMMUNITIES; i++) {
      const id = await community(t.db.prisma, `社区${i}`, `C0CHAN${i}`);
      await client(t.db.prisma, { caseNumber: `C${i}-001`, alias: `某${i}`, communityId: id, caseworkerId: worker, visits: ['2026-08-01'] });
    }
  });
  afterEach(() => {
    for (const app of apps) expect(app.fake.problems).toEqual([]);
  });

  /** Every channel post either instance made, by channel. */
  const postsByChannel = () => {
    const counts = new Map<string, number>();
    for (const app of apps) for (const call of app.fake.callsOf('chat.postMessage')) counts.set(call.args.channel, (counts.get(call.args.channel) ?? 0) + 1);
    return counts;
  };
  const oncePerCommunity = () => new Map(Array.from({ length: COMMUNITIES }, (_, i) => [`C0CHAN${i}`, 1]));

  it('posts exactly one message per community when both start after 08:30 and catch up at once', async () => {
    const schedulers = apps.map((app) => startScheduler(app.bot.ctx.dueJob, '30 8 * * *', 'Asia/Shanghai'));
    try {
      await Promise.all(schedulers.map((s) => s.catchUp()));
      await Promise.all(schedulers.map((s) => s.catchUp()));
    } finally {
      for (const s of schedulers) await s.stop();
    }
    expect(postsByChannel()).toEqual(oncePerCommunity());
    expect(await t.db.prisma.dailyPost.count({ where: { state: 'posted' } })).toBe(COMMUNITIES);
  });

  it('lets exactly one instance take over the claims a crashed one left behind', async () => {
    const communities = await t.db.prisma.community.findMany();
    await t.db.prisma.dailyPost.createMany({
      data: communities.map((c) => ({
        communityId: c.id, localDate: toDbDate(WORKDAY), kind: 'due_list' as const, channelId: c.channelId!, claimedBy: 'crashed', claimedAt: new Date(clock.getTime() - 30 * 60_000),
      })),
    });
    const summaries = await Promise.all(apps.map((app) => runDailyDueLists(app.bot.ctx.dueJob)));
    expect(summaries.reduce((n, s) => n + s.posted, 0)).toBe(COMMUNITIES);
    expect(postsByChannel()).toEqual(oncePerCommunity());
  });
});
