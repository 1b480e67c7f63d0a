/**
 * Benchmark of the weekly counts and the client status card on a city-sized PostgreSQL database
 * (issue 5). Run: npm run bench:week   (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test; the data lives in the database `sunshine_bench` next
 * to it — 2,000 communities, 50,000 clients, ~5 million records — seeded by bench/seed.ts on
 * first run).
 *
 * Times:
 *   a. the hand-written reference: one statement counting the week's visits by community and
 *      kind and its tests by community and result (what the rest is measured against);
 *   b. `/caseload week` for every community: periodCounts (every figure, this week to date and
 *      the same days last week) and the Block Kit message — target ≤ 0.5 s;
 *   c. `/caseload week last` (the scheduled report's week), likewise;
 *   d. of which: the clients overdue on both days (countOverdue, the schedule core over every
 *      client's last events — the largest part);
 *   e. one client status (the status card's clientStatus, audit insert included) — target ≤ 50 ms.
 * One warm-up run, then RUNS timed runs; medians are reported. "Today" is the day the data was
 * seeded for, so later runs compare like with like.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Actor } from '../src/domain/access.js';
import { openPostgresDatabase } from '../src/db/client.js';
import { toDbDate } from '../src/db/dates.js';
import { DEFAULT_RULES } from '../src/domain/rules.js';
import { periodCounts } from '../src/features/reports/counts.js';
import { countOverdue } from '../src/features/reports/overdue.js';
import { Prisma as Sql } from '../src/generated/prisma/client.js';
import { buildCountsMessage } from '../src/features/reports/message.js';
import { weekPeriod, type WeekChoice } from '../src/features/reports/period.js';
import { clientStatus } from '../src/features/status/client-status.js';
import { translator } from '../src/i18n/index.js';
import { ensureSeeded } from './seed.js';

const RUNS = 5;
const WEEK_TARGET_MS = 500;
const STATUS_TARGET_MS = 50;
/** An active client (every 20th has left) in the middle of the id range. */
const CLIENT_ID = 12_345;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(label: string, work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  const ms = median(times);
  console.log(`  ${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms   (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`);
  return ms;
}

const info = await ensureSeeded();
console.log(`bench database seeded for ${info.seededOn}${info.seeded ? ` just now (${info.seconds.toFixed(0)} s)` : ''}`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${RUNS} runs after a warm-up, medians\n`);

const db = openPostgresDatabase(info.url, 4);
const { prisma } = db;
const today = info.seededOn;
const t = translator('zh-CN');
const manager: Actor = { userId: 'UBENCH02151', staffId: 2151, role: 'manager', isAdmin: false, communityIds: [], locale: 'zh-CN' };

try {
  const thisWeek = weekPeriod({ kind: 'this' }, today)!;
  const reference = await measure(`a  reference aggregate (${thisWeek.counted.start}…${thisWeek.counted.end})`, () =>
    prisma.$queryRaw`
      SELECT c."communityId", 'visit' AS type, v.kind::text AS detail, count(*)::int FROM "Visit" v JOIN "Client" c ON c.id = v."clientId"
        WHERE v."deletedAt" IS NULL AND v.date BETWEEN ${toDbDate(thisWeek.counted.start)} AND ${toDbDate(thisWeek.counted.end)} GROUP BY 1, 2, 3
      UNION ALL
      SELECT c."communityId", 'test', u.result::text, count(*)::int FROM "UrineTest" u JOIN "Client" c ON c.id = u."clientId"
        WHERE u."deletedAt" IS NULL AND u.date BETWEEN ${toDbDate(thisWeek.counted.start)} AND ${toDbDate(thisWeek.counted.end)} GROUP BY 1, 2, 3`);

  let communities = 0;
  let records = 0;
  const week = (choice: WeekChoice) => async () => {
    const counts = await periodCounts(prisma, { communities: 'all', period: weekPeriod(choice, today)!, rules: DEFAULT_RULES });
    buildCountsMessage(t, counts);
    communities = counts.communities.length;
    const f = counts.total.current;
    records = f.faceToFace + f.phone + f.otherContacts + f.checkIns + f.negative + f.positive + f.refused;
  };
  const thisMs = await measure(`b  /caseload week, all communities (this)`, week({ kind: 'this' }));
  const thisRecords = records;
  const lastMs = await measure(`c  /caseload week last, all communities`, week({ kind: 'last' }));
  const lastWeek = weekPeriod({ kind: 'last' }, today)!;
  await measure(`d  of which: overdue on both days`, () =>
    prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL jit = off`;
      await countOverdue(tx, Sql.empty, [lastWeek.previous.end, lastWeek.counted.end], DEFAULT_RULES);
    }, { timeout: 120_000 }));
  const statusMs = await measure(`e  client status (client ${CLIENT_ID})`, async () => {
    const result = await clientStatus(prisma, manager, CLIENT_ID, today, DEFAULT_RULES);
    if (!result.ok) throw new Error(`client ${CLIENT_ID}: ${result.reason}`);
  });

  console.log(`\n  ${communities} communities; this week so far ${thisRecords} records, last week ${records}.`);
  console.log(`  week:   ${Math.max(thisMs, lastMs).toFixed(0)} ms (target ≤ ${WEEK_TARGET_MS} ms; reference aggregate ${reference.toFixed(0)} ms) — ${Math.max(thisMs, lastMs) <= WEEK_TARGET_MS ? 'ok' : 'OVER TARGET'}`);
  console.log(`  status: ${statusMs.toFixed(1)} ms (target ≤ ${STATUS_TARGET_MS} ms) — ${statusMs <= STATUS_TARGET_MS ? 'ok' : 'OVER TARGET'}`);
} finally {
  await db.close();
}
