// Backup files of the embedded database and putting one back. A backup is the data folder as a
// gzipped tarball (src/db/snapshot.ts): restoring it gives back PostgreSQL's own files, indexes
// and migration history included, with nothing to replay. Files are written whole or not at all
// (a temporary name, flushed, then renamed), so a crash or a full disk never leaves a truncated
// backup under a backup's name. A PostgreSQL server is backed up with pg_dump (README).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openEmbeddedDatabase, PGLITE_SUBDIR } from './client.js';
import { PGLITE_EXTENSIONS } from './extensions.js';
import { LOCK_FILE, lockDataDir } from './lock.js';

/** The nightly (and on-request) backups' names: the local date and time they were taken. */
const BACKUP_NAME = /^sunshine-(\d{4}-\d{2}-\d{2})-(\d{4})\.tar\.gz$/;

/** A refusal the person running the command can act on (no stack trace). */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

/** `sunshine-2026-12-04-0230.tar.gz`: date and time in `timeZone`, so names sort by age. */
export function backupFileName(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `sunshine-${part('year')}-${part('month')}-${part('day')}-${part('hour')}${part('minute')}.tar.gz`;
}

/** The local date a backup's name says it was taken on; undefined for any other file. */
export function backupDate(name: string): string | undefined {
  return BACKUP_NAME.exec(name)?.[1];
}

/** The backups in `dir`, oldest first (other files are not ours and are left alone). */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => BACKUP_NAME.test(name)).sort();
}

/** Deletes all but the newest `keep` backups in `dir`; answers the names deleted. */
export function rotateBackups(dir: string, keep: number): string[] {
  const backups = listBackups(dir);
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of old) rmSync(join(dir, name), { force: true });
  return old;
}

/** Writes `bytes` to `file` whole or not at all, flushed to disk before it takes the name. */
export function writeFileDurably(file: string, bytes: Uint8Array): void {
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const partial = `${target}.partial`;
  const fd = openSync(partial, 'w', 0o600);
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, target);
  syncPath(dirname(target));
}

/**
 * Backs up the embedded database in `dataDir` while no bot runs on it (the lock is taken for
 * the time of the copy). A running bot's lock throws DataDirLockedError: the caller explains.
 */
export async function backupDataDir(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!existsSync(join(dataDir, PGLITE_SUBDIR))) throw new BackupRefused(`There is no embedded database in ${resolve(dataDir)} (no ${PGLITE_SUBDIR} folder): nothing to back up.`);
  const db = await openEmbeddedDatabase(dataDir);
  try {
    const bytes = await db.snapshot!();
    writeFileDurably(file, bytes);
    return { bytes: bytes.length };
  } finally {
    await db.close();
  }
}

/** A gzipped tarball (what backups are), or a plain one (PGlite's dumpDataDir('none')). */
function isTarball(bytes: Buffer): boolean {
  return (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) || bytes.subarray(257, 262).toString('latin1') === 'ustar';
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Flushes every file and folder under `dir` to disk (PGlite unpacks a backup without fsync). */
function syncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) syncTree(join(dir, entry.name));
    else if (entry.isFile()) syncPath(join(dir, entry.name));
  }
  syncPath(dir);
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Unpacks a backup into `pgliteDir`, opens it and syncs it; answers how many migrations it has on record. */
async function unpack(bytes: Uint8Array, pgliteDir: string): Promise<number> {
  const pglite = await PGlite.create({ dataDir: pgliteDir, loadDataDir: new Blob([bytes]), extensions: PGLITE_EXTENSIONS });
  let migrations: number;
  try {
    const rows = await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    migrations = rows.rows[0]!.n;
  } finally {
    await pglite.close();
  }
  syncTree(pgliteDir);
  return migrations;
}

export interface Restored {
  dataDir: string;
  /** Where the folder that was there went (with --force); it is never deleted. */
  replacedTo?: string;
  /** Migrations the backup has on record (the bot applies newer ones at start). */
  migrations: number;
}

/**
 * Puts the backup `file` in place as `dataDir`. Refuses a folder a running bot holds, and one
 * that holds anything unless `force` — then that folder is renamed aside with a timestamp. The
 * backup is unpacked and opened in a new folder beside `dataDir` first: a bad file leaves the
 * current folder untouched.
 */
export async function restoreBackup(file: string, dataDir: string, options: { force: boolean; now?: Date }): Promise<Restored> {
  const target = resolve(dataDir);
  const now = options.now ?? new Date();
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupRefused(`No backup file at ${resolve(file)}.`);
  const bytes = readFileSync(file);
  if (!isTarball(bytes)) throw new BackupRefused(`${resolve(file)} is not a backup of the embedded database (a .tar.gz written by db:backup or the nightly backup).`);

  // Held from here to the end: no bot can start on the folder while it is being replaced.
  let release = existsSync(target) ? lockDataDir(target) : undefined;
  const staging = join(dirname(target), `.${basename(target)}.restoring-${stamp(now)}`);
  try {
    const present = release ? readdirSync(target).filter((name) => name !== LOCK_FILE) : [];
    if (present.length > 0 && !options.force) {
      throw new BackupRefused(
        `${target} is not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', …' : ''}). ` +
          'Restoring would replace it: run again with --force to move it aside (it is renamed, never deleted).',
      );
    }
    mkdirSync(staging, { recursive: true, mode: 0o700 });
    const migrations = await unpack(bytes, join(staging, PGLITE_SUBDIR)).catch((error: unknown) => {
      throw new BackupRefused(`${resolve(file)} could not be restored: ${error instanceof Error ? error.message : String(error)}`);
    });

    let replacedTo: string | undefined;
    if (release) {
      if (present.length > 0) {
        replacedTo = `${target}.replaced-${stamp(now)}`;
        renameSync(target, replacedTo); // our lock file goes with it
        rmSync(join(replacedTo, LOCK_FILE), { force: true });
      } else {
        release();
        rmSync(target, { recursive: true, force: true }); // empty but for our lock
      }
      release = undefined;
    }
    renameSync(staging, target);
    syncPath(dirname(target));
    return { dataDir: target, replacedTo, migrations };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    release?.();
  }
}
