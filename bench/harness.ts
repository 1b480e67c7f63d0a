/**
 * What the benchmarks that talk to a running bot share: the bot started as the systemd unit
 * starts it (`node dist/main.js`, configured by the environment alone) or the bare Bolt app of
 * bench/bare-app.ts, each as its own process; the fake Web API of the tests (test/support/
 * fake-slack.ts: tokens required, answers in 0 ms) and the driver that signs requests as Slack
 * does; a demo sub-district in a new data folder; the resident memory of a process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_COMMUNITIES, demoSubDistrict } from '../src/demo/data.js';
import { addMonths, compareDates, todayIn, type LocalDate } from '../src/domain/dates.js';
import { FAKE_TOKENS, FakeSlack } from '../test/support/fake-slack.js';
import { freePort } from '../test/support/process.js';
import { SlackDriver } from '../test/support/slack-driver.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SECRET = '0123456789abcdef0123456789abcdef';
export const ADMIN = 'U0BENCHADM';
export const MB = 1024 * 1024;

export { FakeSlack, SlackDriver };

export interface Running {
  name: string;
  port: number;
  pid: number;
  driver: SlackDriver;
  /** Resident set size of the process now, in MB (from /proc). */
  rssMb(): number;
  /**
   * Resolves once the process has been idle for a second (at most 3 % of a core), with the
   * milliseconds waited. What a bot runs at start — the daily due lists' catch-up when started
   * after their time on a working day, the weekly report's on a Monday, the overdue days' first
   * refresh — takes seconds at 50,000 clients; measured requests must not share the thread
   * with it, or they measure the catch-up.
   */
  settled(): Promise<number>;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Whether GET /healthz answers 200 now. */
export const healthy = (port: number) =>
  new Promise<boolean>((resolve) => {
    request({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    })
      .on('error', () => resolve(false))
      .end();
  });

/** VmRSS of a process, in MB. */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** CPU time the process has used so far, in clock ticks (user + system, from /proc). */
function cpuTicksOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
  // utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const IDLE_WINDOW_MS = 1_000;
/** Clock ticks (100 a second) a process may use in the idle window: 3 % of a core. */
const IDLE_TICKS = 3;
const SETTLE_LIMIT_MS = 600_000;

async function settle(pid: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    const before = cpuTicksOf(pid);
    await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS));
    if (cpuTicksOf(pid) - before <= IDLE_TICKS) return performance.now() - start - IDLE_WINDOW_MS;
    if (performance.now() - start > SETTLE_LIMIT_MS) throw new Error(`pid ${pid} still busy after ${SETTLE_LIMIT_MS / 1000} s`);
  }
}

/** Builds dist/ once, so that no measured start includes a compilation. */
export function build(): void {
  const built = spawnSync('npx', ['tsc', '-b', 'src'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('tsc -b src failed');
}

function baseEnv(fake: FakeSlack, port: number): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    DOTENV_CONFIG_PATH: '/nonexistent/.env',
    SLACK_BOT_TOKEN: FAKE_TOKENS.bot,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
  };
}

async function launch(name: string, args: string[], env: Record<string, string>, fake: FakeSlack, port: number): Promise<Running> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Logs are read and dropped, as a service manager reads them: writing them is part of the cost.
  // BENCH_BOT_LOG=<file> keeps them, to see what the bot did meanwhile (a catch-up, a refresh).
  if (process.env.BENCH_BOT_LOG) child.stdout!.pipe(createWriteStream(process.env.BENCH_BOT_LOG));
  else child.stdout!.resume();
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  while (!(await healthy(port))) {
    if (gone) throw new Error(`${name} exited before it was healthy:\n${err}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const pid = child.pid!;
  return {
    name,
    port,
    pid,
    driver: new SlackDriver(port, fake, SECRET),
    rssMb: () => rssOf(pid),
    settled: () => settle(pid),
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Node's options in `npm start` (heap settings, source maps): the bot runs with exactly these. */
export function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return scripts.start!.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** The bot, `node <npm start's options> dist/main.js`, on an embedded data folder or a PostgreSQL database. */
export async function startOurs(
  fake: FakeSlack,
  database: { DATA_DIR: string } | { DATABASE_URL: string },
  extra: Record<string, string> = {},
  /** Node options before the script (e.g. `--cpu-prof` to see where the time goes). */
  nodeArgs: string[] = [],
): Promise<Running> {
  const port = await freePort();
  const env = { ...baseEnv(fake, port), ADMIN_USER_IDS: ADMIN, ...database, ...extra };
  return launch('ours', [...nodeArgs, ...startFlags(), 'dist/main.js'], env, fake, port);
}

/** The bare Bolt app of bench/bare-app.ts. */
export async function startBare(fake: FakeSlack): Promise<Running> {
  const port = await freePort();
  return launch('bare Bolt', ['--import', 'tsx', 'bench/bare-app.ts'], baseEnv(fake, port), fake, port);
}

export interface DemoFolder {
  dataDir: string;
  today: LocalDate;
  /** Every caseworker of the demo with the active clients of their communities whose term runs today. */
  workers: { userId: string; caseNumbers: string[] }[];
  /** Community name → its channel id (every demo community is linked). */
  channels: Record<string, string>;
}

/**
 * A new data folder holding the demo sub-district (12 communities, 150 clients, about six
 * months of records), every community linked to a channel, written by `npm run demo`'s program.
 */
export function demoFolder(): DemoFolder {
  const dir = mkdtempSync(join(os.tmpdir(), 'sunshine-bench-'));
  const dataDir = join(dir, 'data');
  const channels = Object.fromEntries(DEMO_COMMUNITIES.map((name, i) => [name, `C0DEMO${String(i + 1).padStart(3, '0')}`]));
  const ids = join(dir, 'ids.json');
  writeFileSync(ids, JSON.stringify({ channels }));
  const seeded = spawnSync(process.execPath, ['dist/demo/cli.js', '--ids', ids], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, DOTENV_CONFIG_PATH: '/nonexistent/.env' },
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`npm run demo failed:\n${seeded.stdout}\n${seeded.stderr}`);
  const today = todayIn('Asia/Shanghai', new Date());
  const demo = demoSubDistrict(today);
  const workers = demo.staff
    .filter((s) => s.role === 'worker')
    .map((s) => ({
      userId: s.slackUserId,
      // Active and inside their term (a visit can be logged for today).
      caseNumbers: demo.clients
        .filter((c) => c.status === 'active' && s.communities.includes(c.community) && compareDates(addMonths(c.termStart, c.termMonths), today) > 0)
        .map((c) => c.caseNumber),
    }))
    .filter((w) => w.caseNumbers.length > 0);
  return { dataDir, today, workers, channels };
}
