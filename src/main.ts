// Composition root: configuration -> database -> Slack app -> jobs, and a graceful shutdown.
// The configuration is checked before anything else starts: a bad one exits with status 2
// and one message listing every problem.
import 'dotenv/config';
import { resolve } from 'node:path';
import { describeDatabase, formatConfigProblems, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { loadCalendarOverrides, loadScheduleRules } from './settings-files.js';

const configured = loadConfig(process.env);
if (!configured.ok) {
  process.stderr.write(`${formatConfigProblems(configured.problems)}\n`);
  process.exit(2);
}
const config = configured.config;
const rules = await loadScheduleRules(config.scheduleRulesFile);
const holidays = await loadCalendarOverrides(config.holidaysFile);
if (!rules.ok || !holidays.ok) {
  process.stderr.write(`${formatConfigProblems([...(rules.ok ? [] : rules.problems), ...(holidays.ok ? [] : holidays.problems)])}\n`);
  process.exit(2);
}

const log = createLogger({ level: config.logLevel, development: config.development });
const { openDatabase } = await import('./db/client.js');
const { DataDirLockedError } = await import('./db/lock.js');
const { createBot } = await import('./bot.js');
const { startScheduler } = await import('./jobs/scheduler.js');
const { startWeeklyReport } = await import('./jobs/weekly.js');
const { startOverdueRefresher } = await import('./jobs/overdue.js');
const { workingCalendar } = await import('./domain/working-days.js');
const { todayIn } = await import('./domain/dates.js');

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

const calendar = workingCalendar(holidays.value);
const year = Number(todayIn(config.timeZone, new Date()).slice(0, 4));
if (!calendar.covers(year)) {
  log.warn(
    { event: 'calendar.not_covered', year, packageLastYear: calendar.packageLastYear },
    `The official holiday calendar for ${year} is not known (chinese-days covers up to ${calendar.packageLastYear}); ` +
      'working days fall back to Monday–Friday. Add this year\'s holidays and make-up workdays to HOLIDAYS_FILE.',
  );
}
const slack = createBot({ config, db, log, rules: rules.value, calendar });
const listening = await slack.start();
const scheduler = startScheduler(slack.ctx.dueJob, config.schedule.dailyDueCron, config.timeZone);
void scheduler.catchUp();
const weekly = startWeeklyReport(slack.ctx.dueJob, config.schedule.weeklyReportCron, config.timeZone);
void weekly.catchUp();
const overdue = startOverdueRefresher({ prisma: db.prisma, rules: rules.value, log });
void overdue.runNow();

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
    `${describeDatabase(config.database, (dir) => resolve(dir))}, daily due lists at "${config.schedule.dailyDueCron}" ${config.timeZone}, ` +
    `weekly report at "${config.schedule.weeklyReportCron}" ${config.timeZone}${config.managersChannel ? '' : ' (MANAGERS_CHANNEL not set: not posted)'}`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ event: 'bot.stopping', signal });
  const timer = setTimeout(() => process.exit(1), 10_000).unref();
  try {
    await scheduler.stop();
    await weekly.stop();
    await overdue.stop();
    await slack.stop();
  } finally {
    await db.close();
    clearTimeout(timer);
    log.info({ event: 'bot.stopped' });
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
