// Composition root: configuration -> database -> Slack app -> jobs, and a graceful shutdown.
// The configuration is checked before anything else starts: a bad one exits with status 2
// and one message listing every problem.
import 'dotenv/config';
import { resolve } from 'node:path';
import { describeDatabase, formatConfigProblems, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { loadScheduleRules } from './rules-file.js';

const configured = loadConfig(process.env);
if (!configured.ok) {
  process.stderr.write(`${formatConfigProblems(configured.problems)}\n`);
  process.exit(2);
}
const config = configured.config;
const rules = await loadScheduleRules(config.scheduleRulesFile);
if (!rules.ok) {
  process.stderr.write(`${formatConfigProblems(rules.problems)}\n`);
  process.exit(2);
}

const log = createLogger({ level: config.logLevel, development: config.development });
const { openDatabase } = await import('./db/client.js');
const { DataDirLockedError } = await import('./db/lock.js');
const { createBot } = await import('./bot.js');

let db: Awaited<ReturnType<typeof openDatabase>>;
try {
  db = await openDatabase(config.database);
} catch (error) {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

if (db.kind === 'embedded' || config.database.migrateOnStart) {
  const applied = await db.migrate();
  if (applied.length > 0) log.info({ event: 'db.migrated', migrations: applied });
}

const slack = createBot({ config, db, log, rules: rules.rules });
const listening = await slack.start();

log.info(
  {
    event: 'bot.started',
    mode: listening.mode === 'socket' ? 'Socket Mode' : `HTTP on ${config.http.host}:${listening.port}`,
    database: describeDatabase(config.database, (dir) => resolve(dir)),
    timeZone: config.timeZone,
    schedule: {
      dailyDueLists: `${config.schedule.dailyDueCron} (${config.timeZone}, working days)`,
      weeklyReport: `${config.schedule.weeklyReportCron} (${config.timeZone})`,
    },
  },
  `Sunshine Station started: ${listening.mode === 'socket' ? 'Socket Mode' : `HTTP on ${config.http.host}:${listening.port}`}, ` +
    `${describeDatabase(config.database, (dir) => resolve(dir))}, daily due lists at "${config.schedule.dailyDueCron}" ${config.timeZone}`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ event: 'bot.stopping', signal });
  const timer = setTimeout(() => process.exit(1), 10_000).unref();
  try {
    await slack.stop();
  } finally {
    await db.close();
    clearTimeout(timer);
    log.info({ event: 'bot.stopped' });
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
