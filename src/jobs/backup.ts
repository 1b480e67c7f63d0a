// The embedded database's nightly backup, for sub-districts with nobody to run one: at
// BACKUP_CRON (default 02:30 in TIMEZONE) the bot writes a consistent copy into BACKUP_DIR,
// named with the local date and time, and keeps the newest BACKUP_KEEP. Every 15 minutes, a
// day whose backup time has passed without one (a PC switched off at night, a full disk at
// 02:30) gets it — a sweep rather than at start-up, so that starting stays quick. SIGUSR2 asks
// for one at once (what `npm run db:backup` points to while the bot holds the folder).
import { join } from 'node:path';
import cron from 'node-cron';
import { backupDate, backupFileName, listBackups, rotateBackups, writeFileDurably } from '../db/backup.js';
import { todayIn } from '../domain/dates.js';
import { InFlight, oneAtATime } from '../in-flight.js';
import type { Logger } from '../logger.js';
import { firedToday } from './scheduler.js';

export interface BackupDeps {
  /** A consistent copy of the running database (Database.snapshot). */
  snapshot: () => Promise<Uint8Array>;
  dir: string;
  keep: number;
  timeZone: string;
  log: Logger;
  now: () => Date;
}

export interface BackupRun {
  file: string;
  bytes: number;
  ms: number;
  /** Older backups deleted by the rotation. */
  removed: string[];
}

/** Writes one backup now and rotates; throws when it could not be written (nothing is deleted then). */
export async function runBackup(deps: BackupDeps): Promise<BackupRun> {
  const since = performance.now();
  const file = join(deps.dir, backupFileName(deps.now(), deps.timeZone));
  const bytes = await deps.snapshot();
  writeFileDurably(file, bytes);
  const removed = rotateBackups(deps.dir, deps.keep);
  return { file, bytes: bytes.length, ms: Math.round(performance.now() - since), removed };
}

const SWEEP = '*/15 * * * *';

export interface NightlyBackup {
  /** Makes today's backup if its time has passed and none was made today (the sweep's check). */
  catchUp(): Promise<void>;
  /** Makes a backup now (a signal); one under way is not doubled. */
  runNow(reason: string): Promise<void>;
  stop(): Promise<void>;
}

export function startNightlyBackup(deps: BackupDeps, expression: string): NightlyBackup {
  const runs = new InFlight();
  const run = oneAtATime(runs, async (reason) => {
    try {
      const done = await runBackup(deps);
      deps.log.info({ event: 'backup.written', trigger: reason, file: done.file, bytes: done.bytes, ms: done.ms, removed: done.removed });
    } catch (error) {
      deps.log.error({ event: 'backup.failed', trigger: reason, dir: deps.dir, err: error });
    }
  });
  const nightly = cron.schedule(expression, () => run('schedule'), { name: 'nightly-backup', timezone: deps.timeZone, noOverlap: true });
  const catchUp = async () => {
    const now = deps.now();
    const today = todayIn(deps.timeZone, now);
    const newest = listBackups(deps.dir).at(-1);
    if ((newest === undefined || backupDate(newest)! < today) && firedToday(expression, now, deps.timeZone)) await run('catch_up');
  };
  const sweep = cron.schedule(
    SWEEP,
    () => catchUp().catch((error: unknown) => deps.log.error({ event: 'backup.failed', trigger: 'catch_up', dir: deps.dir, err: error })),
    { name: 'nightly-backup-catch-up', timezone: deps.timeZone, noOverlap: true },
  );
  let stopped = false;
  return {
    catchUp,
    // A signal during the stop finds the database closing: nothing to back up any more.
    runNow: (reason) => (stopped ? Promise.resolve() : run(reason)),
    /** No backup starts after this; one being written is let finish (the database closes after). */
    async stop() {
      stopped = true;
      await nightly.destroy();
      await sweep.destroy();
      await runs.settled();
    },
  };
}
