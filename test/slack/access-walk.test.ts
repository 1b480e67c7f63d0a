// Every listener the bot registers — each command (and /caseload subcommand), button, modal,
// options request and event — tried by a manager removed from their community and by a
// caseworker of another community aiming at a client who is not theirs. The removed manager is
// answered like a stranger everywhere and nothing at all is written; the outsider is refused (or
// shown nothing of the client) and nothing but the audit trail of their attempt is written. A
// listener added without an entry here fails the test.
import { beforeEach, describe, expect, it } from 'vitest';
import { CHANGE_STATUS_ACTION, CHANGE_TEAM_ACTION, CHANGE_TERM_ACTION } from '../../src/features/lifecycle/ids.js';
import { SUBCOMMANDS } from '../../src/features/index.js';
import { translator } from '../../src/i18n/index.js';
import { toDbDate } from '../../src/db/dates.js';
import { buttonsOf } from '../support/blocks.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { ADMIN, useTestBot } from '../support/test-bot.js';
import { MANAGER, NOW, OTHER_WORKER, WORKER, seedWorld, type World } from '../features/lifecycle-fixtures.js';

const zh = translator('zh-CN');
const REMOVED = 'U0REMOVED1';
const CHANNEL = 'C0GENERAL';
/** What a removed person is told, on every surface. */
const STRANGER_TEXT = zh('common.unknownUser', { admins: `<@${ADMIN}>` });
/** The target: a client of 梅花碑 (MH-001 赵某甲); the outsider works in 大学路. */
const TARGET = { caseNumber: 'MH-001', alias: '赵某甲' };

describe('every listener, tried by a removed manager and by an outsider', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, NOW);
  let world: World;
  let visitId: number;
  let deletedVisitId: number;
  let outreachId: number;
  /** Views a caseworker of 梅花碑 really opened, for the others to submit. */
  const views: Record<string, Json> = {};

  /** Every row of every table, in order: "nothing written" means this does not change. */
  async function snapshot(withAudit: boolean): Promise<string> {
    const tables = await t.db.prisma.$queryRaw<{ tablename: string }[]>`
      SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
    const parts: unknown[] = [];
    for (const { tablename } of tables) {
      if (!withAudit && tablename === 'AuditLog') continue;
      // Mentions are de-duplicated by event id before anything else: not data about anyone.
      const where = tablename === 'SubmissionKey' ? ` WHERE entity <> 'event'` : '';
      parts.push(tablename, await t.db.prisma.$queryRawUnsafe(`SELECT * FROM "${tablename}"${where} ORDER BY 1`));
    }
    return JSON.stringify(parts, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  }

  // Each test starts from an emptied database (useTestDatabase): the world is seeded every time.
  beforeEach(async () => {
    world = await seedWorld(t.db.prisma);
    const ask = (user: string, text: string) => app.driver.ask(user, '/caseload', text);
    await ask(ADMIN, `staff add <@${REMOVED}> 梅花碑 manager`);
    await ask(ADMIN, `staff remove <@${REMOVED}>`);
    const by = world.staff[WORKER]!;
    visitId = (await t.db.prisma.visit.create({ data: { clientId: world.clients.zhao, date: toDbDate('2025-05-20'), kind: 'home', recordedById: by } })).id;
    deletedVisitId = (
      await t.db.prisma.visit.create({
        data: { clientId: world.clients.zhao, date: toDbDate('2025-05-21'), kind: 'home', recordedById: by, deletedAt: NOW, deletedBy: WORKER },
      })
    ).id;

    outreachId = (
      await t.db.prisma.outreachEvent.create({
        data: { communityId: world.meihua, setting: 'school', date: toDbDate('2025-05-28'), title: '梅花碑小学禁毒讲座', formats: ['talk'], audience: 120, recordedById: by, createdAt: NOW },
      })
    ).id;

    const open = async (command: string, text: string) => app.driver.openedView((await app.driver.command(WORKER, command, text)).triggerId);
    views.visit = await open('/visit', TARGET.caseNumber);
    views.checkin = await open('/checkin', TARGET.caseNumber);
    views.client_intake = await open('/caseload', 'client add');
    views.absence = await open('/caseload', `absence ${TARGET.caseNumber}`);
    const file = await open('/caseload', `client ${TARGET.caseNumber}`);
    views.client_status = await app.driver.pushedView(await app.driver.clickInView(WORKER, file, CHANGE_STATUS_ACTION, String(world.clients.zhao)));
    views.client_team = await app.driver.pushedView(await app.driver.clickInView(WORKER, file, CHANGE_TEAM_ACTION, String(world.clients.zhao)));
    views.client_term = await app.driver.pushedView(await app.driver.clickInView(WORKER, file, CHANGE_TERM_ACTION, String(world.clients.zhao)));
    const records = await app.driver.command(WORKER, '/caseload', `records ${TARGET.caseNumber}`);
    const edit = buttonsOf((await app.driver.reply(records.responseUrl)).blocks as Json[]).find((b) => b.action_id === 'edit_record')!;
    views.edit = await app.driver.openedView((await app.driver.click(WORKER, 'edit_record', edit.value!)).triggerId);
    views.outreach = await open('/outreach', '');
    views.erase = await app.driver.openedView((await app.driver.command(ADMIN, '/caseload', `erase ${TARGET.caseNumber}`)).triggerId);
  });

  /** What `user` sees when they use one listener: the text of the answer, and the views opened for them. */
  type Attempt = (user: string) => Promise<{ answer: string; opened: Json[] }>;

  const answered = async (user: string, send: () => Promise<unknown>, read: () => Promise<string>) => {
    app.fake.clear();
    await send();
    const answer = await read();
    const opened = app.fake.calls.filter((c) => c.method === 'views.open' || c.method === 'views.push').map((c) => c.args.view as Json);
    return { answer, opened };
  };
  const command = (name: string, text: string): Attempt => async (user) => {
    let url = '';
    return answered(user, async () => (url = (await app.driver.command(user, name, text, CHANNEL)).responseUrl), async () => String((await app.driver.reply(url)).text));
  };
  // A /visit or /checkin that aims at a client opens the modal; what matters is whom it preselects.
  const modal = (name: string, text: string): Attempt => async (user) => {
    app.fake.clear();
    const { triggerId, responseUrl } = await app.driver.command(user, name, text, CHANNEL);
    const opened = await Promise.race([
      app.driver.openedView(triggerId).then((v) => [v]),
      app.driver.reply(responseUrl).then(() => [] as Json[]),
    ]);
    const reply = app.fake.callsOf('response_url').find((c) => c.args.response_url === new URL(responseUrl).pathname);
    return { answer: String(reply?.args.text ?? ''), opened };
  };
  const click = (actionId: string, value: () => string): Attempt => async (user) => {
    let url = '';
    return answered(user, async () => (url = (await app.driver.click(user, actionId, value(), { channel: CHANNEL })).responseUrl), async () => String((await app.driver.reply(url)).text));
  };
  const submit = (view: string, values: Record<string, string | string[] | null>): Attempt => async (user) => {
    let answer: Json = {};
    const result = await answered(user, async () => (answer = (await app.driver.submit(user, views[view]!, values)).json() ?? {}), async () => JSON.stringify(answer.errors ?? answer));
    return result;
  };
  const suggest = (view: string, actionId: string, query: string): Attempt => async (user) => {
    let answer: Json = {};
    return answered(user, async () => (answer = await app.driver.suggest(user, views[view]!, actionId, query)), async () => JSON.stringify(answer.options));
  };
  const event = (payload: (user: string) => Json, method: string): Attempt => async (user) => {
    app.fake.clear();
    await app.driver.event(payload(user));
    // To the person: by their id, or in their DM with the bot.
    const call = await app.fake.waitFor(method, (c) => c.args.user_id === user || c.args.user === user || c.args.channel === `D${user}`);
    return { answer: JSON.stringify(call.args), opened: [] };
  };

  /** Per subcommand: what the outsider tries (null: it aims at nothing of another community). */
  const subcommands: Record<string, { text: string; outsider: boolean }> = {
    help: { text: 'help', outsider: false },
    lang: { text: 'lang en', outsider: false },
    'community add': { text: 'community add 茅廊巷', outsider: true },
    link: { text: 'link 梅花碑', outsider: true },
    'staff add': { text: `staff add <@${OTHER_WORKER}> 梅花碑`, outsider: true },
    'staff remove': { text: `staff remove <@${WORKER}>`, outsider: true },
    'staff list': { text: 'staff list', outsider: true },
    'client add': { text: 'client add', outsider: false },
    visit: { text: `visit ${TARGET.caseNumber}`, outsider: true },
    checkin: { text: `checkin ${TARGET.caseNumber}`, outsider: true },
    status: { text: `status ${TARGET.caseNumber}`, outsider: true },
    mine: { text: 'mine', outsider: false },
    client: { text: `client ${TARGET.caseNumber}`, outsider: true },
    records: { text: `records ${TARGET.caseNumber}`, outsider: true },
    absence: { text: `absence ${TARGET.caseNumber}`, outsider: true },
    due: { text: 'due', outsider: false },
    'due here': { text: 'due here', outsider: false },
    'due post': { text: 'due post 梅花碑', outsider: true },
    week: { text: 'week 梅花碑', outsider: false },
    export: { text: 'export week 梅花碑', outsider: true },
    import: { text: 'import clients', outsider: true },
    audit: { text: `audit ${TARGET.caseNumber}`, outsider: true },
    erase: { text: `erase ${TARGET.caseNumber}`, outsider: true },
    outreach: { text: 'outreach', outsider: false },
  };

  /** Every registered listener: how to use it, and whether the outsider has a target in it. */
  const attempts = (): Record<string, { attempt: Attempt; outsider: boolean }[]> => ({
    'command /caseload': Object.entries(subcommands).map(([, s]) => ({
      attempt: s.text.startsWith('visit') || s.text.startsWith('checkin') ? modal('/caseload', s.text) : command('/caseload', s.text),
      outsider: s.outsider,
    })),
    'command /visit': [{ attempt: modal('/visit', TARGET.caseNumber), outsider: true }],
    'command /checkin': [{ attempt: modal('/checkin', TARGET.caseNumber), outsider: true }],
    'command /outreach': [{ attempt: command('/outreach', ''), outsider: false }],
    'action undo_outreach': [{ attempt: click('undo_outreach', () => String(outreachId)), outsider: true }],
    'action undo_record': [{ attempt: click('undo_record', () => `visit:${visitId}`), outsider: true }],
    'action log_visit': [{ attempt: click('log_visit', () => String(world.clients.zhao)), outsider: true }],
    'action log_checkin': [{ attempt: click('log_checkin', () => String(world.clients.zhao)), outsider: true }],
    'action home_log_visit': [{ attempt: click('home_log_visit', () => ''), outsider: false }],
    'action status_pick': [{ attempt: click('status_pick', () => String(world.clients.zhao)), outsider: true }],
    'action change_status': [{ attempt: click('change_status', () => String(world.clients.zhao)), outsider: true }],
    'action change_team': [{ attempt: click('change_team', () => String(world.clients.zhao)), outsider: true }],
    'action change_term': [{ attempt: click('change_term', () => String(world.clients.zhao)), outsider: true }],
    'action edit_record': [{ attempt: click('edit_record', () => `visit:${visitId}`), outsider: true }],
    'action restore_record': [{ attempt: click('restore_record', () => `visit:${deletedVisitId}`), outsider: true }],
    'action import_apply': [{ attempt: click('import_apply', () => '1'), outsider: true }],
    'action audit_more': [{ attempt: click('audit_more', () => `${world.clients.zhao}:1000000`), outsider: true }],
    'view visit': [
      { attempt: submit('visit', { kind: 'home', urine: 'none' }), outsider: true },
      { attempt: submit('edit', { kind: 'office' }), outsider: true },
    ],
    'view checkin': [{ attempt: submit('checkin', { urine: 'positive' }), outsider: true }],
    'view client_intake': [{ attempt: submit('client_intake', { case_number: 'MH-099', alias: '冯某', program: 'community_rehab', caseworker: WORKER }), outsider: true }],
    'view client_status': [{ attempt: submit('client_status', { status: 'on_leave', from: '2025-06-01', until: '2025-06-10', reason: '探亲' }), outsider: true }],
    'view client_team': [{ attempt: submit('client_team', { caseworker: OTHER_WORKER }), outsider: true }],
    'view absence': [{ attempt: submit('absence', { from: '2025-06-01', until: '2025-06-02' }), outsider: true }],
    'view client_term': [{ attempt: submit('client_term', { term_months: '12' }), outsider: true }],
    'view outreach': [
      {
        attempt: submit('outreach', { community: String(world.meihua), setting: 'school', date: '2025-05-28', title: '禁毒讲座', format: ['talk'], audience: '30' }),
        outsider: true,
      },
    ],
    'view erase_client': [{ attempt: submit('erase', { case_number: TARGET.caseNumber, basis: 'court_order', reason: '判决书' }), outsider: true }],
    'options client': [{ attempt: suggest('visit', 'client', TARGET.caseNumber), outsider: true }],
    'options client_intake/community': [{ attempt: suggest('client_intake', 'community', '梅花'), outsider: true }],
    'options outreach/community': [{ attempt: suggest('outreach', 'community', ''), outsider: true }],
    'event app_home_opened': [{ attempt: event((user) => ({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1.1' }), 'views.publish'), outsider: false }],
    'event message': [
      {
        attempt: event((user) => ({ type: 'message', subtype: 'file_share', channel_type: 'im', user, channel: `D${user}`, text: '', files: [{ id: 'F0ROSTER' }], ts: '1.3', event_ts: '1.3' }), 'chat.postMessage'),
        outsider: true,
      },
    ],
    'event file_shared': [{ attempt: event((user) => ({ type: 'file_shared', user_id: user, file_id: 'F0ROSTER', file: { id: 'F0ROSTER' }, channel_id: `D${user}`, event_ts: '1.4' }), 'chat.postMessage'), outsider: true }],
    'event app_mention': [{ attempt: event((user) => ({ type: 'app_mention', user, text: '<@UBOT> 本周统计', channel: CHANNEL, ts: '1.2', event_ts: '1.2' }), 'chat.postEphemeral'), outsider: false }],
  });

  it('has an entry for every listener and every /caseload subcommand', () => {
    expect(app.bot.listeners.map((l) => `${l.kind} ${l.id}`).sort()).toEqual(Object.keys(attempts()).sort());
    expect(SUBCOMMANDS.map((s) => s.words.join(' ')).sort()).toEqual(Object.keys(subcommands).sort());
  });

  it('answers the removed manager like a stranger everywhere, and writes nothing at all', async () => {
    for (const [listener, tries] of Object.entries(attempts())) {
      for (const { attempt } of tries) {
        const before = await snapshot(true);
        const { answer, opened } = await attempt(REMOVED);
        expect(answer, listener).toContain(listener.startsWith('options') ? '[]' : STRANGER_TEXT.slice(0, 20));
        expect(opened, listener).toEqual([]);
        expect(await snapshot(true), listener).toBe(before);
      }
    }
  });

  it('refuses the outsider everything about another community’s client, writing nothing but the audit of the attempt', async () => {
    for (const [listener, tries] of Object.entries(attempts())) {
      for (const { attempt, outsider } of tries) {
        if (!outsider) continue;
        const before = await snapshot(false);
        const { answer, opened } = await attempt(OTHER_WORKER);
        // Nothing of the client reaches them: not its alias, not a form about it.
        expect(answer, listener).not.toContain(TARGET.alias);
        for (const view of opened) expect(JSON.stringify(view), listener).not.toContain(TARGET.alias);
        // Answered: a refusal, or (for /visit and /checkin) a form with no client chosen.
        expect(answer !== '' || opened.length > 0, listener).toBe(true);
        expect(await snapshot(false), listener).toBe(before);
      }
    }
    // A manager of 梅花碑 (who may) is the control: the same restore goes through.
    await click('restore_record', () => `visit:${deletedVisitId}`)(MANAGER);
    await app.fake.waitFor('response_url', (c) => c.args.text === zh('corrections.restored', { date: '2025-05-21' }));
    expect((await t.db.prisma.visit.findUniqueOrThrow({ where: { id: deletedVisitId } })).deletedAt).toBeNull();
  });
});
