/**
 * Benchmark of the daily due lists on a city-sized PostgreSQL database (issues 4 and 15).
 * Run: npm run bench:due [-- --job-only] [-- --node-options "<flags for the job's process>"]
 *      [-- --json <file>]   (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test; the data lives in the database `sunshine_bench` next to
 * it, seeded by bench/seed.ts on first run).
 *
 * First, the job as the bot runs it (issue 15, item 5): runDailyDueLists for every linked
 * community, posting to a local fake Slack Web API, JOB_RUNS times, each in a fresh child process
 * so that its peak RSS is the job's own (sampled every 10 ms by the child, which also reports the
 * kernel's high-water mark); wall time from the job's start to its summary. Before each run
 * today's due-list claims are deleted, so every run posts every community again. Digests of the
 * messages posted and of the DailyPost rows written show whether two versions of the job do the
 * same. Targets: peak RSS ≤ 300 MB, wall time within 1.2× of the job before streaming (BEFORE_JOB).
 *
 * Then the steps, as the daily job once did them for every linked community at once:
 *   a. the hand-written reference: one statement with the last face-to-face visit, last check-in
 *      and last test taken (a refusal closes no window) of every active client (what the rest is
 *      measured against);
 *   b. loadDueClients — the job's two queries, rows turned into ClientFacts;
 *   c. dueEntries — the schedule core over every client;
 *   d. buildDueMessage for every community with something due.
 * One warm-up run, then RUNS timed runs; medians are reported. Target: b + c + d ≤ 2 s.
 * Peak memory: RSS sampled every 10 ms (and at the end of every step, since c and d are
 * synchronous and block the sampler), and the highest heapUsed seen.
 * "Today" is the day the data was seeded for, so later runs compare like with like.
 * With `--json <file>` the job's and the steps' figures are written there (bench/report.ts).
 */
// First, as main.ts does: WebAssembly (Prisma's query compiler) compiled once, as the bot runs it.
import '../src/wasm-flags.js';
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebClient } from '@slack/web-api';
import { openPostgresDatabase, type Prisma } from '../src/db/client.js';
import { fromDbDate, toDbDate } from '../src/db/dates.js';
import type { LocalDate } from '../src/domain/dates.js';
import { DEFAULT_RULES } from '../src/domain/rules.js';
import { workingCalendar } from '../src/domain/working-days.js';
import { loadDueClients } from '../src/features/due-lists/facts.js';
import { runDailyDueLists, type DueRunSummary } from '../src/features/due-lists/slack/job.js';
import type { DueJobDeps } from '../src/job-deps.js';
import { dueEntries, type DueClient, type DueEntry } from '../src/features/due-lists/list.js';
import { buildDueMessage } from '../src/features/due-lists/slack/message.js';
import { translator } from '../src/i18n/index.js';
import { createLogger } from '../src/logger.js';
import { FAKE_TOKENS, FakeSlack } from '../test/support/fake-slack.js';
import { startFlags } from './harness.js';
import { reportRows, type Row } from './report.js';

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
let sampler: NodeJS.Timeout | undefined;

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

// ---- The job as the bot runs it, each run in a fresh child process ----

const JOB_RUNS = 3;
const JOB_RSS_GOAL_MB = 300;
/**
 * The job before it streamed batches of communities (commit 1d25361, all 47,500 clients loaded
 * first; with the bot's --liftoff-only of src/wasm-flags.ts), measured by this script on
 * 5 December 2026: medians of 6 runs in two sessions alternating with the streaming job, the
 * machine busy with other work (load average 6–10). Wall time moved with the load (9.4–17.3 s),
 * CPU time much less.
 */
const BEFORE_JOB = { ms: 14_419, cpuMs: 7_317, rssMb: 378, at: 'commit 1d25361, 5 Dec 2026, 6 runs, load average 6–10' };
/**
 * Extra flags for the job's process (`--node-options "--max-old-space-size=512"`): what-ifs, after
 * the bot's own (npm start's heap settings, startFlags in harness.ts).
 */
const CHILD_FLAGS = (() => {
  const at = process.argv.indexOf('--node-options');
  return at >= 0 ? (process.argv[at + 1] ?? '').split(' ').filter(Boolean) : [];
})();

interface JobRequest {
  url: string;
  today: LocalDate;
  apiUrl: string;
}

interface JobResult {
  ms: number;
  /** CPU time of the child (user + system) during the job. */
  cpuMs: number;
  /** RSS when the job started (Node, Prisma and the modules loaded, connected). */
  startRss: number;
  /** Highest RSS sampled every 10 ms during the job. */
  peakRss: number;
  /** The kernel's high-water mark of the child's RSS over its whole life. */
  maxRss: number;
  peakHeap: number;
  summary: DueRunSummary;
}

/** In the child: the bot's job dependencies against the fake Slack, one run, measured from inside. */
async function jobChild(request: JobRequest): Promise<void> {
  const db = openPostgresDatabase(request.url);
  try {
    await db.prisma.$queryRaw`SELECT 1`; // connected, as the bot is when the morning's cron fires
    const web = (rejectRateLimitedCalls: boolean) =>
      new WebClient(FAKE_TOKENS.bot, { slackApiUrl: request.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls });
    const deps: DueJobDeps = {
      prisma: db.prisma,
      slack: web(false),
      once: web(true),
      config: { timeZone: 'Asia/Shanghai', defaultLocale: 'zh-CN', duePostEmpty: false, adminUserIds: [], managersChannel: undefined },
      rules: DEFAULT_RULES,
      // The day of seeding may be a weekend: here every day is a working day.
      calendar: { ...workingCalendar(), isWorkingDay: () => true },
      log: createLogger({ level: 'warn' }),
      instanceId: `bench-due:${process.pid}`,
      now: () => new Date(`${request.today}T01:00:00Z`), // 09:00 in Asia/Shanghai
    };
    let peak = 0;
    let heap = 0;
    const measure = () => {
      const { rss, heapUsed } = process.memoryUsage();
      peak = Math.max(peak, rss);
      heap = Math.max(heap, heapUsed);
    };
    const startRss = process.memoryUsage().rss;
    const timer = setInterval(measure, 10);
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const summary = await runDailyDueLists(deps);
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpu0);
    measure();
    clearInterval(timer);
    const result: JobResult = {
      ms, cpuMs: (cpu.user + cpu.system) / 1000, startRss, peakRss: peak, maxRss: process.resourceUsage().maxRSS * 1024, peakHeap: heap, summary,
    };
    await new Promise((resolve) => process.send!(result, resolve));
  } finally {
    await db.close();
  }
}

/**
 * This file compiled to one JavaScript module, for the child: the bot runs compiled JavaScript
 * (`node --enable-source-maps dist/main.js`), and tsx's loader (a second thread that compiles
 * TypeScript) would add some 70 MB of RSS that the bot never has.
 */
async function compiledSelf(): Promise<string> {
  const { build } = await import('esbuild'); // what tsx compiles with
  const outfile = join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules', '.cache', 'bench-due', 'due.mjs');
  await build({
    entryPoints: [fileURLToPath(import.meta.url)], outfile, bundle: true, packages: 'external', platform: 'node', format: 'esm', sourcemap: true, logLevel: 'warning',
  });
  return outfile;
}

function runJobChild(script: string, request: JobRequest): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const child = fork(script, ['--job-child', JSON.stringify(request)], { execArgv: [...startFlags(), ...CHILD_FLAGS], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: JobResult | undefined;
    child.on('message', (message) => (result = message as JobResult));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`the job's process exited with ${code}`))));
  });
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

interface JobFigures {
  runs: JobResult[];
  /** What Slack received (channel, text, blocks, by channel) and the DailyPost rows written. */
  messagesDigest: string;
  postsDigest: string;
  messages: number;
}

/** JOB_RUNS runs of the job, each after today's due-list claims were deleted (the bench database only). */
async function measureJob(prisma: Prisma, url: string, today: LocalDate): Promise<JobFigures> {
  const script = await compiledSelf();
  // The bot was invited to every linked community's channel, as an admin does when linking it.
  const linked = await prisma.community.findMany({ where: { channelId: { not: null } }, select: { channelId: true } });
  const fake = (await new FakeSlack().start()).join(...linked.map((c) => c.channelId!));
  const todays = { localDate: toDbDate(today), kind: 'due_list' as const };
  const runs: JobResult[] = [];
  let messagesDigest = '';
  let postsDigest = '';
  let messages = 0;
  try {
    for (let i = 0; i < JOB_RUNS; i++) {
      await prisma.dailyPost.deleteMany({ where: todays });
      fake.reset();
      const run = await runJobChild(script, { url, today, apiUrl: fake.apiUrl });
      runs.push(run);
      const sent = fake.callsOf('chat.postMessage')
        .map(({ args }) => ({ channel: String(args.channel), text: args.text, blocks: args.blocks }))
        .sort((a, b) => a.channel.localeCompare(b.channel));
      const rows = await prisma.dailyPost.findMany({
        where: todays,
        select: { communityId: true, channelId: true, state: true, entries: true, doneClientIds: true, error: true },
        orderBy: { communityId: 'asc' },
      });
      messagesDigest = digest(sent);
      postsDigest = digest(rows);
      messages = sent.length;
      console.log(`  run ${i + 1}: ${run.ms.toFixed(0)} ms (cpu ${run.cpuMs.toFixed(0)} ms), peak RSS ${(run.peakRss / MB).toFixed(0)} MB ` +
        `(at start ${(run.startRss / MB).toFixed(0)} MB, kernel high-water ${(run.maxRss / MB).toFixed(0)} MB), heapUsed ${(run.peakHeap / MB).toFixed(0)} MB; ` +
        `${JSON.stringify(run.summary)}; ${sent.length} messages, digest ${messagesDigest}, rows ${postsDigest}`);
    }
  } finally {
    await prisma.dailyPost.deleteMany({ where: todays });
    await fake.stop();
  }
  return { runs, messagesDigest, postsDigest, messages };
}

async function main(): Promise<void> {
  // Imported here: the child's compiled copy of this file must not run seed.ts's command line.
  const { ensureSeeded } = await import('./seed.js');
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

    const jobLoadBefore = os.loadavg()[0]!;
    console.log(`\ndaily due job for ${today} on PostgreSQL ${version} (${new URL(seed.url).pathname.slice(1)}), Node ${process.version}, ` +
      `${os.cpus().length} cores: ${communities.length.toLocaleString('en')} linked communities, ${JOB_RUNS} runs, each in a new process`);
    const job = await measureJob(prisma, seed.url, today);
    const jobMs = median(job.runs.map((r) => r.ms));
    const jobRssMb = median(job.runs.map((r) => r.peakRss)) / MB;
    const jobCpuMs = median(job.runs.map((r) => r.cpuMs));
    const jobRatio = jobMs / BEFORE_JOB.ms;
    console.log(`job: median ${jobMs.toFixed(0)} ms (cpu ${jobCpuMs.toFixed(0)} ms), peak RSS ${jobRssMb.toFixed(0)} MB (goal ≤ ${JOB_RSS_GOAL_MB} MB); ` +
      `before: ${BEFORE_JOB.ms} ms (cpu ${BEFORE_JOB.cpuMs} ms), ${BEFORE_JOB.rssMb} MB (${BEFORE_JOB.at}), ` +
      `wall ×${jobRatio.toFixed(2)} (goal ≤ 1.2), cpu ×${(jobCpuMs / BEFORE_JOB.cpuMs).toFixed(2)}${CHILD_FLAGS.length ? `; node ${CHILD_FLAGS.join(' ')}` : ''}; ` +
      `load average (1 min): ${jobLoadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after`);

    const runs = `median of ${JOB_RUNS} runs, each in a new process`;
    const jobRows: Row[] = [
      {
        section: 'jobs', figure: 'daily due job, 2,000 communities: peak RSS', db: 'PostgreSQL', median: Math.round(jobRssMb), unit: 'MB',
        goal: `≤ ${JOB_RSS_GOAL_MB} MB`, met: jobRssMb <= JOB_RSS_GOAL_MB,
        note: `${runs}, sampled every 10 ms; before: ${BEFORE_JOB.rssMb} MB (${BEFORE_JOB.at})`,
      },
      {
        section: 'jobs', figure: 'daily due job, 2,000 communities: wall time', db: 'PostgreSQL', median: Math.round(jobMs), unit: 'ms',
        goal: 'within 1.2× of before', met: jobRatio <= 1.2,
        note: `${runs}, ${job.messages} messages to a fake Slack, cpu ${jobCpuMs.toFixed(0)} ms; before: ${BEFORE_JOB.ms} ms, cpu ${BEFORE_JOB.cpuMs} ms ` +
          `(${BEFORE_JOB.at}); ×${jobRatio.toFixed(2)}`,
      },
    ];
    if (process.argv.includes('--job-only')) {
      reportRows(jobRows);
      return;
    }

    sampler = setInterval(sample, 10);

    const reference = () => prisma.$queryRaw<ReferenceRow[]>`
      SELECT c.id, v.last AS "lastVisit", k.last AS "lastCheckIn", u.last AS "lastTest"
      FROM "Client" c
      LEFT JOIN (SELECT "clientId", max(date) AS last FROM "Visit"
                 WHERE "deletedAt" IS NULL AND date <= ${today}::date AND kind = ANY(${kinds}::"VisitKind"[])
                 GROUP BY "clientId") v ON v."clientId" = c.id
      LEFT JOIN (SELECT "clientId", max(date) AS last FROM "CheckIn"
                 WHERE "deletedAt" IS NULL AND date <= ${today}::date GROUP BY "clientId") k ON k."clientId" = c.id
      LEFT JOIN (SELECT "clientId", max(date) AS last FROM "UrineTest"
                 WHERE "deletedAt" IS NULL AND date <= ${today}::date AND result <> 'refused' GROUP BY "clientId") u ON u."clientId" = c.id
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
        blocks += buildDueMessage(t, { communityName: community.name, date: today, entries: list, soonDays: DEFAULT_RULES.dueSoonDays }).blocks.length;
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

    reportRows([
      ...jobRows,
      {
        section: 'jobs', figure: 'due lists for 2,000 communities: load, schedule, messages (b + c + d)', db: 'PostgreSQL', median: Math.round(total), unit: 'ms',
        goal: `≤ ${TARGET_MS.toLocaleString('en')} ms`, met: total <= TARGET_MS,
        note: `median of ${RUNS} runs in one process; reference query (a): ${median(times.a).toFixed(0)} ms`,
      },
    ]);
  } finally {
    clearInterval(sampler);
    await db.close();
  }
}

const child = process.argv.indexOf('--job-child');
(child >= 0 ? jobChild(JSON.parse(process.argv[child + 1]!) as JobRequest) : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
