// The nightly backup: file names carry the local date and time, rotation keeps the newest
// BACKUP_KEEP and touches no other file, a failed copy deletes nothing, a bot started after the
// hour makes the day's backup once, and the configuration reports bad values by name.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { backupFileName, listBackups, rotateBackups } from '../../src/db/backup.js';
import { runBackup, startNightlyBackup, type BackupDeps } from '../../src/jobs/backup.js';
import { tempDir } from '../support/process.js';

const TZ = 'Asia/Shanghai';
const BYTES = new Uint8Array([0x1f, 0x8b, 1, 2, 3]);

function deps(dir: string, now: Date, overrides: Partial<BackupDeps> = {}): BackupDeps & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { snapshot: async () => BYTES, dir, keep: 3, timeZone: TZ, log, now: () => now, lines, ...overrides };
}

describe('backup file names', () => {
  it('carry the date and time in TIMEZONE, so they sort by age', () => {
    expect(backupFileName(new Date('2026-12-03T18:30:00Z'), TZ)).toBe('sunshine-2026-12-04-0230.tar.gz');
    expect(backupFileName(new Date('2026-12-31T16:05:00Z'), TZ)).toBe('sunshine-2027-01-01-0005.tar.gz');
    expect(backupFileName(new Date('2026-12-31T16:05:00Z'), 'UTC')).toBe('sunshine-2026-12-31-1605.tar.gz');
  });
});

describe('rotation', () => {
  it('keeps the newest BACKUP_KEEP backups and leaves every other file alone', () => {
    const dir = tempDir();
    const days = ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'];
    for (const day of days) writeFileSync(join(dir, `sunshine-${day}-0230.tar.gz`), 'x');
    writeFileSync(join(dir, 'sunshine-2026-12-02-1115.tar.gz'), 'x'); // one asked for by signal
    for (const other of ['notes.txt', 'sunshine-2026-01-01-0230.tar.gz.partial', 'my-copy.tar.gz']) writeFileSync(join(dir, other), 'x');
    expect(rotateBackups(dir, 3)).toEqual(['sunshine-2026-11-28-0230.tar.gz', 'sunshine-2026-11-29-0230.tar.gz', 'sunshine-2026-11-30-0230.tar.gz']);
    expect(listBackups(dir)).toEqual(['sunshine-2026-12-01-0230.tar.gz', 'sunshine-2026-12-02-0230.tar.gz', 'sunshine-2026-12-02-1115.tar.gz']);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['notes.txt', 'sunshine-2026-01-01-0230.tar.gz.partial', 'my-copy.tar.gz']));
    expect(rotateBackups(dir, 3)).toEqual([]);
  });
});

describe('runBackup', () => {
  it('writes the snapshot under the date, creating BACKUP_DIR, then rotates', async () => {
    const dir = join(tempDir(), 'backups');
    for (let day = 1; day <= 4; day += 1) {
      const done = await runBackup(deps(dir, new Date(`2026-12-0${day}T18:30:00Z`)));
      expect(done.file).toBe(join(dir, `sunshine-2026-12-0${day + 1}-0230.tar.gz`));
      expect(done.bytes).toBe(BYTES.length);
      expect(done.removed).toEqual(day === 4 ? ['sunshine-2026-12-02-0230.tar.gz'] : []);
    }
    expect(listBackups(dir)).toHaveLength(3);
    expect(new Uint8Array(readFileSync(join(dir, 'sunshine-2026-12-05-0230.tar.gz')))).toEqual(BYTES);
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('deletes nothing when the copy fails', async () => {
    const dir = tempDir();
    for (const day of ['01', '02', '03']) writeFileSync(join(dir, `sunshine-2026-12-${day}-0230.tar.gz`), 'x');
    await expect(runBackup(deps(dir, new Date('2026-12-03T18:30:00Z'), { snapshot: () => Promise.reject(new Error('disk full')) }))).rejects.toThrow('disk full');
    expect(listBackups(dir)).toHaveLength(3);
  });
});

describe('the nightly job', () => {
  it('catches up (the 15-minute sweep) once on a day the hour passed with no backup, not before the hour', async () => {
    const dir = tempDir();
    const early = deps(dir, new Date('2026-12-03T18:00:00Z')); // 02:00 in Shanghai
    const before = startNightlyBackup(early, '30 2 * * *');
    await before.catchUp();
    await before.stop();
    expect(listBackups(dir)).toEqual([]);

    const late = deps(dir, new Date('2026-12-04T01:00:00Z')); // 09:00
    const job = startNightlyBackup(late, '30 2 * * *');
    await job.catchUp();
    await job.catchUp(); // today's exists now
    await job.stop();
    expect(listBackups(dir)).toEqual(['sunshine-2026-12-04-0900.tar.gz']);
    expect(late.lines.filter((l) => l.event === 'backup.written')).toMatchObject([{ trigger: 'catch_up', bytes: BYTES.length, removed: [] }]);
  });

  it('logs a failure with the folder and keeps running; stop waits for a backup under way', async () => {
    const dir = tempDir();
    let finish!: () => void;
    const slow = deps(dir, new Date('2026-12-04T01:00:00Z'), { snapshot: () => new Promise((r) => (finish = () => r(BYTES))) });
    const job = startNightlyBackup(slow, '30 2 * * *');
    void job.runNow('signal');
    await new Promise((r) => setTimeout(r, 10));
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(existsSync(join(dir, 'sunshine-2026-12-04-0900.tar.gz'))).toBe(true);

    const failing = deps(dir, new Date(), { snapshot: () => Promise.reject(new Error('disk full')) });
    const job2 = startNightlyBackup(failing, '30 2 * * *');
    await job2.runNow('signal');
    await job2.stop();
    expect(failing.lines).toMatchObject([{ event: 'backup.failed', trigger: 'signal', dir, level: 50 }]);
  });
});

describe('backup configuration', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '0123456789abcdef' };
  it('defaults to a folder beside DATA_DIR, 14 kept, 02:30', () => {
    const result = loadConfig({ ...base, DATA_DIR: '/srv/sunshine/data/' });
    expect(result.ok && result.config.backup).toEqual({ dir: '/srv/sunshine/data-backups', keep: 14, cron: '30 2 * * *' });
    const set = loadConfig({ ...base, BACKUP_DIR: '/mnt/usb/sunshine', BACKUP_KEEP: '30', BACKUP_CRON: '0 23 * * *' });
    expect(set.ok && set.config.backup).toEqual({ dir: '/mnt/usb/sunshine', keep: 30, cron: '0 23 * * *' });
  });
  it('names a bad BACKUP_KEEP and BACKUP_CRON', () => {
    const result = loadConfig({ ...base, BACKUP_KEEP: '0', BACKUP_CRON: 'nightly' });
    expect(!result.ok && result.problems).toEqual([
      'BACKUP_KEEP: must be a whole number of backups to keep, 1 or more, like 14',
      'BACKUP_CRON: must be a cron expression of 5 or 6 fields, e.g. "30 2 * * *"',
    ]);
  });
});
