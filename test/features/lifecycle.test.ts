// The client file and status changes end to end: `/caseload client` → the file modal → its
// "change status" button → the pushed status modal → its submission, over signed HTTP requests
// into the running bot; what is due afterwards is read back through the bot's own commands
// (the file, `/caseload status`, `/caseload due`) and the weekly counts.
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { CHANGE_STATUS_ACTION, CHANGE_TEAM_ACTION, CHANGE_TERM_ACTION, CLIENT_FILE_CALLBACK_ID, CLIENT_STATUS_CALLBACK_ID } from '../../src/features/lifecycle/ids.js';
import { periodCounts } from '../../src/features/reports/counts.js';
import { weekPeriod } from '../../src/features/reports/period.js';
import { translator } from '../../src/i18n/index.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { useTestBot } from '../support/test-bot.js';
import {
  MANAGER, NOW, OTHER_WORKER, STRANGER, TODAY, WORKER, WORKER_EN,
  block, buttonsOf, openFile, seedWorld, textsOf, type World,
} from './lifecycle-fixtures.js';

const zh = translator('zh-CN');

describe('client lifecycle', () => {
  const t = useTestDatabase();
  const { app, clock } = useTestBot(t, NOW);
  let world: World;

  beforeEach(async () => {
    world = await seedWorld(t.db.prisma);
  });

  /** Opens the file, clicks "change status" in it, and answers the pushed status modal. */
  async function statusModal(user: string, caseNumber: string): Promise<Json> {
    const file = await openFile(app, user, caseNumber);
    const clientId = buttonsOf(file.blocks as Json[]).find((b) => b.action_id === CHANGE_STATUS_ACTION)!.value!;
    return app.driver.pushedView(await app.driver.clickInView(user, file, CHANGE_STATUS_ACTION, clientId));
  }

  /** Changes a status through the file, and answers the redrawn file. */
  async function change(user: string, caseNumber: string, values: Record<string, string | null>): Promise<Json> {
    const modal = await statusModal(user, caseNumber);
    app.fake.clear();
    await app.driver.accepted(user, modal, values);
    return (await app.fake.waitFor('views.update')).args.view as Json;
  }

  const periods = (clientId: number) => t.db.prisma.clientStatusPeriod.findMany({ where: { clientId }, orderBy: { id: 'asc' } });
  const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

  /** `/caseload due` for the worker: the lines of their own list. */
  async function myDueLines(user = WORKER): Promise<string[]> {
    const { responseUrl } = await app.driver.command(user, '/caseload', 'due');
    return textsOf((await app.driver.reply(responseUrl)).blocks).flatMap((text) => text.split('\n'));
  }

  describe('the client file', () => {
    it('opens for staff who may see the client: the status card, the history, the actions; audited as a read', async () => {
      const view = await openFile(app, WORKER, 'MH-001');
      expect(view.callback_id).toBe(CLIENT_FILE_CALLBACK_ID);
      expect(view.title.text).toBe('个人档案');
      const texts = textsOf(view.blocks);
      expect(texts[0]).toBe('MH-001 赵某甲');
      expect(texts).toContain('*期限*\n2025-01-10 至 2028-01-09');
      expect(texts).toContain('*期内未按时检测*\n2025-03-10 至 2025-05-09');
      expect(texts).toContain('*社区民警*\n王警官');
      expect(texts).toContain('*状态变更记录*\n暂无变更：自首次报到日起在册。');
      expect(buttonsOf(view.blocks)).toEqual([
        { action_id: CHANGE_STATUS_ACTION, value: String(world.clients.zhao) },
        { action_id: CHANGE_TEAM_ACTION, value: String(world.clients.zhao) },
        // 社区康复: its decided term can change.
        { action_id: CHANGE_TERM_ACTION, value: String(world.clients.zhao) },
      ]);
      const reads = await t.db.prisma.auditLog.findMany({ where: { action: 'client.read' } });
      expect(reads.map((r) => r.detail)).toEqual([{ clientId: world.clients.zhao, communityId: world.meihua, via: 'file' }]);
    });

    it('is refused to strangers and other communities; a manager of another community reads it without the actions', async () => {
      expect(await app.driver.ask(STRANGER, '/caseload', 'client MH-001')).toContain('U0ADMIN01');
      expect(await app.driver.ask(OTHER_WORKER, '/caseload', 'client MH-001')).toBe('没有找到你可以查看的帮教对象：MH-001');
      const view = await openFile(app, MANAGER, 'DX-001');
      expect(textsOf(view.blocks)[0]).toBe('DX-001 孙某丁');
      expect(buttonsOf(view.blocks)).toEqual([]);
      expect(app.fake.callsOf('views.open')).toHaveLength(1);
      // A forged click on the other community's client opens nothing.
      const trigger = await app.driver.clickInView(MANAGER, view, CHANGE_STATUS_ACTION, String(world.clients.sun));
      const dm = await app.fake.waitFor('chat.postMessage', (c) => c.args.channel === MANAGER);
      expect(dm.args.text).toBe('你不能变更这个帮教对象：不存在，或不属于你的社区。');
      expect(app.fake.callsOf('views.push').filter((c) => c.args.trigger_id === trigger)).toEqual([]);
    });

    it('answers the usage line without a case number', async () => {
      expect(await app.driver.ask(WORKER, '/caseload', 'client')).toBe('用法：/caseload client <档案编号>');
    });
  });

  describe('suspension', () => {
    it('suspended 40 days and reactivated (back-dated): the term end moves 40 days and the test window inside is not missed', async () => {
      const modal = await statusModal(WORKER, 'MH-001');
      expect(modal.callback_id).toBe(CLIENT_STATUS_CALLBACK_ID);
      expect(textsOf(modal.blocks)[0]).toBe('*MH-001 赵某甲* 目前的状态：在册');

      let file = await change(WORKER, 'MH-001', { status: 'suspended', from: '2025-03-01', reason: '被公安机关拘留' });
      expect(textsOf(file.blocks)).toContain('*期限*\n2025-01-10 起，中止中（期满日待定，原定 2028-01-09）');
      let confirmation = await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER);
      expect(confirmation.args.text).toBe('✅ *MH-001 赵某甲*：在册 → 中止，自 2025-03-01 起。 中止期间期满日暂停计算，恢复在册后顺延。');

      file = await change(WORKER, 'MH-001', { status: 'active', from: '2025-04-10', reason: '释放，恢复社区康复' });
      confirmation = await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER);
      expect(confirmation.args.text).toBe('✅ *MH-001 赵某甲*：中止 → 在册，自 2025-04-10 起。 期满日现为 2028-02-18。');
      const texts = textsOf(file.blocks);
      // 2025-03-01 … 04-09 is 40 days: 2028-01-09 + 40 = 2028-02-18.
      expect(texts).toContain('*期限*\n2025-01-10 至 2028-02-18（因中止顺延，原定 2028-01-09）');
      // The window of 03-10 stretched over the suspension: 04-19 … 06-18, still open today.
      expect(texts).toContain('*期内未按时检测*\n无');
      expect(texts.join('\n')).toContain('2025-04-10 起 中止 → 在册 · 登记人 <@U0WORKER01> · 原因：释放，恢复社区康复');
      expect(texts.join('\n')).toContain('2025-03-01 起 在册 → 中止（至 2025-04-09） · 登记人 <@U0WORKER01> · 原因：被公安机关拘留');

      // The status card says the same.
      const { responseUrl } = await app.driver.command(WORKER, '/caseload', 'status MH-001');
      expect(textsOf((await app.driver.reply(responseUrl)).blocks)).toContain('*期内未按时检测*\n无');

      // The history: who, when, from/to, why; the suspension closed by the reactivation.
      const rows = await periods(world.clients.zhao);
      expect(rows.map((r) => [r.status, r.previousStatus, day(r.startsOn), day(r.endsOn), r.recordedById])).toEqual([
        ['suspended', 'active', '2025-03-01', '2025-04-09', world.staff[WORKER]],
        ['active', 'suspended', '2025-04-10', null, world.staff[WORKER]],
      ]);
      const client = await t.db.prisma.client.findUniqueOrThrow({ where: { id: world.clients.zhao } });
      expect(client).toMatchObject({ status: 'active', version: 3 });
      const audits = await t.db.prisma.auditLog.findMany({ where: { action: 'client.status' }, orderBy: { id: 'asc' } });
      expect(audits.map((a) => a.detail)).toEqual([
        { clientId: world.clients.zhao, communityId: world.meihua, periodId: rows[0]!.id, from: 'active', to: 'suspended', startsOn: '2025-03-01', endsOn: null, closed: [], replaced: [] },
        { clientId: world.clients.zhao, communityId: world.meihua, periodId: rows[1]!.id, from: 'suspended', to: 'active', startsOn: '2025-04-10', endsOn: null, closed: [rows[0]!.id], replaced: [] },
      ]);
      expect(audits.every((a) => a.actor === WORKER && a.communityId === world.meihua)).toBe(true);
      // Reasons stay in the file: not in the audit trail, the confirmation or the logs.
      expect(JSON.stringify([audits.map((a) => a.detail), app.logs])).not.toMatch(/拘留|释放|赵某甲/);
    });

    it('a client suspended mid-week (back-dated) counted active the week before, not at this week’s end', async () => {
      const period = weekPeriod({ kind: 'this' }, TODAY)!;
      const counted = async () => (await periodCounts(t.db.prisma, { communities: 'all', period, rules: DEFAULT_RULES })).communities.find((c) => c.communityId === world.meihua)!;
      expect(await counted()).toMatchObject({ current: { active: 3 }, previous: { active: 3 } });
      await change(WORKER, 'MH-002', { status: 'suspended', from: '2025-05-28', reason: '拘留' });
      expect(await counted()).toMatchObject({ current: { active: 2 }, previous: { active: 3 } });
    });

    it('while suspended, only reactivation or termination; a client not yet reactivated has nothing due', async () => {
      await change(WORKER, 'MH-002', { status: 'suspended', from: TODAY, reason: '逮捕' });
      expect((await myDueLines()).join('\n')).not.toContain('MH-002');
      const modal = await statusModal(WORKER, 'MH-002');
      expect(await app.driver.refusal(WORKER, modal, { status: 'on_leave', from: TODAY, until: '2025-06-10', reason: '探亲' })).toEqual({
        status: '中止期间只能恢复在册或终止。',
      });
      expect(await app.driver.refusal(WORKER, modal, { status: 'completed', from: TODAY, reason: '期满' })).toEqual({ status: '中止期间只能恢复在册或终止。' });
      expect(await app.driver.refusal(WORKER, modal, { status: 'suspended', from: TODAY, reason: '再次' })).toEqual({ status: '该对象在起始日期已是这个状态。' });
      expect(await periods(world.clients.qian)).toHaveLength(1);
    });
  });

  describe('leave', () => {
    it('pauses visits and check-ins but not tests, and ends by itself after `until`', async () => {
      const before = (await myDueLines()).find((l) => l.includes('MH-002'));
      expect(before).toBe('*MH-002 钱某乙* — 走访已逾期 1 天（截止日 2025-05-31）；报到已逾期 1 天（截止日 2025-05-31）；尿检须于 2025-06-04 前完成');

      await change(WORKER, 'MH-002', { status: 'on_leave', from: TODAY, until: '2025-06-10', reason: '赴外省探亲' });
      const confirmation = await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER);
      expect(confirmation.args.text).toBe('✅ *MH-002 钱某乙*：在册 → 请假，自 2025-06-01 起。 截止 2025-06-10。');
      // Still listed, for the test only.
      expect((await myDueLines()).find((l) => l.includes('MH-002'))).toBe('*MH-002 钱某乙* — 尿检须于 2025-06-04 前完成');
      expect((await t.db.prisma.client.findUniqueOrThrow({ where: { id: world.clients.qian } })).status).toBe('on_leave');

      // The day after `until` the client is active again: the May visit is overdue again.
      clock.now = new Date('2025-06-11T02:00:00Z');
      expect((await myDueLines()).find((l) => l.includes('MH-002'))).toContain('走访已逾期 11 天（截止日 2025-05-31）');
      // …and may go on leave again without being set active first.
      await change(WORKER, 'MH-002', { status: 'on_leave', from: '2025-06-11', until: '2025-06-20', reason: '再次探亲' });
      expect((await periods(world.clients.qian)).map((r) => [r.previousStatus, day(r.startsOn), day(r.endsOn)])).toEqual([
        ['active', '2025-06-01', '2025-06-10'],
        ['active', '2025-06-11', '2025-06-20'],
      ]);
    });

    it('an early return ends the leave the day before', async () => {
      await change(WORKER, 'MH-002', { status: 'on_leave', from: '2025-05-20', until: '2025-06-30', reason: '外出务工' });
      await change(WORKER, 'MH-002', { status: 'active', from: TODAY, reason: '提前返回' });
      expect((await periods(world.clients.qian)).map((r) => [r.status, day(r.startsOn), day(r.endsOn)])).toEqual([
        ['on_leave', '2025-05-20', '2025-05-31'],
        ['active', '2025-06-01', null],
      ]);
      expect((await myDueLines()).find((l) => l.includes('MH-002'))).toContain('走访');
    });

    it('a change on the day a leave began replaces the leave: no period ends before it starts, and the leave is kept in the revisions', async () => {
      await change(WORKER, 'MH-002', { status: 'on_leave', from: TODAY, until: '2025-06-30', reason: '外出务工' });
      const [leave] = await periods(world.clients.qian);
      await change(WORKER, 'MH-002', { status: 'suspended', from: TODAY, reason: '被公安机关拘留' });
      const kept = await periods(world.clients.qian);
      expect(kept.map((r) => [r.status, r.previousStatus, day(r.startsOn), day(r.endsOn)])).toEqual([['suspended', 'on_leave', TODAY, null]]);
      const [revision] = await t.db.prisma.recordRevision.findMany({ where: { entity: 'client_status_period' } });
      expect(revision).toMatchObject({ entityId: leave!.id, clientId: world.clients.qian, change: 'replace' });
      expect(revision!.data).toMatchObject({ status: 'on_leave', startsOn: TODAY, endsOn: '2025-06-30', reason: '外出务工' });
      const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'client.status' }, orderBy: { id: 'desc' } });
      expect(audit.detail).toMatchObject({ from: 'on_leave', to: 'suspended', replaced: [leave!.id], closed: [] });
    });

    it('needs a return date, not before the start', async () => {
      const modal = await statusModal(WORKER, 'MH-002');
      expect(await app.driver.refusal(WORKER, modal, { status: 'on_leave', from: TODAY, reason: '探亲' })).toEqual({ until: '请假须填写截止日期（预计返回日）。' });
      expect(await app.driver.refusal(WORKER, modal, { status: 'on_leave', from: TODAY, until: '2025-05-30', reason: '探亲' })).toEqual({ until: '截止日期不能早于起始日期。' });
      expect(await periods(world.clients.qian)).toEqual([]);
    });
  });

  describe('exits', () => {
    it('a completed client leaves the due lists and the active count, keeps its records, and its file is closed', async () => {
      expect((await myDueLines()).join('\n')).toContain('MH-003');
      const period = weekPeriod({ kind: 'this' }, TODAY)!;
      const counted = async () => (await periodCounts(t.db.prisma, { communities: 'all', period, rules: DEFAULT_RULES })).communities.find((c) => c.communityId === world.meihua)!.current;
      expect(await counted()).toMatchObject({ active: 3, exits: 0 });

      // A 社区康复 decided for fewer months: its term ends today, so completion is offered.
      await t.db.prisma.client.update({ where: { id: world.clients.li }, data: { termMonths: 28, plannedTermEnd: new Date(`${TODAY}T00:00:00Z`) } });
      const offered = await statusModal(WORKER, 'MH-003');
      expect(block(offered, 'status')!.element.options.map((o: Json) => o.value)).toContain('completed');
      await change(WORKER, 'MH-003', { status: 'completed', from: TODAY, reason: '社区康复期满' });
      expect((await myDueLines()).join('\n')).not.toContain('MH-003');
      expect(await counted()).toMatchObject({ active: 2, exits: 1 });
      expect(await t.db.prisma.visit.count({ where: { clientId: world.clients.li } })).toBe(1);
      expect((await t.db.prisma.client.findUniqueOrThrow({ where: { id: world.clients.li } })).status).toBe('completed');

      // Nothing follows an exit, in either language.
      const modal = await statusModal(WORKER, 'MH-003');
      expect(textsOf(modal.blocks)[0]).toBe('*MH-003 李某丙* 目前的状态：期满解除');
      expect(await app.driver.refusal(WORKER, modal, { status: 'on_leave', from: TODAY, until: '2025-06-05', reason: '探亲' })).toEqual({
        status: '该对象的档案已结束（转出、期满解除或终止），状态不能再变更。',
      });
      const english = await statusModal(WORKER_EN, 'MH-003');
      expect(await app.driver.refusal(WORKER_EN, english, { status: 'active', from: TODAY, reason: 'mistake' })).toEqual({
        status: 'This client’s file is closed (transferred out, completed or terminated): the status cannot change any more.',
      });
    });

    it('completion before the term end is refused with the law’s explanation; termination takes its reason instead', async () => {
      const modal = await statusModal(WORKER, 'MH-002');
      // Completion is not offered before 2028-02-04; the form says why and what to choose instead.
      expect(block(modal, 'status')!.element.options.map((o: Json) => o.value)).not.toContain('completed');
      expect(textsOf(modal.blocks)).toContain(zh('lifecycle.status.termEnd', { end: '2028-02-04' }));
      expect(block(modal, 'termination_reason')!.element.options.map((o: Json) => o.value)).toEqual(['prison_sentence', 'compulsory_isolation', 'death', 'other']);
      // A forged choice of completion is refused all the same, in either language.
      expect(await app.driver.refusal(WORKER, modal, { status: 'completed', from: TODAY, reason: '期满' })).toEqual({
        status: zh('lifecycle.status.error.completedEarly', { end: '2028-02-04' }),
      });
      expect(await app.driver.refusal(WORKER_EN, await statusModal(WORKER_EN, 'MH-002'), { status: 'completed', from: TODAY, reason: 'served' })).toEqual({
        status: translator('en')('lifecycle.status.error.completedEarly', { end: '2028-02-04' }),
      });
      expect(await app.driver.refusal(WORKER, modal, { status: 'terminated', from: TODAY, reason: '被判刑' })).toEqual({
        termination_reason: zh('lifecycle.status.error.terminationReasonRequired'),
      });
      expect(await periods(world.clients.qian)).toEqual([]);

      const file = await change(WORKER, 'MH-002', { status: 'terminated', from: TODAY, reason: '被判处有期徒刑一年', termination_reason: 'prison_sentence' });
      const [row] = await periods(world.clients.qian);
      expect(row).toMatchObject({ status: 'terminated', terminationReason: 'prison_sentence' });
      expect(textsOf(file.blocks).join('\n')).toContain(zh('lifecycle.file.terminationReason', { reason: zh('lifecycle.status.terminationReason.prison_sentence') }));
    });

    it('a transfer out needs the receiving place, which only a transfer has', async () => {
      const modal = await statusModal(WORKER, 'MH-003');
      expect(await app.driver.refusal(WORKER, modal, { status: 'transferred_out', from: TODAY, reason: '户籍迁出' })).toEqual({ receiving_place: '转出须填写接收地。' });
      expect(await app.driver.refusal(WORKER, modal, { status: 'terminated', from: TODAY, reason: '强制隔离戒毒', receiving_place: '西湖区', termination_reason: 'compulsory_isolation' })).toEqual({
        receiving_place: '只有转出需要填写接收地。',
      });
      await app.driver.accepted(WORKER, modal, { status: 'transferred_out', from: TODAY, reason: '户籍迁出', receiving_place: '西湖区北山街道' });
      const [row] = await periods(world.clients.li);
      expect(row).toMatchObject({ status: 'transferred_out', previousStatus: 'active', receivingPlace: '西湖区北山街道', endsOn: null });
      expect((await myDueLines()).join('\n')).not.toContain('MH-003');
    });
  });

  describe('refusals', () => {
    it('dates in the future, before the term or before the latest change; a missing reason — all translated', async () => {
      const modal = await statusModal(WORKER, 'MH-002');
      expect(await app.driver.refusal(WORKER, modal, { status: 'suspended', from: '2025-06-02', reason: '拘留' })).toEqual({ from: '起始日期不能晚于今天（2025-06-01）。' });
      expect(await app.driver.refusal(WORKER, modal, { status: 'suspended', from: '2025-02-04', reason: '拘留' })).toEqual({ from: '起始日期早于该对象的首次报到日（期限起始日，2025-02-05）。' });
      expect(await app.driver.refusal(WORKER, modal, { status: 'suspended', from: TODAY, reason: '  ' })).toEqual({ reason: '请填写原因（最多 500 字）。' });
      expect(await app.driver.refusal(WORKER, modal, { status: 'sleeping', from: TODAY, reason: 'x' })).toEqual({ status: '无法识别的选项，请重新选择。' });
      expect(await app.driver.refusal(WORKER, modal, { status: 'active', from: TODAY, reason: 'x' })).toEqual({ status: '该对象在起始日期已是这个状态。' });
      expect(await app.driver.refusal(WORKER, modal, { status: 'active', from: TODAY, until: '2025-06-05', reason: 'x' })).toEqual({
        status: '该对象在起始日期已是这个状态。',
        until: '只有请假和中止可以填写截止日期。',
      });
      await change(WORKER, 'MH-002', { status: 'on_leave', from: '2025-05-25', until: '2025-06-30', reason: '探亲' });
      const later = await statusModal(WORKER, 'MH-002');
      expect(await app.driver.refusal(WORKER, later, { status: 'suspended', from: '2025-05-24', reason: '拘留' })).toEqual({ from: '起始日期不能早于上一次变更的日期（2025-05-25）。' });

      const english = await statusModal(WORKER_EN, 'MH-002');
      expect(await app.driver.refusal(WORKER_EN, english, { status: 'suspended', from: '2025-06-02', reason: 'x' })).toEqual({ from: 'The start date cannot be after today (2025-06-01).' });
      expect(await periods(world.clients.qian)).toHaveLength(1);
    });

    it('two people changing the same client at once: the second is refused and told to reopen, nothing lost', async () => {
      const first = await statusModal(WORKER, 'MH-002');
      const second = await statusModal(MANAGER, 'MH-002');
      await app.driver.accepted(WORKER, first, { status: 'suspended', from: TODAY, reason: '拘留' });
      expect(await app.driver.refusal(MANAGER, second, { status: 'completed', from: TODAY, reason: '期满' })).toEqual({
        status: '档案刚被其他人修改过，你的修改没有保存。请关闭后重新打开档案再改。',
      });
      expect((await periods(world.clients.qian)).map((r) => r.status)).toEqual(['suspended']);
      expect((await t.db.prisma.client.findUniqueOrThrow({ where: { id: world.clients.qian } })).status).toBe('suspended');
    });

    it('the same submission delivered twice changes the status once', async () => {
      const modal = await statusModal(WORKER, 'MH-002');
      const values = { status: 'suspended', from: TODAY, reason: '拘留' };
      await app.driver.accepted(WORKER, modal, values);
      await app.driver.accepted(WORKER, modal, values);
      expect(await periods(world.clients.qian)).toHaveLength(1);
      expect(await t.db.prisma.auditLog.count({ where: { action: 'client.status' } })).toBe(1);
    });

    it('a forged submission for a client of another community writes nothing', async () => {
      const modal = await statusModal(WORKER, 'MH-002');
      const forged = { ...modal, private_metadata: JSON.stringify({ clientId: world.clients.sun, version: 1 }) };
      expect(await app.driver.refusal(WORKER, forged, { status: 'suspended', from: TODAY, reason: 'x' })).toEqual({
        status: '你不能变更这个帮教对象：不存在，或不属于你的社区。',
      });
      expect(await t.db.prisma.clientStatusPeriod.count()).toBe(0);
    });
  });

  describe('term (社区康复, 《戒毒条例》 Art. 37)', () => {
    it('takes the decided months from the client file; the planned end follows; 社区戒毒 has no such button', async () => {
      // MH-002 is 社区康复 from 2025-02-05; MH-001 is 社区戒毒.
      await t.db.prisma.client.update({ where: { id: world.clients.zhao }, data: { program: 'community_treatment' } });
      expect(buttonsOf((await openFile(app, WORKER, 'MH-001')).blocks as Json[]).map((b) => b.action_id)).not.toContain(CHANGE_TERM_ACTION);
      const file = await openFile(app, WORKER, 'MH-002');
      const button = buttonsOf(file.blocks as Json[]).find((b) => b.action_id === CHANGE_TERM_ACTION)!;
      const modal = await app.driver.pushedView(await app.driver.clickInView(WORKER, file, CHANGE_TERM_ACTION, button.value!));
      expect(modal.callback_id).toBe('client_term');
      expect(block(modal, 'term_months')!.element.initial_value).toBe('36');
      expect(await app.driver.refusal(WORKER, modal, { term_months: '40' })).toEqual({ term_months: zh('clients.intake.error.termMonths') });

      app.fake.clear();
      await app.driver.accepted(WORKER, modal, { term_months: '24' });
      const client = await t.db.prisma.client.findUniqueOrThrow({ where: { id: world.clients.qian } });
      expect([client.termMonths, day(client.plannedTermEnd)]).toEqual([24, '2027-02-04']);
      await app.fake.waitFor('chat.postEphemeral', (c) => c.args.text === zh('lifecycle.term.done', { client: '*MH-002 钱某乙*'.slice(1, -1), count: 24, end: '2027-02-04' }));
      const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'client.term' } });
      expect(audit.detail).toMatchObject({ monthsFrom: 36, monthsTo: 24, plannedTermEnd: '2027-02-04' });
      // The redrawn file shows the new term.
      const redrawn = (await app.fake.waitFor('views.update')).args.view as Json;
      expect(textsOf(redrawn.blocks).join('\n')).toContain('2027-02-04');
    });
  });

  describe('support team', () => {
    async function teamModal(user: string, caseNumber: string): Promise<Json> {
      const file = await openFile(app, user, caseNumber);
      const clientId = buttonsOf(file.blocks as Json[]).find((b) => b.action_id === CHANGE_TEAM_ACTION)!.value!;
      return app.driver.pushedView(await app.driver.clickInView(user, file, CHANGE_TEAM_ACTION, clientId));
    }

    it('changes the caseworker and a team member, audited; a name-only member stays unless replaced', async () => {
      const modal = await teamModal(WORKER, 'MH-001');
      expect(modal.callback_id).toBe('client_team');
      const caseworker = (modal.blocks as Json[]).find((b) => b.block_id === 'caseworker')!;
      expect(caseworker.element.initial_user).toBe(WORKER);
      const police = (modal.blocks as Json[]).find((b) => b.block_id === 'police')!;
      expect(police.hint.text).toBe('目前登记为：王警官（没有 Slack 账号）。留空则保留，选择一位用户则替换。');

      expect(await app.driver.refusal(WORKER, modal, { caseworker: OTHER_WORKER })).toEqual({
        caseworker: '该用户不是该对象所在社区的工作人员。请先由管理员用 `/caseload staff add` 将其加入该社区。',
      });
      await app.driver.accepted(WORKER, modal, { caseworker: WORKER_EN, volunteer: 'U0VOLUNT01' });
      const client = await t.db.prisma.client.findUniqueOrThrow({ where: { id: world.clients.zhao } });
      expect(client).toMatchObject({ caseworkerId: world.staff[WORKER_EN], volunteerUserId: 'U0VOLUNT01', policeName: '王警官', policeUserId: null, version: 2 });
      const [entry] = await t.db.prisma.auditLog.findMany({ where: { action: 'client.team' } });
      expect(entry).toMatchObject({ actor: WORKER, entityId: String(world.clients.zhao), communityId: world.meihua });
      expect(entry!.detail).toEqual({
        clientId: world.clients.zhao, communityId: world.meihua, changed: ['caseworker', 'volunteer'],
        caseworkerFrom: world.staff[WORKER], caseworkerTo: world.staff[WORKER_EN],
      });
      const confirmation = await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER);
      expect(confirmation.args.text).toBe('✅ 已更新 *MH-001 赵某甲* 的帮教小组：禁毒专干、禁毒志愿者。');
      // The client is now on the new caseworker's list.
      expect((await myDueLines(WORKER_EN)).join('\n')).toContain('MH-001');
    });
  });
});
