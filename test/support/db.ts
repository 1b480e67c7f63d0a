// A migrated database for one test file, emptied before each test: PGlite loaded from the
// run's dump, or (TEST_DATABASE_URL) a PostgreSQL database cloned from the run's template.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openEmbeddedDatabase, openPostgresDatabase, pgliteDatabase, type Database } from '../../src/db/client.js';
import { PGLITE_EXTENSIONS } from '../../src/db/extensions.js';
import { databaseUrl } from './global-setup.js';
import { tempDir } from './process.js';

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let cloned = 0;

/** Opens a fresh, migrated database (the caller closes it). */
export async function openTestDatabase(): Promise<Database> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const template = inject('pgTemplate');
    cloned += 1;
    const name = `${template}_${process.pid}_${cloned}`;
    await createDatabase(base, name, template);
    return openPostgresDatabase(databaseUrl(base, name), 4);
  }
  const dump = readFileSync(inject('pgliteDump'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: PGLITE_EXTENSIONS });
  return pgliteDatabase(pglite);
}

async function createDatabase(base: string, name: string, template?: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  } finally {
    await admin.end();
  }
}

/**
 * Storage nothing has touched yet, as a new installation starts with: an empty data folder, or
 * (TEST_DATABASE_URL) an empty PostgreSQL database, dropped with the run's others. `open()` may be
 * called again after closing, as a restarted bot would.
 */
export async function freshStorage(): Promise<{ open: () => Promise<Database> }> {
  if (!onPostgres) {
    const dir = tempDir();
    return { open: () => openEmbeddedDatabase(dir) };
  }
  const url = await freshDatabaseUrl();
  return { open: async () => openPostgresDatabase(url, 4) };
}

/** (TEST_DATABASE_URL) A new, empty PostgreSQL database, dropped with the run's others. */
export async function freshDatabaseUrl(): Promise<string> {
  const base = process.env.TEST_DATABASE_URL!;
  cloned += 1;
  const name = `${inject('pgTemplate')}_fresh_${process.pid}_${cloned}`;
  await createDatabase(base, name);
  return databaseUrl(base, name);
}

/** Empties every table (keeping the migration history) and restarts the id sequences. */
export async function truncateAll(db: Database): Promise<void> {
  const tables = await db.prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = tables.map((t) => `"${t.tablename}"`).join(', ');
  await db.prisma.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}

/** Registers hooks giving the file one database, emptied before each test. */
export function useTestDatabase(): { readonly db: Database } {
  const holder = {} as { db: Database };
  beforeAll(async () => {
    holder.db = await openTestDatabase();
  });
  beforeEach(async () => {
    await truncateAll(holder.db);
  });
  afterAll(async () => {
    await holder.db?.close();
  });
  return holder;
}
