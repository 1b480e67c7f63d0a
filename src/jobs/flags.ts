// Legal flags reach MANAGERS_CHANNEL within a minute of the record that raised them, any day of
// the week: every 30 seconds (and at once after a record is saved on this instance) the clients
// listed for a check are worked out and what is pending is posted. A check also lists each
// client again for the day their open test window would be missed, so flags raised by time alone
// are found that day. Runs never overlap; a stop lets the run under way finish its batch.
import cron from 'node-cron';
import { todayIn } from '../domain/dates.js';
import type { ScheduleRules } from '../domain/rules.js';
import { checkFlags } from '../features/legal-flags/check.js';
import { postFlags, type FlagPostDeps } from '../features/legal-flags/slack/post.js';
import type { BotContext } from '../slack/context.js';
import { errorFields } from '../logger.js';

const EVERY_30_SECONDS = '*/30 * * * * *';

export interface FlagWatch {
  /** Checks and posts now (after a record is saved); resolves when done, never rejects. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startFlagWatch(deps: FlagPostDeps & { rules: ScheduleRules; timeZone: string }): FlagWatch {
  let running: Promise<void> = Promise.resolve();
  /** A run asked for while one is under way: one more follows it (never a queue of them). */
  let again: Promise<void> | undefined;
  const stopping = new AbortController();
  const once = async (trigger: string) => {
    if (stopping.signal.aborted) return;
    try {
      const checked = await checkFlags(deps.prisma, deps.rules, todayIn(deps.timeZone, deps.now()), stopping.signal);
      const told = await postFlags(deps);
      if (checked.raised + checked.withdrawn + told.posted + told.corrected > 0) deps.log.info({ event: 'flags.run', trigger, ...checked, ...told });
    } catch (error) {
      deps.log.warn({ event: 'flags.run_failed', trigger, ...errorFields(error) });
    }
  };
  const run = (trigger: string) => {
    again ??= running.then(() => {
      again = undefined;
      return once(trigger);
    });
    running = again;
    return again;
  };
  const task = cron.schedule(EVERY_30_SECONDS, () => run('schedule'), { name: 'legal-flags', noOverlap: true });
  return {
    runNow: () => run('record'),
    async stop() {
      stopping.abort();
      await task.destroy();
      await running;
    },
  };
}

/** The bot's flag watch: started with its job settings, and run at once after each record saved here. */
export function watchFlags(ctx: BotContext): FlagWatch {
  const watch = startFlagWatch({ ...ctx.dueJob, rules: ctx.rules, timeZone: ctx.config.timeZone });
  ctx.onRecorded(async () => void watch.runNow());
  void watch.runNow();
  return watch;
}
