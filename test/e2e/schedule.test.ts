// The schedule as configured, through `npm start`: the process's clock is set to a Monday a few
// seconds before 08:30 in Asia/Shanghai (test/support/clock-preload.mjs moves only `Date`), and
// node-cron — not a test calling the job — posts the daily list to the community's channel at
// DAILY_DUE_CRON and the weekly counts to MANAGERS_CHANNEL at WEEKLY_REPORT_CRON. Nothing is
// caught up at start: both times are still ahead when the bot is ready.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { freshDatabaseUrl, onPostgres } from '../support/db.js';
import { FAKE_TOKENS, FakeSlack } from '../support/fake-slack.js';
import { freePort, PROJECT_ROOT, startBot, tempDir, type BotProcess } from '../support/process.js';
import { GENERAL, SlackDriver } from '../support/slack-driver.js';

const zh = translator('zh-CN');
const SECRET = '0123456789abcdef0123';
const ADMIN = 'U0ADMIN01';
const MEIHUA = 'C0MEIHUA';
const MANAGERS = 'C0MANAGERS';
/** Monday 7 December 2026, a working day, 08:29:00 in Shanghai. */
const CLOCK_START = '2026-12-07T08:29:00+08:00';

/** Slack signs requests with its own clock; the bot checks them against its (moved) clock. */
class DriverOnTheBotsClock extends SlackDriver {
  constructor(port: number, fake: FakeSlack, private readonly offsetMs: number) {
    super(port, fake, SECRET);
  }
  override send(body: string, timestamp?: number) {
    return super.send(body, timestamp ?? Math.floor((Date.now() + this.offsetMs) / 1000));
  }
}

describe(`the daily and weekly schedule fire through node-cron in npm start (${onPostgres ? 'PostgreSQL' : 'embedded database'})`, () => {
  let fake: FakeSlack;
  let bot: BotProcess;

  beforeAll(async () => {
    fake = (await new FakeSlack().start()).join(GENERAL, MEIHUA, MANAGERS);
    const port = await freePort();
    const offsetMs = Date.parse(CLOCK_START) - Date.now();
    bot = startBot({
      SLACK_BOT_TOKEN: FAKE_TOKENS.bot,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      ADMIN_USER_IDS: ADMIN,
      MANAGERS_CHANNEL: MANAGERS,
      TIMEZONE: 'Asia/Shanghai',
      // The operator's choices: the list at 08:30, the counts on Mondays at 08:31; a community
      // with nothing due still gets its (empty) list, so that the post shows the schedule fired.
      DAILY_DUE_CRON: '30 8 * * *',
      WEEKLY_REPORT_CRON: '31 8 * * 1',
      DUE_POST_EMPTY: 'true',
      TEST_CLOCK_START: CLOCK_START,
      NODE_OPTIONS: `--import ${pathToFileURL(join(PROJECT_ROOT, 'test/support/clock-preload.mjs')).href}`,
      ...(onPostgres ? { DATABASE_URL: await freshDatabaseUrl() } : { DATA_DIR: join(tempDir(), 'data') }),
    });
    await bot.waitForLog((l) => l.event === 'bot.started', 150_000);
    const driver = new DriverOnTheBotsClock(port, fake, offsetMs);
    const ask = (text: string) => driver.ask(ADMIN, '/caseload', text, MEIHUA);
    expect(await ask('community add 梅花碑')).toBe(zh('admin.community.add.done', { name: '梅花碑' }));
    expect(await ask('link 梅花碑')).toBe(zh('admin.link.done', { name: '梅花碑' }));
  }, 200_000);
  afterAll(async () => {
    bot?.kill();
    await fake?.stop();
  });

  it('started before either time: nothing was caught up', () => {
    expect(bot.logs().filter((l) => l.event === 'due.run')).toEqual([]);
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
  });

  it('posts the community’s list at 08:30 on the schedule', async () => {
    const post = await fake.waitFor('chat.postMessage', (c) => c.args.channel === MEIHUA, 120_000);
    expect(JSON.stringify(post.args)).toContain('梅花碑');
    const run = await bot.waitForLog((l) => l.event === 'due.run');
    expect(run).toMatchObject({ date: '2026-12-07', workingDay: true, posted: 1, explicit: false });
  }, 150_000);

  it('posts last week’s counts to the managers at 08:31 on Monday', async () => {
    const report = await fake.waitFor('chat.postMessage', (c) => c.args.channel === MANAGERS, 150_000);
    expect(JSON.stringify(report.args)).toContain('每周统计 2026年第49周（11月30日至12月6日）');
  }, 180_000);

  it('stops on SIGTERM with exit 0', async () => {
    const exit = await bot.stop('SIGTERM');
    expect(exit.code).toBe(0);
  }, 30_000);
});
