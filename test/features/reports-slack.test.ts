// Weekly counts through Slack, end to end over signed HTTP requests into the running bot:
// `/caseload week`, the same question by mention (an Events API callback), the CSV export to the
// requester's DM, and the scheduled weekly report — each showing exactly the known numbers of
// reports-fixtures.ts, and refusing what each role may not see.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { runWeeklyReport, type WeeklyReportDeps } from '../../src/features/reports/slack/job.js';
import { firedThisWeek, startWeeklyReport } from '../../src/jobs/weekly.js';
import { useTestDatabase } from '../support/db.js';
import { fieldSections, fieldsOf } from '../support/blocks.js';
import type { Json } from '../support/fake-slack.js';
import { postSigned } from '../support/slack-http.js';
import { ADMIN, SECRET, TEAM, useTestBot } from '../support/test-bot.js';
import { todayIn } from '../../src/domain/dates.js';
import { MANAGER, NOW, WORKER_A, WORKER_B, seedReportWorld, type World } from './reports-fixtures.js';

const zh = translator('zh-CN');
const en = translator('en');
const MANAGERS_CHANNEL = 'C0MANAGERS';
const STRANGER = 'U0STRANGER';

const titleOf = (section: Json) => String((section.text as Json).text);

const MEIHUA_W14 = {
  在册: '4（±0）',
  本月已面访: '2/4（50%，-25 个百分点）',
  面对面走访: '3（+2）',
  '电话联系 / 其他联系': '1（+1） / 0（±0）',
  报到: '1（±0）',
  '尿检 阴性 / 阳性 / 拒检': '1（±0） / 1（+1） / 1（+1）',
  逾期对象: '1（+1）',
  '新增 / 减少': '1（+1） / 1（+1）',
  预警提示: '1（+1）',
};
const DAXUE_W14 = {
  在册: '1（±0）',
  本月已面访: '0/1（0%，±0 个百分点）',
  面对面走访: '0（±0）',
  '电话联系 / 其他联系': '1（+1） / 0（±0）',
  报到: '0（±0）',
  '尿检 阴性 / 阳性 / 拒检': '0（±0） / 0（±0） / 0（±0）',
  逾期对象: '1（±0）',
  '新增 / 减少': '0（±0） / 0（±0）',
  预警提示: '0（±0）',
};
const TOTAL_W14 = {
  在册: '5（±0）',
  本月已面访: '2/5（40%，-20 个百分点）',
  面对面走访: '3（+2）',
  '电话联系 / 其他联系': '2（+2） / 0（±0）',
  报到: '1（±0）',
  '尿检 阴性 / 阳性 / 拒检': '1（±0） / 1（+1） / 1（+1）',
  逾期对象: '2（+1）',
  '新增 / 减少': '1（+1） / 1（+1）',
  预警提示: '1（+1）',
};

describe('weekly counts in Slack', () => {
  const t = useTestDatabase();
  const { app, clock } = useTestBot(t, NOW, { env: { MANAGERS_CHANNEL }, channels: [MANAGERS_CHANNEL, 'C0MEIHUA'] });
  let world: World;

  beforeEach(async () => {
    world = await seedReportWorld(t.db.prisma);
  });

  async function week(user: string, text: string): Promise<Json> {
    const { responseUrl } = await app.driver.command(user, '/caseload', text);
    return app.driver.reply(responseUrl);
  }

  describe('/caseload week', () => {
    it('shows a manager every community and the total, with the change from the week before', async () => {
      const reply = await week(MANAGER, 'week last');
      expect(reply.response_type).toBe('ephemeral');
      const blocks = reply.blocks as Json[];
      expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '每周统计 2026年第14周（3月30日至4月5日）' } });
      expect(JSON.stringify(blocks[1])).toContain('（3月23日至3月29日）');
      const [total, meihua, daxue, ...rest] = fieldSections(blocks);
      expect(rest).toEqual([]);
      expect(titleOf(total!)).toBe('*合计（2 个社区）*');
      expect(fieldsOf(total!)).toEqual(TOTAL_W14);
      expect(titleOf(meihua!)).toBe('*梅花碑社区*');
      expect(fieldsOf(meihua!)).toEqual(MEIHUA_W14);
      expect(titleOf(daxue!)).toBe('*大学路社区*');
      expect(fieldsOf(daxue!)).toEqual(DAXUE_W14);
      // The plain-text fallback says the same, and no client is named anywhere.
      expect(reply.text).toContain('梅花碑社区：在册 4，本月已面访 2（50%），面对面走访 3，电话联系 1，其他联系 0，报到 1，尿检 阴性 1 / 阳性 1 / 拒检 1，逾期对象 1，新增 1，减少 1，预警提示 1');
      expect(JSON.stringify(reply)).not.toMatch(/MH-00|赵某甲|备注/);
      // `/caseload week 2026-W14` is the same week, asked by name.
      expect(fieldsOf(fieldSections((await week(MANAGER, 'week 2026-W14')).blocks as Json[])[1]!)).toEqual(MEIHUA_W14);
    });

    it('limits a caseworker to their own community, without a total', async () => {
      const reply = await week(WORKER_A, 'week last');
      const found = fieldSections(reply.blocks as Json[]);
      expect(found.map(titleOf)).toEqual(['*梅花碑社区*']);
      expect(fieldsOf(found[0]!)).toEqual(MEIHUA_W14);
      expect(reply.text).not.toContain('大学路');
      expect((await week(WORKER_A, 'week last 大学路社区')).text).toBe(zh('reports.scope.notYours', { name: '大学路社区' }));
      // A community named the short way (大学路 for 大学路社区).
      expect(fieldSections((await week(WORKER_B, 'week last 大学路')).blocks as Json[]).map(titleOf)).toEqual(['*大学路社区*']);
      expect(fieldSections((await week(MANAGER, 'week last 大学路')).blocks as Json[]).map(fieldsOf)).toEqual([DAXUE_W14]);
    });

    it('counts this week to date by default, and answers in English', async () => {
      await t.db.prisma.staff.update({ where: { slackUserId: MANAGER }, data: { locale: 'en' } });
      const reply = await week(MANAGER, 'week');
      const blocks = reply.blocks as Json[];
      expect((blocks[0]!.text as Json).text).toBe('Weekly counts 2026-W15 (2026-04-06 to today, 2026-04-08)');
      expect(fieldsOf(fieldSections(blocks)[0]!)).toMatchObject({ Active: '5 (-1)', 'Face-to-face visits': '0 (-1)', 'Clients overdue': '2 (±0)' });
    });

    it('gives the usage line for a week that is malformed or has not begun, and names no community it cannot find', async () => {
      const usage = zh('common.usage', { usage: zh('reports.week.usage') });
      expect((await week(MANAGER, 'week 2026-W99')).text).toBe(usage);
      expect((await week(MANAGER, 'week 2026-W20')).text).toBe(usage);
      expect((await week(MANAGER, 'week last 茅廊巷')).text).toBe(zh('reports.scope.unknown', { name: '茅廊巷' }));
      expect((await week(STRANGER, 'week')).text).toContain(`<@${ADMIN}>`);
    });
  });

  describe('asking by mention', () => {
    let events = 0;
    /** Delivers an app_mention event as Slack's Events API does: a signed JSON callback. */
    function mention(user: string, text: string, eventId = `Ev${++events}`, channel = 'C0MEIHUA') {
      const body = JSON.stringify({
        token: 'legacy', team_id: TEAM.id, api_app_id: 'A0APP', type: 'event_callback', event_id: eventId, event_time: 1775620800,
        event: { type: 'app_mention', user, text, ts: `1775620800.00${events}`, channel, event_ts: `1775620800.00${events}` },
        authorizations: [{ team_id: TEAM.id, user_id: 'UBOT', is_bot: true }],
      });
      return postSigned(app.port, body, { secret: SECRET, contentType: 'application/json' });
    }
    const answerTo = async (user: string) => (await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === user)).args;

    it('answers `上周 梅花碑` to the asker only, with the same numbers as the command', async () => {
      const ack = await mention(MANAGER, '<@UBOT> 上周 梅花碑');
      expect(ack.status).toBe(200);
      const answer = await answerTo(MANAGER);
      expect(answer.channel).toBe('C0MEIHUA');
      expect(fieldSections(answer.blocks as Json[]).map(fieldsOf)).toEqual([MEIHUA_W14]);
      expect(app.fake.callsOf('chat.postMessage')).toEqual([]);
    });

    it('reads English, keeps to the asker’s communities, and answers one delivery of an event once', async () => {
      await mention(WORKER_A, '<@UBOT> weekly counts last week', 'EvSAME');
      const answer = await answerTo(WORKER_A);
      expect(fieldSections(answer.blocks as Json[]).map(titleOf)).toEqual(['*梅花碑社区*']);
      // Slack retries an event it thinks was lost: the same event_id is not answered again.
      await mention(WORKER_A, '<@UBOT> weekly counts last week', 'EvSAME');
      await vi.waitFor(() => expect(app.logs.some((l) => l.event === 'mention.duplicate')).toBe(true));
      expect(app.fake.callsOf('chat.postEphemeral').filter((c) => c.args.user === WORKER_A)).toHaveLength(1);
    });

    it('answers a mention it cannot read with a short help, and a stranger with whom to ask', async () => {
      await mention(WORKER_A, '<@UBOT> 你好');
      expect((await answerTo(WORKER_A)).text).toBe(zh('reports.mention.help'));
      await mention(STRANGER, '<@UBOT> 本周统计');
      expect(String((await answerTo(STRANGER)).text)).toContain(`<@${ADMIN}>`);
    });
  });

  describe('/caseload export', () => {
    const csv = (bytes: Buffer | undefined) => {
      expect([...bytes!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return bytes!.subarray(3).toString('utf8').split('\r\n');
    };

    it('sends a manager the counts and the records as CSV to their DM, and audits it', async () => {
      expect(await app.driver.ask(MANAGER, '/caseload', 'export week last')).toBe(zh('reports.export.sent', { key: '2026-W14' }));
      const complete = await app.fake.waitFor('files.completeUploadExternal');
      expect(complete.args.channel_id).toBe('D0MANAGER1');
      expect((await app.fake.waitFor('conversations.open')).args.users).toBe(MANAGER);
      const files = [...app.fake.uploads.values()];
      expect(files.map((f) => f.filename)).toEqual(['counts-2026-W14.csv', 'records-2026-W14.csv', 'outreach-2026-W14.csv']);

      expect(csv(files[0]!.bytes)).toEqual([
        '社区,在册,本月已面访,面访覆盖率（%）,面对面走访,电话联系,其他联系,报到,尿检阴性,尿检阳性,拒检,逾期对象,新增,减少（期满解除/终止/转出）,预警提示,禁毒宣传活动（场）,宣传覆盖人数',
        '梅花碑社区,4,2,50,3,1,0,1,1,1,1,1,1,1,1,0,0',
        '大学路社区,1,0,0,0,1,0,0,0,0,0,1,0,0,0,0,0',
        '合计（2 个社区）,5,2,40,3,2,0,1,1,1,1,2,1,1,1,0,0',
        '',
      ]);
      // No notes, no soft-deleted visit (04-01 home), no name but the alias.
      expect(csv(files[1]!.bytes)).toEqual([
        '日期,档案编号,化名,社区,类型,帮教方式/尿检结果,记录人',
        '2026-03-31,MH-001,赵某甲,梅花碑社区,走访,家访,张专干',
        '2026-04-01,DX-001,郑某庚,大学路社区,走访,电话联系,李专干',
        '2026-04-01,MH-001,赵某甲,梅花碑社区,尿检,阴性,张专干',
        '2026-04-01,MH-001,赵某甲,梅花碑社区,报到,,张专干',
        '2026-04-02,MH-001,赵某甲,梅花碑社区,走访,电话联系,张专干',
        '2026-04-02,MH-002,钱某乙,梅花碑社区,走访,单位走访,张专干',
        '2026-04-02,MH-002,钱某乙,梅花碑社区,尿检,阳性,张专干',
        '2026-04-03,MH-001,赵某甲,梅花碑社区,走访,来访（驿站/办公室）,张专干',
        '2026-04-04,MH-006,吴某己,梅花碑社区,尿检,拒检,张专干',
        '',
      ]);
      const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'report.export' } });
      expect(audit).toMatchObject({ actor: MANAGER, entity: 'report', entityId: '2026-W14', communityId: null });
      expect(audit.detail).toEqual({ unit: 'week', from: '2026-03-30', to: '2026-04-05', communities: 2, records: 9, outreach: 0 });
    });

    it('exports one community for a month', async () => {
      clock.now = new Date('2026-04-30T04:00:00Z');
      expect(await app.driver.ask(ADMIN, '/caseload', 'export month 2026-03 大学路')).toBe(zh('reports.export.sent', { key: '2026-03' }));
      await app.fake.waitFor('files.completeUploadExternal');
      const files = [...app.fake.uploads.values()].slice(-3);
      expect(files.map((f) => f.filename)).toEqual([`counts-2026-03-${world.daxue}.csv`, `records-2026-03-${world.daxue}.csv`, `outreach-2026-03-${world.daxue}.csv`]);
      expect(csv(files[0]!.bytes)[1]).toBe('大学路社区,1,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0');
      expect(csv(files[1]!.bytes)).toHaveLength(2); // the header and the final line break: no records in March
    });

    it('sends an admin the client roster as the import reads it, audited; a manager is refused', async () => {
      expect(await app.driver.ask(MANAGER, '/caseload', 'export clients')).toBe(zh('reports.export.roster.refused'));
      // Every client on file, whatever their status: the roster as the office keeps it.
      const rows = await t.db.prisma.client.count();
      expect(await app.driver.ask(ADMIN, '/caseload', 'export clients')).toBe(zh('reports.export.roster.sent', { kind: zh('import.kind.clients'), count: rows }));
      await app.fake.waitFor('files.completeUploadExternal');
      const [file] = [...app.fake.uploads.values()].slice(-1);
      expect(file!.filename).toBe(`clients-${todayIn('Asia/Shanghai', clock.now)}.csv`);
      const lines = file!.bytes!.toString('utf8').split('\r\n');
      expect(lines[0]).toBe('\ufeff档案编号,化名,社区,类别,报到日期,首次报到日,期限（月）,状态,状态起始,状态截止,接收地,终止原因,禁毒专干,决定日期,最近走访,最近报到,最近尿检,社区民警,网格员,禁毒志愿者');
      expect(lines.filter((l) => l !== '')).toHaveLength(rows + 1);
      const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'clients.export' } });
      expect(audit).toMatchObject({ actor: ADMIN, detail: { rows } });
    });

    it('tells the manager when Slack will not take the files', async () => {
      app.fake.respondOnce('files.getUploadURLExternal', () => ({ ok: false, error: 'internal_error' }));
      expect(await app.driver.ask(MANAGER, '/caseload', 'export month last')).toBe(zh('reports.export.failed'));
      expect(app.fake.callsOf('files.completeUploadExternal')).toEqual([]);
    });

    it('politely refuses a caseworker, and sends nothing', async () => {
      expect(await app.driver.ask(WORKER_A, '/caseload', 'export week last')).toBe(zh('reports.export.refused'));
      expect(en('reports.export.refused')).toMatch(/managers and admins/);
      expect(app.fake.callsOf('conversations.open')).toEqual([]);
      expect(app.fake.callsOf('files.getUploadURLExternal')).toEqual([]);
      expect(await t.db.prisma.auditLog.count({ where: { action: 'report.export' } })).toBe(0);
      // Help lists export only for those who may use it.
      expect(await app.driver.ask(WORKER_A, '/caseload', 'help')).not.toContain('/caseload export');
      expect(await app.driver.ask(MANAGER, '/caseload', 'help')).toContain('/caseload export');
    });
  });

  describe('the scheduled weekly report', () => {
    const deps = (overrides: Partial<WeeklyReportDeps> = {}): WeeklyReportDeps => ({ ...app.bot.ctx.dueJob, ...overrides });
    const posts = () => app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === MANAGERS_CHANNEL);

    it('posts last week’s counts to the managers’ channel once, across runs and instances', async () => {
      expect(await runWeeklyReport(deps({ instanceId: 'one' }))).toEqual({ outcome: 'posted', week: '2026-W14' });
      expect(await runWeeklyReport(deps({ instanceId: 'two' }))).toEqual({ outcome: 'already', week: '2026-W14' });
      expect(await runWeeklyReport(deps({ instanceId: 'one' }))).toMatchObject({ outcome: 'already' });
      expect(posts()).toHaveLength(1);
      const blocks = posts()[0]!.args.blocks as Json[];
      expect(fieldSections(blocks).map(fieldsOf)).toEqual([TOTAL_W14, MEIHUA_W14, DAXUE_W14]);
      const row = await t.db.prisma.reportPost.findFirstOrThrow();
      expect(row).toMatchObject({ kind: 'weekly_counts', periodKey: '2026-W14', state: 'posted', channelId: MANAGERS_CHANNEL, claimedBy: 'one' });
      expect(row.messageTs).toBeTruthy();
    });

    it('takes over a claim left by a crashed instance, but not one in progress', async () => {
      await t.db.prisma.reportPost.create({
        data: { kind: 'weekly_counts', periodKey: '2026-W14', channelId: MANAGERS_CHANNEL, claimedBy: 'busy', claimedAt: new Date(NOW.getTime() - 60_000) },
      });
      expect(await runWeeklyReport(deps())).toMatchObject({ outcome: 'busy' });
      expect(posts()).toHaveLength(0);
      clock.now = new Date(NOW.getTime() + 10 * 60_000);
      expect(await runWeeklyReport(deps({ instanceId: 'rescuer' }))).toMatchObject({ outcome: 'posted' });
      expect(posts()).toHaveLength(1);
      expect(await t.db.prisma.reportPost.findFirstOrThrow()).toMatchObject({ state: 'posted', claimedBy: 'rescuer', attempts: 1 });
    });

    it('tries again after Slack fails, and records a channel it cannot post to', async () => {
      app.fake.respondOnce('chat.postMessage', () => ({ ok: false, error: 'internal_error' }));
      expect(await runWeeklyReport(deps())).toMatchObject({ outcome: 'failed' });
      expect(await runWeeklyReport(deps())).toMatchObject({ outcome: 'posted' });
      expect(posts()).toHaveLength(2); // the failed attempt and the post

      await t.db.prisma.reportPost.deleteMany();
      app.fake.respondOnce('chat.postMessage', () => ({ ok: false, error: 'not_in_channel' }));
      expect(await runWeeklyReport(deps())).toMatchObject({ outcome: 'failed' });
      expect(await t.db.prisma.reportPost.findFirstOrThrow()).toMatchObject({ state: 'failed', error: 'not_in_channel' });
      expect(await runWeeklyReport(deps())).toMatchObject({ outcome: 'failed' });
      expect(posts()).toHaveLength(3);
    });

    it('skips with a log line when MANAGERS_CHANNEL is not set', async () => {
      const result = await runWeeklyReport(deps({ config: { ...app.bot.ctx.dueJob.config, managersChannel: undefined } }));
      expect(result).toEqual({ outcome: 'noChannel', week: '2026-W14' });
      expect(app.logs.some((l) => l.event === 'weekly.no_channel')).toBe(true);
      expect(await t.db.prisma.reportPost.count()).toBe(0);
    });

    it('catches up a missed report at start, once, only after its time this week', async () => {
      // Monday 2026-04-06, 08:00 in Shanghai: the 09:00 report is not due yet.
      clock.now = new Date('2026-04-06T00:00:00Z');
      const early = startWeeklyReport(deps(), '0 9 * * 1', 'Asia/Shanghai');
      await early.catchUp();
      await early.stop();
      expect(posts()).toHaveLength(0);
      // Wednesday: the bot was down on Monday morning.
      clock.now = NOW;
      for (const instance of ['a', 'b']) {
        const weekly = startWeeklyReport(deps({ instanceId: instance }), '0 9 * * 1', 'Asia/Shanghai');
        await weekly.catchUp();
        await weekly.stop();
      }
      expect(posts()).toHaveLength(1);
    });
  });
});

describe('firedThisWeek', () => {
  it.each([
    ['2026-04-06T00:59:00Z', false], // Monday 08:59
    ['2026-04-06T01:00:00Z', true], // Monday 09:00
    ['2026-04-12T15:59:00Z', true], // Sunday 23:59
    ['2026-04-12T16:00:00Z', false], // the next Monday 00:00
  ])('%s → %s', (at, fired) => {
    expect(firedThisWeek('0 9 * * 1', new Date(at), 'Asia/Shanghai')).toBe(fired);
  });
  // Berlin's summer time starts on Sunday 2026-03-29: the week still ends at local midnight.
  it.each([
    ['2026-03-23T07:59:00Z', false], // Monday 08:59 CET
    ['2026-03-23T08:00:00Z', true], // Monday 09:00 CET
    ['2026-03-29T21:59:00Z', true], // Sunday 23:59 CEST
    ['2026-03-29T22:00:00Z', false], // the next Monday 00:00 CEST
  ])('%s in Berlin → %s', (at, fired) => {
    expect(firedThisWeek('0 9 * * 1', new Date(at), 'Europe/Berlin')).toBe(fired);
  });
});
