// Runs the bot exactly as the README starts it — `npm start` in the project folder, configured by
// the environment alone — and watches the whole process tree: what it logs, when it exits, and
// whether anything of it is left running afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type LogLine = Record<string, any>;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Since the process started. */
  ms: number;
}

export interface BotProcess {
  child: ChildProcess;
  /** npm's pid, which is also the process group of the whole tree. */
  pid: number;
  stdout: () => string;
  stderr: () => string;
  /** The JSON log lines printed so far. */
  logs: () => LogLine[];
  exited: Promise<Exit>;
  /** Resolves with the first log line satisfying `test`; rejects when the process exits first. */
  waitForLog: (test: (line: LogLine) => boolean, timeoutMs?: number) => Promise<LogLine>;
  /** The pids of the tree (npm, then the bot under it) still running. */
  running: () => number[];
  /**
   * Stops it the two ways people do: SIGTERM to the process started (a service manager, `kill`),
   * or SIGINT to its process group (Ctrl-C in a terminal). Answers how it exited and how long
   * after the signal.
   */
  stop: (how: 'SIGTERM' | 'SIGINT') => Promise<Exit & { afterSignalMs: number }>;
  /** After a test: SIGKILL to whatever of the tree still runs (nothing, when the bot stopped as it should). */
  kill: () => void;
}

export function tempDir(prefix = 'sunshine-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Every process whose process group is `pgid`, from /proc. */
function processGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(entry));
    } catch {
      // Gone while reading.
    }
  }
  return pids;
}

/**
 * `npm start` with exactly `env` (plus PATH and HOME, which npm needs). A developer's own .env
 * is kept out by pointing dotenv at a file that does not exist.
 */
export function startBot(env: Record<string, string>): BotProcess {
  const started = Date.now();
  const child = spawn('npm', ['start'], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      DOTENV_CONFIG_PATH: join(tempDir('sunshine-env-'), '.env'),
      npm_config_update_notifier: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as a shell gives a command run in a terminal.
    detached: true,
  });
  let out = '';
  let err = '';
  const lines: LogLine[] = [];
  const listeners = new Set<() => void>();
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    partial += d.toString();
    const complete = partial.split('\n');
    partial = complete.pop()!;
    for (const line of complete) {
      if (!line.startsWith('{')) continue; // npm's own "> sunshine-station start" banner
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // Not a log line.
      }
    }
    for (const listener of [...listeners]) listener();
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - started })),
  );
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    for (const listener of [...listeners]) listener();
  });
  const pid = child.pid!;

  const waitForLog = (test: (line: LogLine) => boolean, timeoutMs = 60_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for a log line\n${out}\n${err}`));
      }, timeoutMs);
      function check() {
        const line = lines.find(test);
        if (line || hasExited) {
          clearTimeout(timer);
          listeners.delete(check);
          if (line) resolve(line);
          else reject(new Error(`exited before the log line\n${out}\n${err}`));
        }
      }
      listeners.add(check);
      check();
    });

  return {
    child,
    pid,
    stdout: () => out,
    stderr: () => err,
    logs: () => lines,
    exited,
    waitForLog,
    running: () => processGroup(pid),
    async stop(how) {
      const signalledAt = Date.now();
      if (how === 'SIGINT') process.kill(-pid, 'SIGINT');
      else child.kill('SIGTERM');
      const exit = await exited;
      return { ...exit, afterSignalMs: Date.now() - signalledAt };
    },
    kill() {
      for (const left of processGroup(pid)) process.kill(left, 'SIGKILL');
    },
  };
}
