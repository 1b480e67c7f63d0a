// Slack's Web API hiccups meet the bot's real client settings (src/slack/web-clients.ts), not
// settings a test made up: a modal still opens after one 503, within the trigger's three
// seconds; a Slack that keeps failing is given up on after the set retries, so the person hears
// back and the bot goes idle (Bolt's default would retry for half an hour and hold SIGTERM).
import { beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { WEB_CLIENTS } from '../../src/slack/web-clients.js';
import { useTestDatabase } from '../support/db.js';
import { useTestBot } from '../support/test-bot.js';
import { NOW, WORKER, seedWorld } from '../features/visits-fixtures.js';

const zh = translator('zh-CN');
const unavailable = () => ({ status: 503, body: { ok: false, error: 'service_unavailable' } });

describe('the interactive Web API client', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, NOW);
  beforeEach(async () => {
    await seedWorld(t.db.prisma);
  });

  it('opens the modal after a 503, retrying within the trigger’s three seconds', async () => {
    app.fake.respondOnce('views.open', unavailable);
    const { triggerId } = await app.driver.command(WORKER, '/visit', 'MH-2025-001');
    const failed = await app.fake.waitFor('views.open');
    await app.fake.waitFor('views.open', (c) => c !== failed);
    const view = await app.driver.openedView(triggerId);
    expect(view.callback_id).toBe('visit');
    await app.bot.idle();
    const opens = app.fake.callsOf('views.open');
    expect(opens).toHaveLength(2);
    expect(opens.map((c) => c.args.trigger_id)).toEqual([triggerId, triggerId]);
    // The one retry waits between minTimeout and maxTimeout: well inside the trigger's life.
    expect(WEB_CLIENTS.interactive.retryConfig.maxTimeout * WEB_CLIENTS.interactive.retryConfig.retries).toBeLessThan(3000);
  });

  it('gives up after its retries when Slack keeps failing, tells the person, and goes idle', async () => {
    for (let i = 0; i <= WEB_CLIENTS.interactive.retryConfig.retries; i++) app.fake.respondOnce('views.open', unavailable);
    const { responseUrl } = await app.driver.command(WORKER, '/visit', 'MH-2025-001');
    await app.bot.idle();
    expect(app.fake.callsOf('views.open')).toHaveLength(WEB_CLIENTS.interactive.retryConfig.retries + 1);
    const reply = await app.driver.reply(responseUrl);
    expect(reply.text).toBe(zh('common.error.load'));
  });
});
