// Keeps the overdue days (OverdueSpan) close to the records between counts: at start (the
// first start after an upgrade or a rules change works out every client, in batches) and then
// every 30 seconds, recomputing the clients whose records changed. A count still refreshes
// what changed since (overdue-spans.ts), so this only keeps that remainder small: the weekly
// counts, the report and App Home stay fast however much was logged since they last ran.
import cron from 'node-cron';
import type { Prisma } from '../db/client.js';
import type { ScheduleRules } from '../domain/rules.js';
import { refreshOverdueSpans } from '../features/reports/overdue-spans.js';
import type { Logger } from '../logger.js';

const EVERY_30_SECONDS = '*/30 * * * * *';

export interface OverdueRefresher {
  /** Refreshes now (at start); resolves when done, never rejects. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startOverdueRefresher(deps: { prisma: Prisma; rules: ScheduleRules; log: Logger }): OverdueRefresher {
  let running: Promise<void> = Promise.resolve();
  const stopping = new AbortController();
  const run = (reason: string) => {
    running = running.then(async () => {
      if (stopping.signal.aborted) return;
      const start = performance.now();
      try {
        const clients = await refreshOverdueSpans(deps.prisma, deps.rules, stopping.signal);
        if (clients > 0) deps.log.info({ event: 'overdue.refreshed', trigger: reason, clients, ms: Math.round(performance.now() - start) });
      } catch (error) {
        deps.log.warn({ event: 'overdue.refresh_failed', trigger: reason, err: error });
      }
    });
    return running;
  };
  const task = cron.schedule(EVERY_30_SECONDS, () => run('schedule'), { name: 'overdue-refresh', noOverlap: true });
  return {
    runNow: () => run('start'),
    async stop() {
      stopping.abort();
      await task.destroy();
      await running;
    },
  };
}
