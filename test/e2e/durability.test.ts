// Crash durability of the embedded database: `npm start` on an empty data folder, a burst of
// 200 visit submissions, and SIGKILL to the whole process tree in the middle of it (no shutdown,
// no flush, the lock file left behind). The bot restarted on the same folder must take over the
// dead process's lock, open the database cleanly, and hold every submission it acknowledged
// (an HTTP 200 with an empty body): Slack closes the modal on that answer, so the caseworker
// believes it saved. Unacknowledged ones (cut off by the kill) may or may not be there.
//
// A commit is on disk before the ack (src/db/durable-fs.ts); a killed process cannot lose it even
// without that, since PGlite writes through to the files as PostgreSQL commits. README "Durability".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreBackup } from '../../src/db/backup.js';
import { openEmbeddedDatabase } from '../../src/db/client.js';
import { LOCK_FILE } from '../../src/db/lock.js';
import { addDays, addMonths, todayIn } from '../../src/domain/dates.js';
import { VISIT_CALLBACK_ID } from '../../src/features/visits/ids.js';
import { translator } from '../../src/i18n/index.js';
import { onPostgres } from '../support/db.js';
import { FAKE_TOKENS, FakeSlack, type Json } from '../support/fake-slack.js';
import { freePort, startBot, tempDir, type BotProcess } from '../support/process.js';
import { GENERAL, SlackDriver } from '../support/slack-driver.js';

const zh = translator('zh-CN');
const SECRET = '0123456789abcdef0123';
const ADMIN = 'U0ADMIN01';
const WORKER = 'U0XUJIAN01';
const MEIHUA = 'C0MEIHUA';
const CLIENT = { caseNumber: 'MH-2026-001', alias: '郑某' };
const BURST = 200;
/** Submissions in flight at once, as a busy morning of caseworkers would send them. */
const PARALLEL = 8;
/** The kill comes once this many were acknowledged: well inside the burst. */
const KILL_AFTER = 90;

const errors = (bot: BotProcess) => bot.logs().filter((l) => l.level >= 50);

describe.skipIf(onPostgres)('kill -9 in the middle of a burst of visit submissions', () => {
  const dataDir = join(tempDir(), 'data');
  const today = todayIn('Asia/Shanghai', new Date());
  let fake: FakeSlack;
  let env: Record<string, string>;
  const bots: BotProcess[] = [];
  const acknowledged: string[] = [];
  const sent: string[] = [];
  let backupFile = '';

  const start = async () => {
    const port = await freePort();
    const bot = startBot({ ...env, PORT: String(port) });
    bots.push(bot);
    await bot.waitForLog((l) => l.event === 'bot.started', 150_000);
    return { bot, driver: new SlackDriver(port, fake, SECRET) };
  };

  beforeAll(async () => {
    // The bot was invited to #general and to the community's channel.
    fake = (await new FakeSlack().start()).join(GENERAL, MEIHUA);
    env = {
      SLACK_BOT_TOKEN: FAKE_TOKENS.bot,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      HOST: '127.0.0.1',
      ADMIN_USER_IDS: ADMIN,
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
    };
  });
  afterAll(async () => {
    for (const bot of bots) bot.kill();
    await fake.stop();
  });

  it('acknowledges part of the burst before the kill', async () => {
    const { bot, driver } = await start();
    const ask = (text: string) => driver.ask(ADMIN, '/caseload', text, MEIHUA);
    expect(await ask('community add 梅花碑')).toBe(zh('admin.community.add.done', { name: '梅花碑' }));
    expect(await ask('link 梅花碑')).toBe(zh('admin.link.done', { name: '梅花碑' }));
    await ask(`staff add <@${WORKER}|徐坚> 梅花碑`);
    const intake = await driver.command(WORKER, '/caseload', 'client add', MEIHUA);
    const startDate = addDays(addMonths(today, -2), 1);
    await driver.accepted(WORKER, await driver.openedView(intake.triggerId), {
      ...CLIENT, case_number: CLIENT.caseNumber, program: 'community_treatment', start_date: startDate, last_test: startDate,
    });
    const opened = await driver.command(WORKER, '/visit', CLIENT.caseNumber, MEIHUA);
    const view: Json = await driver.openedView(opened.triggerId);
    expect(view.callback_id).toBe(VISIT_CALLBACK_ID);

    // Each submission is its own modal (its own view id, so its own idempotency key).
    let next = 0;
    let killed = false;
    const sender = async () => {
      while (next < BURST && !killed) {
        const viewId = `VBURST${String(next++).padStart(3, '0')}`;
        sent.push(viewId);
        try {
          const answer = await driver.submit(WORKER, view, { kind: 'home', urine: 'none' }, viewId);
          // An answer that arrived is an acknowledgement, even one racing the kill.
          if (answer.status === 200 && answer.text === '') acknowledged.push(viewId);
          else if (!killed) throw new Error(`submission ${viewId} answered ${answer.status} ${answer.text}`);
        } catch (error) {
          if (!killed) throw error;
          return; // cut off by the kill: not acknowledged
        }
        if (acknowledged.length >= KILL_AFTER && !killed) {
          killed = true;
          bot.kill(); // SIGKILL to npm and node: no shutdown handler runs
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, sender));
    const exit = await bot.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(sent.length).toBeLessThan(BURST);
    // The dead process's lock is still there for the next start to take over.
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid).toBeTypeOf('number');
    expect(errors(bot)).toEqual([]);
  });

  it('restarts cleanly on the same folder, taking over the stale lock, serves, and backs up on kill -USR2', async () => {
    const { bot, driver } = await start();
    expect(bot.logs().some((l) => l.event === 'bot.started')).toBe(true);
    // It answers: the client is on file and one more visit saves.
    const opened = await driver.command(WORKER, '/visit', CLIENT.caseNumber, MEIHUA);
    await driver.accepted(WORKER, await driver.openedView(opened.triggerId), { kind: 'office', urine: 'none' });
    // The backup a running bot writes when asked (what `npm run db:backup` points to).
    const owner = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid as number;
    process.kill(owner, 'SIGUSR2');
    const written = await bot.waitForLog((l) => l.event === 'backup.written', 30_000);
    expect(written).toMatchObject({ trigger: 'signal', file: expect.stringMatching(/data-backups\/sunshine-\d{4}-\d{2}-\d{2}-\d{4}\.tar\.gz$/) });
    backupFile = written.file;
    expect(errors(bot)).toEqual([]);
    const stopped = await bot.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('holds every acknowledged submission, each exactly once, and nothing that was not sent', async () => {
    const db = await openEmbeddedDatabase(dataDir);
    try {
      const keys = await db.prisma.submissionKey.findMany({ where: { key: { startsWith: 'view:VBURST' } }, select: { key: true, entityId: true } });
      const stored = new Set(keys.map((k) => k.key.slice('view:'.length)));
      const missing = acknowledged.filter((id) => !stored.has(id));
      expect(missing).toEqual([]);
      expect([...stored].every((id) => sent.includes(id))).toBe(true);
      // Each key points at its own live visit: no half-written submission.
      const visits = await db.prisma.visit.findMany({ where: { id: { in: keys.map((k) => Number(k.entityId)) }, deletedAt: null } });
      expect(visits).toHaveLength(keys.length);
      expect(await db.prisma.visit.count()).toBe(keys.length + 1); // and the one after the restart
      console.log(`durability: sent ${sent.length}, acknowledged ${acknowledged.length}, stored ${keys.length} of the burst`);
    } finally {
      await db.close();
    }
  });

  it('restores the backup written after the restart with every acknowledged submission', async () => {
    const restoredDir = join(tempDir(), 'restored');
    await restoreBackup(backupFile, restoredDir, { force: false });
    const db = await openEmbeddedDatabase(restoredDir);
    try {
      const keys = await db.prisma.submissionKey.findMany({ where: { key: { startsWith: 'view:VBURST' } }, select: { key: true } });
      const stored = new Set(keys.map((k) => k.key.slice('view:'.length)));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect(await db.prisma.visit.count()).toBe(keys.length + 1);
    } finally {
      await db.close();
    }
  });
});
