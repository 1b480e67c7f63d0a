/**
 * Backup, restore and the cost of durability on the embedded database (issue 14).
 *
 *   npx tsx bench/backup.ts [--visits N] [--saves N]
 *
 * Builds the demo sub-district (`npm run demo`) in a new DATA_DIR, plus N extra visits (default
 * 20,000: about a year of a busy sub-district), then times:
 *   - the running bot's snapshot (what the nightly backup and kill -USR2 do) and its size;
 *   - `npm run db:backup`'s work on a stopped folder, and `npm run db:restore`'s;
 *   - one visit saved through recordVisit (what a modal submission waits for before its ack),
 *     as it is (PGlite writes through to the files at commit, which survives kill -9), and with
 *     an fsync of the write-ahead log after each save (what surviving a power cut would cost:
 *     PGlite on Node runs PostgreSQL with fsync off and has no fsync of its own).
 */
import { closeSync, fsyncSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { backupDataDir, restoreBackup } from '../src/db/backup.js';
import { openEmbeddedDatabase, PGLITE_SUBDIR } from '../src/db/client.js';
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

/** fsync of every write-ahead log segment: what PostgreSQL with fsync=on does at each commit. */
function fsyncWal(dataDir: string): void {
  const wal = join(dataDir, PGLITE_SUBDIR, 'pg_wal');
  for (const name of readdirSync(wal)) {
    if (!/^[0-9A-F]{24}$/.test(name)) continue;
    const fd = openSync(join(wal, name), 'r+');
    fsyncSync(fd);
    closeSync(fd);
  }
}

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

// Saving a visit, as the modal submission does before its ack.
const actor: Actor = { userId: staff.slackUserId, staffId: staff.id, role: 'worker', isAdmin: false, communityIds: [client.communityId], locale: 'zh-CN' };
/** One save as a modal submission waits for it before its ack; answers the milliseconds. */
async function save(key: string, after: () => void): Promise<number> {
  const start = performance.now();
  const result = await recordVisit(db.prisma, actor, { client: String(client.id), date: today, kind: 'home', urine: 'none' }, { today, now: new Date(), key });
  after();
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return performance.now() - start;
}
const report = (label: string, times: number[]) => {
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`save a visit, ${label}: mean ${mean.toFixed(1)} ms, median ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms (${times.length} saves)`);
};
for (let i = 0; i < 50; i += 1) await save(`bench:warm:${i}`, () => undefined);
// Alternated, so that other load on the machine falls on both alike.
const plain: number[] = [];
const synced: number[] = [];
const fsyncs: number[] = [];
for (let i = 0; i < SAVES; i += 1) {
  plain.push(await save(`bench:plain:${i}`, () => undefined));
  synced.push(
    await save(`bench:fsync:${i}`, () => {
      const start = performance.now();
      fsyncWal(dataDir);
      fsyncs.push(performance.now() - start);
    }),
  );
}
report('as is (write-through at commit)', plain);
report('with an fsync of the WAL after each', synced);
report('the fsync alone', fsyncs);

since = performance.now();
const snapshot = await db.snapshot!();
console.log(`snapshot of the running database (nightly backup, kill -USR2): ${ms(since)}, ${mb(snapshot.length)} gzipped`);
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
