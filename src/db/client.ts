// The database behind the bot: an embedded PostgreSQL (PGlite, persisted in DATA_DIR) when no
// DATABASE_URL is set, otherwise a PostgreSQL server through a pg pool. Both are reached
// through Prisma driver adapters, so every query and migration is the same on both.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.js';
import { refusalKeepingPool } from './pg-pool.js';
import { PGLITE_EXTENSIONS } from './extensions.js';
import { durableStorage } from './durable-fs.js';
import { lockDataDir } from './lock.js';
import { snapshotOf } from './snapshot.js';
import { yielding } from './yielding.js';
import { applyMigrations, MIGRATIONS_DIR, readMigrations, type ScriptRunner } from './migrate.js';

export type Prisma = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: 'embedded' | 'postgres';
  /** Where the data lives, for logs: a folder or host:port/database, never a password. */
  location: string;
  /** Applies pending migrations (from prisma/migrations unless told); returns the names applied. */
  migrate(migrationsDir?: string): Promise<string[]>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  /** Embedded only: a consistent copy of the data folder taken while it runs (src/db/snapshot.ts). */
  snapshot?: () => Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Whether a migration in prisma/migrations is not yet recorded as applied. Answering this with
 * one query keeps the usual start-up (nothing to apply) from loading the schema engine.
 */
async function hasPendingMigrations(prisma: PrismaClient, migrationsDir: string): Promise<boolean> {
  const { migrationDirectories } = await readMigrations(migrationsDir);
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

interface Driver {
  factory: SqlMigrationAwareDriverAdapterFactory;
  close: () => Promise<void>;
  /** Runs whole migration scripts (a server parses them better than a `;` split). */
  runScript?: ScriptRunner;
  /** After migrations created types: make the driver learn them before the next query. */
  afterMigrate?: () => Promise<void>;
}

function database(kind: Database['kind'], location: string, driver: Driver): Database {
  const { factory } = driver;
  const prisma = new PrismaClient({ adapter: factory });
  let closed: Promise<void> | undefined;
  return {
    prisma,
    kind,
    location,
    migrate: async (migrationsDir = MIGRATIONS_DIR) => {
      if (!(await hasPendingMigrations(prisma, migrationsDir))) return [];
      const applied = await applyMigrations(factory, migrationsDir, driver.runScript);
      if (applied.length > 0) await driver.afterMigrate?.();
      return applied;
    },
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
        await driver.close();
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
    const pglite = await PGlite.create({ ...durableStorage(join(dir, PGLITE_SUBDIR)), extensions: PGLITE_EXTENSIONS });
    const db = database('embedded', dir, {
      ...pgliteDriver(pglite),
      close: async () => {
        await pglite.close();
        release();
      },
    });
    return { ...db, snapshot: () => snapshotOf(pglite) };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite reads the database's array types once, when it opens, and sends an array of a type
 * it does not know as plain text (`malformed array literal`). Migrations create enums, so after
 * applying any it reads them again: the process that migrated serves every query at once.
 */
function pgliteDriver(pglite: PGlite): Driver {
  return { factory: new PrismaPGlite(yielding(pglite)), close: () => pglite.close(), afterMigrate: () => pglite.refreshArrayTypes() };
}

/** Wraps an already open PGlite (tests load a pre-migrated copy); closing closes it. */
export function pgliteDatabase(pglite: PGlite, location = 'memory'): Database {
  return database('embedded', location, pgliteDriver(pglite));
}

/**
 * Connects to a PostgreSQL server through a pg pool. Nothing connects until the first query, so
 * this succeeds while the server is down (src/db/wait.ts waits for it). A statement the server
 * refuses keeps its connection (pg-pool.ts); a connection the server or the network drops is
 * taken out of the pool and the next query opens a new one;
 * `onConnectionLost` hears of idle ones (those in use fail their query, answered as any failure).
 */
export function openPostgresDatabase(url: string, poolSize = 10, onConnectionLost: (error: Error) => void = () => undefined): Database {
  const pool = refusalKeepingPool({
    connectionString: url,
    max: poolSize,
    // A server that accepts the connection but never answers (a half-open network, a hung
    // proxy) fails the query after this long instead of holding it forever.
    connectionTimeoutMillis: 10_000,
    // A connection the network dropped silently is noticed by TCP keepalive, not by a query.
    keepAlive: true,
  });
  // Without a listener, an idle client's 'error' would crash the process.
  pool.on('error', onConnectionLost);
  const parsed = new URL(url);
  const location = `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  const runScript = async (script: string) => {
    await pool.query(script);
  };
  // pg sends arrays as text literals that the server casts, so new types need no refresh here.
  return database('postgres', location, { factory: new PrismaPg(pool), close: () => pool.end(), runScript });
}

export function openDatabase(settings: { url: string | undefined; dataDir: string }, onConnectionLost?: (error: Error) => void): Promise<Database> {
  return settings.url ? Promise.resolve(openPostgresDatabase(settings.url, 10, onConnectionLost)) : openEmbeddedDatabase(settings.dataDir);
}
