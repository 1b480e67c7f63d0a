/**
 * Benchmark of the daily due lists on a city-sized PostgreSQL database (issue 4).
 * Run: npm run bench:due   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test;
 * the data lives in the database `sunshine_bench` next to it, seeded by bench/seed.ts on first run).
 *
 * Times, as the daily job does them for every linked community at once:
 *   a. the hand-written reference: one statement with the last face-to-face visit, last check-in
 *      and last test date of every active client (what the rest is measured against);
 *   b. loadDueClients — the job's two queries, rows turned into ClientFacts;
 *   c. dueEntries — the schedule core over every client;
 *   d. buildDueMessage for every community with something due.
 * One warm-up run, then RUNS timed runs; medians are reported. Target: b + c + d ≤ 2 s.
 * Peak memory: RSS sampled every 10 ms (and at the end of every step, since c and d are
 * synchronous and block the sampler), and the highest heapUsed seen.
 * "Today" is the day the data was seeded for, so later runs compare like with like.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { openPostgresDatabase } from '../src/db/client.js';
import { fromDbDate } from '../src/db/dates.js';
import { DEFAULT_RULES } from '../src/domain/rules.js';
import { loadDueClients } from '../src/features/due-lists/facts.js';
import { dueEntries, type DueClient, type DueEntry } from '../src/features/due-lists/list.js';
import { buildDueMessage } from '../src/features/due-lists/message.js';
import { translator } from '../src/i18n/index.js';
import { ensureSeeded } from './seed.js';

const RUNS = 5;
const TARGET_MS = 2_000;
const MB = 1024 * 1024;

type Step = 'a' | 'b' | 'c' | 'd';
const LABELS: Record<Step | 'total', string> = {
  a: 'a  reference query (1 statement)',
  b: 'b  loadDueClients',
  c: 'c  dueEntries',
  d: 'd  buildDueMessage, every community',
  total: 'b + c + d',
};

// Memory: one sampler for the whole process, attributing peaks to the step in progress.
const peakRss: Record<Step | 'idle', number> = { a: 0, b: 0, c: 0, d: 0, idle: 0 };
let peakHeap = 0;
let current: Step | 'idle' = 'idle';
function sample(): void {
  const { rss, heapUsed } = process.memoryUsage();
  if (rss > peakRss[current]) peakRss[current] = rss;
  if (heapUsed > peakHeap) peakHeap = heapUsed;
}
const sampler = setInterval(sample, 10);

/** Wall time, and the CPU time of this process (less sensitive to a busy machine than wall time). */
async function timed<T>(step: Step, work: () => T | Promise<T>): Promise<{ ms: number; cpu: number; value: T }> {
  current = step;
  sample();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu0);
  sample();
  current = 'idle';
  return { ms, cpu: (used.user + used.system) / 1000, value };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((p, q) => p - q);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

interface ReferenceRow {
  id: number;
  lastVisit: Date | null;
  lastCheckIn: Date | null;
  lastTest: Date | null;
}

async function main(): Promise<void> {
  const seed = await ensureSeeded();
  const db = openPostgresDatabase(seed.url);
  const prisma = db.prisma;
  const today = seed.seededOn;
  const rules = DEFAULT_RULES;
  const t = translator('zh-CN');
  try {
    const version = (await prisma.$queryRaw<{ version: string }[]>`SELECT current_setting('server_version') AS version`)[0]?.version ?? '?';
    const communities = await prisma.community.findMany({
      where: { channelId: { not: null } },
      select: { id: true, name: true },
      orderBy: { id: 'asc' },
    });
    const communityIds = communities.map((c) => c.id);
    const kinds = rules.visit.countingKinds;

    const reference = () => prisma.$queryRaw<ReferenceRow[]>`
      SELECT c.id, v.last AS "lastVisit", k.last AS "lastCheckIn", u.last AS "lastTest"
      FROM "Client" c
      LEFT JOIN (SELECT "clientId", max(date) AS last FROM "Visit"
                 WHERE "deletedAt" IS NULL AND date <= ${today}::date AND kind = ANY(${kinds}::"VisitKind"[])
                 GROUP BY "clientId") v ON v."clientId" = c.id
      LEFT JOIN (SELECT "clientId", max(date) AS last FROM "CheckIn"
                 WHERE "deletedAt" IS NULL AND date <= ${today}::date GROUP BY "clientId") k ON k."clientId" = c.id
      LEFT JOIN (SELECT "clientId", max(date) AS last FROM "UrineTest"
                 WHERE "deletedAt" IS NULL AND date <= ${today}::date GROUP BY "clientId") u ON u."clientId" = c.id
      WHERE c."communityId" = ANY(${communityIds}) AND c.status NOT IN ('transferred_out', 'completed', 'terminated')`;

    const buildAll = (clients: DueClient[], entries: DueEntry[]) => {
      const byCommunity = new Map<number, DueEntry[]>();
      const communityOf = new Map(clients.map((c) => [c.id, c.communityId]));
      for (const entry of entries) {
        const id = communityOf.get(entry.clientId)!;
        const list = byCommunity.get(id);
        if (list) list.push(entry);
        else byCommunity.set(id, [entry]);
      }
      let messages = 0;
      let blocks = 0;
      for (const community of communities) {
        const list = byCommunity.get(community.id);
        if (!list) continue;
        blocks += buildDueMessage(t, { communityName: community.name, date: today, entries: list }).blocks.length;
        messages += 1;
      }
      return { messages, blocks };
    };

    const run = async () => {
      const a = await timed('a', reference);
      const b = await timed('b', () => loadDueClients(prisma, communityIds, today, rules));
      const c = await timed('c', () => dueEntries(b.value, today, rules));
      const d = await timed('d', () => buildAll(b.value, c.value));
      return { a, b, c, d };
    };

    const loadBefore = os.loadavg()[0]!;
    console.log(`\ndue lists for ${today} on PostgreSQL ${version} (${new URL(seed.url).pathname.slice(1)}), Node ${process.version}, ` +
      `${os.cpus().length} cores; 1 warm-up + ${RUNS} runs`);
    const warm = await run();
    const times: Record<Step | 'total', number[]> = { a: [], b: [], c: [], d: [], total: [] };
    const cpu: Record<Step | 'total', number[]> = { a: [], b: [], c: [], d: [], total: [] };
    let last = warm;
    for (let i = 0; i < RUNS; i++) {
      last = await run();
      for (const s of ['a', 'b', 'c', 'd'] as const) {
        times[s].push(last[s].ms);
        cpu[s].push(last[s].cpu);
      }
      times.total.push(last.b.ms + last.c.ms + last.d.ms);
      cpu.total.push(last.b.cpu + last.c.cpu + last.d.cpu);
    }
    clearInterval(sampler);
    const loadAfter = os.loadavg()[0]!;

    const fmt = (ms: number) => ms.toFixed(0).padStart(7);
    console.log(`\n${'wall ms (node CPU ms: this process only)'.padEnd(38)} ${'median'.padStart(7)} ${'min'.padStart(7)} ${'max'.padStart(7)} ${'cpu'.padStart(7)}   peak RSS`);
    for (const s of ['a', 'b', 'c', 'd', 'total'] as const) {
      const xs = times[s];
      const rss = s === 'total' ? Math.max(peakRss.b, peakRss.c, peakRss.d) : peakRss[s];
      console.log(`${LABELS[s].padEnd(38)} ${fmt(median(xs))} ${fmt(Math.min(...xs))} ${fmt(Math.max(...xs))} ${fmt(median(cpu[s]))}   ${(rss / MB).toFixed(0).padStart(5)} MB`);
    }
    const total = median(times.total);
    const overallRss = Math.max(...Object.values(peakRss));
    console.log(`\npeak memory: RSS ${(overallRss / MB).toFixed(0)} MB, heapUsed ${(peakHeap / MB).toFixed(0)} MB`);

    // Counts, and a check that b and a agree on the latest dates (b must do the same work).
    const clients = last.b.value;
    const refRows = last.a.value;
    const latest = new Map(clients.map((c) => [c.id, c.facts]));
    let mismatches = 0;
    for (const row of refRows) {
      const f = latest.get(row.id);
      const same = (d: Date | null, xs: { date: string }[] | undefined) => (d ? fromDbDate(d) : undefined) === xs?.[0]?.date;
      if (!f || !same(row.lastVisit, f.visits) || !same(row.lastCheckIn, f.checkIns) || !same(row.lastTest, f.tests)) mismatches += 1;
    }
    const entries = last.c.value.length;
    const { messages, blocks } = last.d.value;
    console.log(`clients: ${clients.length.toLocaleString('en')} loaded (reference: ${refRows.length.toLocaleString('en')}, ` +
      `${mismatches === 0 && clients.length === refRows.length ? 'same latest dates' : `${mismatches} differ`}); ` +
      `due entries: ${entries.toLocaleString('en')}; communities with a message: ${messages.toLocaleString('en')} of ` +
      `${communities.length.toLocaleString('en')} (${blocks.toLocaleString('en')} blocks)`);
    console.log(`load average (1 min): ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after — figures are only meaningful on an idle machine`);
    console.log(`target b + c + d ≤ ${TARGET_MS} ms: ${total <= TARGET_MS ? 'met' : 'NOT met'} (median ${total.toFixed(0)} ms; ` +
      `reference a: ${median(times.a).toFixed(0)} ms)`);
  } finally {
    clearInterval(sampler);
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
