// `/caseload mine` and App Home: the caseload most urgent first, the counts, the managers'
// overview of the week, Block Kit limits, and the home redrawn after the user logs something.
import { request } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/db/dates.js';
import { HOME_LOG_VISIT_ACTION, LOG_CHECKIN_ACTION, LOG_VISIT_ACTION } from '../../src/features/status/ids.js';
import { useTestDatabase } from '../support/db.js';
import type { Call, Json } from '../support/fake-slack.js';
import { signature } from '../support/slack-http.js';
import { ADMIN, SECRET as SIGNING_SECRET, startTestBot, TEAM, useTestBot } from '../support/test-bot.js';
import { buttonsOf, MANAGER, NOW, OTHER, SECRET, seed, STRANGER, textsOf, TODAY, WORKER, WORKER_EN, type Fixture } from './status-fixture.js';

describe('my caseload and App Home', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, NOW);
  let f: Fixture;
  let events = 0;

  beforeEach(async () => {
    f = await seed(t.db);
  });

  async function mine(user: string): Promise<Json> {
    const { responseUrl } = await app.driver.command(user, '/caseload', 'mine');
    return app.driver.reply(responseUrl);
  }

  /** Slack's Events API delivery of app_home_opened: a signed JSON body. */
  async function openHome(user: string, tab: 'home' | 'messages' = 'home'): Promise<void> {
    events += 1;
    const body = JSON.stringify({
      token: 'legacy',
      team_id: TEAM.id,
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: `Ev${events}`,
      event_time: Math.floor(NOW.getTime() / 1000),
      event: { type: 'app_home_opened', user, channel: `D0${user}`, tab, event_ts: `1753754400.00000${events}` },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: app.port,
          path: '/slack/events',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-slack-request-timestamp': String(timestamp),
            'x-slack-signature': signature(SIGNING_SECRET, timestamp, body),
          },
        },
        (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0)),
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(200);
  }

  // Published after the event is acknowledged; generous on a busy machine.
  const published = (user: string, test: (view: Json) => boolean = () => true): Promise<Call> =>
    app.fake.waitFor('views.publish', (c) => c.args.user_id === user && test(c.args.view as Json), 15_000);

  const listLines = (blocks: Json[]) => blocks.filter((b) => String(b.block_id ?? '').startsWith('client-')).map((b) => b.text.text as string);

  it('mine: my active clients, overdue first, each with what is next and a log-visit button', async () => {
    const reply = await mine(WORKER);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toBe('*我负责的帮教对象*：3 人 · 已逾期 1 人');
    // Urgency, not case number: XY-003 is overdue, XY-001 due this week, XY-002 next month.
    // XY-004 completed its term and is off the caseload.
    expect(listLines(reply.blocks)).toEqual([
      '*XY-003 钱某乙* — 走访已逾期 179 天（截止日 2025-01-31）',
      '*XY-001 赵某甲* — 走访须于 2025-07-31 前完成',
      '*XY-002 孙某丙* — 走访须于 2025-08-31 前完成',
    ]);
    expect(buttonsOf(reply.blocks)).toEqual([f.b, f.a, f.c].map((id) => ({ action_id: LOG_VISIT_ACTION, value: String(id) })));
    expect(JSON.stringify(reply)).not.toContain(SECRET);

    const other = await mine(OTHER);
    expect(listLines(other.blocks)).toEqual(['*XY-102 吴某戊* — 报到已逾期 59 天（截止日 2025-05-31）', '*XY-101 周某丁* — 走访须于 2025-07-31 前完成']);

    expect((await mine(MANAGER)).text).toBe('你目前没有负责的在册帮教对象。');
  });

  it('mine: a long caseload is condensed within the block limits, every client still listed', async () => {
    const worker = await t.db.prisma.staff.findUniqueOrThrow({ where: { slackUserId: WORKER } });
    await t.db.prisma.client.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        caseNumber: `XY-5${String(i).padStart(2, '0')}`,
        alias: `某${i}`,
        communityId: f.meihua,
        caseworkerId: worker.id,
        program: 'community_rehab' as const,
        termStart: toDbDate('2025-07-01'),
        plannedTermEnd: toDbDate('2028-06-30'),
        createdBy: WORKER,
      })),
    });
    const reply = await mine(WORKER);
    expect(reply.text).toBe('*我负责的帮教对象*：63 人 · 已逾期 1 人');
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    expect(buttonsOf(reply.blocks)).toEqual([]);
    const text = textsOf(reply.blocks).join('\n');
    for (let i = 0; i < 60; i++) expect(text).toContain(`XY-5${String(i).padStart(2, '0')}`);
    expect(text.indexOf('XY-003')).toBeLessThan(text.indexOf('XY-001'));
  });

  it('App Home for a caseworker: counts, log buttons, the same list, no overview', async () => {
    await openHome(WORKER);
    const view = (await published(WORKER)).args.view as Json;
    expect(view.type).toBe('home');
    const texts = textsOf(view.blocks);
    // 3 on the books; XY-003 overdue; XY-001's visit is due Thursday 07-31 (this ISO week ends
    // 08-03); July's visits to these clients: two phone calls and two home visits (the undone
    // one does not count).
    for (const shown of ['*在册对象*\n3', '*已逾期*\n1', '*本周须完成*\n1', '*本月走访*\n4']) expect(texts).toContain(shown);
    expect(buttonsOf(view.blocks).slice(0, 2)).toEqual([{ action_id: HOME_LOG_VISIT_ACTION }, { action_id: LOG_CHECKIN_ACTION }]);
    expect(listLines(view.blocks)).toEqual([
      '*XY-003 钱某乙* — 走访已逾期 179 天（截止日 2025-01-31）',
      '*XY-001 赵某甲* — 走访须于 2025-07-31 前完成',
      '*XY-002 孙某丙* — 走访须于 2025-08-31 前完成',
    ]);
    expect(texts.join('\n')).not.toContain('本周各社区概况');
    expect(JSON.stringify(view)).not.toContain(SECRET);
  });

  it('App Home for a manager: this week per community, own community first', async () => {
    await openHome(MANAGER);
    const view = (await published(MANAGER)).args.view as Json;
    const texts = textsOf(view.blocks);
    for (const shown of ['*在册对象*\n0', '*已逾期*\n0', '*本周须完成*\n0', '*本月走访*\n0', '你目前没有负责的在册帮教对象。']) expect(texts).toContain(shown);
    expect(texts).toContain('*本周各社区概况*（7月28日至8月3日）');
    expect(texts).toContain('更新于 7月29日（星期二）');
    // 大学路: XY-102 met at home on Monday, its check-in overdue; 梅花碑: XY-002 met on Monday
    // (XY-001's phone call is not a meeting), XY-003 overdue; the completed client not counted.
    expect(texts).toContain('*大学路* — 在册 2 · 本周已走访 1 · 逾期 1\n*梅花碑* — 在册 3 · 本周已走访 1 · 逾期 1');
  });

  it('App Home stays within 100 blocks with a long caseload and many communities', async () => {
    const manager = await t.db.prisma.staff.findUniqueOrThrow({ where: { slackUserId: MANAGER } });
    await t.db.prisma.community.createMany({ data: Array.from({ length: 70 }, (_, i) => ({ name: `社区${String(i).padStart(2, '0')}` })) });
    await t.db.prisma.client.createMany({
      data: Array.from({ length: 80 }, (_, i) => ({
        caseNumber: `DX-${String(i).padStart(3, '0')}`,
        alias: `吴${i}`,
        communityId: f.daxue,
        caseworkerId: manager.id,
        program: 'community_treatment' as const,
        termStart: toDbDate('2025-03-01'),
        plannedTermEnd: toDbDate('2028-02-29'),
        createdBy: MANAGER,
      })),
    });
    await openHome(MANAGER);
    const view = (await published(MANAGER)).args.view as Json;
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const texts = textsOf(view.blocks);
    expect(texts).toContain('*在册对象*\n80');
    expect(texts).toContain('*已逾期*\n80');
    // 72 communities: 60 listed (大学路 first), 12 counted.
    expect(texts).toContain('还有 12 个社区未列出 — 用 `/caseload week` 查看');
    expect(texts.join('\n')).toContain('*大学路* — 在册 82 · 本周已走访 1 · 逾期 81');
  });

  it('App Home for someone the bot does not know says whom to ask', async () => {
    await openHome(STRANGER);
    const view = (await published(STRANGER)).args.view as Json;
    expect(textsOf(view.blocks).join('\n')).toContain(`请联系管理员把你加入社区：<@${ADMIN}>`);
    expect(view.blocks).toHaveLength(2);
  });

  it('ignores the Messages tab', async () => {
    await openHome(WORKER, 'messages');
    await openHome(OTHER);
    await published(OTHER);
    expect(app.fake.callsOf('views.publish').map((c) => c.args.user_id)).toEqual([OTHER]);
  });

  it('refreshes the home after the user logs a visit from it', async () => {
    await openHome(WORKER);
    await published(WORKER);
    const { triggerId } = await app.driver.click(WORKER, HOME_LOG_VISIT_ACTION, '');
    const modal = await app.driver.openedView(triggerId);
    expect(modal.callback_id).toBe('visit');
    expect((modal.blocks as Json[]).find((b) => b.block_id === 'client')!.element.initial_option).toBeUndefined();
    const answer = await app.driver.submit(WORKER, modal, { client: String(f.b), kind: 'home' });
    expect(answer.text).toBe('');
    // The save alone redraws the home: nothing else is asked of the bot.
    const view = (await published(WORKER, (v) => textsOf(v.blocks).includes('*本月走访*\n5'))).args.view as Json;
    // Today's visit clears XY-003's overdue visit; its check-in and test are still overdue.
    expect(listLines(view.blocks)[0]).toBe('*XY-003 钱某乙* — 报到已逾期 179 天（截止日 2025-01-31）');
    expect(textsOf(view.blocks)).toContain('*已逾期*\n1');
  });

  it('refreshes the home from another bot instance sharing the database', async () => {
    await openHome(WORKER);
    await published(WORKER);
    // A second instance (say, behind the same load balancer) saves the next record.
    const other = await startTestBot(t.db, { now: () => NOW });
    try {
      await other.driver.accepted(WORKER, await other.driver.openedView((await other.driver.command(WORKER, '/visit', 'XY-003')).triggerId), { kind: 'home' });
      const call = await other.fake.waitFor('views.publish', (c) => c.args.user_id === WORKER, 15_000);
      expect(textsOf((call.args.view as Json).blocks)).toContain('*本月走访*\n5');
      // Someone who never opened the home gets none from it either.
      await other.driver.accepted(WORKER_EN, await other.driver.openedView((await other.driver.command(WORKER_EN, '/checkin', 'XY-002')).triggerId), {});
      await other.driver.accepted(WORKER, await other.driver.openedView((await other.driver.command(WORKER, '/checkin', 'XY-003')).triggerId), {});
      await other.fake.waitFor('views.publish', (c) => c.args.user_id === WORKER && c !== call, 15_000);
      await other.bot.idle();
      expect(other.fake.callsOf('views.publish').map((c) => c.args.user_id)).toEqual([WORKER, WORKER]);
    } finally {
      await other.stop();
    }
  });

  it('does not publish a home nobody opened', async () => {
    await app.driver.accepted(WORKER_EN, await app.driver.openedView((await app.driver.command(WORKER_EN, '/checkin', 'XY-002')).triggerId), {});
    await app.bot.idle();
    await openHome(WORKER);
    await published(WORKER);
    expect(app.fake.callsOf('views.publish').map((c) => c.args.user_id)).toEqual([WORKER]);
  });

  it('opens the check-in modal from App Home with no client chosen', async () => {
    const { triggerId } = await app.driver.click(WORKER, LOG_CHECKIN_ACTION, '');
    const modal = await app.driver.openedView(triggerId);
    expect(modal.callback_id).toBe('checkin');
    expect((modal.blocks as Json[]).find((b) => b.block_id === 'client')!.element.initial_option).toBeUndefined();
    expect(TODAY).toBe((modal.blocks as Json[]).find((b) => b.block_id === 'date')!.element.initial_date);
  });
});
