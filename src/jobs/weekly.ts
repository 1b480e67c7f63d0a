// Cron wiring of the weekly report (WEEKLY_REPORT_CRON, default Monday 09:00 in TIMEZONE).
// Every instance runs the same schedule; the claim row lets one post. At start, and every 15
// minutes, a report whose time has passed this week but that is not posted yet (the bot was
// down, Slack or the database failed, an instance crashed mid-post) is run again.
import cron from 'node-cron';
import { firedWithin } from '../domain/cron.js';
import { isoWeekOf, todayIn } from '../domain/dates.js';
import { reportedWeek, runWeeklyReport, type WeeklyReportDeps } from '../features/reports/slack/job.js';
import { InFlight } from '../in-flight.js';

const RETRY_SWEEP = '*/15 * * * *';

export interface WeeklyReport {
  /** Runs this week's report now if its time has passed and it is not posted (idempotent). */
  catchUp(): Promise<void>;
  stop(): Promise<void>;
}

/** Whether `expression` fired between Monday 00:00 of the current ISO week (local time) and `now`. */
export function firedThisWeek(expression: string, now: Date, timeZone: string): boolean {
  const week = isoWeekOf(todayIn(timeZone, now));
  return firedWithin(expression, now, timeZone, (at) => {
    const w = isoWeekOf(todayIn(timeZone, at));
    return w.year === week.year && w.week === week.week;
  });
}

export function startWeeklyReport(deps: WeeklyReportDeps, expression: string, timeZone: string): WeeklyReport {
  const runs = new InFlight();
  const run = (reason: string) =>
    runs.run(async () => {
      try {
        await runWeeklyReport(deps);
      } catch (error) {
        deps.log.error({ event: 'weekly.run_failed', trigger: reason, err: error });
      }
    });
  const weekly = cron.schedule(expression, () => run('schedule'), { name: 'weekly-report', timezone: timeZone, noOverlap: true });
  /** Its time has passed this week and no row says it was posted (or failed for good). */
  const pending = async (now: Date) => {
    if (!deps.config.managersChannel) return false;
    const row = await deps.prisma.reportPost.findUnique({
      where: { kind_periodKey: { kind: 'weekly_counts', periodKey: reportedWeek(timeZone, now) } },
      select: { state: true },
    });
    return (row === null || row.state === 'claimed') && firedThisWeek(expression, now, timeZone);
  };
  const sweep = cron.schedule(
    RETRY_SWEEP,
    () =>
      runs.run(async () => {
        if (await pending(deps.now())) await run('retry');
      }),
    { name: 'weekly-report-retry', timezone: timeZone, noOverlap: true },
  );
  return {
    async catchUp() {
      try {
        if (await pending(deps.now())) await run('catch_up');
      } catch (error) {
        deps.log.error({ event: 'weekly.catch_up_failed', err: error });
      }
    },
    /** No report starts after this; one being posted is let finish. */
    async stop() {
      await weekly.destroy();
      await sweep.destroy();
      await runs.settled();
    },
  };
}
