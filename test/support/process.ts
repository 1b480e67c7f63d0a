// Runs the bot as a real process (the way `npm start` does) and reads what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

export interface BotProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; ms: number }>;
  /** Resolves with the first stdout line matching, or rejects when the process exits first. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
}

export function tempDir(prefix = 'sunshine-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts src/main.ts with exactly `env` (plus PATH), in `cwd` (a folder without .env). */
export function startBot(env: Record<string, string>, cwd: string): BotProcess {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, ms: Date.now() - started })),
  );
  const waitFor = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}\n${out}\n${err}`)), timeoutMs);
      const check = () => {
        const line = out.split('\n').find((l) => pattern.test(l));
        if (line) {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          resolve(line);
        }
      };
      child.stdout!.on('data', check);
      void exited.then(({ code }) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code} before ${pattern}\n${out}\n${err}`));
      });
      check();
    });
  return { child, stdout: () => out, stderr: () => err, exited, waitFor };
}
