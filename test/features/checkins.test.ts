// Logging a check-in (报到) end to end: `/checkin` → the modal → its submission → the
// confirmation and its Undo button, over signed HTTP requests into the running bot.
import { beforeEach, describe, expect, it } from 'vitest';
import { CHECKIN_CALLBACK_ID, UNDO_ACTION } from '../../src/features/visits/ids.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { useTestBot } from '../support/test-bot.js';
import { NOW, TODAY, WORKER, WORKER_EN, auditActions, block, openModal, seedWorld, type World } from './visits-fixtures.js';

describe('check-ins', () => {
  const t = useTestDatabase();
  const { app, clock } = useTestBot(t, NOW);
  let world: World;

  beforeEach(async () => {
    world = await seedWorld(t.db.prisma);
  });

  const undoValue = (message: Json): string => {
    const actions = (message.blocks as Json[]).find((b) => b.type === 'actions')!;
    return String((actions.elements as Json[]).find((e) => e.action_id === UNDO_ACTION)!.value);
  };

  it('opens the check-in modal with the client preselected and today’s date', async () => {
    const view = await openModal(app, WORKER, '/checkin', '赵某甲');
    expect(view.callback_id).toBe(CHECKIN_CALLBACK_ID);
    expect((view.blocks as Json[]).map((b) => b.block_id)).toEqual(['client', 'date', 'urine', 'notes']);
    expect((block(view, 'client').element as Json).initial_option.value).toBe(String(world.clients.zhao));
    expect((block(view, 'date').element as Json).initial_date).toBe(TODAY);
    expect((block(view, 'urine').element as Json).initial_option.value).toBe('none');
  });

  it('saves a check-in with a positive test, audits both, and confirms without the notes', async () => {
    const view = await openModal(app, WORKER, '/checkin', 'MH-2025-001');
    const answer = await app.driver.submit(WORKER, view, { urine: 'positive', notes: '自述上周复吸' });
    expect(answer.text).toBe('');
    const [checkIn] = await t.db.prisma.checkIn.findMany();
    expect(checkIn).toMatchObject({ clientId: world.clients.zhao, notes: '自述上周复吸', recordedById: world.staff[WORKER], deletedAt: null });
    expect(checkIn!.date.toISOString().slice(0, 10)).toBe(TODAY);
    const tests = await t.db.prisma.urineTest.findMany();
    expect(tests).toHaveLength(1);
    expect(tests[0]).toMatchObject({ clientId: world.clients.zhao, result: 'positive', checkInId: checkIn!.id, visitId: null });
    expect(tests[0]!.date.toISOString().slice(0, 10)).toBe(TODAY);
    expect(await auditActions(t.db.prisma)).toEqual(['client.lookup', 'checkin.create', 'urine_test.create']);
    const created = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'urine_test.create' } });
    expect(created.detail).toMatchObject({ clientId: world.clients.zhao, communityId: world.meihua, date: TODAY, result: 'positive', checkInId: checkIn!.id });

    const message = (await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER)).args;
    expect(message.text).toBe(`✅ 已记录报到：*MH-2025-001 赵某甲*，${TODAY}。 尿检：阳性。`);
    expect(JSON.stringify(message)).not.toContain('复吸');
    expect(undoValue(message)).toBe(`checkin:${checkIn!.id}`);
  });

  it('saves a check-in without a test when urine is none', async () => {
    const view = await openModal(app, WORKER, '/checkin', 'MH-2025-002');
    expect((await app.driver.submit(WORKER, view, {})).text).toBe('');
    expect(await t.db.prisma.checkIn.count()).toBe(1);
    expect(await t.db.prisma.urineTest.count()).toBe(0);
  });

  it('refuses a future date, a forged client and unknown values, writing nothing', async () => {
    const view = await openModal(app, WORKER, '/checkin', 'MH-2025-001');
    expect(await app.driver.refusal(WORKER, view, { date: '2026-11-21', urine: 'blue' })).toEqual({
      date: `日期不能晚于今天（${TODAY}）。`,
      urine: '无法识别的选项，请重新选择。',
    });
    expect(await app.driver.refusal(WORKER, view, { client: String(world.clients.sun), urine: 'positive' })).toEqual({
      client: '你不能为这个帮教对象记录：不存在，或不属于你的社区。',
    });
    expect(await app.driver.refusal(WORKER, view, { notes: 'x'.repeat(2001) })).toEqual({ notes: '备注最多 2000 个字。' });
    expect(await t.db.prisma.checkIn.count()).toBe(0);
    expect(await t.db.prisma.urineTest.count()).toBe(0);
  });

  it('saves one check-in when the same submission arrives twice', async () => {
    const view = await openModal(app, WORKER, '/checkin', 'MH-2025-001');
    await app.driver.submit(WORKER, view, { urine: 'refused' });
    await app.driver.submit(WORKER, view, { urine: 'refused' });
    expect(await t.db.prisma.checkIn.count()).toBe(1);
    expect(await t.db.prisma.urineTest.count({ where: { result: 'refused' } })).toBe(1);
  });

  it('lets the author undo the check-in and its test, and only within 15 minutes', async () => {
    const first = await openModal(app, WORKER_EN, '/checkin', 'MH-2025-001');
    await app.driver.submit(WORKER_EN, first, { urine: 'negative' });
    const message = (await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER_EN)).args;
    expect(message.text).toBe(`✅ Check-in logged: *MH-2025-001 赵某甲*, ${TODAY}. Urine test: Negative.`);
    clock.now = new Date(NOW.getTime() + 10 * 60_000);
    const { responseUrl } = await app.driver.click(WORKER_EN, UNDO_ACTION, undoValue(message));
    expect(await app.driver.reply(responseUrl)).toMatchObject({ replace_original: true, text: `↩️ Undone: the check-in of *MH-2025-001 赵某甲* on ${TODAY}.` });
    expect(await t.db.prisma.checkIn.count({ where: { deletedAt: null } })).toBe(0);
    expect(await t.db.prisma.urineTest.count({ where: { deletedAt: null } })).toBe(0);
    expect((await auditActions(t.db.prisma)).filter((a) => a.endsWith('.undo'))).toEqual(['checkin.undo', 'urine_test.undo']);

    app.fake.clear();
    const second = await openModal(app, WORKER_EN, '/checkin', 'MH-2025-001');
    await app.driver.submit(WORKER_EN, second, { urine: 'negative' });
    const later = (await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER_EN)).args;
    clock.now = new Date(clock.now.getTime() + 16 * 60_000);
    const refused = await app.driver.click(WORKER_EN, UNDO_ACTION, undoValue(later));
    expect((await app.driver.reply(refused.responseUrl)).text).toBe(
      'It was saved more than 15 minutes ago and can no longer be undone. To correct it, use `/caseload records <case number>`.',
    );
    expect(await t.db.prisma.checkIn.count({ where: { deletedAt: null } })).toBe(1);
  });
});
