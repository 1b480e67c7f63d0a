// A sub-district's first day, the way a new user meets the bot: `npm start` on nothing at all
// (an empty data folder, or with TEST_DATABASE_URL a fresh PostgreSQL database migrated at
// start), Slack's Web API answered by a fake that refuses calls without the bot token, and every
// capability used once over signed HTTP — setup, intake, visits and check-ins, undo, the due
// lists, my caseload, a status, App Home, prevention outreach, weekly counts and a mention, the CSV export, the client
// file with a status change, a correction, and a roster imported from a file sent in a DM. It asserts what Slack would show, that nothing
// was logged as an error and no personal data was logged, and then that the bot stops on SIGTERM
// and keeps everything over a restart (PostgreSQL: a second instance shares the database).
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, formatIsoWeek, isoWeekOf, todayIn } from '../../src/domain/dates.js';
import { CHANGE_STATUS_ACTION, CLIENT_FILE_CALLBACK_ID, CLIENT_STATUS_CALLBACK_ID } from '../../src/features/lifecycle/ids.js';
import { EDIT_RECORD_ACTION } from '../../src/features/corrections/ids.js';
import { LOG_VISIT_ACTION } from '../../src/features/due-lists/ids.js';
import { INTAKE_CALLBACK_ID } from '../../src/features/clients/ids.js';
import { OUTREACH_CALLBACK_ID } from '../../src/features/outreach/ids.js';
import { CHECKIN_CALLBACK_ID, UNDO_ACTION, VISIT_CALLBACK_ID } from '../../src/features/visits/ids.js';
import { translator } from '../../src/i18n/index.js';
import { block, buttonsOf, fieldSections, fieldsOf, textsOf } from '../support/blocks.js';
import { freshDatabaseUrl, onPostgres } from '../support/db.js';
import { FAKE_TOKENS, FakeSlack, type Call, type Json } from '../support/fake-slack.js';
import { freePort, startBot, tempDir, type BotProcess } from '../support/process.js';
import { GENERAL, SlackDriver } from '../support/slack-driver.js';

const zh = translator('zh-CN');
const SECRET = '0123456789abcdef0123';
const ADMIN = 'U0ADMIN01';
const WORKER = 'U0XUJIAN01';
const MANAGER = 'U0HEYIMING';
const STRANGER = 'U0STRANGER';
const MEIHUA = 'C0MEIHUA';
const MANAGERS = 'C0MANAGERS';
/** In every note: it must never reach a channel, a confirmation, a file or a log line. */
const NOTE = 'NOTE-私密：母亲说他最近在找工作';
const A = { caseNumber: 'MH-2026-001', alias: '郑某' };
const B = { caseNumber: 'MH-2026-002', alias: '小林' };
/** Imported from a roster file sent in Slack. */
const C = { caseNumber: 'MH-2025-031', alias: '冯某丁' };
const label = (c: { caseNumber: string; alias: string }) => `${c.caseNumber} ${c.alias}`;

describe(`a sub-district's first day through npm start on ${onPostgres ? 'a fresh PostgreSQL database' : 'an empty data folder'}`, () => {
  const today = todayIn('Asia/Shanghai', new Date());
  let fake: FakeSlack;
  let env: Record<string, string>;
  let bot: BotProcess;
  let driver: SlackDriver;
  const bots: BotProcess[] = [];

  const start = async (extra: Record<string, string> = {}) => {
    const port = await freePort();
    const started = startBot({ ...env, PORT: String(port), ...extra });
    bots.push(started);
    await started.waitForLog((l) => l.event === 'bot.started', 150_000);
    return { bot: started, driver: new SlackDriver(port, fake, SECRET) };
  };
  const ask = (user: string, text: string, channel = MEIHUA) => driver.ask(user, '/caseload', text, channel);
  /** The private confirmation the bot sent `user` that mentions `what`. */
  const toldPrivately = (user: string, what: string): Promise<Call> =>
    fake.waitFor('chat.postEphemeral', (c) => c.args.user === user && JSON.stringify(c.args).includes(what));

  beforeAll(async () => {
    // The bot was invited to #general, the community's channel and the managers' channel.
    fake = (await new FakeSlack().start()).join(GENERAL, MEIHUA, MANAGERS);
    fake.names.set(MANAGER, '何毅铭');
    env = {
      SLACK_BOT_TOKEN: FAKE_TOKENS.bot,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      HOST: '127.0.0.1',
      ADMIN_USER_IDS: ADMIN,
      MANAGERS_CHANNEL: MANAGERS,
      // Everything the bot can log: no personal data at any level.
      LOG_LEVEL: 'trace',
      ...(onPostgres ? { DATABASE_URL: await freshDatabaseUrl() } : { DATA_DIR: join(tempDir(), 'data') }),
    };
    ({ bot, driver } = await start());
  });
  afterAll(async () => {
    for (const started of bots) started.kill();
    await fake.stop();
  });

  it('migrated the empty database at start and tells a stranger whom to ask', async () => {
    expect(bot.logs().find((l) => l.event === 'db.migrated')?.migrations).toContain('20261128000000_init');
    expect(await ask(STRANGER, '')).toBe(zh('common.unknownUser', { admins: `<@${ADMIN}>` }));
    const help = await ask(ADMIN, 'help');
    for (const usage of ['admin.community.add.usage', 'admin.link.usage', 'admin.staff.add.usage', 'due.post.usage'] as const) expect(help).toContain(zh(usage));
  });

  it('sets up a community, its channel and its staff', async () => {
    expect(await ask(ADMIN, 'community add 梅花碑')).toBe(zh('admin.community.add.done', { name: '梅花碑' }));
    expect(await ask(ADMIN, 'link 梅花碑')).toBe(zh('admin.link.done', { name: '梅花碑' }));
    expect(await ask(ADMIN, `staff add <@${WORKER}|徐坚> 梅花碑`)).toBe(
      zh('admin.staff.add.done', { user: WORKER, community: '梅花碑', role: zh('role.worker') }),
    );
    expect(await ask(ADMIN, `staff add <@${MANAGER}> 梅花碑 manager`)).toBe(
      zh('admin.staff.add.done', { user: MANAGER, community: '梅花碑', role: zh('role.manager') }),
    );
    expect(await ask(WORKER, 'help')).toContain(zh('clients.add.usage'));
  });

  it('takes two intakes through the intake modal, refusing a report-in date in the future first', async () => {
    // Both reported in months ago and are registered today, so the bot follows them from today
    // and invents no overdue history. The last test each had (on the report-in day) means the
    // current test window is theirs to meet: it ends today — A tests monthly in the first year
    // of 社区戒毒, B every two months in 社区康复.
    const intake = async (client: typeof A, program: string, startDate: string, history: Record<string, string>) => {
      const { triggerId } = await driver.command(WORKER, '/caseload', 'client add', MEIHUA);
      const view = await driver.openedView(triggerId);
      expect(view.callback_id).toBe(INTAKE_CALLBACK_ID);
      const values = { case_number: client.caseNumber, alias: client.alias, program, start_date: startDate, notes: NOTE };
      expect(await driver.refusal(WORKER, view, { ...values, start_date: addDays(today, 1) })).toEqual({
        start_date: zh('clients.intake.error.startDate.future', { today }),
      });
      await driver.accepted(WORKER, view, { ...values, ...history });
      const told = await toldPrivately(WORKER, client.caseNumber);
      expect(told.args.channel).toBe(MEIHUA);
      expect(String(told.args.text)).toContain(`*${label(client)}*`);
      expect(String(told.args.text)).toContain(zh('clients.intake.done.trackedFrom', { date: today }));
      expect(JSON.stringify(told.args)).not.toContain('NOTE');
    };
    const aStart = addDays(addMonths(today, -2), 1);
    await intake(A, 'community_treatment', aStart, { last_test: aStart });
    const bStart = addDays(addMonths(today, -4), 1);
    await intake(B, 'community_rehab', bStart, { last_visit: addDays(today, -20), last_checkin: addDays(today, -20), last_test: bStart });
  });

  it('logs a visit, undoes it, logs it again, and logs a check-in with a positive test', async () => {
    let { triggerId } = await driver.command(WORKER, '/visit', A.caseNumber, MEIHUA);
    let view = await driver.openedView(triggerId);
    expect(view.callback_id).toBe(VISIT_CALLBACK_ID);
    expect(block(view, 'client')!.element.initial_option.text.text).toBe(label(A));
    await driver.accepted(WORKER, view, { kind: 'home', help: ['relief'], urine: 'none', notes: NOTE });
    const saved = await toldPrivately(WORKER, zh('visits.saved.visit', { client: label(A), date: today, kind: zh('visits.kind.home') }));
    expect(JSON.stringify(saved.args)).not.toContain('NOTE');
    const undo = buttonsOf(saved.args.blocks as Json[]).find((b) => b.action_id === UNDO_ACTION)!;
    const { responseUrl } = await driver.click(WORKER, UNDO_ACTION, undo.value!, { channel: MEIHUA });
    expect((await driver.reply(responseUrl)).text).toBe(zh('visits.undone.visit', { client: label(A), date: today }));

    // Found by alias this time.
    ({ triggerId } = await driver.command(WORKER, '/visit', A.alias, MEIHUA));
    view = await driver.openedView(triggerId);
    await driver.accepted(WORKER, view, { kind: 'home', urine: 'none' });
    fake.clear();

    ({ triggerId } = await driver.command(WORKER, '/checkin', B.caseNumber, MEIHUA));
    view = await driver.openedView(triggerId);
    expect(view.callback_id).toBe(CHECKIN_CALLBACK_ID);
    await driver.accepted(WORKER, view, { urine: 'none', notes: NOTE });
    await toldPrivately(WORKER, zh('visits.saved.checkin', { client: label(B), date: today }));
  });

  it('posts the day’s due list to the community channel, and a positive test from it to the managers', async () => {
    fake.clear();
    expect(await ask(ADMIN, 'due post all')).toBe(zh('due.post.done', { date: today, posted: 1, refreshed: 0, empty: 0, skipped: 0, failed: 0 }));
    const post = (await fake.waitFor('chat.postMessage', (c) => c.args.channel === MEIHUA)).args;
    const texts = textsOf(post.blocks);
    expect(texts).toContain(zh('due.header', { community: '梅花碑', date: today }));
    expect(texts.some((t) => t.includes(`<@${WORKER}>`))).toBe(true);
    for (const client of [A, B]) expect(texts.some((t) => t.startsWith(`*${label(client)}*`))).toBe(true);
    expect(buttonsOf(post.blocks as Json[]).filter((b) => b.action_id === LOG_VISIT_ACTION)).toHaveLength(2);
    expect(JSON.stringify(post)).not.toContain('NOTE');

    // The channel's list on demand, and the caseworker's own.
    const { responseUrl } = await driver.command(WORKER, '/caseload', 'due here', MEIHUA);
    expect(textsOf((await driver.reply(responseUrl)).blocks)).toEqual(texts);
    const mine = await driver.command(WORKER, '/caseload', 'due', MEIHUA);
    const mineTexts = textsOf((await driver.reply(mine.responseUrl)).blocks);
    expect(mineTexts).toContain(zh('due.mine.header', { date: today }));
    for (const client of [A, B]) expect(mineTexts.some((t) => t.startsWith(`*${label(client)}*`))).toBe(true);

    // "Log visit" on B's line: the modal opens with B chosen; once saved, the line is struck
    // through, and the positive test taken on the visit reaches the managers.
    const line = (post.blocks as Json[]).find((b) => String(b.text?.text ?? '').startsWith(`*${label(B)}*`))!;
    const button = buttonsOf([line]).find((b) => b.action_id === LOG_VISIT_ACTION)!;
    const click = await driver.click(WORKER, LOG_VISIT_ACTION, button.value!, { channel: MEIHUA, messageTs: String(post.ts ?? '') });
    const view = await driver.openedView(click.triggerId);
    expect(block(view, 'client')!.element.initial_option.text.text).toBe(label(B));
    await driver.accepted(WORKER, view, { kind: 'workplace', urine: 'positive' });
    const told = await toldPrivately(WORKER, zh('visits.saved.visit', { client: label(B), date: today, kind: zh('visits.kind.workplace') }));
    expect(String(told.args.text)).toContain(zh('visits.saved.urine', { result: zh('visits.urine.positive') }));
    const flag = (await fake.waitFor('chat.postMessage', (c) => c.args.channel === MANAGERS)).args;
    expect(String(flag.text)).toBe(zh('flag.mustReport', { client: label(B), community: '梅花碑', date: today }));
    // Today's check-in was already logged: with the visit and its test, nothing of B's is due any
    // more. (The list may be redrawn more than once meanwhile; the one that shows the visit counts.)
    const struck = `~${label(B)}~ ${zh('due.done')}`;
    const redrawn = await fake.waitFor('chat.update', (c) => c.args.channel === MEIHUA && textsOf(c.args.blocks).includes(struck), 15_000);
    expect(textsOf(redrawn.args.blocks)).toContain(struck);
  });

  it('shows my caseload, a client’s status and App Home', async () => {
    const mine = await driver.command(WORKER, '/caseload', 'mine', MEIHUA);
    const mineTexts = textsOf((await driver.reply(mine.responseUrl)).blocks).join('\n');
    for (const client of [A, B]) expect(mineTexts).toContain(label(client));

    const status = await driver.command(WORKER, '/caseload', `status ${A.caseNumber}`, MEIHUA);
    const card = textsOf((await driver.reply(status.responseUrl)).blocks);
    expect(card[0]).toContain(label(A));
    expect(card.join('\n')).toContain(zh('program.community_treatment'));
    expect(card.join('\n')).not.toContain('NOTE');

    fake.clear();
    expect((await driver.event({ type: 'app_home_opened', user: WORKER, channel: `D${WORKER}`, tab: 'home', event_ts: '1.1' })).status).toBe(200);
    const home = await fake.waitFor('views.publish', (c) => c.args.user_id === WORKER);
    const homeTexts = textsOf((home.args.view as Json).blocks).join('\n');
    for (const client of [A, B]) expect(homeTexts).toContain(label(client));
  });

  it('logs prevention outreach through /outreach, for the community and for the whole sub-district', async () => {
    const events: [string, Record<string, string | string[]>][] = [
      [WORKER, { setting: 'school', title: '梅花碑小学禁毒讲座', format: ['talk', 'leaflets'], audience: '120', notes: NOTE }],
      [MANAGER, { community: 'subdistrict', setting: 'online', title: '6·26 网络宣传', format: ['online_campaign'], audience: '300' }],
    ];
    for (const [user, values] of events) {
      const opened = await driver.command(user, '/outreach', '', MEIHUA);
      const view = await driver.openedView(opened.triggerId);
      expect(view.callback_id).toBe(OUTREACH_CALLBACK_ID);
      await driver.accepted(user, view, values);
      expect((await toldPrivately(user, String(values.title))).args.text).toContain(`受众 ${String(values.audience)} 人`);
    }
  });

  it('answers the weekly counts to a command and to a mention, and exports them as CSV without notes', async () => {
    const expected = {
      [zh('reports.field.faceToFace')]: '2（+2）',
      [zh('reports.field.checkIns')]: '1（+1）',
      [zh('reports.field.tests')]: '0（±0） / 1（+1） / 0（±0）',
      [zh('reports.field.intakesExits')]: '0（±0） / 0（±0）',
    };
    const week = await driver.command(MANAGER, '/caseload', 'week', MEIHUA);
    const weekly = (await driver.reply(week.responseUrl)).blocks as Json[];
    const [counts, settings] = fieldSections(weekly);
    expect(fieldsOf(counts!)).toMatchObject({ ...expected, [zh('reports.field.active')]: '2（±0）' });
    expect(textsOf(weekly)).toContain('*禁毒宣传：2（+2）场，受众 420（+420）人*');
    expect(fieldsOf(settings!)).toMatchObject({ 进学校: '1（+1）场，受众 120（+120）人', 进网络: '1（+1）场，受众 300（+300）人', 进企业: '0（±0）场，受众 0（±0）人' });

    fake.clear();
    expect((await driver.event({ type: 'app_mention', user: MANAGER, text: '<@UBOT> 本周统计', channel: MANAGERS, ts: '2.1', event_ts: '2.1' })).status).toBe(200);
    const answer = await fake.waitFor('chat.postEphemeral', (c) => c.args.user === MANAGER);
    expect(answer.args.channel).toBe(MANAGERS);
    expect(fieldsOf(fieldSections(answer.args.blocks as Json[])[0]!)).toMatchObject(expected);

    const key = formatIsoWeek(isoWeekOf(today));
    expect(await ask(MANAGER, 'export week')).toBe(zh('reports.export.sent', { key }));
    const files = [...fake.uploads.values()];
    expect(files.map((f) => f.filename).sort()).toEqual([`counts-${key}.csv`, `outreach-${key}.csv`, `records-${key}.csv`]);
    const outreach = files.find((f) => f.filename.startsWith('outreach'))!.bytes!.toString('utf8');
    expect(outreach).toContain(`${today},梅花碑,进学校,梅花碑小学禁毒讲座,讲座、发放宣传品,120,,徐坚`);
    expect(outreach).toContain(`${today},全街道,进网络,6·26 网络宣传,网络宣传,300,,何毅铭`);
    const records = files.find((f) => f.filename.startsWith('records'))!.bytes!.toString('utf8');
    for (const client of [A, B]) expect(records).toContain(client.caseNumber);
    expect(records.split('\n').filter((line) => line.includes(A.caseNumber))).toHaveLength(1); // the undone visit is not there
    expect(files.map((f) => f.bytes!.toString('utf8')).join('')).not.toContain('NOTE');
  });

  it('changes a status from the client file and corrects a visit', async () => {
    fake.clear();
    const { triggerId } = await driver.command(WORKER, '/caseload', `client ${A.caseNumber}`, MEIHUA);
    const file = await driver.openedView(triggerId);
    expect(file.callback_id).toBe(CLIENT_FILE_CALLBACK_ID);
    const change = buttonsOf(file.blocks as Json[]).find((b) => b.action_id === CHANGE_STATUS_ACTION)!;
    const modal = await driver.pushedView(await driver.clickInView(WORKER, file, CHANGE_STATUS_ACTION, change.value!));
    expect(modal.callback_id).toBe(CLIENT_STATUS_CALLBACK_ID);
    const until = addDays(today, 14);
    await driver.accepted(WORKER, modal, { status: 'on_leave', from: today, until, reason: '回老家探亲' });
    const told = await toldPrivately(WORKER, zh('lifecycle.status.done', { client: label(A), from: zh('status.active'), to: zh('status.on_leave'), date: today }));
    expect(String(told.args.text)).not.toContain('探亲');
    await fake.waitFor('views.update');

    const records = await driver.command(WORKER, '/caseload', `records ${A.caseNumber}`, MEIHUA);
    const edit = buttonsOf((await driver.reply(records.responseUrl)).blocks as Json[]).find((b) => b.action_id === EDIT_RECORD_ACTION)!;
    const opened = await driver.click(WORKER, EDIT_RECORD_ACTION, edit.value!, { channel: MEIHUA });
    const form = await driver.openedView(opened.triggerId);
    expect(form.callback_id).toBe(VISIT_CALLBACK_ID);
    await driver.accepted(WORKER, form, { kind: 'office' });
    const corrected = await toldPrivately(WORKER, '✏️');
    expect(String(corrected.args.text)).toContain(label(A));
  });

  it('speaks English to whoever asks for it, lets an admin remove a leaver, and lists the staff', async () => {
    const en = translator('en');
    expect(await ask(MANAGER, 'lang en')).toBe(en('admin.lang.done'));
    expect(await ask(MANAGER, 'help')).toContain(en('caseload.help.title'));
    expect(await ask(MANAGER, 'lang zh')).toBe(zh('admin.lang.done'));

    const LEAVER = 'U0LEAVER01';
    await ask(ADMIN, `staff add <@${LEAVER}> 梅花碑`);
    expect(await ask(ADMIN, `staff remove <@${LEAVER}>`)).toBe(
      [zh('admin.staff.remove.done', { user: LEAVER, communities: '*梅花碑*' }), zh('admin.staff.remove.deactivated', { user: LEAVER })].join('\n'),
    );
    expect(await ask(LEAVER, 'help')).toBe(zh('common.unknownUser', { admins: `<@${ADMIN}>` }));
    expect(await ask(ADMIN, 'staff list')).toContain(zh('admin.staff.list.community', { community: '梅花碑', managers: `<@${MANAGER}>`, workers: `<@${WORKER}>` }));
  });

  it('imports a roster an admin sends in a DM: a dry run, then Apply, once', async () => {
    expect(await ask(ADMIN, 'import clients')).toBe(zh('imports.waiting', { kind: zh('import.kind.clients'), minutes: 30 }));
    const roster = `档案号,化名,社区,类别,报到日期,期限(月),状态,专干\n${C.caseNumber},${C.alias},梅花碑,社区康复,2025年6月1日,36,在册,徐坚\n`;
    const file = fake.shareFile('名单.csv', iconv.encode(roster, 'gbk'));
    const dm = `D${ADMIN.slice(1)}`;
    await driver.event({ type: 'message', subtype: 'file_share', channel_type: 'im', user: ADMIN, channel: dm, text: '', files: [{ id: file.id }], ts: '1.5', event_ts: '1.5' });
    await driver.event({ type: 'file_shared', user_id: ADMIN, file_id: file.id, file: { id: file.id }, channel_id: dm, event_ts: '1.6' });
    const dryRun = zh('import.summary.dryRun', { kind: zh('import.kind.clients'), created: 1, updated: 0, unchanged: 0 });
    const report = await fake.waitFor('chat.postMessage', (c) => c.args.channel === dm && c.args.text === dryRun, 15_000);
    const button = (report.args.blocks as Json[]).find((b) => b.block_id === 'import_apply')!.elements[0] as Json;
    await driver.click(ADMIN, 'import_apply', String(button.value), { channel: dm, messageTs: '1700000000.000900', blockId: 'import_apply' });
    const done = zh('import.summary.done', { kind: zh('import.kind.clients'), created: 1, updated: 0, unchanged: 0 });
    await fake.waitFor('chat.update', (c) => c.args.text === done, 15_000);
    const again = await driver.click(ADMIN, 'import_apply', String(button.value), { channel: dm });
    expect(String((await driver.reply(again.responseUrl)).text)).toBe(zh('imports.apply.applied'));
    const status = await driver.command(WORKER, '/caseload', `status ${C.caseNumber}`, MEIHUA);
    expect(textsOf((await driver.reply(status.responseUrl)).blocks)[0]).toContain(label(C));
    expect(fake.callsOf('chat.postMessage').filter((c) => c.args.channel === MANAGERS && JSON.stringify(c.args).includes(C.alias))).toEqual([]);
  });

  it('logged no error and no personal data, and kept every message within Slack’s limits', () => {
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
    for (const secret of ['NOTE', A.alias, B.alias, C.alias, '探亲', FAKE_TOKENS.bot, SECRET]) expect(bot.stdout()).not.toContain(secret);
    expect(bot.logs().some((l) => l.level === 10)).toBe(true);
    expect(fake.problems).toEqual([]);
  });

  if (onPostgres) {
    it('serves a second instance on the same database, which posts nothing twice', async () => {
      const second = await start();
      expect(second.bot.logs().some((l) => l.event === 'db.migrated')).toBe(false);
      fake.clear();
      expect(await second.driver.ask(ADMIN, '/caseload', 'due post all', MEIHUA)).toBe(
        zh('due.post.done', { date: today, posted: 0, refreshed: 1, empty: 0, skipped: 0, failed: 0 }),
      );
      expect(fake.callsOf('chat.postMessage').filter((c) => c.args.channel === MEIHUA)).toEqual([]);
      const status = await second.driver.command(WORKER, '/caseload', `status ${B.caseNumber}`, MEIHUA);
      expect(textsOf((await second.driver.reply(status.responseUrl)).blocks)[0]).toContain(label(B));
      const exit = await second.bot.stop('SIGTERM');
      expect(exit).toMatchObject({ code: 0 });
      expect(second.bot.logs().filter((l) => l.level >= 50)).toEqual([]);
    });
  }

  it('stops on SIGTERM within 10 s with exit 0 and nothing left running, and keeps everything over a restart', async () => {
    const exit = await bot.stop('SIGTERM');
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.afterSignalMs).toBeLessThan(10_000);
    expect(bot.running()).toEqual([]);
    expect(bot.logs().at(-1)).toMatchObject({ event: 'bot.stopped' });

    ({ bot, driver } = await start());
    const records = await driver.command(WORKER, '/caseload', `records ${A.caseNumber}`, MEIHUA);
    const lines = textsOf((await driver.reply(records.responseUrl)).blocks).join('\n');
    expect(lines).toContain(zh('visits.kind.office'));
    const status = await driver.command(WORKER, '/caseload', `status ${A.caseNumber}`, MEIHUA);
    expect(textsOf((await driver.reply(status.responseUrl)).blocks).join('\n')).toContain(zh('status.on_leave'));
    expect((await bot.stop('SIGINT')).code).toBe(0);
    expect(bot.running()).toEqual([]);
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
  });
});
