import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db.js';
import { form, postSigned } from '../support/slack-http.js';
import { ADMIN, SECRET, startTestBot, type TestBot } from '../support/test-bot.js';

describe('the app over HTTP', () => {
  const t = useTestDatabase();
  let app: TestBot;
  beforeAll(async () => {
    app = await startTestBot(t.db);
  });
  afterAll(async () => app?.stop());
  afterEach(() => expect(app.fake.problems).toEqual([]));

  const command = (user: string) =>
    form({ command: '/caseload', text: '', user_id: user, channel_id: 'C1', team_id: 'T0TEAM', trigger_id: 'x', response_url: app.fake.responseUrl() });

  it('refuses a request with a bad signature (401) and does nothing', async () => {
    const answer = await postSigned(app.port, command(ADMIN), { secret: SECRET, signature: 'v0=deadbeef' });
    expect(answer.status).toBe(401);
    expect(await t.db.prisma.staff.count()).toBe(0);
    expect(app.fake.callsOf('response_url')).toEqual([]);
  });

  it('refuses a request signed more than five minutes ago (401) and does nothing', async () => {
    const answer = await postSigned(app.port, command(ADMIN), { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(answer.status).toBe(401);
    expect(await t.db.prisma.staff.count()).toBe(0);
  });

  it('tells a user it does not know whom to ask, and nothing else happens', async () => {
    const text = await app.driver.ask('U0STRANGER', '/caseload', 'client add');
    expect(text).toContain(`<@${ADMIN}>`);
    expect(app.fake.callsOf('views.open')).toEqual([]);
    expect(await t.db.prisma.staff.count()).toBe(0);
  });
});
