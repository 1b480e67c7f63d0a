// `npm run demo` on an empty data folder, then the bot started on it: the demo manager's
// `/caseload week` shows every one of the 12 communities of 小营街道 with clients on the books
// and this week's casework. A second run finds the demo and writes nothing; a database holding
// real data is refused. (PostgreSQL: a fresh database instead of the folder.)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COMMUNITIES } from '../../src/demo/data.js';
import { translator } from '../../src/i18n/index.js';
import { fieldSections, fieldsOf, textsOf } from '../support/blocks.js';
import { freshDatabaseUrl, onPostgres } from '../support/db.js';
import { FAKE_TOKENS, FakeSlack, type Json } from '../support/fake-slack.js';
import { PROJECT_ROOT, freePort, startBot, tempDir, type BotProcess } from '../support/process.js';
import { GENERAL, SlackDriver } from '../support/slack-driver.js';

const zh = translator('zh-CN');
const SECRET = '0123456789abcdef0123';
const MANAGER = 'U0DEMO001';

describe('the demo sub-district', () => {
  let env: Record<string, string>;
  let fake: FakeSlack;
  let bot: BotProcess | undefined;
  const demo = (args: string[] = []) =>
    spawnSync(process.execPath, ['--enable-source-maps', join(PROJECT_ROOT, 'dist/demo/cli.js'), ...args], {
      cwd: tempDir(),
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 120_000,
    });

  beforeAll(async () => {
    fake = (await new FakeSlack().start()).join(GENERAL);
    env = onPostgres ? { DATABASE_URL: await freshDatabaseUrl() } : { DATA_DIR: join(tempDir(), 'data') };
  });
  afterAll(async () => {
    bot?.kill();
    await fake.stop();
  });

  it('is written once by `npm run demo`; a second run writes nothing', () => {
    const first = demo();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/12 communities, 22 staff, 150 clients, \d+ records/);
    const second = demo();
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('already holds the demo sub-district');
  });

  it('gives the manager weekly counts with clients and casework in all 12 communities', async () => {
    const port = await freePort();
    bot = startBot({ ...env, SLACK_BOT_TOKEN: FAKE_TOKENS.bot, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, HOST: '127.0.0.1', PORT: String(port) });
    await bot.waitForLog((l) => l.event === 'bot.started', 150_000);
    const driver = new SlackDriver(port, fake, SECRET);
    const week = await driver.command(MANAGER, '/caseload', 'week', 'C0DEMO');
    const blocks = (await driver.reply(week.responseUrl)).blocks as Json[];
    const texts = textsOf(blocks).join('\n');
    for (const name of DEMO_COMMUNITIES) expect(texts).toContain(name);
    const sections = fieldSections(blocks);
    expect(sections.length).toBeGreaterThanOrEqual(DEMO_COMMUNITIES.length);
    for (const section of sections) {
      const fields = fieldsOf(section);
      expect(fields[zh('reports.field.active')]).not.toMatch(/^0 /);
      expect(fields[zh('reports.field.faceToFace')]).not.toMatch(/^0 /);
    }
  });

  it('refuses a database that holds data that is not the demo', () => {
    const other = onPostgres ? null : join(tempDir(), 'data');
    if (other === null) return; // PostgreSQL: covered by the embedded run (same code)
    env = { DATA_DIR: other };
    // A real sub-district's first community, registered the way the bot does at setup.
    const setup = spawnSync(process.execPath, ['--input-type=module', '-e', `
      const { openDatabase } = await import(${JSON.stringify(join(PROJECT_ROOT, 'dist/db/client.js'))});
      const db = await openDatabase({ url: undefined, dataDir: ${JSON.stringify(other)} });
      await db.migrate();
      await db.prisma.community.create({ data: { name: '湖滨' } });
      await db.close();
    `], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 120_000 });
    expect(setup.status).toBe(0);
    const refused = demo();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('not the demo');
  });
});
