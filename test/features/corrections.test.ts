// Corrections end to end: `/visit` and `/checkin` record, `/caseload records` lists, "Edit"
// opens the same modal prefilled, its submission corrects the record keeping the previous
// version; concurrent edits, the 24-hour reason, who may edit, undo and restore — over signed
// HTTP requests into the running bot.
import { beforeEach, describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/db/dates.js';
import { EDIT_RECORD_ACTION, RESTORE_RECORD_ACTION } from '../../src/features/corrections/ids.js';
import { CHECKIN_CALLBACK_ID, UNDO_ACTION, VISIT_CALLBACK_ID } from '../../src/features/visits/ids.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { useTestBot } from '../support/test-bot.js';
import { MANAGER, NOW, OTHER_WORKER, TODAY, WORKER, WORKER_EN, block, buttonsOf, seedWorld, textsOf, type World } from './lifecycle-fixtures.js';

const NOTES = '母亲说他最近在找工作';

const VISIT = { date: TODAY, kind: 'home', help: ['relief'], urine: 'negative', notes: NOTES, next: '2025-06-15' };

describe('corrections', () => {
  const t = useTestDatabase();
  const { app, clock } = useTestBot(t, NOW);
  let world: World;

  beforeEach(async () => {
    world = await seedWorld(t.db.prisma);
  });

  /** Logs a visit (or check-in) for 钱某乙 through the bot and answers the saved row's id. */
  async function log(command: '/visit' | '/checkin', values: Record<string, string | string[] | null>, user = WORKER): Promise<number> {
    const { triggerId } = await app.driver.command(user, command, 'MH-002');
    await app.driver.accepted(user, await app.driver.openedView(triggerId), values);
    const rows = command === '/visit' ? await t.db.prisma.visit.findMany({ orderBy: { id: 'desc' }, take: 1 }) : await t.db.prisma.checkIn.findMany({ orderBy: { id: 'desc' }, take: 1 });
    const id = rows[0]!.id;
    // The confirmation (with its Undo button) comes after the ack: wait for it, then start afresh.
    const undo = `${command.slice(1)}:${id}`;
    await app.fake.waitFor('chat.postEphemeral', (c) => JSON.stringify(c.args.blocks ?? []).includes(undo));
    app.fake.clear();
    return id;
  }

  async function records(user: string, text = 'MH-002'): Promise<Json> {
    const { responseUrl } = await app.driver.command(user, '/caseload', `records ${text}`);
    return app.driver.reply(responseUrl);
  }

  /** Clicks Edit on a record and answers the modal it opened. */
  async function openEdit(user: string, value: string): Promise<Json> {
    const { triggerId } = await app.driver.click(user, EDIT_RECORD_ACTION, value);
    return app.driver.openedView(triggerId);
  }

  const revisions = () => t.db.prisma.recordRevision.findMany({ orderBy: { id: 'asc' } });
  const visit = (id: number) => t.db.prisma.visit.findUniqueOrThrow({ where: { id } });
  const actions = async (names: string[]) => (await t.db.prisma.auditLog.findMany({ where: { action: { in: names } }, orderBy: { id: 'asc' } })).map((a) => a.action);

  describe('the records list', () => {
    it('lists the latest records with an Edit button for the author or a manager; no notes; audited', async () => {
      const id = await log('/visit', VISIT);
      const reply = await records(WORKER);
      const texts = textsOf(reply.blocks);
      expect(texts[0]).toBe('*MH-002 钱某乙* 最近 3 条记录：');
      expect(texts[1]).toBe('*2025-06-01* 走访：家访 · 尿检：阴性 · 记录人 <@U0WORKER01>');
      expect(texts).toContain('*2025-04-15* 报到 · 尿检：未做尿检 · 记录人 <@U0WORKER01>');
      expect(JSON.stringify(reply)).not.toContain('找工作');
      expect(buttonsOf(reply.blocks)[0]).toEqual({ action_id: EDIT_RECORD_ACTION, value: `visit:${id}` });
      expect(buttonsOf(reply.blocks)).toHaveLength(3);
      expect(buttonsOf((await records(MANAGER)).blocks)).toHaveLength(3);
      // Another caseworker of the community sees the records, not Edit.
      expect(buttonsOf((await records(WORKER_EN)).blocks)).toEqual([]);
      expect(String((await records(OTHER_WORKER)).text)).toBe('没有找到你可以查看的帮教对象：MH-002');
      const reads = await t.db.prisma.auditLog.findMany({ where: { action: 'client.read' } });
      expect(reads.map((r) => r.detail)).toContainEqual({ clientId: world.clients.qian, communityId: world.meihua, via: 'records', records: 3 });
    });

    it('shows the latest 20', async () => {
      await t.db.prisma.checkIn.createMany({
        data: Array.from({ length: 25 }, (_, i) => ({ clientId: world.clients.qian, date: toDbDate(`2025-05-${String(i + 1).padStart(2, '0')}`), recordedById: world.staff[WORKER]! })),
      });
      const reply = await records(WORKER);
      expect(textsOf(reply.blocks)[0]).toBe('*MH-002 钱某乙* 最近 20 条记录：');
      expect(textsOf(reply.blocks)[1]).toContain('*2025-05-25* 报到');
      expect(buttonsOf(reply.blocks)).toHaveLength(20);
    });
  });

  describe('editing', () => {
    it('opens the same modal prefilled; saving keeps the previous version, and the test follows', async () => {
      const id = await log('/visit', VISIT);
      const view = await openEdit(WORKER, `visit:${id}`);
      expect(view.callback_id).toBe(VISIT_CALLBACK_ID);
      expect(view.title.text).toBe('更正走访');
      expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'C0GENERAL', record: { id, version: 1 } });
      expect(block(view, 'client')!.element.initial_option.value).toBe(String(world.clients.qian));
      expect(block(view, 'date')!.element.initial_date).toBe(TODAY);
      expect(block(view, 'kind')!.element.initial_option.value).toBe('home');
      expect(block(view, 'help')!.element.initial_options.map((o: Json) => o.value)).toEqual(['relief']);
      expect(block(view, 'urine')!.element.initial_option.value).toBe('negative');
      expect(block(view, 'notes')!.element.initial_value).toBe(NOTES);
      expect(block(view, 'next')!.element.initial_date).toBe('2025-06-15');
      expect(block(view, 'reason')).toBeUndefined();

      app.fake.clear();
      await app.driver.accepted(WORKER, view, { kind: 'office', urine: 'positive', notes: '改：在单位见面' });
      expect(await visit(id)).toMatchObject({ kind: 'office', notes: '改：在单位见面', helpGiven: ['relief'], version: 2, deletedAt: null });
      const test = await t.db.prisma.urineTest.findFirstOrThrow({ where: { visitId: id } });
      expect(test).toMatchObject({ result: 'positive', version: 2, deletedAt: null });
      const kept = await revisions();
      expect(kept.map((r) => [r.entity, r.entityId, r.version, r.change, r.editedById, r.reason])).toEqual([
        ['visit', id, 1, 'edit', world.staff[WORKER], null],
        ['urine_test', test.id, 1, 'edit', world.staff[WORKER], null],
      ]);
      expect(kept[0]!.data).toMatchObject({ kind: 'home', notes: NOTES, date: TODAY, nextPlannedOn: '2025-06-15', version: 1 });
      expect(kept[1]!.data).toMatchObject({ result: 'negative', version: 1 });
      const audits = await t.db.prisma.auditLog.findMany({ where: { action: { in: ['visit.edit', 'urine_test.edit'] } }, orderBy: { id: 'asc' } });
      expect(audits.map((a) => [a.action, a.actor, a.communityId])).toEqual([
        ['visit.edit', WORKER, world.meihua],
        ['urine_test.edit', WORKER, world.meihua],
      ]);
      expect(audits[0]!.detail).toEqual({ clientId: world.clients.qian, communityId: world.meihua, version: 2, changed: ['kind', 'notes', 'urine'], late: false, date: TODAY });
      expect(JSON.stringify(audits.map((a) => a.detail))).not.toMatch(/找工作|单位见面/);

      const confirmation = await app.fake.waitFor('chat.postEphemeral', (c) => String(c.args.text).startsWith('✏️'));
      expect(confirmation.args.text).toBe('✏️ 已更正 *MH-002 钱某乙* 2025-06-01 的走访：来访（驿站/办公室），尿检：阳性（第 2 版，原版本已保留）。');
      expect(JSON.stringify(confirmation.args)).not.toContain(UNDO_ACTION);
      expect(JSON.stringify(app.logs)).not.toMatch(/找工作|单位见面|钱某乙/);

      // The list shows who corrected it and when; a second correction keeps the second version too.
      expect(textsOf((await records(MANAGER)).blocks)[1]).toBe('*2025-06-01* 走访：来访（驿站/办公室） · 尿检：阳性 · 记录人 <@U0WORKER01> · 已更正 1 次（最近 2025-06-01，<@U0WORKER01>）');
      await app.driver.accepted(MANAGER, await openEdit(MANAGER, `visit:${id}`), { date: '2025-05-30' });
      expect(await visit(id)).toMatchObject({ version: 3, notes: '改：在单位见面' });
      const all = await revisions();
      expect(all.filter((r) => r.entity === 'visit').map((r) => [r.version, (r.data as Json).notes, r.editedById])).toEqual([
        [1, NOTES, world.staff[WORKER]],
        [2, '改：在单位见面', world.staff[MANAGER]],
      ]);
      // The test moved with the record's date.
      expect((await t.db.prisma.urineTest.findFirstOrThrow({ where: { visitId: id } })).date.toISOString().slice(0, 10)).toBe('2025-05-30');
    });

    it('a check-in’s test is added and removed with it', async () => {
      const id = await log('/checkin', { urine: 'none' });
      const view = await openEdit(WORKER, `checkin:${id}`);
      expect(view.callback_id).toBe(CHECKIN_CALLBACK_ID);
      expect(view.title.text).toBe('更正报到');
      await app.driver.accepted(WORKER, view, { urine: 'refused' });
      const [added] = await t.db.prisma.urineTest.findMany({ where: { checkInId: id } });
      expect(added).toMatchObject({ result: 'refused', version: 1, deletedAt: null });
      await app.driver.accepted(WORKER, await openEdit(WORKER, `checkin:${id}`), { urine: 'none' });
      expect(await t.db.prisma.urineTest.findUniqueOrThrow({ where: { id: added!.id } })).toMatchObject({ version: 2, deletedBy: WORKER });
      expect((await t.db.prisma.urineTest.findUniqueOrThrow({ where: { id: added!.id } })).deletedAt).not.toBeNull();
      expect(await actions(['checkin.edit', 'urine_test.create', 'urine_test.delete'])).toEqual(['checkin.edit', 'urine_test.create', 'checkin.edit', 'urine_test.delete']);
      expect((await revisions()).map((r) => [r.entity, r.version])).toEqual([
        ['checkin', 1],
        ['checkin', 2],
        ['urine_test', 1],
      ]);
    });

    it('a visit corrected to a kind that does not count says so in the confirmation', async () => {
      const id = await log('/visit', VISIT);
      app.fake.clear();
      await app.driver.accepted(WORKER, await openEdit(WORKER, `visit:${id}`), { kind: 'other' });
      const told = await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER);
      expect(String(told.args.text)).toContain('⚠️ 本次帮教方式不计入每月见面（计入的方式：家访、来访（驿站/办公室）、单位走访）。');
      expect((await visit(id)).kind).toBe('other');
    });

    it('saving without a change writes nothing', async () => {
      const id = await log('/visit', VISIT);
      app.fake.clear();
      await app.driver.accepted(WORKER, await openEdit(WORKER, `visit:${id}`), {});
      await app.fake.waitFor('chat.postEphemeral', (c) => c.args.text === '*MH-002 钱某乙* 2025-06-01 的记录没有改动。');
      expect(await revisions()).toEqual([]);
      expect((await visit(id)).version).toBe(1);
    });
  });

  describe('concurrent edits', () => {
    it('the second save of the same version is refused — "changed by someone else, reopen" — and nothing is lost', async () => {
      const id = await log('/visit', VISIT);
      const mine = await openEdit(WORKER, `visit:${id}`);
      const theirs = await openEdit(MANAGER, `visit:${id}`);
      await app.driver.accepted(MANAGER, theirs, { notes: '负责人补充：已联系家属' });
      expect(await app.driver.refusal(WORKER, mine, { notes: '专干补充：情绪稳定' })).toEqual({
        client: '这条记录刚被其他人修改过，你的修改没有保存。请关闭后从 `/caseload records` 重新打开再改。',
      });
      expect(await visit(id)).toMatchObject({ version: 2, notes: '负责人补充：已联系家属' });
      expect((await revisions()).map((r) => (r.data as Json).notes)).toEqual([NOTES]);

      // Reopened, the form shows the manager's version and saves on top of it.
      const again = await openEdit(WORKER, `visit:${id}`);
      expect(block(again, 'notes')!.element.initial_value).toBe('负责人补充：已联系家属');
      await app.driver.accepted(WORKER, again, { notes: '负责人补充：已联系家属；专干补充：情绪稳定' });
      expect((await revisions()).map((r) => [r.version, (r.data as Json).notes])).toEqual([
        [1, NOTES],
        [2, '负责人补充：已联系家属'],
      ]);
      expect((await visit(id)).version).toBe(3);
    });

    it('the same edit delivered twice saves once', async () => {
      const id = await log('/visit', VISIT);
      const view = await openEdit(WORKER, `visit:${id}`);
      await app.driver.accepted(WORKER, view, { notes: '改' });
      await app.driver.accepted(WORKER, view, { notes: '改' });
      expect(await revisions()).toHaveLength(1);
      expect((await visit(id)).version).toBe(2);
    });
  });

  describe('after 24 hours', () => {
    it('a reason is required, and kept with the previous version', async () => {
      const id = await log('/visit', VISIT);
      const early = await openEdit(WORKER, `visit:${id}`);
      clock.now = new Date(NOW.getTime() + 25 * 3600_000);
      // Opened before the 24 hours were up, saved after: told to reopen.
      expect(await app.driver.refusal(WORKER, early, { notes: '改' })).toEqual({ client: '这条记录保存已超过 24 小时，更正须填写原因。请关闭后重新打开再改。' });
      const view = await openEdit(WORKER, `visit:${id}`);
      expect(block(view, 'reason')!.label.text).toBe('更正原因');
      expect(await app.driver.refusal(WORKER, view, { notes: '改' })).toEqual({ reason: '这条记录保存已超过 24 小时，请填写更正原因。' });
      await app.driver.accepted(WORKER, view, { notes: '改', reason: '当天记错了谈话内容' });
      const [kept] = await revisions();
      expect(kept).toMatchObject({ version: 1, reason: '当天记错了谈话内容' });
      const [entry] = await t.db.prisma.auditLog.findMany({ where: { action: 'visit.edit' } });
      expect(entry!.detail).toMatchObject({ late: true });
      expect(JSON.stringify(entry!.detail)).not.toContain('记错');
    });
  });

  describe('who may edit', () => {
    it('only the author or a manager; a forged click or submission changes nothing', async () => {
      const id = await log('/visit', VISIT);
      const view = await openEdit(WORKER, `visit:${id}`);
      const { responseUrl, triggerId } = await app.driver.click(WORKER_EN, EDIT_RECORD_ACTION, `visit:${id}`);
      expect((await app.driver.reply(responseUrl)).text).toBe('Only the author of this record or a manager can correct it.');
      expect(app.fake.callsOf('views.open').filter((c) => c.args.trigger_id === triggerId)).toEqual([]);
      expect(await app.driver.refusal(WORKER_EN, view, { notes: 'x' })).toEqual({ client: 'Only the author of this record or a manager can correct it.' });
      expect(await app.driver.refusal(OTHER_WORKER, view, { notes: 'x' })).toEqual({ client: '只有记录人本人或负责人可以更正这条记录。' });
      expect(await revisions()).toEqual([]);
      expect((await visit(id)).notes).toBe(NOTES);
    });

    it('a correction keeps the record’s client', async () => {
      const id = await log('/visit', VISIT);
      const view = await openEdit(WORKER, `visit:${id}`);
      expect(await app.driver.refusal(WORKER, view, { client: String(world.clients.zhao) })).toEqual({
        client: '更正时不能更换帮教对象。记错了对象的，请为正确的对象重新记录；这条记录如仍在撤销时限内，记录人可用保存确认消息上的“撤销”按钮撤销，否则请用“更正”在备注中注明记错了对象。',
      });
      expect(await revisions()).toEqual([]);
    });
  });

  describe('restoring', () => {
    it('a manager restores an undone record with its test; history and audit kept', async () => {
      const id = await log('/visit', VISIT);
      const undo = await app.driver.click(WORKER, UNDO_ACTION, `visit:${id}`);
      await app.driver.reply(undo.responseUrl);
      expect((await visit(id)).deletedAt).not.toBeNull();

      const mine = await records(WORKER);
      expect(textsOf(mine.blocks)[1]).toBe('*2025-06-01* 走访：家访 · 尿检：阴性 · 记录人 <@U0WORKER01> · 🗑 已删除');
      expect(buttonsOf(mine.blocks).map((b) => b.value)).not.toContain(`visit:${id}`);
      const managers = await records(MANAGER);
      expect(buttonsOf(managers.blocks)[0]).toEqual({ action_id: RESTORE_RECORD_ACTION, value: `visit:${id}` });

      const refused = await app.driver.click(WORKER, RESTORE_RECORD_ACTION, `visit:${id}`);
      expect((await app.driver.reply(refused.responseUrl)).text).toBe('只有负责人可以恢复已删除的记录。');
      expect((await visit(id)).deletedAt).not.toBeNull();

      const restored = await app.driver.click(MANAGER, RESTORE_RECORD_ACTION, `visit:${id}`);
      const redrawn = await app.fake.waitFor('response_url', (c) => c.args.response_url === new URL(restored.responseUrl).pathname && c.args.replace_original === true);
      expect(buttonsOf(redrawn.args.blocks as Json[])[0]).toEqual({ action_id: EDIT_RECORD_ACTION, value: `visit:${id}` });
      expect(await visit(id)).toMatchObject({ deletedAt: null, deletedBy: null, version: 2 });
      expect(await t.db.prisma.urineTest.findFirstOrThrow({ where: { visitId: id } })).toMatchObject({ deletedAt: null, version: 2 });
      const kept = await revisions();
      expect(kept.map((r) => [r.entity, r.change, r.version, r.editedById])).toEqual([
        ['visit', 'restore', 1, world.staff[MANAGER]],
        ['urine_test', 'restore', 1, world.staff[MANAGER]],
      ]);
      expect(kept[0]!.data).toMatchObject({ deletedBy: WORKER });
      expect(await actions(['visit.undo', 'visit.restore', 'urine_test.restore'])).toEqual(['visit.undo', 'visit.restore', 'urine_test.restore']);

      const twice = await app.driver.click(MANAGER, RESTORE_RECORD_ACTION, `visit:${id}`);
      expect(await app.fake.waitFor('response_url', (c) => c.args.response_url === new URL(twice.responseUrl).pathname)).toMatchObject({
        args: { text: '这条记录没有被删除（可能已被恢复）。' },
      });
      expect(await revisions()).toHaveLength(2);
    });
  });
});
