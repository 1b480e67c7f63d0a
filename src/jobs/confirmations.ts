// Confirmations Slack did not accept when their record was saved (src/slack/confirmations.ts) are
// sent again every 30 seconds, and once at start for those a stopped bot left behind. Runs never
// overlap; a stop lets the run under way finish.
import cron from 'node-cron';
import { deliverPending, type ConfirmDeps } from '../slack/confirmations.js';
import { errorFields } from '../logger.js';

const EVERY_30_SECONDS = '*/30 * * * * *';

export interface ConfirmationSweep {
  /** Sends what is due now; resolves when done, never rejects. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startConfirmationSweep(deps: ConfirmDeps): ConfirmationSweep {
  let running: Promise<void> = Promise.resolve();
  const once = async () => {
    try {
      const sent = await deliverPending(deps);
      if (sent.delivered + sent.failed > 0) deps.log.info({ event: 'confirm.sweep', ...sent });
    } catch (error) {
      deps.log.warn({ event: 'confirm.sweep_failed', ...errorFields(error) });
    }
  };
  const run = () => (running = running.then(once));
  const task = cron.schedule(EVERY_30_SECONDS, run, { name: 'confirmations', noOverlap: true });
  return {
    runNow: run,
    async stop() {
      await task.destroy();
      await running;
    },
  };
}
