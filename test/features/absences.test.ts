// Unauthorised absences (擅自离开, 《戒毒条例》 Art. 19, 20) end to end: `/caseload absence` → the
// modal → its submission, over signed HTTP requests into the running bot; what was saved is read
// back from the database and the audit trail, what the author was told from the fake Web API.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ABSENCE_CALLBACK_ID, ABSENCE_FORM, MAX_NOTES } from '../../src/features/absences/ids.js';
import { translator } from '../../src/i18n/index.js';
import type { RecordedEvent } from '../../src/slack/context.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { useTestBot } from '../support/test-bot.js';
import { MANAGER, NOW, OTHER_WORKER, STRANGER, TODAY, WORKER, WORKER_EN, block, seedWorld, textsOf, type World } from './lifecycle-fixtures.js';

const zh = translator('zh-CN');
const en = translator('en');
const CHANNEL = 'C0MEIHUA';

describe('unauthorised absences', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, NOW, { channels: [CHANNEL] });
  let world: World;
  let recorded: RecordedEvent[] = [];

  beforeAll(() => {
    app.bot.ctx.onRecorded(async (event) => void recorded.push(event));
  });

  beforeEach(async () => {
    world = await seedWorld(t.db.prisma);
    recorded = [];
  });

  /** `/caseload absence <text>` typed in CHANNEL → the modal opened (with a view id). */
  async function openAbsence(user: string, text: string): Promise<Json> {
    const { triggerId } = await app.driver.command(user, '/caseload', `absence ${text}`, CHANNEL);
    return app.driver.openedView(triggerId);
  }

  /** Saves the modal and answers the author's confirmation, once the flag check was asked for. */
  async function save(user: string, modal: Json, values: Record<string, string | null>): Promise<string> {
    app.fake.clear();
    const before = recorded.length;
    await app.driver.accepted(user, modal, values);
    const confirmation = await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === user);
    expect(confirmation.args.channel).toBe(CHANNEL);
    await expect.poll(() => recorded.length).toBe(before + 1);
    return String(confirmation.args.text);
  }

  const absences = (clientId = world.clients.zhao) => t.db.prisma.absence.findMany({ where: { clientId }, orderBy: { id: 'asc' } });
  const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
  const spans = async (clientId?: number) => (await absences(clientId)).map((a) => [day(a.startsOn), day(a.endsOn)]);
  const audits = () => t.db.prisma.auditLog.findMany({ where: { entity: 'absence' }, orderBy: { id: 'asc' } });
  const metadataOf = (modal: Json) => JSON.parse(String(modal.private_metadata)) as Json;

  describe('the modal', () => {
    it('opens for the client named, starting today, with the rule above the inputs', async () => {
      const modal = await openAbsence(WORKER, 'MH-001');
      expect(modal.callback_id).toBe(ABSENCE_CALLBACK_ID);
      expect(modal.title.text).toBe('登记擅自离开');
      const inputs = (modal.blocks as Json[]).filter((b) => b.type === 'input');
      expect(inputs.map((b) => [b.block_id, b.element.action_id, b.element.type, b.optional ?? false])).toEqual([
        [ABSENCE_FORM.from, 'from', 'datepicker', false],
        [ABSENCE_FORM.until, 'until', 'datepicker', true],
        [ABSENCE_FORM.notes, 'notes', 'plain_text_input', true],
      ]);
      expect(block(modal, 'from')!.element.initial_date).toBe(TODAY);
      expect(block(modal, 'until')!.element.initial_date).toBeUndefined();
      expect(block(modal, 'notes')!.element).toMatchObject({ multiline: true, max_length: MAX_NOTES });
      expect(block(modal, 'notes')!.hint.text).toBe('备注只保存在个人档案中。');
      expect(textsOf([(modal.blocks as Json[])[0]])).toEqual([
        '帮教对象：*MH-001 赵某甲*\n期限内擅自离开所在县（市、区）三次，或累计超过三十日，属于严重违反协议（《戒毒条例》第二十条）。',
      ]);
      expect(metadataOf(modal)).toEqual({ clientId: world.clients.zhao, channelId: CHANNEL });
    });

    it('finds the client by alias and names it escaped, case number and alias only', async () => {
      await t.db.prisma.client.update({ where: { id: world.clients.zhao }, data: { alias: '赵*某<甲>', policeName: '王警官' } });
      const modal = await openAbsence(WORKER, 'MH-001');
      expect(textsOf(modal.blocks)[0]).toBe(`帮教对象：*MH-001 赵＊某&lt;甲&gt;*\n${zh('absences.modal.rule')}`);
      expect(JSON.stringify(modal)).not.toContain('王警官');
      expect(metadataOf(await openAbsence(WORKER, '钱某乙')).clientId).toBe(world.clients.qian);
    });

    it('answers the usage line without a client, and says when none or several match', async () => {
      expect(await app.driver.ask(WORKER, '/caseload', 'absence')).toBe('用法：/caseload absence <档案编号或化名>');
      expect(await app.driver.ask(WORKER, '/caseload', 'absence MH-999')).toBe('没有找到你可以查看的帮教对象：MH-999');
      expect(await app.driver.ask(WORKER, '/caseload', 'absence MH')).toBe('有多个帮教对象符合“MH”，请输入完整的档案编号。');
      expect(app.fake.callsOf('views.open')).toEqual([]);
    });

    it('is listed in help, in the asker’s language', async () => {
      expect(await app.driver.ask(WORKER, '/caseload', 'help')).toContain(`• \`/caseload absence <档案编号或化名>\` — ${zh('absences.help')}`);
      expect(await app.driver.ask(WORKER_EN, '/caseload', 'help')).toContain(`• \`/caseload absence <case number or alias>\` — ${en('absences.help')}`);
    });
  });

  describe('recording', () => {
    it('saves an absence that is over: the dates and notes, the author told in the channel, audited without notes, the flag check run', async () => {
      const modal = await openAbsence(WORKER, 'MH-001');
      expect(await save(WORKER, modal, { from: '2025-05-20', until: '2025-05-24', notes: '回老家探亲，未请假' })).toBe(
        '已记录擅自离开：*MH-001 赵某甲*，2025-05-20 至 2025-05-24（5 日）。',
      );
      const [row] = await absences();
      expect(row).toMatchObject({ notes: '回老家探亲，未请假', recordedById: world.staff[WORKER], version: 1 });
      expect(await spans()).toEqual([['2025-05-20', '2025-05-24']]);
      const [entry] = await audits();
      expect(entry).toMatchObject({ actor: WORKER, action: 'absence.create', entity: 'absence', entityId: String(row!.id), communityId: world.meihua });
      expect(entry!.detail).toEqual({ clientId: world.clients.zhao, communityId: world.meihua, from: '2025-05-20', until: '2025-05-24' });
      expect(recorded).toEqual([{ clientId: world.clients.zhao, communityId: world.meihua, userId: WORKER }]);
      // The notes stay in the record: not in the audit trail, the confirmation or the logs.
      expect(JSON.stringify([(await t.db.prisma.auditLog.findMany()).map((a) => a.detail), app.fake.callsOf('chat.postEphemeral'), app.logs])).not.toMatch(/探亲/);
    });

    it('a single day away is one day', async () => {
      expect(await save(WORKER, await openAbsence(WORKER, 'MH-001'), { from: TODAY, until: TODAY })).toBe('已记录擅自离开：*MH-001 赵某甲*，2025-06-01（1 日）。');
    });

    it('saves an absence still going on; the same command then opens it to be closed, and closing it updates that absence', async () => {
      const first = await openAbsence(WORKER, 'MH-001');
      expect(await save(WORKER, first, { from: '2025-05-28', notes: '电话不通' })).toBe('已记录擅自离开：*MH-001 赵某甲*，自 2025-05-28 起，尚未返回。');
      expect(await spans()).toEqual([['2025-05-28', null]]);
      const [open] = await absences();

      const closing = await openAbsence(WORKER, 'MH-001');
      expect(metadataOf(closing)).toEqual({ clientId: world.clients.zhao, absence: { id: open!.id, version: 1 }, channelId: CHANNEL });
      expect(block(closing, 'from')!.element.initial_date).toBe('2025-05-28');
      expect(block(closing, 'until')!.element.initial_date).toBeUndefined();
      expect(block(closing, 'notes')!.element.initial_value).toBe('电话不通');
      expect(textsOf(closing.blocks)[0]).toBe(`帮教对象：*MH-001 赵某甲*\n自 2025-05-28 起擅自离开，尚未返回：填写截止日期即结束这次离开。\n${zh('absences.modal.rule')}`);

      expect(await save(WORKER, closing, { until: '2025-05-31' })).toBe('已更新擅自离开：*MH-001 赵某甲*，2025-05-28 至 2025-05-31（4 日）。');
      const rows = await absences();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: open!.id, notes: '电话不通', version: 2 });
      expect(await spans()).toEqual([['2025-05-28', '2025-05-31']]);
      expect((await audits()).map((a) => [a.action, a.entityId, a.detail])).toEqual([
        ['absence.create', String(open!.id), { clientId: world.clients.zhao, communityId: world.meihua, from: '2025-05-28', until: null }],
        ['absence.update', String(open!.id), { clientId: world.clients.zhao, communityId: world.meihua, from: '2025-05-28', until: '2025-05-31' }],
      ]);
      expect(recorded).toHaveLength(2);

      // Closed: the next command records a new absence.
      const next = await openAbsence(WORKER, 'MH-001');
      expect(metadataOf(next)).toEqual({ clientId: world.clients.zhao, channelId: CHANNEL });
      expect(block(next, 'from')!.element.initial_date).toBe(TODAY);
    });

    it('the same submission delivered twice saves once, and is not refused as overlapping itself', async () => {
      const modal = await openAbsence(WORKER, 'MH-001');
      await app.driver.accepted(WORKER, modal, { from: '2025-05-30' });
      await app.driver.accepted(WORKER, modal, { from: '2025-05-30' });
      expect(await spans()).toEqual([['2025-05-30', null]]);
      expect(await t.db.prisma.auditLog.count({ where: { action: 'absence.create' } })).toBe(1);
      const closing = await openAbsence(WORKER, 'MH-001');
      await app.driver.accepted(WORKER, closing, { until: TODAY });
      await app.driver.accepted(WORKER, closing, { until: TODAY });
      expect(await spans()).toEqual([['2025-05-30', TODAY]]);
      expect(await t.db.prisma.auditLog.count({ where: { action: 'absence.update' } })).toBe(1);
      await expect.poll(() => recorded.length).toBe(2);
    });

    it('speaks English to an English-speaking caseworker', async () => {
      const modal = await openAbsence(WORKER_EN, 'MH-002');
      expect(modal.title.text).toBe('Unauthorised absence');
      expect(textsOf(modal.blocks)[0]).toBe(`Client: *MH-002 钱某乙*\n${en('absences.modal.rule')}`);
      expect(block(modal, 'until')!.label.text).toBe('Last day away');
      expect(await app.driver.refusal(WORKER_EN, modal, { from: '2025-06-02' })).toEqual({ from: 'The date cannot be after today (2025-06-01).' });
      expect(await save(WORKER_EN, modal, { from: '2025-05-01', until: '2025-05-03' })).toBe('Unauthorised absence recorded: *MH-002 钱某乙*, 2025-05-01 to 2025-05-03 (3 days).');
      expect(await save(WORKER_EN, await openAbsence(WORKER_EN, 'MH-002'), { from: '2025-05-31' })).toBe(
        'Unauthorised absence recorded: *MH-002 钱某乙*, since 2025-05-31, not back yet.',
      );
    });
  });

  describe('refusals write nothing', () => {
    const nothingMore = async (count = 0) => {
      expect(await t.db.prisma.absence.count()).toBe(count);
      expect(await t.db.prisma.auditLog.count({ where: { entity: 'absence' } })).toBe(count);
    };

    it('dates after today, before the term start, or ending before they begin', async () => {
      const modal = await openAbsence(WORKER, 'MH-001');
      expect(await app.driver.refusal(WORKER, modal, { from: '2025-06-02' })).toEqual({ from: '日期不能晚于今天（2025-06-01）。' });
      expect(await app.driver.refusal(WORKER, modal, { from: '2025-05-30', until: '2025-06-02' })).toEqual({ until: '日期不能晚于今天（2025-06-01）。' });
      // MH-001's term starts 2025-01-10.
      expect(await app.driver.refusal(WORKER, modal, { from: '2025-01-09', until: '2025-01-12' })).toEqual({ from: '离开日期早于该对象的首次报到日（期限起始日，2025-01-10）。' });
      expect(await app.driver.refusal(WORKER, modal, { from: '2025-05-20', until: '2025-05-19' })).toEqual({ until: '截止日期不能早于离开日期。' });
      expect(await app.driver.refusal(WORKER, modal, { from: null })).toEqual({ from: '请选择日期。' });
      expect(await app.driver.refusal(WORKER, modal, { from: '2025-05-20', notes: 'x'.repeat(MAX_NOTES + 1) })).toEqual({ notes: '备注不能超过 2000 字。' });
      await nothingMore();
      expect(recorded).toEqual([]);
    });

    it('an absence sharing a day with one already recorded, closed or still open', async () => {
      await save(WORKER, await openAbsence(WORKER, 'MH-001'), { from: '2025-05-10', until: '2025-05-12' });
      const modal = await openAbsence(WORKER, 'MH-001');
      const overlap = { from: '与已登记的擅自离开（2025-05-10 至 2025-05-12）重叠。' };
      expect(await app.driver.refusal(WORKER, modal, { from: '2025-05-12', until: '2025-05-14' })).toEqual(overlap);
      expect(await app.driver.refusal(WORKER, modal, { from: '2025-05-01', until: '2025-05-10' })).toEqual(overlap);
      // Still away since before it: would run through it.
      expect(await app.driver.refusal(WORKER, modal, { from: '2025-05-01' })).toEqual(overlap);
      await nothingMore(1);
      // The days either side are free.
      await save(WORKER, modal, { from: '2025-05-13' });

      // A second absence while one is open is refused: the command opens the open one instead.
      const other = await openAbsence(MANAGER, 'MH-002');
      await save(MANAGER, other, { from: '2025-05-25' });
      const again = { ...other, id: 'V-again' };
      expect(await app.driver.refusal(MANAGER, again, { from: '2025-05-30' })).toEqual({
        from: '与已登记、尚未返回的擅自离开（自 2025-05-25 起）重叠：请再输入一次命令，结束那一次。',
      });
      expect(await spans(world.clients.qian)).toEqual([['2025-05-25', null]]);
    });

    it('two people recording the same absence at once: one is saved, the other refused as overlapping', async () => {
      const mine = await openAbsence(WORKER, 'MH-001');
      const theirs = await openAbsence(MANAGER, 'MH-001');
      const answers = await Promise.all([app.driver.submit(WORKER, mine, { from: '2025-05-30' }), app.driver.submit(MANAGER, theirs, { from: '2025-05-30' })]);
      expect(answers.map((a) => (a.text === '' ? 'saved' : (a.json() as Json).errors.from)).sort()).toEqual(['saved', '与已登记、尚未返回的擅自离开（自 2025-05-30 起）重叠：请再输入一次命令，结束那一次。']);
      await nothingMore(1);
      await expect.poll(() => recorded.length).toBe(1);
    });

    it('closing an open absence someone else changed first: refused, told to reopen, their change kept', async () => {
      await save(WORKER, await openAbsence(WORKER, 'MH-001'), { from: '2025-05-28' });
      const mine = await openAbsence(WORKER, 'MH-001');
      const theirs = await openAbsence(MANAGER, 'MH-001');
      await save(MANAGER, theirs, { until: '2025-05-29' });
      expect(await app.driver.refusal(WORKER, mine, { until: '2025-05-31' })).toEqual({
        from: '这次擅自离开刚被其他人修改过，你的修改没有保存。请关闭后再输入一次命令重新打开。',
      });
      expect(await spans()).toEqual([['2025-05-28', '2025-05-29']]);
      expect((await absences())[0]!.version).toBe(2);
      expect(await t.db.prisma.auditLog.count({ where: { action: 'absence.update' } })).toBe(1);
    });

    it('strangers and staff of other communities: nothing opens, nothing is saved', async () => {
      expect(await app.driver.ask(STRANGER, '/caseload', 'absence MH-001')).toContain('U0ADMIN01');
      // A caseworker elsewhere does not even see the client.
      expect(await app.driver.ask(OTHER_WORKER, '/caseload', 'absence MH-001')).toBe('没有找到你可以查看的帮教对象：MH-001');
      // A manager reads every community but records only in their own.
      expect(await app.driver.ask(MANAGER, '/caseload', 'absence DX-001')).toBe('你不能为这个帮教对象登记：不存在，或不属于你的社区。');
      expect(app.fake.callsOf('views.open')).toEqual([]);
      // A stranger submitting a modal is answered under its first input.
      const modal = await openAbsence(WORKER, 'MH-001');
      expect((await app.driver.refusal(STRANGER, modal, { from: TODAY })).from).toContain('U0ADMIN01');
      expect(await app.driver.refusal(OTHER_WORKER, modal, { from: TODAY })).toEqual({ from: '你不能为这个帮教对象登记：不存在，或不属于你的社区。' });
      await nothingMore();
    });

    it('forged submissions: another community’s client, another client’s absence, unreadable metadata', async () => {
      const modal = await openAbsence(WORKER, 'MH-002');
      const notAllowed = { from: '你不能为这个帮教对象登记：不存在，或不属于你的社区。' };
      const forged = (metadata: unknown, id: string) => ({ ...modal, id, private_metadata: JSON.stringify(metadata) });
      expect(await app.driver.refusal(WORKER, forged({ clientId: world.clients.sun }, 'V1'), { from: TODAY })).toEqual(notAllowed);
      expect(await app.driver.refusal(WORKER, forged({ clientId: 999999 }, 'V2'), { from: TODAY })).toEqual(notAllowed);
      expect(await app.driver.refusal(WORKER, { ...modal, id: 'V3', private_metadata: 'not json' }, { from: TODAY })).toEqual(notAllowed);
      await nothingMore();
      // An absence of 孙某丁 (大学路) passed off as 钱某乙's, to close it.
      const sun = await t.db.prisma.absence.create({ data: { clientId: world.clients.sun, startsOn: new Date('2025-05-01'), recordedById: world.staff[OTHER_WORKER]! } });
      expect(await app.driver.refusal(WORKER, forged({ clientId: world.clients.qian, absence: { id: sun.id, version: 1 } }, 'V4'), { until: TODAY, from: '2025-05-01' })).toEqual(notAllowed);
      expect(await app.driver.refusal(WORKER, forged({ clientId: world.clients.sun, absence: { id: sun.id, version: 1 } }, 'V5'), { until: TODAY, from: '2025-05-01' })).toEqual(notAllowed);
      expect(await spans(world.clients.sun)).toEqual([['2025-05-01', null]]);
      expect(await spans(world.clients.qian)).toEqual([]);
      expect(await t.db.prisma.auditLog.count({ where: { entity: 'absence' } })).toBe(0);
    });
  });
});
