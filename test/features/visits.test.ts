// Logging a visit end to end: `/visit` → the modal (client search, preselection) → its
// submission (every refusal, double delivery) → the confirmation and its Undo button, over signed
// HTTP requests into the running bot, with the fake Slack Web API recording what the bot sends.
import { beforeEach, describe, expect, it } from 'vitest';
import { UNDO_ACTION, VISIT_CALLBACK_ID } from '../../src/features/visits/ids.js';
import { translator } from '../../src/i18n/index.js';
import { useTestDatabase } from '../support/db.js';
import { answerOf, TRIGGER_LIFETIME_MS, type Json } from '../support/fake-slack.js';
import { useTestBot } from '../support/test-bot.js';
import {
  NOW, OTHER_WORKER, STRANGER, TODAY, WORKER, WORKER_EN, MANAGER,
  addClient, auditActions, block, openModal, seedWorld, type World,
} from './visits-fixtures.js';

const GOOD = {
  date: TODAY,
  kind: 'home',
  help: ['relief', 'counselling'],
  urine: 'negative',
  notes: '母亲说他最近在找工作，情绪稳定',
  next: '2026-12-10',
};

const zh = translator('zh-CN');
const en = translator('en');

describe('visits', () => {
  const t = useTestDatabase();
  const { app, clock } = useTestBot(t, NOW);
  let world: World;

  beforeEach(async () => {
    world = await seedWorld(t.db.prisma);
  });

  const visits = () => t.db.prisma.visit.findMany({ orderBy: { id: 'asc' } });
  const nothingWritten = async () => {
    expect(await t.db.prisma.visit.count()).toBe(0);
    expect(await t.db.prisma.urineTest.count()).toBe(0);
    expect(await t.db.prisma.submissionKey.count()).toBe(0);
  };

  /** Opens the modal for 赵某甲, submits `values`, and answers the confirmation. */
  async function logVisit(user = WORKER, values: Record<string, string | string[] | null> = GOOD): Promise<Json> {
    const view = await openModal(app, user, '/visit', 'MH-2025-001');
    const answer = await app.driver.submit(user, view, values);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    return (await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === user)).args;
  }

  const undoButton = (message: Json): Json => {
    const actions = (message.blocks as Json[]).find((b) => b.type === 'actions')!;
    return (actions.elements as Json[]).find((e) => e.action_id === UNDO_ACTION)!;
  };

  describe('opening the modal', () => {
    it('preselects the client when the text is exactly one visible client’s case number', async () => {
      const view = await openModal(app, WORKER, '/visit', 'mh-2025-001');
      expect(view.callback_id).toBe(VISIT_CALLBACK_ID);
      expect((block(view, 'client').element as Json).initial_option).toEqual({
        text: { type: 'plain_text', text: 'MH-2025-001 赵某甲' },
        value: String(world.clients.zhao),
      });
      expect((block(view, 'date').element as Json).initial_date).toBe(TODAY);
      expect((block(view, 'client').element as Json).min_query_length).toBe(1);
      const lookup = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'client.lookup' } });
      expect(lookup).toMatchObject({ actor: WORKER, entityId: String(world.clients.zhao) });
      expect(JSON.stringify(lookup.detail)).not.toContain('mh-2025');
    });

    it('preselects by exact alias, and leaves the picker empty when several or none match', async () => {
      expect((block(await openModal(app, WORKER, '/visit', '钱某乙'), 'client').element as Json).initial_option?.value).toBe(String(world.clients.qian));
      expect((block(await openModal(app, WORKER, '/visit', 'MH-2025'), 'client').element as Json).initial_option).toBeUndefined();
      // 孙某丙 is in another community: a worker of 梅花碑 does not see them.
      expect((block(await openModal(app, WORKER, '/visit', 'DX-2025-001'), 'client').element as Json).initial_option).toBeUndefined();
      expect(await t.db.prisma.auditLog.count({ where: { action: 'client.lookup' } })).toBe(3);
    });

    it('is listed in help and works as `/caseload visit` too', async () => {
      const help = await app.driver.ask(WORKER, '/caseload', 'help');
      expect(help).toContain('/visit [档案编号或化名]');
      expect(help).toContain('/checkin [档案编号或化名]');
      const { triggerId } = await app.driver.command(WORKER, '/caseload', 'visit zmj');
      const view = await app.driver.openedView(triggerId);
      expect(view.callback_id).toBe(VISIT_CALLBACK_ID);
      expect((block(view, 'client').element as Json).initial_option.value).toBe(String(world.clients.zhao));
    });

    it('tells a user the bot does not know whom to ask, and opens nothing', async () => {
      const { responseUrl } = await app.driver.command(STRANGER, '/visit', '赵某甲');
      expect(String((await app.driver.reply(responseUrl)).text)).toContain('U0ADMIN01');
      expect(app.fake.callsOf('views.open')).toEqual([]);
    });

    it('tells the user when Slack refuses an expired trigger, and nothing crashes', async () => {
      const late = app.fake.issueTrigger(Date.now() - TRIGGER_LIFETIME_MS - 1000);
      const { responseUrl } = await app.driver.command(WORKER, '/visit', '', undefined, late);
      expect((await answerOf(await app.fake.waitFor('views.open'))).error).toBe('expired_trigger_id');
      expect((await app.driver.reply(responseUrl)).text).toBe('表单没能打开（Slack 的请求已过期）。请再输入一次命令。');
      // The bot still works afterwards.
      await logVisit();
      expect(await t.db.prisma.visit.count()).toBe(1);
    });
  });

  it('finds the client by pinyin initials in the picker', async () => {
    const view = await openModal(app, WORKER, '/visit');
    const answer = await app.driver.suggest(WORKER, view, 'client', 'zmj');
    expect(answer.options).toEqual([{ text: { type: 'plain_text', text: 'MH-2025-001 赵某甲' }, value: String(world.clients.zhao) }]);
  });

  it('saves a visit with its urine test, audits both, and confirms without the notes', async () => {
    const message = await logVisit();
    const [visit] = await visits();
    expect(visit).toMatchObject({
      clientId: world.clients.zhao,
      kind: 'home',
      helpGiven: ['relief', 'counselling'],
      notes: GOOD.notes,
      recordedById: world.staff[WORKER],
      deletedAt: null,
    });
    expect(visit!.date.toISOString().slice(0, 10)).toBe(TODAY);
    expect(visit!.nextPlannedOn!.toISOString().slice(0, 10)).toBe('2026-12-10');
    const tests = await t.db.prisma.urineTest.findMany();
    expect(tests).toHaveLength(1);
    expect(tests[0]).toMatchObject({ clientId: world.clients.zhao, result: 'negative', visitId: visit!.id, checkInId: null, recordedById: world.staff[WORKER] });

    const audits = await t.db.prisma.auditLog.findMany({ where: { action: { in: ['visit.create', 'urine_test.create'] } }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['visit.create', 'urine_test.create']);
    expect(audits[0]).toMatchObject({ actor: WORKER, entityId: String(visit!.id), communityId: world.meihua });
    expect(audits[0]!.detail).toMatchObject({ clientId: world.clients.zhao, communityId: world.meihua, date: TODAY, kind: 'home', urine: 'negative' });
    expect(JSON.stringify(audits.map((a) => a.detail))).not.toContain('母亲');
    // Logs carry ids and event names only.
    expect(JSON.stringify(app.logs)).not.toMatch(/母亲|赵某甲/);

    // Ephemeral in the channel the command was typed in: case number, alias, what was recorded.
    expect(message.channel).toBe('C0GENERAL');
    const shown = JSON.stringify(message);
    for (const part of ['MH-2025-001', '赵某甲', TODAY, '家访', '阴性', '2026-12-10']) expect(shown).toContain(part);
    expect(shown).not.toContain('母亲');
    expect(shown).not.toContain('找工作');
    expect(undoButton(message).value).toBe(`visit:${visit!.id}`);
  });

  it('saves a visit without a test, help or notes', async () => {
    await logVisit(WORKER, { kind: 'phone', urine: 'none' });
    const [visit] = await visits();
    expect(visit).toMatchObject({ kind: 'phone', helpGiven: [], notes: null, nextPlannedOn: null });
    expect(await t.db.prisma.urineTest.count()).toBe(0);
    expect(await auditActions(t.db.prisma)).toContain('visit.create');
    expect(await auditActions(t.db.prisma)).not.toContain('urine_test.create');
  });

  it('says in the form which kinds count as the monthly meeting, and warns when a logged visit does not', async () => {
    const view = await openModal(app, WORKER, '/visit', 'MH-2025-001');
    expect(block(view, 'kind')!.hint.text).toBe(zh('visits.kind.hint', { kinds: '家访、来访（驿站/办公室）、单位走访' }));
    const english = await openModal(app, WORKER_EN, '/visit', 'MH-2025-001');
    expect(block(english, 'kind')!.hint.text).toBe(en('visits.kind.hint', { kinds: 'Home visit, At the station or office, At the workplace' }));

    const warning = zh('visits.saved.notCounting', { kinds: '家访、来访（驿站/办公室）、单位走访' });
    for (const kind of ['other', 'phone'] as const) {
      app.fake.clear();
      const message = await logVisit(WORKER, { kind, urine: 'none' });
      expect(String(message.text)).toContain(warning);
    }
    app.fake.clear();
    const counted = await logVisit(WORKER, { kind: 'office', urine: 'none' });
    expect(String(counted.text)).not.toContain('⚠️');
    expect(await t.db.prisma.visit.count()).toBe(3);
  });

  describe('refusals (translated, keyed by block_id, nothing written)', () => {
    const refuse = async (values: Record<string, string | string[] | null>, user = WORKER, text = 'MH-2025-001') => {
      const view = await openModal(app, user, '/visit', text);
      return app.driver.refusal(user, view, { ...GOOD, ...values });
    };

    it('a date in the future', async () => {
      expect(await refuse({ date: '2026-11-21', next: '2026-12-10' })).toEqual({ date: `日期不能晚于今天（${TODAY}）。` });
      await nothingWritten();
    });

    it('a date before the client’s term start', async () => {
      expect(await refuse({ date: '2025-01-09' })).toEqual({ date: '日期早于该对象的首次报到日（期限起始日，2025-01-10）。' });
      await nothingWritten();
    });

    it('a date after the client’s effective term end, which a suspension moves later', async () => {
      const ended = await addClient(t.db.prisma, {
        caseNumber: 'MH-2023-007', alias: '周某丁', communityId: world.meihua, caseworkerId: world.staff[WORKER]!,
        termStart: '2023-06-01', plannedTermEnd: '2026-05-31',
      });
      expect(await refuse({ date: '2026-06-01', next: null }, WORKER, 'MH-2023-007')).toEqual({ date: '日期晚于该对象的期满日（2026-05-31）。' });
      await nothingWritten();
      // Ten days of suspension inside the term push its end ten days later.
      await t.db.prisma.clientStatusPeriod.create({
        data: { clientId: ended, status: 'suspended', startsOn: new Date('2025-03-01'), endsOn: new Date('2025-03-10'), reason: 'x', recordedById: world.staff[WORKER]! },
      });
      const view = await openModal(app, WORKER, '/visit', 'MH-2023-007');
      expect(await app.driver.refusal(WORKER, view, { ...GOOD, date: '2026-06-11', next: null })).toEqual({ date: '日期晚于该对象的期满日（2026-06-10）。' });
      expect((await app.driver.submit(WORKER, view, { ...GOOD, date: '2026-06-10', next: null })).text).toBe('');
      expect(await t.db.prisma.visit.count()).toBe(1);
    });

    it('a next visit not after the visit', async () => {
      expect(await refuse({ next: TODAY })).toEqual({ next: '计划下次走访的日期必须晚于本次走访日期。' });
      expect(await refuse({ date: '2026-11-10', next: '2026-11-09' })).toEqual({ next: '计划下次走访的日期必须晚于本次走访日期。' });
      await nothingWritten();
    });

    it('unknown option values, missing answers and over-long notes, all at once', async () => {
      const errors = await refuse({ kind: 'teleport', help: ['relief', 'bribe'], urine: 'maybe', notes: '很'.repeat(2001), date: null });
      expect(errors).toEqual({
        kind: '无法识别的选项，请重新选择。',
        help: '无法识别的选项，请重新选择。',
        urine: '无法识别的选项，请重新选择。',
        notes: '备注最多 2000 个字。',
        date: '请填写这一项。',
      });
      expect(await refuse({ kind: null })).toEqual({ kind: '请填写这一项。' });
      await nothingWritten();
    });

    it('no client chosen, or a value that is not a client id', async () => {
      expect(await refuse({ client: null }, WORKER, '')).toEqual({ client: '请填写这一项。' });
      expect(await refuse({ client: 'DROP TABLE' }, WORKER, '')).toEqual({ client: '请从列表中选择帮教对象。' });
      expect(await refuse({ client: '999999' }, WORKER, '')).toEqual({ client: '你不能为这个帮教对象记录：不存在，或不属于你的社区。' });
      await nothingWritten();
    });

    it('a forged submission for a client of another community', async () => {
      const errors = await refuse({ client: String(world.clients.sun) }, WORKER, '');
      expect(errors).toEqual({ client: '你不能为这个帮教对象记录：不存在，或不属于你的社区。' });
      // A manager reads every community but writes only in their own.
      expect(await refuse({ client: String(world.clients.sun) }, MANAGER, '')).toEqual({ client: '你不能为这个帮教对象记录：不存在，或不属于你的社区。' });
      // A user the bot does not know cannot write anything either.
      const view = await openModal(app, WORKER, '/visit', 'MH-2025-001');
      expect(await app.driver.refusal(STRANGER, view, GOOD)).toEqual({ client: expect.stringContaining('U0ADMIN01') });
      await nothingWritten();
      expect(await auditActions(t.db.prisma)).not.toContain('visit.create');
    });
  });

  it('saves one visit when the same submission arrives twice', async () => {
    const view = await openModal(app, WORKER, '/visit', 'MH-2025-001');
    const [first, second] = await Promise.all([app.driver.submit(WORKER, view, GOOD), app.driver.submit(WORKER, view, GOOD)]);
    const third = await app.driver.submit(WORKER, view, GOOD);
    for (const answer of [first, second, third]) expect(answer.text).toBe('');
    expect(await t.db.prisma.visit.count()).toBe(1);
    expect(await t.db.prisma.urineTest.count()).toBe(1);
    expect((await auditActions(t.db.prisma)).filter((a) => a === 'visit.create')).toHaveLength(1);
    await app.fake.waitFor('chat.postEphemeral');
    await app.bot.idle();
    expect(app.fake.callsOf('chat.postEphemeral')).toHaveLength(1);
  });

  describe('undo', () => {
    it('lets the author undo within 15 minutes: the visit and its test are soft-deleted, audited, and the confirmation says so', async () => {
      const message = await logVisit();
      const value = String(undoButton(message).value);
      clock.now = new Date(NOW.getTime() + 14 * 60_000);
      const { responseUrl } = await app.driver.click(WORKER, UNDO_ACTION, value);
      const replaced = await app.driver.reply(responseUrl);
      expect(replaced.replace_original).toBe(true);
      expect(replaced.text).toBe(`↩️ 已撤销 *MH-2025-001 赵某甲* ${TODAY} 的走访记录。`);
      expect(JSON.stringify(replaced.blocks)).not.toContain(UNDO_ACTION);
      const [visit] = await visits();
      expect(visit).toMatchObject({ deletedBy: WORKER });
      expect(visit!.deletedAt).toEqual(clock.now);
      const [test] = await t.db.prisma.urineTest.findMany();
      expect(test).toMatchObject({ deletedBy: WORKER });
      expect(test!.deletedAt).not.toBeNull();
      expect((await auditActions(t.db.prisma)).filter((a) => a.endsWith('.undo'))).toEqual(['visit.undo', 'urine_test.undo']);

      // A second click changes nothing and answers the same.
      const again = await app.driver.click(WORKER, UNDO_ACTION, value);
      expect((await app.driver.reply(again.responseUrl)).text).toBe(replaced.text);
      expect((await auditActions(t.db.prisma)).filter((a) => a.endsWith('.undo'))).toHaveLength(2);
      expect((await visits())[0]!.deletedAt).toEqual(visit!.deletedAt);
    });

    it('refuses someone else, even a manager, and changes nothing', async () => {
      const value = String(undoButton(await logVisit()).value);
      for (const user of [MANAGER, OTHER_WORKER]) {
        const { responseUrl } = await app.driver.click(user, UNDO_ACTION, value);
        const answer = await app.driver.reply(responseUrl);
        expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: '只有记录人本人可以撤销这条记录。' });
      }
      expect((await visits())[0]!.deletedAt).toBeNull();
      expect(await t.db.prisma.urineTest.count({ where: { deletedAt: null } })).toBe(1);
      expect(await auditActions(t.db.prisma)).not.toContain('visit.undo');
    });

    it('refuses the author after 15 minutes, and a forged value', async () => {
      const value = String(undoButton(await logVisit()).value);
      clock.now = new Date(NOW.getTime() + 15 * 60_000 + 1000);
      const late = await app.driver.click(WORKER, UNDO_ACTION, value);
      expect((await app.driver.reply(late.responseUrl)).text).toBe('保存已超过 15 分钟，不能再撤销。如需更正，请用 `/caseload records <档案编号>`。');
      const forged = await app.driver.click(WORKER, UNDO_ACTION, 'visit:abc');
      expect((await app.driver.reply(forged.responseUrl)).text).toBe('没有找到这条记录。');
      expect((await visits())[0]!.deletedAt).toBeNull();
    });
  });

  it('speaks English to a caseworker who chose it', async () => {
    const view = await openModal(app, WORKER_EN, '/visit', 'MH-2025-001');
    expect(view.title).toEqual({ type: 'plain_text', text: 'Log a visit' });
    expect((block(view, 'kind').label as Json).text).toBe('Kind of contact');
    expect(await app.driver.refusal(WORKER_EN, view, { ...GOOD, date: '2026-11-30', next: null })).toEqual({ date: `The date cannot be after today (${TODAY}).` });
    expect((await app.driver.submit(WORKER_EN, view, GOOD)).text).toBe('');
    const message = (await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER_EN)).args;
    expect(message.text).toBe(`✅ Visit logged: *MH-2025-001 赵某甲*, ${TODAY}, Home visit. Urine test: Negative. Next visit planned: 2026-12-10.`);
    expect(undoButton(message).text).toEqual({ type: 'plain_text', text: 'Undo' });
    const { responseUrl } = await app.driver.click(WORKER, UNDO_ACTION, String(undoButton(message).value));
    expect((await app.driver.reply(responseUrl)).text).toBe('只有记录人本人可以撤销这条记录。');
  });

  it('sends the confirmation as a DM when it cannot be posted in the channel', async () => {
    app.fake.respondOnce('chat.postEphemeral', () => ({ ok: false, error: 'channel_not_found' }));
    const view = await openModal(app, WORKER, '/visit', 'MH-2025-001');
    expect((await app.driver.submit(WORKER, view, GOOD)).text).toBe('');
    // The DM is opened first (conversations.open: the fake's D… id), so a retry can look for it there.
    const dm = await app.fake.waitFor('chat.postMessage', (c) => c.args.channel === `D${WORKER.slice(1)}`);
    expect(String(dm.args.text)).toContain('MH-2025-001 赵某甲');
    expect(JSON.stringify(dm.args)).not.toContain('母亲');
  });
});
