// Backup and restore of the embedded database: a copy taken while the database runs holds
// exactly what was committed before it; a restore refuses a folder in use and a non-empty one
// without --force, keeps the replaced folder aside, and leaves everything as it was when the
// file is no backup. Also the CLI's answers (`npm run db:backup` / `db:restore`).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { backupDataDir, BackupRefused, restoreBackup } from '../../src/db/backup.js';
import { openEmbeddedDatabase, type Database } from '../../src/db/client.js';
import { DataDirLockedError } from '../../src/db/lock.js';
import { onPostgres } from '../support/db.js';
import { PROJECT_ROOT, tempDir } from '../support/process.js';

const run = promisify(execFile);

const names = async (db: Database) => (await db.prisma.community.findMany({ orderBy: { id: 'asc' } })).map((c) => c.name);

/** A migrated embedded database in a new folder, from the run's dump. */
async function migratedDataDir(): Promise<string> {
  const dataDir = join(tempDir(), 'data');
  await restoreBackup(inject('pgliteDump'), dataDir, { force: false });
  return dataDir;
}

function cli(args: string[], env: Record<string, string>) {
  return run(join(PROJECT_ROOT, 'node_modules/.bin/tsx'), [join(PROJECT_ROOT, 'src/db/cli.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOTENV_CONFIG_PATH: join(tempDir(), '.env'), ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe.skipIf(onPostgres)('backup and restore of the embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await migratedDataDir();
  });

  it('restores a backup taken mid-day with exactly what was committed before it', async () => {
    const backup = join(tempDir(), 'midday.tar.gz');
    const db = await openEmbeddedDatabase(dataDir);
    try {
      await db.prisma.community.createMany({ data: [{ name: '小营巷' }, { name: '梅花碑' }] });
      // A transaction under way when the copy is asked for: the copy waits for it to commit.
      let copied: Promise<Uint8Array> | undefined;
      await db.prisma.$transaction(async (tx) => {
        await tx.community.create({ data: { name: '湖滨' } });
        copied = db.snapshot!();
        await new Promise((r) => setTimeout(r, 50));
        await tx.community.create({ data: { name: '清波' } });
      });
      writeFileSync(backup, await copied!);
      await db.prisma.community.create({ data: { name: '望江' } }); // after the backup
    } finally {
      await db.close();
    }

    const restored = await restoreBackup(backup, dataDir, { force: true });
    expect(restored.migrations).toBeGreaterThan(0);
    const db2 = await openEmbeddedDatabase(dataDir);
    try {
      expect(await db2.migrate()).toEqual([]);
      expect(await names(db2)).toEqual(['小营巷', '梅花碑', '湖滨', '清波']);
      await db2.prisma.community.create({ data: { name: '望江' } }); // and it takes writes
    } finally {
      await db2.close();
    }
    // The replaced folder is kept aside, with the record made after the backup.
    const aside = restored.replacedTo!;
    expect(aside).toMatch(/data\.replaced-\d{8}T\d{6}Z$/);
    const old = await openEmbeddedDatabase(aside);
    try {
      expect(await names(old)).toEqual(['小营巷', '梅花碑', '湖滨', '清波', '望江']);
    } finally {
      await old.close();
    }
  });

  it('refuses to restore over a folder in use, and a non-empty one without --force', async () => {
    const backup = join(tempDir(), 'b.tar.gz');
    await backupDataDir(dataDir, backup);
    const db = await openEmbeddedDatabase(dataDir);
    try {
      await expect(restoreBackup(backup, dataDir, { force: true })).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(backupDataDir(dataDir, join(tempDir(), 'x.tar.gz'))).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await db.close();
    }
    await expect(restoreBackup(backup, dataDir, { force: false })).rejects.toThrow(/is not empty \(.*pglite.*\).*--force/);
    // An empty folder (or none) needs no --force.
    const empty = join(tempDir(), 'empty');
    mkdirSync(empty);
    expect((await restoreBackup(backup, empty, { force: false })).replacedTo).toBeUndefined();
    expect(readdirSync(empty)).toEqual(['pglite']);
  });

  it('leaves the folder untouched when the file is no backup', async () => {
    const before = readdirSync(dataDir);
    const beside = () => readdirSync(join(dataDir, '..'));
    const besideBefore = beside();
    const bogus = join(tempDir(), 'notes.tar.gz');
    writeFileSync(bogus, 'not a tarball');
    await expect(restoreBackup(bogus, dataDir, { force: true })).rejects.toBeInstanceOf(BackupRefused);
    const truncated = join(tempDir(), 'cut.tar.gz');
    writeFileSync(truncated, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]));
    await expect(restoreBackup(truncated, dataDir, { force: true })).rejects.toThrow(/could not be restored/);
    await expect(restoreBackup(join(tempDir(), 'missing.tar.gz'), dataDir, { force: true })).rejects.toThrow(/No backup file/);
    expect(readdirSync(dataDir)).toEqual(before);
    expect(beside()).toEqual(besideBefore); // nothing moved aside, no unpacked leftovers
  });

  it('npm run db:backup refuses a folder the bot holds, naming the lock, the nightly backups and kill -USR2', async () => {
    const backupDir = join(tempDir(), 'nightly');
    const db = await openEmbeddedDatabase(dataDir);
    try {
      const refused = await cli(['backup', join(tempDir(), 'now.tar.gz')], { DATA_DIR: dataDir, BACKUP_DIR: backupDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`in use by a running bot (pid ${process.pid}, lock file ${join(dataDir, 'sunshine-station.lock')})`);
      expect(refused.stderr).toContain(`every night into ${backupDir} (newest: none yet)`);
      expect(refused.stderr).toContain(`kill -USR2 ${process.pid}`);
      expect(refused.stderr).not.toMatch(/\n\s+at /);
      const restoreRefused = await cli(['restore', join(tempDir(), 'x.tar.gz')], { DATA_DIR: dataDir });
      expect(restoreRefused.code).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('npm run db:backup and db:restore round-trip a stopped folder; with DATABASE_URL they point to pg_dump', async () => {
    const file = join(tempDir(), 'manual.tar.gz');
    const backedUp = await cli(['backup', file], { DATA_DIR: dataDir });
    expect(backedUp.stdout).toMatch(/^Backed up .* to .*manual\.tar\.gz \(\d+\.\d MB, \d+\.\d s\)\.$/m);
    const target = join(tempDir(), 'restored');
    const restored = await cli(['restore', file], { DATA_DIR: target });
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`Restored ${file} into ${target}`);
    expect(existsSync(join(target, 'pglite', 'PG_VERSION'))).toBe(true);
    const again = await cli(['restore', file], { DATA_DIR: target });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    const forced = await cli(['restore', file, '--force'], { DATA_DIR: target });
    expect(forced.stdout).toMatch(/The folder that was there is kept at .*restored\.replaced-/);
    const pg = await cli(['backup', file], { DATABASE_URL: 'postgres://u@localhost:5432/x' });
    expect(pg.code).toBe(2);
    expect(pg.stderr).toContain('pg_dump -Fc "$DATABASE_URL" > sunshine.dump');
  });
});
