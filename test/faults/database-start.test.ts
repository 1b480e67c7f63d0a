// PostgreSQL down when the bot starts: `npm start` keeps running, asks again with backoff and logs
// each attempt (its code, never the password), /healthz answers 503 with the reason and Slack
// requests are told the bot is starting; as soon as the server answers, migrations run and the
// bot serves. SIGTERM while it waits stops it cleanly. The outage is a TCP proxy in front of the
// real server, closed and opened by the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { freshDatabaseUrl, onPostgres } from '../support/db.js';
import { FAKE_TOKENS, FakeSlack } from '../support/fake-slack.js';
import { freePort, startBot, type BotProcess, type LogLine } from '../support/process.js';
import { GENERAL, SlackDriver } from '../support/slack-driver.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { healthz } from './fault-bot.js';

const zh = translator('zh-CN');
const SECRET = '0123456789abcdef0123';
const ADMIN = 'U0ADMIN01';
const PASSWORD = 'not-a-real-pw-4711';

describe.skipIf(!onPostgres)('PostgreSQL down at start (TEST_DATABASE_URL)', () => {
  let fake: FakeSlack;
  let proxy: TcpProxy;
  let url: string;
  const bots: BotProcess[] = [];

  const start = async () => {
    const port = await freePort();
    const bot = startBot({
      SLACK_BOT_TOKEN: FAKE_TOKENS.bot,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      ADMIN_USER_IDS: ADMIN,
      MIGRATE_ON_START: 'true',
      DATABASE_URL: proxy.url(url),
    });
    bots.push(bot);
    return { bot, port };
  };
  const unavailable = (attempt: number) => (l: LogLine) => l.event === 'db.unavailable' && l.attempt === attempt;

  beforeAll(async () => {
    fake = (await new FakeSlack().start()).join(GENERAL);
    const fresh = new URL(await freshDatabaseUrl());
    fresh.username = 'postgres';
    fresh.password = PASSWORD; // trust authentication ignores it; it must show nowhere
    url = fresh.toString();
    proxy = TcpProxy.toServerOf(fresh);
    await proxy.open();
    await proxy.close();
  });
  afterAll(async () => {
    for (const bot of bots) bot.kill();
    await proxy.close();
    await fake.stop();
  });

  it('waits with backoff, answers 503 and "starting" meanwhile, then migrates and serves once the server answers', async () => {
    const { bot, port } = await start();
    const driver = new SlackDriver(port, fake, SECRET);
    const first = await bot.waitForLog(unavailable(1), 150_000);
    expect(first).toMatchObject({ level: 40, attempt: 1, nextDelayMs: 1000, code: 'DatabaseNotReachable' });
    expect(await healthz(port)).toEqual({ status: 503, body: { ok: false, reason: 'database_unavailable' } });
    const { ack } = await driver.command(ADMIN, '/caseload', 'help');
    expect(ack.status).toBe(200);
    expect(ack.json()).toMatchObject({ response_type: 'ephemeral', text: zh('common.starting') });
    // A modal submitted meanwhile stays open with the message under its first input; a button is answered privately.
    const form = { callback_id: 'visit', blocks: [{ type: 'input', block_id: 'client', element: { type: 'plain_text_input', action_id: 'client' } }] };
    expect((await driver.submit(ADMIN, form, { client: 'MH-2026-001' })).json()).toEqual({ response_action: 'errors', errors: { client: zh('common.starting') } });
    const { responseUrl } = await driver.click(ADMIN, 'undo_record', '1');
    expect((await driver.reply(responseUrl)).text).toBe(zh('common.starting'));

    const third = await bot.waitForLog(unavailable(3), 30_000);
    expect(third.nextDelayMs).toBe(4000);
    const attempts = bot.logs().filter((l) => l.event === 'db.unavailable');
    // 1 s, then 2 s between attempts (a little more for the attempt itself).
    const gaps = attempts.slice(1).map((l, i) => Date.parse(l.time) - Date.parse(attempts[i]!.time));
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(gaps[1]).toBeGreaterThanOrEqual(2000);
    expect(bot.logs().some((l) => l.event === 'bot.started')).toBe(false);

    const opened = Date.now();
    await proxy.open();
    const started = await bot.waitForLog((l) => l.event === 'bot.started', 60_000);
    const servedAfterMs = Date.now() - opened;
    expect(bot.logs().find((l) => l.event === 'db.available')).toMatchObject({ attempts: 4 });
    expect(bot.logs().find((l) => l.event === 'db.migrated')?.migrations).toContain('20261128000000_init');
    expect(await healthz(port)).toEqual({ status: 200, body: { ok: true } });
    expect(await driver.ask(ADMIN, '/caseload', 'community add 梅花碑')).toBe(zh('admin.community.add.done', { name: '梅花碑' }));
    expect(bot.stdout() + bot.stderr()).not.toContain(PASSWORD);
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
    console.log(`db.unavailable gaps (ms): ${gaps.join(', ')}; served ${servedAfterMs} ms after the server came back; started at ${started.startupMs} ms`);
    expect((await bot.stop('SIGTERM')).code).toBe(0);
  });

  it('stops cleanly on SIGTERM while it waits for the server', async () => {
    await proxy.close();
    const { bot, port } = await start();
    await bot.waitForLog(unavailable(2), 150_000);
    expect((await healthz(port)).status).toBe(503);
    const exit = await bot.stop('SIGTERM');
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.afterSignalMs).toBeLessThan(5000);
    expect(bot.logs().some((l) => l.event === 'bot.stopped')).toBe(true);
    expect(bot.logs().some((l) => l.event === 'bot.started')).toBe(false);
    expect(bot.running()).toEqual([]);
  });
});
