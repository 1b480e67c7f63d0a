/**
 * Backup, restore and the cost of durability on the embedded database (issue 14).
 *
 *   npx tsx bench/backup.ts [--visits N] [--saves N]
 *
 * Builds the demo sub-district (`npm run demo`) in a new DATA_DIR, plus N extra visits (default
 * 20,000: about a year of a busy sub-district), then times:
 *   - the running bot's snapshot (what the nightly backup and kill -USR2 do), its size, and the
 *     longest a query waited meanwhile (how long the bot stops answering);
 *   - `npm run db:backup`'s work on a stopped folder, and `npm run db:restore`'s;
 *   - one visit saved through recordVisit (what a modal submission waits for before its ack)
 *     on the bot's embedded database (fsync at every commit, src/db/durable-fs.ts), alternated
 *     with saves on a copy of it opened with PGlite's defaults (fsync off: a commit reaches the
 *     kernel only, which survives kill -9 but not a power cut) — the cost of durability.
 */
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { backupDataDir, restoreBackup } from '../src/db/backup.js';
import { PGlite } from '@electric-sql/pglite';
import { openEmbeddedDatabase, pgliteDatabase, PGLITE_SUBDIR, type Database } from '../src/db/client.js';
import { PGLITE_EXTENSIONS } from '../src/db/extensions.js';
import { toDbDate } from '../src/db/dates.js';
import { seedDemo } from '../src/demo/seed.js';
import { todayIn } from '../src/domain/dates.js';
import type { Actor } from '../src/domain/access.js';
import { recordVisit } from '../src/features/visits/record.js';
import { tempDir } from '../test/support/process.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const EXTRA_VISITS = arg('--visits', 20_000);
const SAVES = arg('--saves', 200);

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (since: number) => `${Math.round(performance.now() - since)} ms`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

const today = todayIn('Asia/Shanghai', new Date());
const dataDir = join(tempDir('sunshine-bench-'), 'data');
let db = await openEmbeddedDatabase(dataDir);
await db.migrate();
let since = performance.now();
await seedDemo(db.prisma, today, {});
const client = await db.prisma.client.findFirstOrThrow({ where: { status: 'active' } });
const staff = await db.prisma.staff.findFirstOrThrow({ where: { role: 'worker', memberships: { some: { communityId: client.communityId } } } });
for (let done = 0; done < EXTRA_VISITS; done += 1000) {
  await db.prisma.visit.createMany({
    data: Array.from({ length: Math.min(1000, EXTRA_VISITS - done) }, (_, i) => ({
      clientId: client.id, date: toDbDate(today), kind: 'home' as const, recordedById: staff.id, notes: `visit ${done + i}: 母亲说他最近在找工作`,
    })),
  });
}
console.log(`database: demo + ${EXTRA_VISITS} visits, ${await db.prisma.visit.count()} visits in all, data folder ${mb(folderBytes(dataDir))} (seeded in ${ms(since)})`);

// Saving a visit, as the modal submission does before its ack: on the bot's database, and on a
// copy opened with PGlite's defaults.
await db.close();
const plainDir = join(tempDir('sunshine-bench-'), 'plain');
cpSync(dataDir, plainDir, { recursive: true });
const plain = pgliteDatabase(await PGlite.create({ dataDir: join(plainDir, PGLITE_SUBDIR), extensions: PGLITE_EXTENSIONS }));
db = await openEmbeddedDatabase(dataDir);
const actor: Actor = { userId: staff.slackUserId, staffId: staff.id, role: 'worker', isAdmin: false, communityIds: [client.communityId], locale: 'zh-CN' };
/** One save as a modal submission waits for it before its ack; answers the milliseconds. */
async function save(on: Database, key: string): Promise<number> {
  const start = performance.now();
  const result = await recordVisit(on.prisma, actor, { client: String(client.id), date: today, kind: 'home', urine: 'none' }, { today, now: new Date(), key });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return performance.now() - start;
}
const report = (label: string, times: number[]) => {
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`save a visit, ${label}: mean ${mean.toFixed(1)} ms, median ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms (${times.length} saves)`);
};
for (let i = 0; i < 50; i += 1) {
  await save(db, `bench:warm:${i}`);
  await save(plain, `bench:warm:${i}`);
}
// Alternated, so that other load on the machine falls on both alike.
const durable: number[] = [];
const written: number[] = [];
for (let i = 0; i < SAVES; i += 1) {
  durable.push(await save(db, `bench:durable:${i}`));
  written.push(await save(plain, `bench:plain:${i}`));
}
report('PGlite defaults (fsync off)', written);
report('the bot (fsync at every commit)', durable);
await plain.close();

// The longest a query waits meanwhile: how long the bot stops answering during the backup.
since = performance.now();
let copying = true;
const copy = db.snapshot!().finally(() => (copying = false));
let longestWait = 0;
while (copying) {
  const asked = performance.now();
  await db.prisma.$queryRaw`SELECT 1`;
  longestWait = Math.max(longestWait, performance.now() - asked);
  await new Promise((r) => setTimeout(r, 10));
}
const snapshot = await copy;
console.log(`snapshot of the running database (nightly backup, kill -USR2): ${ms(since)}, ${mb(snapshot.length)} gzipped; a query waited at most ${Math.round(longestWait)} ms`);
await db.close();

const file = join(tempDir('sunshine-bench-'), 'backup.tar.gz');
since = performance.now();
await backupDataDir(dataDir, file);
console.log(`db:backup of the stopped folder: ${ms(since)}, ${mb(statSync(file).size)}`);
since = performance.now();
const restored = await restoreBackup(file, dataDir, { force: true });
console.log(`db:restore --force: ${ms(since)} (the old folder moved to ${restored.replacedTo})`);
db = await openEmbeddedDatabase(dataDir);
console.log(`restored: ${await db.prisma.visit.count()} visits`);
await db.close();
