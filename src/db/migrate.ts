// Migrations without Prisma's native engines (which would be downloaded at install time and
// cannot be on an offline intranet): the schema engine compiled to WebAssembly, talking to
// the database through the same driver adapters the bot uses. It applies
// prisma/migrations/*/migration.sql and records `_prisma_migrations` exactly like
// `prisma migrate deploy`, and diffs the migrations against the schema with an in-memory
// PGlite as the shadow database.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PGLITE_EXTENSIONS } from './extensions.js';
import { PRISMA_DIR } from './paths.js';

export const MIGRATIONS_DIR = join(PRISMA_DIR, 'migrations');
export const SCHEMA_PATH = join(PRISMA_DIR, 'schema.prisma');
const LOCKFILE_CONTENT = 'provider = "postgresql"\n';
const EMPTY_MIGRATION = '-- This is an empty migration.';

// The WebAssembly global, typed for the one call made here (the ES lib has no wasm types).
const { WebAssembly: wasmApi } = globalThis as unknown as {
  WebAssembly: {
    instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
  };
};

let wasmReady: Promise<void> | undefined;

/** Instantiates the wasm engine once per process. */
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const imports: Record<string, unknown> = { ...bg };
    // The engine arms 10 s timers it never clears; unref them so a CLI run or a test process
    // can exit as soon as its work is done.
    for (const key of Object.keys(imports)) {
      if (key.startsWith('__wbg_setTimeout_')) {
        imports[key] = (fn: () => void, ms: number) => setTimeout(fn, ms >>> 0).unref();
      }
    }
    const { instance } = await wasmApi.instantiate(await readFile(wasmPath), { './schema_engine_bg.js': imports });
    (bg as unknown as { __wbg_set_wasm(exports: Record<string, unknown>): void }).__wbg_set_wasm(instance.exports);
    // Initialises wasm-bindgen's table of JS values (undefined, null, true, false live there).
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

/** Reads prisma/migrations in the shape the engine expects (directories sorted by name). */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: LOCKFILE_CONTENT },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** Runs a whole migration script in one round trip (the server parses it, not a `;` split). */
export type ScriptRunner = (script: string) => Promise<void>;

/**
 * Adapts a connection for the engine: it needs a schema name, which the adapters leave unset
 * for the default schema; and adapter-pg splits scripts on every `;`, which breaks function
 * bodies, so a script runner can replace its executeScript.
 */
function forEngine(adapter: SqlDriverAdapter, runScript?: ScriptRunner): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === 'executeScript' && runScript) return runScript;
      if (property === 'getConnectionInfo') {
        return () => {
          const info = target.getConnectionInfo?.() ?? { supportsRelationJoins: true };
          return { ...info, schemaName: info.schemaName ?? 'public' };
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Wraps the bot's adapter factory so that the engine's shadow database is an in-memory PGlite
 * (adapter-pg as a shadow reuses the main database), and closes every shadow afterwards.
 */
async function withEngine<T>(
  target: SqlMigrationAwareDriverAdapterFactory | undefined,
  work: (engine: SchemaEngine) => Promise<T>,
  runScript?: ScriptRunner,
): Promise<T> {
  await loadWasm();
  const shadows: PGlite[] = [];
  const openShadow = async () => {
    const shadow = await PGlite.create({ dataDir: 'memory://', extensions: PGLITE_EXTENSIONS });
    shadows.push(shadow);
    return new PrismaPGlite(shadow);
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: target?.adapterName ?? 'pglite-shadow',
    connect: async () => (target ? forEngine(await target.connect(), runScript) : forEngine(await (await openShadow()).connect())),
    connectToShadowDb: async () => forEngine(await (await openShadow()).connect()),
  };
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(shadows.map((s) => s.close()));
  }
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Applies pending migrations to the database behind `factory`; returns their names. */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir = MIGRATIONS_DIR,
  runScript?: ScriptRunner,
): Promise<string[]> {
  const migrationsList = await readMigrations(migrationsDir);
  return withEngine(
    factory,
    async (engine) => {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
      return appliedMigrationNames;
    },
    runScript,
  );
}

/**
 * The SQL that would bring a database built from the committed migrations up to
 * prisma/schema.prisma; empty when they agree (no drift).
 */
export async function diffMigrationsToSchema(): Promise<string> {
  const migrationsList = await readMigrations();
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  return withEngine(undefined, async (engine) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: false,
      filters: NO_FILTERS,
    });
    const sql = (result.stdout ?? '').trim();
    return sql === EMPTY_MIGRATION ? '' : sql;
  });
}


