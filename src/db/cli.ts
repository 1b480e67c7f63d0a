// `npm run db:migrate` applies pending migrations to the configured database (DATABASE_URL,
// else the embedded one in DATA_DIR). `npm run db:migration -- <name>` writes the next
// migration from the difference between the committed migrations and prisma/schema.prisma.
// Both run offline: the schema engine is WebAssembly, the shadow database an in-memory PGlite.
// `npm run db:backup -- <file>` and `npm run db:restore -- <file> [--force]` copy the embedded
// database out and back (src/db/backup.ts); a PostgreSQL server uses pg_dump (README).
import 'dotenv/config';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultBackupDir } from '../config.js';
import { backupDataDir, BackupRefused, listBackups, restoreBackup } from './backup.js';
import { openDatabase } from './client.js';
import { DataDirLockedError, LOCK_FILE } from './lock.js';
import { MIGRATIONS_DIR, diffMigrationsToSchema } from './migrate.js';

function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

async function migrate(): Promise<void> {
  const db = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './data' });
  try {
    const applied = await db.migrate();
    console.log(applied.length ? `Applied to ${db.location}: ${applied.join(', ')}` : `${db.location} is up to date.`);
  } finally {
    await db.close();
  }
}

async function createMigration(name: string | undefined): Promise<void> {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('Usage: npm run db:migration -- <name>   (lower-case letters, digits and _ only)');
    process.exit(2);
  }
  const sql = await diffMigrationsToSchema();
  if (!sql) {
    console.log('The migrations already match prisma/schema.prisma: nothing to write.');
    return;
  }
  const dir = join(MIGRATIONS_DIR, `${timestamp(new Date())}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), `${sql}\n`);
  console.log(`Wrote ${join(dir, 'migration.sql')}. Review it, then commit it.`);
}

const dataDir = process.env.DATA_DIR || './data';
const backupDir = process.env.BACKUP_DIR?.trim() || defaultBackupDir(dataDir);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function embeddedOnly(): void {
  if (!process.env.DATABASE_URL) return;
  console.error(
    'DATABASE_URL is set: this command copies the embedded database only. Back up a PostgreSQL server with\n' +
      '  pg_dump -Fc "$DATABASE_URL" > sunshine.dump\nand restore it with\n  pg_restore --clean --if-exists -d "$DATABASE_URL" sunshine.dump',
  );
  process.exit(2);
}

async function backup(file: string | undefined): Promise<void> {
  if (!file) {
    console.error('Usage: npm run db:backup -- <file>   (e.g. sunshine-backup.tar.gz)');
    process.exit(2);
  }
  embeddedOnly();
  const since = performance.now();
  try {
    const { bytes } = await backupDataDir(dataDir, file);
    console.log(`Backed up ${resolve(dataDir)} to ${resolve(file)} (${megabytes(bytes)} MB, ${seconds(since)} s).`);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    const newest = listBackups(backupDir).at(-1);
    throw new BackupRefused(
      `The embedded database in ${error.dataDir} is in use by a running bot (pid ${error.ownerPid}, lock file ${join(error.dataDir, LOCK_FILE)}): ` +
        'it cannot be copied from outside while the bot writes it.\n' +
        `The bot backs itself up every night into ${resolve(backupDir)} (newest: ${newest ?? 'none yet'}).\n` +
        `For a backup now: kill -USR2 ${error.ownerPid} — the bot writes one there and logs backup.written. Or stop the bot and run this again.`,
    );
  }
}

async function restore(args: string[]): Promise<void> {
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  if (files.length !== 1 || files[0]!.startsWith('--')) {
    console.error('Usage: npm run db:restore -- <file> [--force]   (--force: move a non-empty DATA_DIR aside first)');
    process.exit(2);
  }
  embeddedOnly();
  const since = performance.now();
  try {
    const restored = await restoreBackup(files[0]!, dataDir, { force });
    console.log(
      `Restored ${resolve(files[0]!)} into ${restored.dataDir} (${restored.migrations} migrations on record; the bot applies newer ones at start; ${seconds(since)} s).` +
        (restored.replacedTo ? `\nThe folder that was there is kept at ${restored.replacedTo}; delete it yourself once the restore is checked.` : ''),
    );
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    throw new BackupRefused(
      `The embedded database in ${error.dataDir} is in use by a running bot (pid ${error.ownerPid}, lock file ${join(error.dataDir, LOCK_FILE)}). ` +
        'Stop the bot first: a restore replaces the folder under it.',
    );
  }
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === 'migrate') await migrate();
  else if (command === 'migration') await createMigration(args[0]);
  else if (command === 'backup') await backup(args[0]);
  else if (command === 'restore') await restore(args);
  else {
    console.error('Usage: tsx src/db/cli.ts migrate | migration <name> | backup <file> | restore <file> [--force]');
    process.exit(2);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
