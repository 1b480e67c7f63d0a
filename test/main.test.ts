import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startBot, tempDir } from './support/process.js';

const HTTP_ENV = { SLACK_BOT_TOKEN: 'xoxb-1-2-test', SLACK_SIGNING_SECRET: '0123456789abcdef0123', SLACK_API_URL: 'http://127.0.0.1:9/api/' };

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('starting the bot', () => {
  it('without Slack variables exits 2 within 10 s naming every missing one, with no stack trace', async () => {
    const bot = startBot({}, tempDir());
    const { code, ms } = await bot.exited;
    expect(code).toBe(2);
    expect(ms).toBeLessThan(10_000);
    expect(bot.stderr()).toMatch(/SLACK_BOT_TOKEN: is required/);
    expect(bot.stderr()).toMatch(/SLACK_SIGNING_SECRET: is required/);
    expect(bot.stderr()).not.toMatch(/\n\s+at /);
  });

  it('with a malformed DATABASE_URL or TIMEZONE says which and why, without echoing the password', async () => {
    const bot = startBot({ ...HTTP_ENV, DATABASE_URL: 'postgres//bot:hunter2@db', TIMEZONE: 'Asia/Beijing' }, tempDir());
    expect((await bot.exited).code).toBe(2);
    expect(bot.stderr()).toMatch(/DATABASE_URL: must look like postgres:\/\//);
    expect(bot.stderr()).toMatch(/TIMEZONE: must be an IANA time zone/);
    expect(bot.stderr()).not.toContain('hunter2');
  });

  it('runs on the embedded database, answers /healthz, keeps a second process out of its data folder, and stops cleanly', async () => {
    const cwd = tempDir();
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const bot = startBot({ ...HTTP_ENV, PORT: String(port), HOST: '127.0.0.1' }, cwd);
    try {
      // A fresh data folder: PGlite's initdb and the migrations run first (seconds, more on a
      // busy CI machine) — this checks behaviour, not speed.
      const line = JSON.parse(await bot.waitFor(/"event":"bot.started"/, 150_000)) as Record<string, unknown>;
      expect(line.mode).toBe(`HTTP on 127.0.0.1:${port}`);
      expect(line.database).toBe(`embedded PostgreSQL (PGlite) at ${cwd}/data`);
      expect(line.schedule).toMatchObject({ dailyDueLists: expect.stringContaining('30 8 * * *') });
      expect(await get(port, '/healthz')).toEqual({ status: 200, body: '{"ok":true}' });

      const second = startBot({ ...HTTP_ENV, PORT: String(port + 1), HOST: '127.0.0.1' }, cwd);
      expect((await second.exited).code).toBe(1);
      expect(second.stderr()).toMatch(/in use by another process \(pid \d+\)/);
      expect(await get(port, '/healthz')).toEqual({ status: 200, body: '{"ok":true}' });
    } finally {
      bot.child.kill('SIGTERM');
    }
    expect((await bot.exited).code).toBe(0);
  }, 180_000);
});
