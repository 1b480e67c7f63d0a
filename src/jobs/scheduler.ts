// Cron wiring (node-cron, in TIMEZONE). The jobs themselves decide whether today is a working
// day and keep posts exactly-once through database claims, so every instance may run the same
// schedule: at most one posts. At start, a run the bot missed today (it was down at 08:30) is
// caught up; every 15 minutes, a run that did not finish (database or Slack outage, a failed
// community) or claims left behind by a crashed instance are retried.
import cron from 'node-cron';
import { toDbDate } from '../db/dates.js';
import { firedWithin } from '../domain/cron.js';
import { todayIn } from '../domain/dates.js';
import { runDailyDueLists } from '../features/due-lists/slack/job.js';
import type { DueJobDeps } from '../job-deps.js';
import { InFlight, oneAtATime } from '../in-flight.js';
import { errorFields } from '../logger.js';

const RETRY_SWEEP = '*/15 * * * *';

export interface Scheduler {
  /** Runs today's due lists now if their time has passed on a working day (idempotent). */
  catchUp(): Promise<void>;
  stop(): Promise<void>;
}

/** Whether `expression` fired between local midnight and `now` (its current second included). */
export function firedToday(expression: string, now: Date, timeZone: string): boolean {
  const today = todayIn(timeZone, now);
  return firedWithin(expression, now, timeZone, (at) => todayIn(timeZone, at) === today);
}

export function startScheduler(deps: DueJobDeps, expression: string, timeZone: string): Scheduler {
  /** The local date of this instance's last run that reached every community without a failure. */
  let completedOn: string | undefined;
  const runs = new InFlight();
  // The sweep, the catch-up and the schedule never run side by side here.
  const run = oneAtATime(runs, async (reason) => {
    try {
      const summary = await runDailyDueLists(deps);
      if (summary.failed === 0 && !summary.interrupted) completedOn = summary.date;
    } catch (error) {
      deps.log.error({ event: 'due.run_failed', trigger: reason, ...errorFields(error) });
    }
  });
  const due = (now: Date) => deps.calendar.isWorkingDay(todayIn(timeZone, now)) && firedToday(expression, now, timeZone);
  const daily = cron.schedule(expression, () => run('schedule'), { name: 'daily-due-lists', timezone: timeZone, noOverlap: true });
  const sweep = cron.schedule(
    RETRY_SWEEP,
    () =>
      runs.run(async () => {
        const now = deps.now();
        const today = todayIn(timeZone, now);
        if (!due(now)) return;
        const pending = await deps.prisma.dailyPost.count({ where: { localDate: toDbDate(today), kind: 'due_list', state: 'claimed' } });
        if (completedOn !== today || pending > 0) await run('retry');
      }),
    { name: 'due-lists-retry', timezone: timeZone, noOverlap: true },
  );
  return {
    async catchUp() {
      if (due(deps.now())) await run('catch_up');
    },
    /** No run starts after this; one under way stops taking communities (deps.signal) and ends. */
    async stop() {
      await daily.destroy();
      await sweep.destroy();
      await runs.settled();
    },
  };
}
