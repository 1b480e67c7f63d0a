// As a manager would try it: caseworkers log a known week of visits, check-ins and tests through
// the bot's own `/visit` and `/checkin` modals (one visit undone), then `/caseload week`, the
// same question by mention and the CSV export all report exactly those numbers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UNDO_ACTION } from '../../src/features/visits/ids.js';
import { useTestDatabase } from '../support/db.js';
import { fieldSections, fieldsOf } from '../support/blocks.js';
import type { Json } from '../support/fake-slack.js';
import { postSigned } from '../support/slack-http.js';
import { SECRET, TEAM, startTestBot, type TestBot } from '../support/test-bot.js';
import { MANAGER, NOW, WORKER_A, WORKER_B, seedPeople } from './reports-fixtures.js';


/** 梅花碑社区 in W14 after the logging below, against W13 (nothing logged). */
const MEIHUA = {
  在册: '4（±0）',
  本月已面访: '1/4（25%，+25 个百分点）',
  面对面走访: '2（+2）',
  '电话联系 / 其他联系': '1（+1） / 0（±0）',
  报到: '2（+2）',
  '尿检 阴性 / 阳性 / 拒检': '1（+1） / 1（+1） / 1（+1）',
  // MH-002 (met by phone only) and MH-006 (nothing logged) missed March's visit.
  逾期对象: '2（+2）',
  '新增 / 减少': '1（+1） / 1（+1）',
  预警提示: '0（±0）',
};

describe('counts of what was logged through the bot', () => {
  const t = useTestDatabase();
  let app: TestBot;

  beforeAll(async () => {
    app = await startTestBot(t.db, { now: () => NOW });
  });
  afterAll(async () => app?.stop());
  afterEach(() => expect(app.fake.problems).toEqual([]));

  /** Types the command for a case number, submits the modal, and answers the confirmation. */
  async function log(user: string, command: '/visit' | '/checkin', caseNumber: string, values: Record<string, string>): Promise<Json> {
    app.fake.clear();
    const { triggerId } = await app.driver.command(user, command, caseNumber);
    const view = await app.driver.openedView(triggerId);
    const answer = await app.driver.submit(user, view, values);
    expect(answer.text).toBe('');
    return (await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === user)).args;
  }

  it('reports exactly the visits, check-ins and tests logged', async () => {
    await seedPeople(t.db.prisma);
    await log(WORKER_A, '/visit', 'MH-001', { date: '2026-03-31', kind: 'home', urine: 'none', notes: '谈话内容保密' });
    await log(WORKER_A, '/visit', 'MH-001', { date: '2026-04-03', kind: 'office', urine: 'negative' });
    await log(WORKER_A, '/visit', 'MH-002', { date: '2026-04-02', kind: 'phone', urine: 'none' });
    await log(WORKER_A, '/checkin', 'MH-002', { date: '2026-04-02', urine: 'positive' });
    await log(WORKER_A, '/checkin', 'MH-001', { date: '2026-04-04', urine: 'refused' });
    await log(WORKER_B, '/visit', 'DX-001', { date: '2026-04-01', kind: 'phone', urine: 'none' });
    // Logged by mistake and undone: it must not count.
    const mistake = await log(WORKER_A, '/visit', 'MH-002', { date: '2026-04-01', kind: 'home', urine: 'none' });
    const undo = ((mistake.blocks as Json[]).find((b) => b.type === 'actions')!.elements as Json[]).find((e) => e.action_id === UNDO_ACTION)!;
    const { responseUrl } = await app.driver.click(WORKER_A, UNDO_ACTION, String(undo.value));
    await app.driver.reply(responseUrl);
    expect(await t.db.prisma.visit.count({ where: { deletedAt: { not: null } } })).toBe(1);

    // The command.
    const reply = await app.driver.command(MANAGER, '/caseload', 'week last');
    const blocks = (await app.driver.reply(reply.responseUrl)).blocks as Json[];
    const [total, meihua, daxue] = fieldSections(blocks);
    expect(fieldsOf(meihua!)).toEqual(MEIHUA);
    expect(fieldsOf(daxue!)).toMatchObject({ '电话联系 / 其他联系': '1（+1） / 0（±0）', 逾期对象: '1（±0）' });
    expect(fieldsOf(total!)).toMatchObject({ 面对面走访: '2（+2）', '电话联系 / 其他联系': '2（+2） / 0（±0）', 逾期对象: '3（+2）' });

    // The mention.
    const body = JSON.stringify({
      token: 'legacy', team_id: TEAM.id, api_app_id: 'A0APP', type: 'event_callback', event_id: 'EvRECORDED', event_time: 1775620800,
      event: { type: 'app_mention', user: MANAGER, text: '<@UBOT> 上周统计 梅花碑', ts: '1775620800.000100', channel: 'C0MANAGERS', event_ts: '1775620800.000100' },
    });
    expect((await postSigned(app.port, body, { secret: SECRET, contentType: 'application/json' })).status).toBe(200);
    const answer = (await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === MANAGER)).args;
    expect(fieldSections(answer.blocks as Json[]).map(fieldsOf)).toEqual([MEIHUA]);

    // The export.
    await app.driver.ask(MANAGER, '/caseload', 'export week 2026-W14');
    await app.fake.waitFor('files.completeUploadExternal');
    const [counts, records] = [...app.fake.uploads.values()].map((u) => u.bytes!.toString('utf8'));
    // The last two columns are the community's outreach events and audience: none was logged.
    expect(counts!.split('\r\n')[1]).toBe('梅花碑社区,4,1,25,2,1,0,2,1,1,1,2,1,1,0,0,0');
    expect(records!.split('\r\n').slice(1)).toEqual([
      '2026-03-31,MH-001,赵某甲,梅花碑社区,走访,家访,张专干',
      '2026-04-01,DX-001,郑某庚,大学路社区,走访,电话联系,李专干',
      '2026-04-02,MH-002,钱某乙,梅花碑社区,走访,电话联系,张专干',
      '2026-04-02,MH-002,钱某乙,梅花碑社区,尿检,阳性,张专干',
      '2026-04-02,MH-002,钱某乙,梅花碑社区,报到,,张专干',
      '2026-04-03,MH-001,赵某甲,梅花碑社区,走访,来访（驿站/办公室）,张专干',
      '2026-04-03,MH-001,赵某甲,梅花碑社区,尿检,阴性,张专干',
      '2026-04-04,MH-001,赵某甲,梅花碑社区,尿检,拒检,张专干',
      '2026-04-04,MH-001,赵某甲,梅花碑社区,报到,,张专干',
      '',
    ]);
    expect(records).not.toContain('保密');
  });
});
