import { describe, expect, it } from 'vitest';
import { describeDatabase, loadConfig } from '../src/config.js';

const HTTP = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: '0123456789abcdef0123' };

function problems(env: Record<string, string>): string[] {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const result = loadConfig(HTTP);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      slack: { socketMode: false, apiUrl: undefined },
      http: { port: 3000, host: '0.0.0.0' },
      database: { url: undefined, dataDir: './data', migrateOnStart: true },
      timeZone: 'Asia/Shanghai',
      defaultLocale: 'zh-CN',
      adminUserIds: [],
      logLevel: 'info',
      schedule: { dailyDueCron: '30 8 * * *', weeklyReportCron: '0 9 * * 1' },
    });
  });

  it('uses Socket Mode when an app-level token is set, without needing a signing secret', () => {
    const result = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A0-1-abc' });
    expect(result.ok && result.config.slack.socketMode).toBe(true);
  });

  it('names every missing variable at once', () => {
    expect(problems({})).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: is required/),
      expect.stringMatching(/^SLACK_SIGNING_SECRET: is required in HTTP mode/),
    ]);
  });

  it('explains each malformed value with what a valid one looks like, and never echoes a secret', () => {
    const found = problems({
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      SLACK_SIGNING_SECRET: 'short!',
      DATABASE_URL: 'mysql://root:hunter2@db/x',
      TIMEZONE: 'China/Beijing',
      PORT: 'eighty',
      DEFAULT_LOCALE: 'fr',
      ADMIN_USER_IDS: 'U0ADMIN1, alice',
      MANAGERS_CHANNEL: '#managers',
      DAILY_DUE_CRON: 'every morning',
      MIGRATE_ON_START: 'maybe',
    });
    const text = found.join('\n');
    for (const name of [
      'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'DATABASE_URL', 'TIMEZONE', 'PORT', 'DEFAULT_LOCALE',
      'ADMIN_USER_IDS', 'MANAGERS_CHANNEL', 'DAILY_DUE_CRON', 'MIGRATE_ON_START',
    ]) {
      expect(found.filter((p) => p.startsWith(`${name}:`))).toHaveLength(1);
    }
    expect(text).toMatch(/DATABASE_URL: must look like postgres:\/\/user:password@host:5432\/database/);
    expect(text).toMatch(/TIMEZONE: must be an IANA time zone, like Asia\/Shanghai/);
    expect(text).not.toMatch(/hunter2|xoxp-user-token-secret|short!/);
  });

  it('takes node-cron’s dialect except the day-of-month forms the catch-ups cannot look back over', () => {
    const taken = loadConfig({ ...HTTP, DAILY_DUE_CRON: '0 30 8 * * mon-fri', WEEKLY_REPORT_CRON: '0 9 1-7 * 1', BACKUP_CRON: '@midnight' });
    expect(taken.ok).toBe(true);
    expect(problems({ ...HTTP, WEEKLY_REPORT_CRON: '0 9 15W * *' })).toEqual([
      'WEEKLY_REPORT_CRON: must name days of the month by number or L, not with W or L-n',
    ]);
  });

  it('reads admin ids, a custom API URL and PostgreSQL', () => {
    const result = loadConfig({
      ...HTTP,
      ADMIN_USER_IDS: 'U0ADMIN1, W0ADMIN2',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      DATABASE_URL: 'postgres://bot:secret@db.example:6543/sunshine',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.adminUserIds).toEqual(['U0ADMIN1', 'W0ADMIN2']);
    expect(result.config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(describeDatabase(result.config.database, (d) => d)).toBe('PostgreSQL db.example:6543/sunshine');
    expect(describeDatabase(result.config.database, (d) => d)).not.toContain('secret');
  });
});
