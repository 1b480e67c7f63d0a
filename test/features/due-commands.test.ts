// `/caseload due …`, the "log visit" button of the day's message, and the message marking lines
// done as visits and tests are logged — over signed HTTP into the running bot.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDailyDueLists } from '../../src/features/due-lists/slack/job.js';
import { translator } from '../../src/i18n/index.js';
import { useTestDatabase } from '../support/db.js';
import { answerOf, TRIGGER_LIFETIME_MS, type Json } from '../support/fake-slack.js';
import { ADMIN, useTestBot } from '../support/test-bot.js';
import { openModal } from './visits-fixtures.js';
import {
  DAXUE_CHANNEL, MANAGER, MEIHUA_CHANNEL, NOTE_MARK, STRANGER, W1, W2, W3, WORKDAY, buttons, client, jobDeps, staff, nineAm, postsTo, sectionTexts, seed, type Seeded,
} from './due-fixtures.js';

const zh = translator('zh-CN');
const en = translator('en');

describe('/caseload due and the log-visit button', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, nineAm(WORKDAY), { channels: [MEIHUA_CHANNEL, DAXUE_CHANNEL] });
  let data: Seeded;

  beforeEach(async () => {
    data = await seed(t.db.prisma);
  });
  afterEach(() => {
    expect(app.fake.problems).toEqual([]);
    expect(JSON.stringify(app.fake.calls)).not.toContain(NOTE_MARK);
  });

  /** The ephemeral reply (text and blocks) to a command. */
  async function due(user: string, text: string, channel?: string): Promise<Json> {
    const { responseUrl } = await app.driver.command(user, '/caseload', text, channel);
    return app.driver.reply(responseUrl);
  }
  const usage = (key: Parameters<typeof zh>[0]) => zh('common.usage', { usage: zh(key) });

  describe('/caseload due', () => {
    it('shows a caseworker their own clients, in the lines of the channel message', async () => {
      const mine = await due(W1, 'due');
      expect(mine.response_type).toBe('ephemeral');
      expect(mine.text).toBe(zh('due.mine.fallback', { date: WORKDAY, count: 2 }));
      expect(sectionTexts(mine)).toEqual(['*MH-003 孙某丙* — 走访已逾期 49 天（截止日 2026-09-30）', '*MH-001 赵某甲* — 走访已逾期 18 天（截止日 2026-10-31）']);
      expect(buttons(mine).map((b) => b.value)).toEqual([String(data.clients.C), String(data.clients.A)]);

      expect(await app.driver.ask(W2, '/caseload', 'lang en')).toBe(en('admin.lang.done'));
      expect(sectionTexts(await due(W2, 'due'))).toEqual(['*MH-002 钱某乙* — urine test due today', '*MH-005 周某戊* — urine test by 2026-11-21']);

      const audits = await t.db.prisma.auditLog.findMany({ where: { action: 'due.view' } });
      expect(audits.map((a) => a.actor)).toEqual([W1, W2]);
      expect(JSON.stringify(audits.map((a) => a.detail))).not.toContain('孙某丙');
    });

    it('tells a caseworker with nothing due so', async () => {
      await staff(t.db.prisma, 'U0NEWBIE01', 'worker', [data.daxue]);
      expect((await due('U0NEWBIE01', 'due')).text).toBe(zh('due.mine.none', { date: WORKDAY }));
    });

    it('shows managers and admins counts per community', async () => {
      const counts = await due(MANAGER, 'due');
      expect(sectionTexts(counts)).toEqual([
        [
          `• *梅花碑社区* — ${zh('due.summary', { overdue: 2, today: 1, soon: 1, days: 7 })}`,
          `• *东园社区* — ${zh('due.summary', { overdue: 1, today: 0, soon: 0, days: 7 })}`,
        ].join('\n'),
      ]);
      expect(JSON.stringify(counts.blocks)).toContain(zh('due.counts.quiet', { count: 1 }));
      expect(sectionTexts(await due(ADMIN, 'due'))).toEqual(sectionTexts(counts));
    });

    it('answers a malformed command with its usage line and an unknown user with whom to ask', async () => {
      expect((await due(W1, 'due tomorrow')).text).toBe(usage('due.mine.usage'));
      expect((await due(W1, 'due here please', MEIHUA_CHANNEL)).text).toBe(usage('due.here.usage'));
      expect((await due(STRANGER, 'due')).text).toContain(`<@${ADMIN}>`);
      const help = String((await due(W1, 'help')).text);
      expect(help).toContain(zh('due.mine.usage'));
      expect(help).toContain(zh('due.here.usage'));
      expect(help).not.toContain(zh('due.post.usage'));
      expect(String((await due(ADMIN, 'help')).text)).toContain(zh('due.post.usage'));
    });
  });

  describe('/caseload due here', () => {
    it('shows the channel’s community list as it would be posted', async () => {
      const here = await due(W1, 'due here', MEIHUA_CHANNEL);
      await runDailyDueLists(jobDeps(app));
      const [posted] = postsTo(app, MEIHUA_CHANNEL);
      expect(here.blocks).toEqual(posted!.blocks);
      expect(here.text).toBe(posted!.text);
      // Managers and admins may look in any community's channel.
      expect((await due(MANAGER, 'due here', MEIHUA_CHANNEL)).blocks).toEqual(posted!.blocks);
    });

    it('refuses staff of other communities and says when the channel is not linked', async () => {
      expect((await due(W3, 'due here', MEIHUA_CHANNEL)).text).toBe(zh('common.notAllowed'));
      expect((await due(W1, 'due here', 'C0RANDOM')).text).toBe(zh('due.here.notLinked'));
      expect((await due(W3, 'due here', DAXUE_CHANNEL)).text).toBe(zh('due.allClear', { community: '大学路社区', date: WORKDAY, days: 7 }));
    });
  });

  describe('/caseload due post', () => {
    it('posts today’s lists now, then refreshes the same message instead of posting twice', async () => {
      expect((await due(ADMIN, 'due post')).text).toBe(zh('due.post.done', { date: WORKDAY, posted: 1, refreshed: 0, empty: 1, skipped: 0, failed: 0 }));
      const [posted] = postsTo(app, MEIHUA_CHANNEL);
      const ts = (await t.db.prisma.dailyPost.findFirstOrThrow()).messageTs;

      // A new client shows up in the refreshed message, in the same message.
      await client(t.db.prisma, { caseNumber: 'MH-099', alias: '新某', communityId: data.meihua, caseworkerId: data.staff[W2]!, visits: ['2026-07-01'], checkIns: ['2026-11-02'], tests: [{ date: '2026-11-02', result: 'negative' }] });
      expect((await due(ADMIN, 'due post all')).text).toBe(zh('due.post.done', { date: WORKDAY, posted: 0, refreshed: 1, empty: 1, skipped: 0, failed: 0 }));
      expect(postsTo(app, MEIHUA_CHANNEL)).toEqual([posted]);
      const [update] = app.fake.callsOf('chat.update').map((c) => c.args);
      expect(update).toMatchObject({ channel: MEIHUA_CHANNEL, ts });
      expect(sectionTexts(update!)).toContain('*MH-099 新某* — 走访已逾期 79 天（截止日 2026-08-31）');

      const audits = await t.db.prisma.auditLog.findMany({ where: { action: 'due.post' } });
      expect(audits).toHaveLength(2);
    });

    it('posts one community, on any day, and explains what it cannot do', async () => {
      expect((await due(ADMIN, 'due post 大学路社区')).text).toBe(zh('due.post.done', { date: WORKDAY, posted: 0, refreshed: 0, empty: 1, skipped: 0, failed: 0 }));
      expect((await due(ADMIN, 'due post 东园社区')).text).toBe(zh('due.post.notLinked', { name: '东园社区' }));
      expect((await due(ADMIN, 'due post 不存在')).text).toContain('不存在');
      expect((await due(W1, 'due post')).text).toBe(zh('common.notAllowed'));
      expect(app.fake.callsOf('chat.postMessage')).toEqual([]);
    });
  });

  describe('the log-visit button', () => {
    async function postedMessage(): Promise<Json> {
      await runDailyDueLists(jobDeps(app));
      return postsTo(app, MEIHUA_CHANNEL)[0]!;
    }
    const click = (user: string, value: string, triggerId?: string) =>
      app.driver.click(user, 'log_visit', value, { channel: MEIHUA_CHANNEL, messageTs: '1700000000.000100', blockId: `client-${value}`, triggerId });

    it('opens the visit modal with the client preselected', async () => {
      const message = await postedMessage();
      const [first] = buttons(message);
      expect(first!.value).toBe(String(data.clients.C));
      const { ack, triggerId } = await click(W1, first!.value);
      expect(ack.status).toBe(200);
      const view = await app.driver.openedView(triggerId);
      expect(view.callback_id).toBe('visit');
      const picker = (view.blocks as Json[]).find((b) => b.block_id === 'client')!;
      expect(picker.element.initial_option).toEqual({ text: { type: 'plain_text', text: 'MH-003 孙某丙' }, value: String(data.clients.C) });
      expect((await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'client.lookup' } })).entityId).toBe(String(data.clients.C));
    });

    it('refuses people who may not record for that community, and forged values', async () => {
      const refusal = async (user: string, value: string) => {
        const { responseUrl } = await click(user, value);
        return String((await app.driver.reply(responseUrl)).text);
      };
      // Another community's client, one that does not exist and a forged value answer alike.
      const notYours = zh('visits.error.clientNotAllowed');
      expect(await refusal(W3, String(data.clients.C))).toBe(notYours);
      // A manager reads every community but records only in their own.
      expect(await refusal(MANAGER, String(data.clients.C))).toBe(notYours);
      expect(await refusal(STRANGER, String(data.clients.C))).toContain(`<@${ADMIN}>`);
      expect(await refusal(W1, '999999')).toBe(notYours);
      expect(await refusal(W1, '1; DROP TABLE')).toBe(notYours);
      expect(app.fake.callsOf('views.open')).toEqual([]);
      const replies = app.fake.callsOf('response_url').map((c) => c.args);
      expect(replies.every((r) => r.response_type === 'ephemeral' && r.replace_original === false)).toBe(true);
    });

    it('tells the user when Slack refused the modal because the click came too late', async () => {
      const { responseUrl } = await click(W1, String(data.clients.A), app.fake.issueTrigger(Date.now() - TRIGGER_LIFETIME_MS - 1000));
      expect((await answerOf(await app.fake.waitFor('views.open'))).error).toBe('expired_trigger_id');
      expect((await app.driver.reply(responseUrl)).text).toBe(zh('common.triggerExpired'));
    });
  });

  describe('marking lines done', () => {
    async function post(): Promise<{ ts: string }> {
      await runDailyDueLists(jobDeps(app));
      const row = await t.db.prisma.dailyPost.findFirstOrThrow({ where: { communityId: data.meihua } });
      app.fake.clear();
      return { ts: row.messageTs! };
    }

    it('strikes a client’s line once a visit is logged through the button', async () => {
      const { ts } = await post();
      const { triggerId } = await app.driver.click(W1, 'log_visit', String(data.clients.A), { channel: MEIHUA_CHANNEL, messageTs: ts });
      const view = await app.driver.openedView(triggerId);
      const answer = await app.driver.submit(W1, view, { kind: 'home', notes: `${NOTE_MARK} 家访` });
      expect(answer.status).toBe(200);
      expect(answer.text).toBe('');
      const update = (await app.fake.waitFor('chat.update', (c) => c.args.ts === ts)).args;
      expect(update.channel).toBe(MEIHUA_CHANNEL);
      expect(sectionTexts(update)).toEqual([
        zh('due.greeting', { community: '梅花碑社区', date: WORKDAY }),
        `<@${W1}>`,
        '*MH-003 孙某丙* — 走访已逾期 49 天（截止日 2026-09-30）',
        `~MH-001 赵某甲~ ${zh('due.done')}`,
        `<@${W2}>`,
        '*MH-002 钱某乙* — 尿检今日截止',
        '*MH-005 周某戊* — 尿检须于 2026-11-21 前完成',
      ]);
      // The done line has no button any more; the others keep theirs.
      expect(buttons(update).map((b) => b.value)).toEqual([data.clients.C, data.clients.B, data.clients.E].map(String));
      await expect.poll(async () => (await t.db.prisma.dailyPost.findFirstOrThrow({ where: { communityId: data.meihua } })).doneClientIds).toEqual([data.clients.A]);
    });

    it('strikes only what was done when a line shows several things, and ignores records that clear nothing', async () => {
      const both = await client(t.db.prisma, { caseNumber: 'MH-020', alias: '蒋某', communityId: data.meihua, caseworkerId: data.staff[W2]!, visits: ['2026-09-10'], checkIns: ['2026-09-10'], tests: [{ date: '2026-11-02', result: 'negative' }] });
      const { ts } = await post();
      const line = '走访已逾期 18 天（截止日 2026-10-31）；报到已逾期 18 天（截止日 2026-10-31）';
      // A phone call is not a meeting: nothing on the line is done.
      await app.driver.accepted(W2, await openModal(app, W2, '/visit', 'MH-020'), { kind: 'phone' });
      const redrawn = await app.fake.waitFor('chat.update', (c) => c.args.ts === ts);
      expect(sectionTexts(redrawn.args)).toContain(`*MH-020 蒋某* — ${line}`);

      app.fake.clear();
      await app.driver.accepted(W2, await openModal(app, W2, '/checkin', 'MH-020'), {});
      const update = (await app.fake.waitFor('chat.update', (c) => c.args.ts === ts)).args;
      expect(sectionTexts(update)).toContain('*MH-020 蒋某* — 走访已逾期 18 天（截止日 2026-10-31）；~报到已逾期 18 天（截止日 2026-10-31）~ ✅');
      expect(buttons(update).map((b) => b.value)).toContain(String(both));

      // A client who is not on today's list changes nothing.
      app.fake.clear();
      await app.driver.accepted(W1, await openModal(app, W1, '/visit', 'MH-004'), { kind: 'home' });
      await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === W1);
      await app.bot.idle();
      expect(app.fake.callsOf('chat.update')).toEqual([]);
    });
  });
});
