// The data folder's lock: a lock left by a process that is gone is taken over, including one
// whose process was killed but not yet reaped (a zombie: in a container without an init, the
// killed bot's pid stays in the process table until its parent collects it).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../src/db/lock.js';

const folder = () => mkdtempSync(join(tmpdir(), 'sunshine-lock-'));
const lockedBy = (dir: string, pid: number) => writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname() }));
const state = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0];

/** A process that has exited and that nobody reaps for a few seconds: its pid is a zombie's. */
async function zombie(): Promise<{ pid: number; done: () => void }> {
  // The shell starts a short `sleep` in the background, prints its pid, then becomes `sleep`, which never
  // waits for children: the short one exits and stays a zombie while the sleep lasts.
  const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 10'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const pid = await new Promise<number>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
  for (let i = 0; i < 200 && state(pid) !== 'Z'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return { pid, done: () => parent.kill('SIGKILL') };
}

describe('the data folder lock', () => {
  it('refuses a folder whose lock names a running process', () => {
    const dir = folder();
    lockedBy(dir, process.pid);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  it('takes over the lock of a process that was killed and not yet reaped', async () => {
    const dir = folder();
    const dead = await zombie();
    try {
      expect(state(dead.pid)).toBe('Z');
      lockedBy(dir, dead.pid);
      const release = lockDataDir(dir);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
      release();
    } finally {
      dead.done();
    }
  });
});
