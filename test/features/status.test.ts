// `/caseload status`: the card of one client, the pick list, refusals, the audit trail, and the
// card's "log check-in" button through to a saved check-in — over signed HTTP requests into the
// running bot, with the fake Slack Web API recording what the bot sends.
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { clientStatus } from '../../src/features/status/index.js';
import { LOG_CHECKIN_ACTION, LOG_VISIT_ACTION, STATUS_PICK_ACTION } from '../../src/features/status/ids.js';
import { loadActor } from '../../src/features/staff/actor.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { ADMIN, useTestBot } from '../support/test-bot.js';
import { buttonsOf, MANAGER, NOW, OTHER, POLICE, SECRET, seed, STRANGER, textsOf, TODAY, WORKER, WORKER_EN, type Fixture } from './status-fixture.js';

describe('client status', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, NOW, { channels: ['C0MEIHUA'] });
  let f: Fixture;

  beforeEach(async () => {
    f = await seed(t.db);
  });

  /** `/caseload status <text>` → the ephemeral reply (text and blocks). */
  async function status(user: string, text: string): Promise<Json> {
    const { responseUrl } = await app.driver.command(user, '/caseload', `status ${text}`.trim());
    return app.driver.reply(responseUrl);
  }

  const reads = () => t.db.prisma.auditLog.findMany({ where: { action: 'client.read' }, orderBy: { id: 'asc' } });

  it('shows the card: term extended by the suspension, team, latest records, what is next, compliance, flags', async () => {
    const reply = await status(WORKER, 'XY-001');
    const texts = textsOf(reply.blocks);
    const all = texts.join('\n');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toBe('XY-001 赵某甲 — 在册');
    expect(texts[0]).toBe('XY-001 赵某甲');
    for (const shown of [
      '*社区*\n梅花碑',
      '*类别*\n社区康复',
      // Planned 2027-08-31, ten suspended days later.
      '*期限*\n2024-09-01 至 2027-09-10（因中止顺延，原定 2027-08-31）',
      '*期内年度*\n第 1 年',
      '*状态*\n在册',
      `*禁毒专干*\n<@${WORKER}>`,
      `*社区民警*\n<@${POLICE}>`,
      '*网格员*\n李&lt;网格&gt;',
      '*禁毒志愿者*\n未指定',
      // The latest visit of any kind (the undone one on 07-25 is gone), check-in and test.
      '*最近走访*\n2025-07-28 · 电话联系',
      '*最近报到*\n2025-07-08',
      '*最近尿检*\n2025-06-05 · 阴性',
      // July has only phone calls: a meeting is due; check-in done for July; test window 6 ends 09-10.
      '*接下来要做*\n• 走访须于 2025-07-31 前完成\n• 报到须于 2025-08-31 前完成\n• 尿检须于 2025-09-10 前完成',
      '*期内未按时检测*\n2024-11-01 至 2024-12-31',
      '*期内拒检*\n2025-02-10',
      '*预警提示*\n⚠️ 2025-04-20 尿检阳性：请核实后及时报告公安机关（《戒毒条例》第二十一条）',
      // The date the card was true on, as an office writes it; the dates inside stay ISO.
      '截至 7月29日（星期二）。备注只在个人档案中查看。',
    ]) {
      expect(texts).toContain(shown);
    }
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain('严重违反'); // one missed window and one refusal: below the threshold of three
    expect(buttonsOf(reply.blocks)).toEqual([
      { action_id: LOG_VISIT_ACTION, value: String(f.a) },
      { action_id: LOG_CHECKIN_ACTION, value: String(f.a) },
    ]);

    const audits = await reads();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: WORKER, entity: 'client', entityId: String(f.a), communityId: f.meihua });
    expect(audits[0]!.detail).toEqual({ clientId: f.a, communityId: f.meihua, via: 'status' });
    expect(JSON.stringify(app.logs)).not.toContain('赵某甲');
  });

  it('speaks English to a caseworker who chose it, and finds the client by alias', async () => {
    const reply = await status(WORKER_EN, '赵某甲');
    const texts = textsOf(reply.blocks);
    expect(reply.text).toBe('XY-001 赵某甲 — Active');
    for (const shown of [
      '*Term*\n2024-09-01 to 2027-09-10 (extended by suspension; planned 2027-08-31)',
      '*Last visit*\n2025-07-28 · Phone call',
      '*Next*\n• visit by 2025-07-31\n• check-in by 2025-08-31\n• urine test by 2025-09-10',
      '*Tests not taken on time in the term*\n2024-11-01 to 2024-12-31',
      '*Warnings*\n⚠️ Positive test on 2025-04-20: verify, then report to the police without delay (Drug Rehabilitation Regulations Art. 21)',
      'As of 2025-07-29. Notes are only in the client file.',
    ]) {
      expect(texts).toContain(shown);
    }
  });

  it('audits every view, one row each', async () => {
    await status(WORKER, 'XY-001');
    await status(WORKER, 'XY-003');
    await status(MANAGER, 'XY-001');
    const audits = await reads();
    expect(audits.map((a) => [a.actor, a.entityId])).toEqual([
      [WORKER, String(f.a)],
      [WORKER, String(f.b)],
      [MANAGER, String(f.a)],
    ]);
  });

  it('lets a manager read any community, and refuses a worker of another community', async () => {
    const seen = await status(MANAGER, 'XY-001');
    expect(seen.text).toBe('XY-001 赵某甲 — 在册');

    const refused = await status(OTHER, 'XY-001');
    expect(refused.text).toBe('没有找到你可以查看的帮教对象：XY-001');
    expect(refused.blocks).toBeUndefined();

    // A forged pick of that client is refused too, and nothing about it is shown.
    const { responseUrl } = await app.driver.click(OTHER, STATUS_PICK_ACTION, String(f.a));
    const forged = await app.driver.reply(responseUrl);
    expect(forged.text).toBe('你没有权限执行此操作。');
    expect(JSON.stringify(forged)).not.toContain('赵某甲');
    expect((await reads()).map((a) => a.actor)).toEqual([MANAGER]);
  });

  it('answers an ambiguous query with a pick list; picking shows that card in its place', async () => {
    const reply = await status(WORKER, '某');
    // Only the worker's own community: 梅花碑 has four clients, all with 某 in the alias.
    expect(reply.text).toBe('有 4 个帮教对象符合“某”，请选择：');
    expect(buttonsOf(reply.blocks)).toEqual([f.a, f.c, f.b, f.done].map((id) => ({ action_id: STATUS_PICK_ACTION, value: String(id) })));
    expect(textsOf(reply.blocks)).toContain('*XY-003 钱某乙*');
    expect(textsOf(reply.blocks)).toContain('*XY-004 李某己*（期满解除）');
    expect(await reads()).toEqual([]);

    const { responseUrl } = await app.driver.click(WORKER, STATUS_PICK_ACTION, String(f.b));
    const card = await app.driver.reply(responseUrl);
    expect(card.replace_original).toBe(true);
    expect(card.text).toBe('XY-003 钱某乙 — 在册');
    const texts = textsOf(card.blocks);
    expect(texts).toContain('*接下来要做*\n• 走访已逾期 179 天（截止日 2025-01-31）\n• 报到已逾期 179 天（截止日 2025-01-31）\n• 尿检已逾期 179 天（截止日 2025-01-31）');
    // Monthly tests since January: six windows missed by now, a serious violation since the third.
    expect(texts).toContain('*预警提示*\n⚠️ 疑似严重违反协议：截至 2025-04-01 逃避或拒绝检测累计 3 次，请核实后报告公安机关（《戒毒条例》第二十条、第二十一条）');
    expect((await reads()).map((a) => a.entityId)).toEqual([String(f.b)]);
  });

  it('says so when nothing matches, and gives the usage line without an argument', async () => {
    expect((await status(WORKER, 'XY-999')).text).toBe('没有找到你可以查看的帮教对象：XY-999');
    expect((await status(WORKER, '')).text).toBe('用法：/caseload status <档案编号或化名>');
    expect((await status(STRANGER, 'XY-001')).text).toContain(`<@${ADMIN}>`);
    expect(await reads()).toEqual([]);
  });

  it('opens the check-in modal from the card with the client preselected, and the card shows what was saved', async () => {
    const { triggerId } = await app.driver.click(WORKER, LOG_CHECKIN_ACTION, String(f.a), { channel: 'C0MEIHUA' });
    const view = await app.driver.openedView(triggerId);
    expect(view.callback_id).toBe('checkin');
    const clientInput = (view.blocks as Json[]).find((b) => b.block_id === 'client')!;
    expect(clientInput.element.initial_option).toEqual({ text: { type: 'plain_text', text: 'XY-001 赵某甲' }, value: String(f.a) });

    const answer = await app.driver.submit(WORKER, view, { urine: 'positive' });
    expect(answer.text).toBe('');
    await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER);
    const texts = textsOf((await status(WORKER, 'XY-001')).blocks);
    expect(texts).toContain(`*最近报到*\n${TODAY}`);
    expect(texts).toContain(`*最近尿检*\n${TODAY} · 阳性`);
    expect(texts).toContain(`*预警提示*\n⚠️ 2025-04-20 尿检阳性：请核实后及时报告公安机关（《戒毒条例》第二十一条）\n⚠️ ${TODAY} 尿检阳性：请核实后及时报告公安机关（《戒毒条例》第二十一条）`);
  });

  it('refuses the check-in button for a client the clicker may not write, opening nothing', async () => {
    const { responseUrl } = await app.driver.click(OTHER, LOG_CHECKIN_ACTION, String(f.a));
    expect((await app.driver.reply(responseUrl)).text).toBe('你不能为这个帮教对象记录：不存在，或不属于你的社区。');
    expect(app.fake.callsOf('views.open')).toEqual([]);
  });

  it('clientStatus: plain data, refusals as values, an open suspension leaves the term end open', async () => {
    const settings = { adminUserIds: [ADMIN], defaultLocale: 'zh-CN' as const };
    const worker = await loadActor(t.db.prisma, WORKER, settings);
    const other = await loadActor(t.db.prisma, OTHER, settings);
    expect(await clientStatus(t.db.prisma, other, f.a, TODAY, DEFAULT_RULES)).toEqual({ ok: false, reason: 'notAllowed' });
    expect(await clientStatus(t.db.prisma, worker, 99_999, TODAY, DEFAULT_RULES)).toEqual({ ok: false, reason: 'notFound' });

    await t.db.prisma.clientStatusPeriod.create({
      data: { clientId: f.c, status: 'suspended', startsOn: new Date('2025-07-20T00:00:00Z'), reason: 'detained', recordedById: worker.staffId! },
    });
    const result = await clientStatus(t.db.prisma, worker, f.c, TODAY, DEFAULT_RULES, 'file');
    if (!result.ok) throw new Error(result.reason);
    expect(result.status).toMatchObject({
      caseNumber: 'XY-002',
      status: 'suspended',
      recordedStatus: 'active',
      effectiveTermEnd: null,
      termYear: 1,
      due: [],
      lastVisit: { date: '2025-07-28', kind: 'home' },
      team: { police: null, gridWorker: null, volunteer: null },
    });
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'client.read' } });
    expect(audit.detail).toEqual({ clientId: f.c, communityId: f.meihua, via: 'file' });
  });
});
