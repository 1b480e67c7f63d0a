// A PostgreSQL server that is down when the bot starts (rebooting with the machine, a network not
// up yet) is waited for, not given up on: the bot asks again after 1 s, then 2, 4, … up to 30 s
// between attempts, logging each one, until the server answers or the bot is told to stop.
import type { Logger } from '../logger.js';
import type { Database } from './client.js';

export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 30_000;

/** The delay after failed attempt `attempt` (1-based): 1 s doubling, at most 30 s. */
export function retryDelay(attempt: number, first = FIRST_DELAY_MS, max = MAX_DELAY_MS): number {
  return Math.min(first * 2 ** (attempt - 1), max);
}

/**
 * What kind of failure an error from the database is, for a log line: the driver adapter's kind
 * (DatabaseNotReachable, AuthenticationFailed…) or the system's code (ECONNREFUSED…). Never the
 * message, which may name the server or its user.
 */
export function databaseErrorCode(error: unknown): string {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } } };
  const cause = e?.meta?.driverAdapterError?.cause;
  if (typeof cause?.originalCode === 'string') return cause.originalCode;
  if (typeof cause?.kind === 'string') return cause.kind;
  return typeof e?.code === 'string' ? e.code : 'unknown';
}

/** Resolves true once the database answers, false when `signal` aborts first; `onFailure` after each failed attempt. */
export async function waitForDatabase(
  db: Pick<Database, 'prisma'>,
  log: Logger,
  signal: AbortSignal,
  onFailure: () => void = () => undefined,
  first = FIRST_DELAY_MS,
): Promise<boolean> {
  for (let attempt = 1; !signal.aborted; attempt++) {
    try {
      await db.prisma.$queryRaw`SELECT 1`;
      if (attempt > 1) log.info({ event: 'db.available', attempts: attempt });
      return true;
    } catch (error) {
      onFailure();
      const delayMs = retryDelay(attempt, first);
      log.warn({ event: 'db.unavailable', attempt, nextDelayMs: delayMs, code: databaseErrorCode(error) }, `The database does not answer (attempt ${attempt}); trying again in ${delayMs / 1000} s`);
      await sleep(delayMs, signal);
    }
  }
  return false;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
