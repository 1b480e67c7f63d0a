// Runs once per test run. It compiles the bot (as `npm start` would before starting), so that
// end-to-end files starting it side by side do not each compile it at once. Then it builds one
// migrated database that every other test file copies, so the schema engine (≈ 5 s) runs once,
// not once per file.
// - PGlite (default): migrate an in-memory database and dump its data folder to a file.
// - PostgreSQL (TEST_DATABASE_URL set): create a fresh, uniquely named template database and
//   migrate it; each test file clones it (CREATE DATABASE … TEMPLATE), and all are dropped after.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openPostgresDatabase, pgliteDatabase } from '../../src/db/client.js';
import { PGLITE_EXTENSIONS } from '../../src/db/extensions.js';
import { PROJECT_ROOT } from './process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    pgTemplate: string;
  }
}

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabases(base: string, prefix: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    // Clones first (longest names), the template last; one failure must not keep the rest.
    for (const { datname } of rows.sort((a, b) => b.datname.length - a.datname.length)) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch((error: Error) => {
        console.error(`could not drop test database ${datname}: ${error.message}`);
      });
    }
  } finally {
    await admin.end();
  }
}

/** `npm run build`: src/ compiled to dist/ (nothing to do when it is up to date). */
function build(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', 'src'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the build failed:\n${result.stdout}${result.stderr}`);
}

/** The migrated database every test file copies; answers its teardown. */
export async function provideMigratedDatabase(project: TestProject): Promise<() => Promise<void>> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const template = `sunshine_test_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${template}"`);
    await admin.end();
    const db = openPostgresDatabase(databaseUrl(base, template), 2);
    await db.migrate();
    await db.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteDump', '');
    return () => dropDatabases(base, template);
  }
  const pglite = await PGlite.create({ dataDir: 'memory://', extensions: PGLITE_EXTENSIONS });
  const db = pgliteDatabase(pglite);
  await db.migrate();
  const dump = await pglite.dumpDataDir('none');
  const dir = mkdtempSync(join(tmpdir(), 'sunshine-test-'));
  const file = join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('pgliteDump', file);
  project.provide('pgTemplate', '');
  return async () => rmSync(dir, { recursive: true, force: true });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  build();
  return provideMigratedDatabase(project);
}
