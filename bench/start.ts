/**
 * Start-up: how long from `npm start` until the bot answers GET /healthz with 200, on an empty
 * database and on one with 50,000 clients, embedded (PGlite) and on PostgreSQL. Also started
 * as the systemd unit does (`node dist/main.js`, no npm and no build check) and, for comparison,
 * without the build (`node --import tsx src/main.ts`: TypeScript compiled at every start, as
 * `npm start` did before it ran dist/).
 *
 *   npx tsx bench/start.ts [--runs N] [--launcher <name>]… [--json <file>]
 *   (default 5 runs per case; medians, min and max; every launcher unless named)
 *
 * Cases:
 *   1. embedded, empty: a new DATA_DIR every run (PGlite's initdb and every migration);
 *   2. embedded, 50,000 clients: a data folder seeded once by bench/seed.ts's generator with
 *      2,000 communities, 50,000 clients and ~500,000 records (a tenth of the city's records:
 *      PGlite is a single sub-district's database), its overdue days worked out;
 *   3. PostgreSQL, empty: a new database every run, migrated at start;
 *   4. PostgreSQL, 50,000 clients: `sunshine_bench` (bench/seed.ts; 5 million records).
 * Every run is stopped with SIGTERM and must exit 0. Slack is not reachable (the identity lookup
 * at start fails fast, as on an intranet without Slack yet; it is not awaited by the start).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../test/support/process.js';
import { seededDataDir } from './embedded.js';
import { healthy, startFlags } from './harness.js';
import { median, reportRows, type BenchDb, type Row } from './report.js';
import { benchDatabaseUrl, ensureSeeded } from './seed.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
/** `--launcher <name>` (repeatable): only these ways of starting (default: all three). */
const chosen = process.argv.flatMap((arg, i) => (arg === '--launcher' ? [process.argv[i + 1]!] : []));

const LAUNCHERS = {
  'npm start': ['npm', ['start']],
  'node dist/main.js': [process.execPath, [...startFlags(), 'dist/main.js']],
  'tsx src/main.ts': [process.execPath, ['--import', 'tsx', 'src/main.ts']],
} as const;
type Launcher = keyof typeof LAUNCHERS;

/** One start: ms until /healthz answers 200, then SIGTERM and a clean exit. */
async function startOnce(launcher: Launcher, database: Record<string, string>): Promise<number> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), npm_config_update_notifier: 'false',
    DOTENV_CONFIG_PATH: '/nonexistent/.env', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: '0123456789abcdef0123',
    SLACK_API_URL: 'http://127.0.0.1:9/api/', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...database,
  };
  const started = performance.now();
  const [command, args] = LAUNCHERS[launcher];
  const child = spawn(command, args, { cwd: ROOT, env, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let gone = false;
  void exited.then(() => (gone = true));
  while (!(await healthy(port))) {
    if (gone) throw new Error(`${launcher} exited before it was healthy`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const ms = performance.now() - started;
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`${launcher} exited ${code} after SIGTERM`);
  return ms;
}

async function withNewDatabase<T>(server: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `sunshine_bench_start_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(server);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `${median.toFixed(0).padStart(6)} ms  (min ${sorted[0]!.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)})`;
}

const rows: Row[] = [];

function record(label: string, db: BenchDb, times: number[]): void {
  console.log(`${label.padEnd(56)} ${summary(times)}`);
  rows.push({ section: 'start', figure: `start to healthy: ${label}`, db, median: Math.round(median(times)), unit: 'ms', note: `${times.length} runs, max ${Math.max(...times).toFixed(0)} ms` });
}

async function timeCase(label: string, db: BenchDb, launcher: Launcher, database: () => Promise<Record<string, string>>, cleanup?: (env: Record<string, string>) => Promise<void>) {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const env = await database();
    times.push(await startOnce(launcher, env));
    await cleanup?.(env);
  }
  record(label, db, times);
}

const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
console.log(`start-up to a healthy /healthz, ${RUNS} runs each — ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
await ensureSeeded();
const seeded = await seededDataDir();
// Builds dist/ if needed, so that no timed run includes a compilation.
await startOnce('npm start', { DATA_DIR: join(mkdtempSync(join(os.tmpdir(), 'sunshine-bench-start-')), 'data') });

const emptyDir = async () => ({ DATA_DIR: join(mkdtempSync(join(os.tmpdir(), 'sunshine-bench-start-')), 'data') });
const removeDir = async (env: Record<string, string>) => rmSync(join(env.DATA_DIR!, '..'), { recursive: true, force: true });
const launchers = (Object.keys(LAUNCHERS) as Launcher[]).filter((l) => chosen.length === 0 || chosen.includes(l));
for (const launcher of launchers) {
  await timeCase(`${launcher}, empty data folder`, 'PGlite', launcher, emptyDir, removeDir);
  await timeCase(`${launcher}, 50,000 clients`, 'PGlite', launcher, async () => ({ DATA_DIR: seeded }));
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) times.push(await withNewDatabase(server, (url) => startOnce(launcher, { DATABASE_URL: url })));
  record(`${launcher}, empty database`, 'PostgreSQL', times);
  await timeCase(`${launcher}, 50,000 clients (sunshine_bench)`, 'PostgreSQL', launcher, async () => ({ DATABASE_URL: benchDatabaseUrl(server) }));
}
rmSync(seeded, { recursive: true, force: true });
reportRows(rows);
