// Composition root: configuration -> database -> Slack app -> jobs, and a graceful stop.
// The configuration is checked before anything else starts: a bad one exits with status 2
// and one message listing every problem.
//
// Stopping: SIGTERM (a service manager, a container runtime, `kill`) or SIGINT (Ctrl-C; npm
// forwards it too, so it may arrive twice) stops taking requests and cron runs, lets work
// under way finish, closes the database (releasing the data-folder lock), logs `bot.stopped`
// and exits 0 — within STOP_LIMIT_MS, or exits 1. A signal during start-up lets the step under
// way (a migration) finish, starts nothing more, and stops the same way.
//
// Starting: Slack (and /healthz) listen before the database is ready; a PostgreSQL server that
// does not answer is asked again with backoff (src/db/wait.ts) until it does or a signal comes.
import './wasm-flags.js';
import 'dotenv/config';
import { resolve } from 'node:path';
import { describeDatabase, formatConfigProblems, loadConfig } from './config.js';
import { createLogger, errorFields } from './logger.js';
import { loadCalendarOverrides, loadScheduleRules } from './settings-files.js';

const STOP_LIMIT_MS = 10_000;

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
const scheduleRules = rules.value;
const calendarOverrides = holidays.value;

const log = createLogger({ level: config.logLevel, development: config.development });

/** What has started and must be stopped, in start order; the database is closed last. */
const started: { name: string; stop: () => Promise<void> }[] = [];
let closeDatabase: (() => Promise<void>) | undefined;
const stopping = new AbortController();
let stopRequested: string | undefined;

async function stop(reason: string, exitCode: number): Promise<never> {
  const since = performance.now();
  const waiting = new Set(started.map((part) => part.name));
  const limit = setTimeout(() => {
    log.error({ event: 'bot.stop_timeout', cause: reason, waitingFor: [...waiting] });
    process.exit(1);
  }, STOP_LIMIT_MS).unref();
  log.info({ event: 'bot.stopping', cause: reason });
  let code = exitCode;
  const failed = (part: string) => (error: unknown) => {
    code = 1;
    log.error({ event: 'bot.stop_failed', part, err: error });
  };
  await Promise.all(
    started.map((part) =>
      part
        .stop()
        .catch(failed(part.name))
        .finally(() => waiting.delete(part.name)),
    ),
  );
  await closeDatabase?.().catch(failed('database'));
  clearTimeout(limit);
  log.info({ event: 'bot.stopped', cause: reason, ms: Math.round(performance.now() - since) });
  process.exit(code);
}

/** Start-up's steps, each skipped once a stop was asked for. */
async function start(): Promise<void> {
  const { openDatabase } = await import('./db/client.js');
  const { DataDirLockedError } = await import('./db/lock.js');
  const { createBot } = await import('./bot.js');
  const { startScheduler } = await import('./jobs/scheduler.js');
  const { startWeeklyReport } = await import('./jobs/weekly.js');
  const { startOverdueRefresher } = await import('./jobs/overdue.js');
  const { watchFlags } = await import('./jobs/flags.js');
  const { startConfirmationSweep } = await import('./jobs/confirmations.js');
  const { startNightlyBackup } = await import('./jobs/backup.js');
  const { waitingNotices } = await import('./features/legal-flags/slack/post.js');
  const { workingCalendar } = await import('./domain/working-days.js');
  const { todayIn } = await import('./domain/dates.js');
  const { waitForDatabase } = await import('./db/wait.js');
  const { Readiness } = await import('./slack/starting.js');

  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase(config.database, (error) => log.warn({ event: 'db.connection_lost', ...errorFields(error) }));
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  closeDatabase = () => db.close();

  // Slack and /healthz first: while the database is awaited and migrated, they answer that the
  // bot is starting (src/slack/starting.ts) rather than refusing connections.
  const calendar = workingCalendar(calendarOverrides);
  const readiness = new Readiness();
  const slack = createBot({ config, db, log, rules: scheduleRules, calendar, stopping: stopping.signal, readiness });
  const listening = await slack.start();
  started.push({ name: 'slack', stop: () => slack.stop() });
  if (stopRequested) return;
  for (;;) {
    const available = await waitForDatabase(db, log, stopping.signal, () => (readiness.state = 'database_unavailable'));
    if (!available) return;
    readiness.state = 'starting';
    if (db.kind === 'postgres' && !config.database.migrateOnStart) break;
    try {
      const applied = await db.migrate();
      if (applied.length > 0) log.info({ event: 'db.migrated', migrations: applied });
      break;
    } catch (error) {
      // A server that answers let the migration fail on its own: that is fatal. One that went
      // away again (still restarting) is waited for again.
      if (await db.ping()) throw error;
      log.warn({ event: 'db.lost_while_migrating', ...errorFields(error) });
    }
  }
  if (stopRequested) return;
  readiness.state = 'ready';

  const year = Number(todayIn(config.timeZone, new Date()).slice(0, 4));
  if (!calendar.covers(year)) {
    log.warn(
      { event: 'calendar.not_covered', year, packageLastYear: calendar.packageLastYear },
      `The official holiday calendar for ${year} is not known (chinese-days covers up to ${calendar.packageLastYear}); ` +
        'working days fall back to Monday–Friday. Add this year\'s holidays and make-up workdays to HOLIDAYS_FILE.',
    );
  }
  const scheduler = startScheduler(slack.ctx.dueJob, config.schedule.dailyDueCron, config.timeZone);
  started.push({ name: 'daily due lists', stop: () => scheduler.stop() });
  void scheduler.catchUp();
  const weekly = startWeeklyReport(slack.ctx.dueJob, config.schedule.weeklyReportCron, config.timeZone);
  started.push({ name: 'weekly report', stop: () => weekly.stop() });
  void weekly.catchUp();
  const overdue = startOverdueRefresher({ prisma: db.prisma, rules: scheduleRules, log });
  started.push({ name: 'overdue days', stop: () => overdue.stop() });
  void overdue.runNow();
  // A record saved here is checked at once; other instances' within 30 seconds.
  const flags = watchFlags(slack.ctx);
  started.push({ name: 'legal flags', stop: () => flags.stop() });
  const confirmations = startConfirmationSweep(slack.ctx.confirmations);
  started.push({ name: 'confirmations', stop: () => confirmations.stop() });
  void confirmations.runNow();
  if (db.snapshot) {
    const { dir, keep, cron } = config.backup;
    const backups = startNightlyBackup({ snapshot: db.snapshot, dir, keep, timeZone: config.timeZone, log, now: () => new Date() }, cron);
    started.push({ name: 'nightly backup', stop: () => backups.stop() });
    // `kill -USR2 <pid>`: a backup now, while the bot holds the folder (npm run db:backup says so).
    process.on('SIGUSR2', () => void backups.runNow('signal'));
  }
  if (!config.managersChannel) {
    const waiting = await waitingNotices(db.prisma);
    if (waiting > 0) log.warn({ event: 'flags.waiting_for_channel', notices: waiting }, `${waiting} legal flag notice(s) wait for MANAGERS_CHANNEL to be set`);
  }

  const mode = listening.mode === 'socket' ? 'Socket Mode' : `HTTP on ${config.http.host}:${listening.port}`;
  const database = describeDatabase(config.database, (dir) => resolve(dir));
  log.info(
    {
      event: 'bot.started',
      mode,
      database,
      timeZone: config.timeZone,
      schedule: {
        dailyDueLists: `${config.schedule.dailyDueCron} (${config.timeZone}, working days)`,
        weeklyReport: `${config.schedule.weeklyReportCron} (${config.timeZone})`,
        ...(db.snapshot ? { backups: `${config.backup.cron} (${config.timeZone}) to ${resolve(config.backup.dir)}, newest ${config.backup.keep} kept` } : {}),
      },
      startupMs: Math.round(performance.now()),
    },
    `Sunshine Station started: ${mode}, ${database}, daily due lists at "${config.schedule.dailyDueCron}" ${config.timeZone}, ` +
      `weekly report at "${config.schedule.weeklyReportCron}" ${config.timeZone}${config.managersChannel ? '' : ' (MANAGERS_CHANNEL not set: not posted)'}`,
  );
}

const starting = start();
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    // The same stop, once: npm passes Ctrl-C on to the process that already got it from the terminal.
    if (stopRequested) return;
    stopRequested = signal;
    stopping.abort();
    void starting.then(
      () => stop(signal, 0),
      () => stop(signal, 1),
    );
  });
}
try {
  await starting;
} catch (error) {
  log.fatal({ event: 'bot.start_failed', err: error });
  if (!stopRequested) await stop('start_failed', 1);
}
