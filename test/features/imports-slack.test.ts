// Importing a roster from Slack, end to end over signed HTTP: `/caseload import <kind>`, the
// file shared in the bot's DM (Slack sends a `message` and a `file_shared` event for it), the
// file downloaded with the bot token from the fake Slack, the dry-run report with its Apply
// button, and Apply — once, within 30 minutes, by the admin who sent it.
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { importSheet } from '../../src/import/apply.js';
import { readSheet } from '../../src/import/read.js';
import { importReport } from '../../src/import/report.js';
import { useTestDatabase } from '../support/db.js';
import type { Call, Json } from '../support/fake-slack.js';
import { ADMIN, useTestBot } from '../support/test-bot.js';

const zh = translator('zh-CN');
const NOW = new Date('2026-03-20T02:00:00Z');
const TODAY = '2026-03-20';
const DM = `D${ADMIN.slice(1)}`;
const WORKER = 'U0XUJIAN';

const COMMUNITIES = '名称,代码,频道ID\n梅花碑,330102001,C0MEIHUA\n大学路,,\n';
const STAFF = 'Slack用户ID,姓名,社区,角色\nU0XUJIAN,徐坚,梅花碑,专干\nU0WANG,王芳,大学路,负责人\n';
const CLIENTS =
  '序号,档案号,化名,社区,类别,报到日期,期限（月）,专干,最近走访\n' +
  '1,MHB-001,赵某甲,梅花碑,社区康复,2025/3/1,24,徐坚,2026年3月2日\n' +
  '2,MHB-002,钱某乙,梅花碑,社区戒毒,2026.1.5,,U0XUJIAN,\n' +
  '3,DXL-003,孙某丙,大学路,社区康复,2025-09-01,36,王芳,2026/3/10\n';

describe('/caseload import from Slack', () => {
  const t = useTestDatabase();
  const { app, clock } = useTestBot(t, NOW, { channels: ['C0MEIHUA'] });

  /** The user shares a file in their DM with the bot: Slack's two events for it, in either order. */
  async function share(user: string, name: string, bytes: Buffer, order: 'message-first' | 'file-first' = 'message-first'): Promise<string> {
    const file = app.fake.shareFile(name, bytes);
    const channel = `D${user.slice(1)}`;
    const message = { type: 'message', subtype: 'file_share', channel_type: 'im', user, channel, text: '', files: [{ id: file.id, name }], ts: '1710900000.000100', event_ts: '1710900000.000100' };
    const shared = { type: 'file_shared', user_id: user, file_id: file.id, file: { id: file.id }, channel_id: channel, event_ts: '1710900000.000200' };
    const events = order === 'message-first' ? [message, shared] : [shared, message];
    for (const event of events) expect((await app.driver.event(event)).status).toBe(200);
    return file.id;
  }

  /** The bot's next message in `channel` after `count` earlier ones. */
  const nthPost = (channel: string, n: number) => {
    let seen = 0;
    return app.fake.waitFor('chat.postMessage', (c) => c.args.channel === channel && ++seen === n, 10_000);
  };
  const textOf = (call: Call) => [String(call.args.text), ...((call.args.blocks as Json[] | undefined) ?? []).map((b) => String(b.text?.text ?? ''))].join('\n');
  const applyButton = (call: Call) => ((call.args.blocks as Json[]).find((b) => b.block_id === 'import_apply')?.elements as Json[] | undefined)?.[0];

  /** `/caseload import <kind>`, the file shared, the dry-run report posted in the DM. */
  async function dryRun(kind: string, name: string, bytes: Buffer): Promise<Call> {
    expect(await app.driver.ask(ADMIN, '/caseload', `import ${kind}`)).toBe(zh('imports.waiting', { kind: zh(`import.kind.${kind}` as never), minutes: 30 }));
    const before = app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === DM).length;
    await share(ADMIN, name, bytes);
    return nthPost(DM, before + 1);
  }

  async function apply(report: Call, user = ADMIN): Promise<void> {
    await app.driver.click(user, 'import_apply', String(applyButton(report)!.value), { channel: DM, messageTs: '1700000000.000777', blockId: 'import_apply' });
  }

  /** The report the command line prints for the same file on the same database. */
  async function cliReport(kind: 'communities' | 'staff' | 'clients', bytes: Buffer, dryRun: boolean): Promise<string> {
    const read = await readSheet(bytes);
    if (!read.ok) throw new Error('unreadable');
    return importReport('zh-CN', kind, await importSheet(t.db.prisma, { kind, sheet: read.sheet, fileName: 'x.csv', actor: 'cli:test', today: TODAY, dryRun }));
  }

  beforeEach(() => {
    clock.now = NOW;
  });

  it('reports a dry run with an Apply button, writes nothing until Apply, then applies once and audits it', async () => {
    const bytes = Buffer.from(COMMUNITIES, 'utf8');
    const report = await dryRun('communities', 'communities.csv', bytes);
    expect(textOf(report)).toContain(await cliReport('communities', bytes, true));
    expect(applyButton(report)).toMatchObject({ action_id: 'import_apply', style: 'primary', confirm: expect.any(Object) });
    // Downloaded once with the bot token, although Slack told of the file twice; nothing written.
    expect([...app.fake.downloads.values()]).toEqual([1]);
    expect(await t.db.prisma.community.count()).toBe(0);

    await apply(report);
    const update = await app.fake.waitFor('chat.update', (c) => c.args.channel === DM && c.args.ts === '1700000000.000777');
    expect(String(update.args.text)).toBe(zh('import.summary.done', { kind: zh('import.kind.communities'), created: 2, updated: 0, unchanged: 0 }));
    expect(JSON.stringify(update.args.blocks)).not.toContain('import_apply');
    expect((await t.db.prisma.community.findMany({ orderBy: { name: 'asc' } })).map((c) => [c.name, c.channelId])).toEqual([['大学路', null], ['梅花碑', 'C0MEIHUA']]);
    const audits = await t.db.prisma.auditLog.findMany({ where: { action: 'import.communities' } });
    expect(audits.map((a) => [a.actor, (a.detail as Json).file, (a.detail as Json).created])).toEqual([[ADMIN, 'communities.csv', 2]]);

    // A second click (or a click delivered twice) writes nothing more.
    app.fake.clear();
    const again = await app.driver.click(ADMIN, 'import_apply', String(applyButton(report)!.value), { channel: DM });
    expect(String((await app.driver.reply(again.responseUrl)).text)).toBe(zh('imports.apply.applied'));
    expect(await t.db.prisma.auditLog.count({ where: { action: 'import.communities' } })).toBe(1);
    // The file's bytes are not kept once applied.
    expect((await t.db.prisma.pendingImport.findMany()).every((p) => p.content === null)).toBe(true);
  });

  it('imports a GBK client file with the same report as npm run import, and refuses a file with bad rows naming each', async () => {
    for (const [kind, text] of [['communities', COMMUNITIES], ['staff', STAFF]] as const) await apply(await dryRun(kind, `${kind}.csv`, Buffer.from(text, 'utf8')));
    await app.fake.waitFor('chat.update', (c) => String(c.args.text).startsWith(zh('import.kind.staff')));
    const gbk = iconv.encode(CLIENTS, 'gbk');
    const report = await dryRun('clients', '帮教对象名单.csv', gbk);
    expect(textOf(report)).toContain(await cliReport('clients', gbk, true));
    await apply(report);
    await app.fake.waitFor('chat.update', (c) => String(c.args.text).startsWith(zh('import.kind.clients')));
    expect((await t.db.prisma.client.findMany({ orderBy: { caseNumber: 'asc' } })).map((c) => [c.caseNumber, c.alias])).toEqual([['DXL-003', '孙某丙'], ['MHB-001', '赵某甲'], ['MHB-002', '钱某乙']]);
    // Nothing of the past is flagged to managers.
    expect(await t.db.prisma.legalFlagNotice.count()).toBe(0);

    const bad = iconv.encode(CLIENTS.replace('2025/3/1', '2025/13/1').replace(',王芳,', ',无名氏,') + '4,MHB-009,李某,梅花碑,社区康复,2026-01-01,24,徐坚,\n', 'gbk');
    const refused = await dryRun('clients', 'bad.csv', bad);
    expect(textOf(refused)).toContain(zh('import.summary.refused', { kind: zh('import.kind.clients'), count: 2, problems: 2 }));
    expect(textOf(refused)).toContain(zh('import.problem', { line: 2, column: '报到日期', reason: zh('import.error.date', { value: '2025/13/1' }) }));
    expect(textOf(refused)).toContain(zh('import.problem', { line: 4, column: '专干', reason: zh('import.error.caseworker.unknown', { value: '无名氏' }) }));
    expect(applyButton(refused)).toBeUndefined();
    expect(await t.db.prisma.client.count()).toBe(3);
  });

  it('keeps the Apply button 30 minutes, refuses other people, and answers a file sent without /caseload import', async () => {
    const report = await dryRun('communities', 'c.csv', Buffer.from(COMMUNITIES, 'utf8'));
    clock.now = new Date(NOW.getTime() + 31 * 60_000);
    const late = await app.driver.click(ADMIN, 'import_apply', String(applyButton(report)!.value), { channel: DM });
    expect(String((await app.driver.reply(late.responseUrl)).text)).toBe(zh('imports.apply.expired', { minutes: 30 }));
    expect(await t.db.prisma.community.count()).toBe(0);

    // No request open any more: the file gets the way to ask, and is not downloaded.
    app.fake.clear();
    await share(ADMIN, 'c.csv', Buffer.from(COMMUNITIES, 'utf8'), 'file-first');
    expect(textOf(await nthPost(DM, 1))).toBe(zh('imports.noRequest'));
    // The file's second event is still being worked on, at this clock: let it end first.
    await app.bot.idle();
    expect(app.fake.callsOf('file download')).toEqual([]);

    // A caseworker may not import, by command, by file or by the button.
    clock.now = NOW;
    await apply(await dryRun('communities', 'c.csv', Buffer.from(COMMUNITIES, 'utf8')));
    await app.fake.waitFor('chat.update');
    const fresh = await dryRun('staff', 'staff.csv', Buffer.from(STAFF.replace('U0XUJIAN', 'U0OTHER1'), 'utf8'));
    await apply(await dryRun('staff', 'staff.csv', Buffer.from(STAFF, 'utf8')));
    await app.fake.waitFor('chat.update', (c) => String(c.args.text).startsWith(zh('import.kind.staff')));
    expect(await app.driver.ask(WORKER, '/caseload', 'import clients')).toBe(zh('imports.refused'));
    app.fake.clear();
    await share(WORKER, 'x.csv', Buffer.from(CLIENTS, 'utf8'));
    expect(textOf(await nthPost(`D${WORKER.slice(1)}`, 1))).toBe(zh('imports.refused'));
    const click = await app.driver.click(WORKER, 'import_apply', String(applyButton(fresh)!.value), { channel: DM });
    expect(String((await app.driver.reply(click.responseUrl)).text)).toBe(zh('imports.refused'));
    // A newer file replaced the earlier dry run: its button no longer writes.
    const superseded = await app.driver.click(ADMIN, 'import_apply', String(applyButton(fresh)!.value), { channel: DM });
    expect(String((await app.driver.reply(superseded.responseUrl)).text)).toBe(zh('imports.apply.expired', { minutes: 30 }));
    expect(await t.db.prisma.staff.count({ where: { slackUserId: 'U0OTHER1' } })).toBe(0);
  });

  it('refuses a file that is not CSV or XLSX without downloading it', async () => {
    expect(await app.driver.ask(ADMIN, '/caseload', 'import clients')).toContain('30');
    await share(ADMIN, 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(textOf(await nthPost(DM, 1))).toBe(zh('imports.file.type', { file: 'photo.png' }));
    expect(app.fake.callsOf('file download')).toEqual([]);
  });
});
