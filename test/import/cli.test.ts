// `npm run import` as a person runs it, from their own folder: a fresh embedded data folder,
// the summary first and the exit status; a folder locked by a running bot is refused by name.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/db/lock.js';
import { PROJECT_ROOT, tempDir } from '../support/process.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run -s import -- …` started in `cwd` (the caller's folder), the project given by --prefix. */
function runImport(cwd: string, dataDir: string, args: string[], script: 'import' | 'export' = 'import'): Promise<Run> {
  const child = spawn('npm', ['--prefix', PROJECT_ROOT, 'run', '-s', script, '--', ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? cwd,
      DOTENV_CONFIG_PATH: join(cwd, 'no.env'),
      DATA_DIR: dataDir,
      npm_config_update_notifier: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run import (a process)', () => {
  it('imports a file named relative to the caller’s folder into a new embedded database; a second run changes nothing', async () => {
    const home = tempDir('sunshine-import-');
    const dataDir = join(home, 'data');
    writeFileSync(join(home, '社区.csv'), '名称,频道ID\n梅花碑,C0MEIHUA\n大学路,\n');
    const first = await runImport(home, dataDir, ['communities', '社区.csv']);
    expect(first, first.stderr).toMatchObject({ code: 0 });
    expect(first.stdout.split('\n')[0]).toBe('社区导入完成：新建 2，更新 0，不变 0。');
    const again = await runImport(home, dataDir, ['communities', '社区.csv', '--lang', 'en']);
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n')[0]).toBe('Communities imported: nothing changed (0 created, 0 updated, 2 unchanged).');

    // `npm run export` writes it back next to the caller, in the format just read.
    const exported = await runImport(home, dataDir, ['communities', '导出.csv'], 'export');
    expect(exported, exported.stderr).toMatchObject({ code: 0 });
    expect(exported.stdout.trim()).toBe(`已导出社区 2 行到 ${join(home, '导出.csv')}。`);
    expect(readFileSync(join(home, '导出.csv'), 'utf8')).toBe('\ufeff名称,代码,频道ID\r\n大学路,,\r\n梅花碑,,C0MEIHUA\r\n');
  });

  it('answers a usage error with 2 and refused rows with 1', async () => {
    const home = tempDir('sunshine-import-');
    const dataDir = join(home, 'data');
    const usage = await runImport(home, dataDir, ['people', 'x.csv']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('npm run import -- <communities|staff|clients>');
    writeFileSync(join(home, 'staff.csv'), 'slack_user_id,name,community\nnobody,徐坚,梅花碑\n');
    const refused = await runImport(home, dataDir, ['staff', 'staff.csv', '--lang', 'en']);
    expect(refused.code).toBe(1);
    expect(refused.stdout.split('\n')).toEqual([
      'Staff import refused: problems in 1 row (2 in all); nothing was written. Correct them and import again.',
      'Line 2, slack_user_id: The Slack user id looks like U012ABCDEF (profile → ⋯ → Copy member ID).',
      'Line 2, community: No community is named "梅花碑". Import the communities first, or create it with /caseload community add.',
      '',
    ]);
  });

  it('refuses an embedded folder a running bot holds, naming the lock', async () => {
    const home = tempDir('sunshine-import-');
    const dataDir = join(home, 'data');
    writeFileSync(join(home, 'c.csv'), '名称\n梅花碑\n');
    mkdirSync(dataDir);
    // This test's own process stands for the running bot.
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    const locked = await runImport(home, dataDir, ['communities', 'c.csv']);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain(`The embedded database in ${dataDir} is in use by another process (pid ${process.pid})`);
  });
});
