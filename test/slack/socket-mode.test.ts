// The transport most intranet installs use: Socket Mode, through a local WebSocket endpoint the
// fake Web API hands out. Commands, a modal opened and submitted (refused, then saved), the
// client search's options, an App Home event, and a connection Slack refreshes or that drops:
// the bot reconnects through apps.connections.open and keeps answering.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db.js';
import { FAKE_TOKENS, type Json } from '../support/fake-slack.js';
import { stateValues, TEAM } from '../support/slack-driver.js';
import { SocketModeServer } from '../support/socket-mode.js';
import { ADMIN, startTestBot, type TestBot } from '../support/test-bot.js';
import { fromDbDate as fromDb } from '../../src/db/dates.js';
import { NOW, TODAY, WORKER, seedWorld } from '../features/visits-fixtures.js';


describe('the app in Socket Mode', () => {
  const t = useTestDatabase();
  let app: TestBot;
  let socket: SocketModeServer;

  beforeAll(async () => {
    socket = await new SocketModeServer().start();
    app = await startTestBot(t.db, { now: () => NOW, env: { SLACK_APP_TOKEN: FAKE_TOKENS.app }, beforeStart: (fake) => (fake.socketUrl = socket.url) });
    await socket.waitForConnection();
  });
  afterAll(async () => {
    await app?.stop();
    await socket?.stop();
  });
  afterEach(() => expect(app.fake.problems).toEqual([]));

  it('connects through apps.connections.open at SLACK_API_URL with the app-level token', () => {
    expect(app.fake.callsOf('apps.connections.open')).toHaveLength(1);
  });

  it('acknowledges a slash command envelope and replies to its response_url', async () => {
    const responseUrl = app.fake.responseUrl();
    const ack = await socket.send('slash_commands', {
      command: '/caseload', text: 'help', user_id: 'U0STRANGER', channel_id: 'C1', team_id: 'T0TEAM', trigger_id: app.fake.issueTrigger(), response_url: responseUrl,
    });
    expect(ack.envelope_id).toBeTruthy();
    const reply = await app.driver.reply(responseUrl);
    expect(String(reply.text)).toContain(`<@${ADMIN}>`);
  });

  it('answers an admin with the commands an admin may use', async () => {
    const responseUrl = app.fake.responseUrl();
    await socket.send('slash_commands', {
      command: '/caseload', text: '', user_id: ADMIN, channel_id: 'C1', team_id: 'T0TEAM', trigger_id: app.fake.issueTrigger(), response_url: responseUrl,
    });
    const reply = await app.driver.reply(responseUrl);
    expect(String(reply.text)).toMatch(/阳光驿站/);
  });

  describe('with a community, a caseworker and clients', () => {
    beforeEach(async () => {
      await seedWorld(t.db.prisma);
    });
    const interactive = (user: string, fields: Json) =>
      socket.send('interactive', { team: TEAM, user: { id: user, name: user.toLowerCase(), team_id: TEAM.id }, api_app_id: 'A0APP', token: 'legacy', ...fields });
    /** /visit typed in a channel: the modal the bot opened. */
    async function openVisit(text: string): Promise<Json> {
      const triggerId = app.fake.issueTrigger();
      await socket.send('slash_commands', {
        command: '/visit', text, user_id: WORKER, channel_id: 'C0GENERAL', team_id: TEAM.id, trigger_id: triggerId, response_url: app.fake.responseUrl(),
      });
      return { ...(await app.driver.openedView(triggerId)), type: 'modal' };
    }
    const submission = (view: Json, values: Record<string, string | null>) => ({
      type: 'view_submission', trigger_id: app.fake.issueTrigger(), response_urls: [],
      view: { ...view, team_id: TEAM.id, app_id: 'A0APP', bot_id: 'BBOT', state: { values: stateValues(view, values) } },
    });

    it('opens the visit modal, refuses a date in the future in the ack, then saves the visit', async () => {
      const view = await openVisit('MH-2025-001');
      expect(view.callback_id).toBe('visit');
      const refused = await interactive(WORKER, submission(view, { kind: 'home', date: '2099-01-01' }));
      expect(refused.payload).toMatchObject({ response_action: 'errors', errors: { date: expect.any(String) } });
      expect(await t.db.prisma.visit.count()).toBe(0);

      const saved = await interactive(WORKER, submission(view, { kind: 'home' }));
      expect(saved.payload ?? {}).toEqual({});
      await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER && String(c.args.text).includes('MH-2025-001'));
      expect(await t.db.prisma.visit.findMany({ select: { kind: true } })).toEqual([{ kind: 'home' }]);
      expect(fromDb((await t.db.prisma.visit.findFirstOrThrow()).date)).toBe(TODAY);
    });

    it('answers the client search with options in the ack', async () => {
      const view = await openVisit('');
      const ack = await interactive(WORKER, { type: 'block_suggestion', action_id: 'client', block_id: 'client', value: 'MH-2025', view });
      const options = (ack.payload?.options ?? ack.payload?.option_groups?.flatMap((g: Json) => g.options)) as Json[];
      expect(options.map((o) => String(o.text.text))).toContain('MH-2025-001 赵某甲');
    });

    it('publishes App Home on an app_home_opened event', async () => {
      await socket.send('events_api', {
        token: 'legacy', team_id: TEAM.id, api_app_id: 'A0APP', type: 'event_callback', event_id: 'EvSOCKET1', event_time: Math.floor(NOW.getTime() / 1000),
        event: { type: 'app_home_opened', user: WORKER, channel: `D0${WORKER}`, tab: 'home', event_ts: '1763611200.000001' },
      });
      const call = await app.fake.waitFor('views.publish', (c) => c.args.user_id === WORKER);
      expect((call.args.view as Json).type).toBe('home');
    });

    it('reconnects when Slack asks it to, and when the connection drops, and answers on the new one', async () => {
      const before = socket.connections;
      socket.requestReconnect();
      await socket.waitForConnection(before + 1);
      socket.dropConnection();
      await socket.waitForConnection(before + 2);
      // Each connection is opened through apps.connections.open with the app-level token.
      expect(app.fake.callsOf('apps.connections.open').length).toBeGreaterThanOrEqual(2);
      const responseUrl = app.fake.responseUrl();
      await socket.send('slash_commands', {
        command: '/caseload', text: 'help', user_id: 'U0STRANGER', channel_id: 'C1', team_id: TEAM.id, trigger_id: app.fake.issueTrigger(), response_url: responseUrl,
      });
      expect(String((await app.driver.reply(responseUrl)).text)).toContain(`<@${ADMIN}>`);
    });
  });
});
