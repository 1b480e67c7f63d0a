// The database behind the bot: an embedded PostgreSQL (PGlite, persisted in DATA_DIR) when no
// DATABASE_URL is set, otherwise a PostgreSQL server through a pg pool. Both are reached
// through Prisma driver adapters, so every query and migration is the same on both.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.js';
import { PGLITE_EXTENSIONS } from './extensions.js';
import { lockDataDir } from './lock.js';
import { applyMigrations, readMigrations, type ScriptRunner } from './migrate.js';

export type Prisma = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: 'embedded' | 'postgres';
  /** Where the data lives, for logs: a folder or host:port/database, never a password. */
  location: string;
  /** Applies pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Whether a migration in prisma/migrations is not yet recorded as applied. Answering this with
 * one query keeps the usual start-up (nothing to apply) from loading the schema engine.
 */
async function hasPendingMigrations(prisma: PrismaClient): Promise<boolean> {
  const { migrationDirectories } = await readMigrations();
  let applied: { migration_name: string }[];
  try {
    applied = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  } catch {
    return true; // no migration table yet: a new database
  }
  const done = new Set(applied.map((row) => row.migration_name));
  return migrationDirectories.some((dir) => !done.has(dir.path));
}

/** The folder inside DATA_DIR that holds PGlite's files. */
export const PGLITE_SUBDIR = 'pglite';

function database(
  kind: Database['kind'],
  location: string,
  factory: SqlMigrationAwareDriverAdapterFactory,
  closeDriver: () => Promise<void>,
  runScript?: ScriptRunner,
): Database {
  const prisma = new PrismaClient({ adapter: factory });
  let closed: Promise<void> | undefined;
  return {
    prisma,
    kind,
    location,
    migrate: async () => ((await hasPendingMigrations(prisma)) ? applyMigrations(factory, runScript) : []),
    ping: async () => {
      try {
        await prisma.$queryRaw`SELECT 1`;
        return true;
      } catch {
        return false;
      }
    },
    close: () => {
      closed ??= (async () => {
        await prisma.$disconnect();
        await closeDriver();
      })();
      return closed;
    },
  };
}

/** Opens (creating on first use) the embedded database in `dataDir`, locked to this process. */
export async function openEmbeddedDatabase(dataDir: string): Promise<Database> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const release = lockDataDir(dir);
  try {
    const pglite = await PGlite.create({ dataDir: join(dir, PGLITE_SUBDIR), extensions: PGLITE_EXTENSIONS });
    return database('embedded', dir, new PrismaPGlite(pglite), async () => {
      await pglite.close();
      release();
    });
  } catch (error) {
    release();
    throw error;
  }
}

/** Wraps an already open PGlite (tests load a pre-migrated copy); closing closes it. */
export function pgliteDatabase(pglite: PGlite, location = 'memory'): Database {
  return database('embedded', location, new PrismaPGlite(pglite), () => pglite.close());
}

/** Connects to a PostgreSQL server through a pg pool. */
export function openPostgresDatabase(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its connection must not crash the bot; the pool replaces it.
  pool.on('error', () => undefined);
  const parsed = new URL(url);
  const location = `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  const runScript = async (script: string) => {
    await pool.query(script);
  };
  return database('postgres', location, new PrismaPg(pool), () => pool.end(), runScript);
}

export function openDatabase(settings: { url: string | undefined; dataDir: string }): Promise<Database> {
  return settings.url ? Promise.resolve(openPostgresDatabase(settings.url)) : openEmbeddedDatabase(settings.dataDir);
}
