// `npm run db:migrate` applies pending migrations to the configured database (DATABASE_URL,
// else the embedded one in DATA_DIR). `npm run db:migration -- <name>` writes the next
// migration from the difference between the committed migrations and prisma/schema.prisma.
// Both run offline: the schema engine is WebAssembly, the shadow database an in-memory PGlite.
import 'dotenv/config';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './client.js';
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

const [command, name] = process.argv.slice(2);
try {
  if (command === 'migrate') await migrate();
  else if (command === 'migration') await createMigration(name);
  else {
    console.error('Usage: tsx src/db/cli.ts migrate | migration <name>');
    process.exit(2);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
