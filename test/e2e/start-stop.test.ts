// Starting and stopping the bot the way people do: `npm start` (the README's command), then
// SIGTERM to it (a service manager, `kill`) or Ctrl-C (SIGINT to its process group). A bad
// configuration stops it at once; a second bot on the same data folder is refused; a stop lets
// work under way finish, does not wait on idle keep-alive connections, releases the data folder
// and leaves no process running; a restart on the same folder keeps everything.
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/db/lock.js';
import { formatIsoWeek, isoWeekOf, todayIn } from '../../src/domain/dates.js';
import { translator } from '../../src/i18n/index.js';
import { FAKE_TOKENS, FakeSlack } from '../support/fake-slack.js';
import { freePort, startBot, tempDir, type BotProcess } from '../support/process.js';
import { GENERAL, SlackDriver } from '../support/slack-driver.js';

const zh = translator('zh-CN');
const SECRET = '0123456789abcdef0123';
const ADMIN = 'U0ADMIN01';

function get(port: number, path: string, agent?: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, ...(agent ? { agent } : {}) }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

const errors = (bot: BotProcess) => bot.logs().filter((l) => l.level >= 50);
const thisWeek = () => formatIsoWeek(isoWeekOf(todayIn('Asia/Shanghai', new Date())));

describe('a bad configuration', () => {
  it('without Slack variables exits 2 within 10 s naming every missing one, with no stack trace', async () => {
    const bot = startBot({});
    const { code, ms } = await bot.exited;
    expect(code).toBe(2);
    expect(ms).toBeLessThan(10_000);
    expect(bot.stderr()).toMatch(/SLACK_BOT_TOKEN: is required/);
    expect(bot.stderr()).toMatch(/SLACK_SIGNING_SECRET: is required/);
    expect(bot.stderr()).not.toMatch(/\n\s+at /);
  });

  it('with a malformed DATABASE_URL or TIMEZONE says which and why, without echoing the password', async () => {
    const bot = startBot({ SLACK_BOT_TOKEN: FAKE_TOKENS.bot, SLACK_SIGNING_SECRET: SECRET, DATABASE_URL: 'postgres//bot:hunter2@db', TIMEZONE: 'Asia/Beijing' });
    expect((await bot.exited).code).toBe(2);
    expect(bot.stderr()).toMatch(/DATABASE_URL: must look like postgres:\/\//);
    expect(bot.stderr()).toMatch(/TIMEZONE: must be an IANA time zone/);
    expect(bot.stderr()).not.toContain('hunter2');
  });
});

describe('the bot started with npm start on an empty data folder', () => {
  const dataDir = join(tempDir(), 'data');
  let fake: FakeSlack;
  let port: number;
  let env: Record<string, string>;
  let bot: BotProcess;
  let driver: SlackDriver;

  beforeAll(async () => {
    fake = (await new FakeSlack().start()).join(GENERAL);
    port = await freePort();
    env = {
      SLACK_BOT_TOKEN: FAKE_TOKENS.bot, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl,
      PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_USER_IDS: ADMIN,
    };
    driver = new SlackDriver(port, fake, SECRET);
  });
  afterAll(async () => {
    bot?.kill();
    await fake.stop();
  });

  it('starts, answers /healthz and keeps a second bot out of its data folder', async () => {
    bot = startBot(env);
    // A fresh data folder: PGlite's initdb and the migrations run first (seconds, more on a busy CI machine).
    const started = await bot.waitForLog((l) => l.event === 'bot.started', 150_000);
    expect(started.mode).toBe(`HTTP on 127.0.0.1:${port}`);
    expect(started.database).toBe(`embedded PostgreSQL (PGlite) at ${dataDir}`);
    expect(started.schedule).toMatchObject({ dailyDueLists: expect.stringContaining('30 8 * * *') });
    expect(await get(port, '/healthz')).toEqual({ status: 200, body: '{"ok":true}' });

    const second = startBot({ ...env, PORT: String(await freePort()) });
    expect((await second.exited).code).toBe(1);
    expect(second.stderr()).toMatch(/in use by another process \(pid \d+\)/);
    expect(await get(port, '/healthz')).toEqual({ status: 200, body: '{"ok":true}' });
    expect(await driver.ask(ADMIN, '/caseload', 'community add 梅花碑')).toBe(zh('admin.community.add.done', { name: '梅花碑' }));
  });

  it('on SIGTERM lets work under way finish, drops idle keep-alive connections, exits 0 within 10 s and leaves nothing running', async () => {
    // An idle kept-alive connection, as a proxy or a load balancer's health check leaves one.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(port, '/healthz', agent)).status).toBe(200);
    const idle = new Promise<void>((resolve) => {
      const [socket] = Object.values(agent.freeSockets).flat();
      socket!.once('close', () => resolve());
    });

    // Work under way: an export whose upload Slack is slow to accept.
    const release = fake.holdNext('files.getUploadURLExternal');
    const { ack, responseUrl } = await driver.command(ADMIN, '/caseload', 'export week');
    expect(ack.status).toBe(200);
    await fake.waitFor('files.getUploadURLExternal');

    const stopping = bot.stop('SIGTERM');
    await bot.waitForLog((l) => l.event === 'bot.stopping');
    // The idle connection is closed at once, while the export is still waiting on Slack.
    await idle;
    expect(bot.running()).toHaveLength(2);
    release();

    const exit = await stopping;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.afterSignalMs).toBeLessThan(10_000);
    expect(bot.running()).toEqual([]);
    // The export finished: its file went up and its author was told.
    expect(fake.callsOf('files.completeUploadExternal')).toHaveLength(1);
    expect((await driver.reply(responseUrl)).text).toBe(zh('reports.export.sent', { key: thisWeek() }));
    expect(bot.logs().map((l) => l.event)).toEqual(expect.arrayContaining(['bot.stopping', 'bot.stopped']));
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    expect(errors(bot)).toEqual([]);
    agent.destroy();
  });

  it('restarts on the same folder with everything kept, and stops on Ctrl-C (SIGINT to its process group) with exit 0', async () => {
    bot = startBot(env);
    await bot.waitForLog((l) => l.event === 'bot.started', 150_000);
    expect(bot.logs().some((l) => l.event === 'db.migrated')).toBe(false);
    expect(await driver.ask(ADMIN, '/caseload', 'community add 梅花碑')).toBe(zh('admin.community.add.duplicate', { name: '梅花碑' }));

    const exit = await bot.stop('SIGINT');
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.afterSignalMs).toBeLessThan(10_000);
    expect(bot.running()).toEqual([]);
    expect(bot.logs().filter((l) => l.event === 'bot.stopped')).toHaveLength(1);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    expect(errors(bot)).toEqual([]);
  });
});
