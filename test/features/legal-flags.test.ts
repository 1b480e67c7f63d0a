// Legal flags (《戒毒条例》 Art. 20–21) are never lost and never late: a positive test saved on a
// Saturday reaches MANAGERS_CHANNEL at once; a serious violation raised by time alone is found on
// its day; a notice is "told" only once Slack took it (pending while MANAGERS_CHANNEL is unset,
// posted once it is set, by whichever bot instance runs); undoing the record posts a correction
// under the message; a lost answer does not post it twice.
import { afterEach, describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/db/dates.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { checkFlags } from '../../src/features/legal-flags/check.js';
import { postFlags } from '../../src/features/legal-flags/slack/post.js';
import { UNDO_ACTION } from '../../src/features/visits/ids.js';
import { watchFlags, type FlagWatch } from '../../src/jobs/flags.js';
import { translator } from '../../src/i18n/index.js';
import { buttonsOf, textsOf } from '../support/blocks.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { ADMIN, startTestBot, useTestBot, type TestBot } from '../support/test-bot.js';
import { W1, client, community, staff } from './due-fixtures.js';

const zh = translator('zh-CN');
const MANAGERS = 'C0MANAGERS';
/** Saturday 2026-11-21, 10:00 in Asia/Shanghai: a rest day. */
const SATURDAY = new Date('2026-11-21T02:00:00Z');

async function world(t: { db: { prisma: Parameters<typeof community>[0] } }) {
  const meihua = await community(t.db.prisma, '梅花碑社区', 'C0MEIHUA');
  const w1 = await staff(t.db.prisma, W1, 'worker', [meihua]);
  // 社区戒毒, monthly test windows from 2026-10-01: October's was closed by a test.
  const feng = await client(t.db.prisma, {
    caseNumber: 'MH-010', alias: '冯某壬', communityId: meihua, caseworkerId: w1, termStart: '2026-10-01',
    visits: ['2026-11-02'], checkIns: ['2026-11-02'], tests: [{ date: '2026-10-05', result: 'negative' }],
  });
  return { meihua, w1, feng };
}

/** Logs a check-in with a positive test through the bot; answers the Undo button's value. */
async function positiveCheckIn(app: TestBot, caseNumber = 'MH-010'): Promise<string> {
  const { triggerId } = await app.driver.command(W1, '/checkin', caseNumber, 'C0MEIHUA');
  await app.driver.accepted(W1, await app.driver.openedView(triggerId), { urine: 'positive' });
  const confirmation = await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === W1);
  return buttonsOf(confirmation.args.blocks as Json[]).find((b) => b.action_id === UNDO_ACTION)!.value!;
}

const told = (app: TestBot) => app.fake.messagesIn(MANAGERS).filter((m) => !m.thread_ts);

describe('legal flags with MANAGERS_CHANNEL set', () => {
  const t = useTestDatabase();
  const { app, clock } = useTestBot(t, SATURDAY, { env: { MANAGERS_CHANNEL: MANAGERS }, channels: [MANAGERS, 'C0MEIHUA'] });
  let watch: FlagWatch | undefined;
  afterEach(async () => {
    await watch?.stop();
    watch = undefined;
  });
  const deps = () => app.bot.ctx.dueJob;
  const run = async () => {
    await checkFlags(t.db.prisma, DEFAULT_RULES, '2026-11-21');
    return postFlags(deps());
  };

  it('posts a positive test saved on a Saturday at once, naming case number and alias, and only once', async () => {
    await world(t);
    watch = watchFlags(app.bot.ctx);
    await positiveCheckIn(app);
    // Right after the record, on this instance: no working morning to wait for.
    const post = await app.fake.waitFor('chat.postMessage', (c) => c.args.channel === MANAGERS);
    expect(post.args.text).toBe(zh('flag.mustReport', { client: 'MH-010 冯某壬', community: '梅花碑社区', date: '2026-11-21' }));
    expect(post.args.metadata).toMatchObject({ event_type: 'sunshine_legal_flag' });
    await expect.poll(async () => (await t.db.prisma.legalFlagNotice.findFirstOrThrow()).state).toBe('posted');
    await watch.runNow();
    await run();
    expect(told(app)).toHaveLength(1);
    const notice = await t.db.prisma.legalFlagNotice.findFirstOrThrow();
    expect(notice).toMatchObject({ kind: 'mustReport', key: 'positive:2026-11-21', state: 'posted', channelId: MANAGERS, messageTs: told(app)[0]!.ts });
  });

  it('finds a serious violation on the day time alone raises it, whatever the day', async () => {
    const { meihua, w1 } = await world(t);
    // Monthly windows from 2026-08-01, never a test: August, September and October are missed.
    const id = await client(t.db.prisma, { caseNumber: 'MH-020', alias: '陈某癸', communityId: meihua, caseworkerId: w1, termStart: '2026-08-01', visits: ['2026-10-30'], checkIns: ['2026-10-30'] });
    await checkFlags(t.db.prisma, DEFAULT_RULES, '2026-10-31');
    expect(await postFlags(deps())).toMatchObject({ posted: 0 });
    // Listed again for the day October's window would be missed.
    expect((await t.db.prisma.flagCheck.findUniqueOrThrow({ where: { clientId: id } })).checkOn).toEqual(toDbDate('2026-11-01'));
    await checkFlags(t.db.prisma, DEFAULT_RULES, '2026-11-01');
    expect(await postFlags(deps())).toMatchObject({ posted: 1 });
    expect(told(app).map((m) => m.text)).toEqual([
      zh('flag.seriousViolation', { client: 'MH-020 陈某癸', community: '梅花碑社区', count: 3, dates: '2026-09-01、2026-10-01、2026-11-01' }),
    ]);
  });

  it('posts a correction under the message when the test behind it is undone, and keeps the message', async () => {
    await world(t);
    const undo = await positiveCheckIn(app);
    expect(await run()).toMatchObject({ posted: 1 });
    const [original] = told(app);
    const { responseUrl } = await app.driver.click(W1, UNDO_ACTION, undo, { channel: 'C0MEIHUA' });
    await app.driver.reply(responseUrl);
    expect(await run()).toMatchObject({ corrected: 1 });
    const thread = app.fake.messagesIn(MANAGERS).filter((m) => m.thread_ts === original!.ts);
    expect(thread.map((m) => m.text)).toEqual([zh('flag.retracted', { client: 'MH-010 冯某壬', date: '2026-11-21' })]);
    expect(told(app)).toEqual([original]);
    expect(app.fake.callsOf('chat.delete')).toEqual([]);
    expect(await t.db.prisma.legalFlagNotice.findFirstOrThrow()).toMatchObject({ state: 'retracted', correctionTs: thread[0]!.ts });
    // Nothing more on later runs, and the weekly counts no longer count it.
    expect(await run()).toMatchObject({ posted: 0, corrected: 0 });
  });

  it('posts a notice once when Slack took it but the answer was lost', async () => {
    await world(t);
    await positiveCheckIn(app);
    app.fake.loseNextAnswer('chat.postMessage');
    expect(await run()).toMatchObject({ posted: 0, waiting: 1 });
    expect(told(app)).toHaveLength(1);
    // Tried again a minute later: the message is found, not posted again.
    clock.now = new Date(SATURDAY.getTime() + 2 * 60_000);
    expect(await postFlags(deps())).toMatchObject({ posted: 1 });
    expect(told(app)).toHaveLength(1);
    expect((await t.db.prisma.legalFlagNotice.findFirstOrThrow()).messageTs).toBe(told(app)[0]!.ts);
  });
});

describe('legal flags raised before MANAGERS_CHANNEL is set', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, SATURDAY, { channels: [MANAGERS, 'C0MEIHUA'] });
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it('wait, are shown to admins in App Home, and are posted once it is set and the bot restarted', async () => {
    await world(t);
    await positiveCheckIn(app);
    await checkFlags(t.db.prisma, DEFAULT_RULES, '2026-11-21');
    expect(await postFlags(app.bot.ctx.dueJob)).toMatchObject({ posted: 0, waiting: 1 });
    expect(await t.db.prisma.legalFlagNotice.findFirstOrThrow()).toMatchObject({ state: 'pending', messageTs: null });

    await app.driver.event({ type: 'app_home_opened', user: ADMIN, channel: `D${ADMIN}`, tab: 'home', event_ts: '1.1' });
    const home = await app.fake.waitFor('views.publish', (c) => c.args.user_id === ADMIN);
    expect(textsOf((home.args.view as Json).blocks)).toContain(zh('flag.waiting', { count: 1 }));

    // The admin sets MANAGERS_CHANNEL and restarts: the new process posts what waited.
    const restarted = await startTestBot(t.db, { env: { MANAGERS_CHANNEL: MANAGERS }, channels: [MANAGERS, 'C0MEIHUA'], now: () => SATURDAY });
    stops.push(() => restarted.stop());
    const watch = watchFlags(restarted.bot.ctx);
    stops.unshift(() => watch.stop());
    const post = await restarted.fake.waitFor('chat.postMessage', (c) => c.args.channel === MANAGERS);
    expect(post.args.text).toBe(zh('flag.mustReport', { client: 'MH-010 冯某壬', community: '梅花碑社区', date: '2026-11-21' }));
    await expect.poll(async () => (await t.db.prisma.legalFlagNotice.findFirstOrThrow()).state).toBe('posted');
  });
});
