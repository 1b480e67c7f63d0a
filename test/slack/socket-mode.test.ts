import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db.js';
import { FAKE_TOKENS } from '../support/fake-slack.js';
import { SocketModeServer } from '../support/socket-mode.js';
import { ADMIN, startTestBot, type TestBot } from '../support/test-bot.js';

describe('the app in Socket Mode', () => {
  const t = useTestDatabase();
  let app: TestBot;
  let socket: SocketModeServer;

  beforeAll(async () => {
    socket = await new SocketModeServer().start();
    app = await startTestBot(t.db, { env: { SLACK_APP_TOKEN: FAKE_TOKENS.app }, beforeStart: (fake) => (fake.socketUrl = socket.url) });
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
      command: '/caseload', text: 'help', user_id: 'U0STRANGER', channel_id: 'C1', team_id: 'T0TEAM', trigger_id: 't1', response_url: responseUrl,
    });
    expect(ack.envelope_id).toBeTruthy();
    const reply = await app.driver.reply(responseUrl);
    expect(String(reply.text)).toContain(`<@${ADMIN}>`);
  });

  it('answers an admin with the commands an admin may use', async () => {
    const responseUrl = app.fake.responseUrl();
    await socket.send('slash_commands', {
      command: '/caseload', text: '', user_id: ADMIN, channel_id: 'C1', team_id: 'T0TEAM', trigger_id: 't2', response_url: responseUrl,
    });
    const reply = await app.driver.reply(responseUrl);
    expect(String(reply.text)).toMatch(/阳光驿站/);
  });
});
