// One zod schema for the environment. Every problem is collected and reported at once, by
// variable name, with what a valid value looks like — never the (possibly secret) value itself.
import { z } from 'zod';
import { validate as isValidCron } from 'node-cron';
import { isSchedule } from './domain/cron.js';
import { isValidTimeZone } from './domain/dates.js';
import { SLACK_USER_ID } from './domain/slack-ids.js';
import { LOCALES } from './domain/types.js';

const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const withDefault = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? fallback : v.trim()));

const boolean = (fallback: boolean) =>
  withDefault(String(fallback)).pipe(
    z.enum(['true', 'false', '1', '0', 'yes', 'no'], {
      error: 'must be true or false',
    }).transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );

const cron = (fallback: string) =>
  withDefault(fallback)
    .refine(isValidCron, { error: `must be a cron expression of 5 or 6 fields, e.g. "${fallback}"`, abort: true })
    // The catch-ups must be able to tell whether the time has passed (domain/cron.ts).
    .refine(isSchedule, { error: 'must name days of the month by number or L, not with W or L-n' });

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: optionalText.pipe(
      z
        .string({ error: 'is required: the bot token from "OAuth & Permissions", like xoxb-1234-5678-abcd' })
        .regex(/^xoxb-[A-Za-z0-9-]+$/, { error: 'must be a bot token starting with xoxb-' }),
    ),
    SLACK_APP_TOKEN: optionalText.pipe(
      z.string().regex(/^xapp-[A-Za-z0-9-]+$/, { error: 'must be an app-level token starting with xapp-' }).optional(),
    ),
    SLACK_SIGNING_SECRET: optionalText.pipe(
      z.string().regex(/^[A-Za-z0-9]{16,}$/, { error: 'must be the signing secret from "Basic Information" (hex string)' }).optional(),
    ),
    SLACK_API_URL: optionalText.pipe(
      z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL, like https://slack.com/api/' })
        .transform((u) => (u.endsWith('/') ? u : `${u}/`))
        .optional(),
    ),
    PORT: withDefault('3000')
      .refine((v) => /^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, { error: 'must be a port number 1–65535' })
      .transform(Number),
    HOST: withDefault('0.0.0.0'),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .refine(isPostgresUrl, {
          error: 'must look like postgres://user:password@host:5432/database (leave unset for the embedded database)',
        })
        .optional(),
    ),
    DATA_DIR: withDefault('./data'),
    TIMEZONE: withDefault('Asia/Shanghai').refine(isValidTimeZone, {
      error: 'must be an IANA time zone, like Asia/Shanghai',
    }),
    DEFAULT_LOCALE: withDefault('zh-CN').pipe(z.enum(LOCALES, { error: 'must be zh-CN or en' })),
    ADMIN_USER_IDS: optionalText.transform((v, ctx) => {
      const ids = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const bad = ids.filter((id) => !SLACK_USER_ID.test(id));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: 'must be Slack user ids separated by commas, like U012ABCDEF,U034GHIJKL' });
      }
      return ids;
    }),
    MANAGERS_CHANNEL: optionalText.pipe(
      z.string().regex(SLACK_CHANNEL_ID, { error: 'must be a Slack channel id, like C012ABCDEF' }).optional(),
    ),
    LOG_LEVEL: withDefault('info').pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
    MIGRATE_ON_START: boolean(true),
    SCHEDULE_RULES_FILE: optionalText,
    HOLIDAYS_FILE: optionalText,
    DUE_POST_EMPTY: boolean(false),
    DAILY_DUE_CRON: cron('30 8 * * *'),
    WEEKLY_REPORT_CRON: cron('0 9 * * 1'),
    RETENTION_YEARS: withDefault('3')
      .refine((v) => /^\d{1,3}$/.test(v) && Number(v) >= 1, { error: 'must be a whole number of years, at least 1' })
      .transform(Number),
    BACKUP_DIR: optionalText,
    BACKUP_KEEP: withDefault('14').refine((v) => /^\d{1,4}$/.test(v) && Number(v) >= 1, { error: 'must be a whole number of backups to keep, 1 or more, like 14' }).transform(Number),
    BACKUP_CRON: cron('30 2 * * *'),
    NODE_ENV: withDefault('production'),
  });

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}

export type Env = z.output<typeof envSchema>;

export interface Config {
  slack: {
    botToken: string;
    appToken: string | undefined;
    signingSecret: string | undefined;
    apiUrl: string | undefined;
    socketMode: boolean;
  };
  http: { port: number; host: string };
  database: { url: string | undefined; dataDir: string; migrateOnStart: boolean };
  timeZone: string;
  defaultLocale: (typeof LOCALES)[number];
  adminUserIds: string[];
  managersChannel: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  scheduleRulesFile: string | undefined;
  holidaysFile: string | undefined;
  /** Post a short "all clear" to communities with nothing due (default: no message). */
  duePostEmpty: boolean;
  schedule: { dailyDueCron: string; weeklyReportCron: string };
  /** Years after a client's file ended before admins are asked to review it for erasure. */
  retentionYears: number;
  /** Nightly backups of the embedded database (not used with DATABASE_URL). */
  backup: { dir: string; keep: number; cron: string };
  development: boolean;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Reads the configuration from an environment object (process.env in production). */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
  // Checked apart from the schema so that it is reported together with every other problem.
  if (!env.SLACK_APP_TOKEN?.trim() && !env.SLACK_SIGNING_SECRET?.trim()) {
    problems.push('SLACK_SIGNING_SECRET: is required in HTTP mode (when SLACK_APP_TOKEN is not set): the signing secret from "Basic Information"');
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems: [...new Set(problems)] };
  const e = parsed.data;
  return {
    ok: true,
    config: {
      slack: {
        botToken: e.SLACK_BOT_TOKEN,
        appToken: e.SLACK_APP_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        apiUrl: e.SLACK_API_URL,
        socketMode: e.SLACK_APP_TOKEN !== undefined,
      },
      http: { port: e.PORT, host: e.HOST },
      database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR, migrateOnStart: e.MIGRATE_ON_START },
      timeZone: e.TIMEZONE,
      defaultLocale: e.DEFAULT_LOCALE,
      adminUserIds: e.ADMIN_USER_IDS,
      managersChannel: e.MANAGERS_CHANNEL,
      logLevel: e.LOG_LEVEL,
      scheduleRulesFile: e.SCHEDULE_RULES_FILE,
      holidaysFile: e.HOLIDAYS_FILE,
      duePostEmpty: e.DUE_POST_EMPTY,
      schedule: { dailyDueCron: e.DAILY_DUE_CRON, weeklyReportCron: e.WEEKLY_REPORT_CRON },
      retentionYears: e.RETENTION_YEARS,
      backup: { dir: e.BACKUP_DIR ?? defaultBackupDir(e.DATA_DIR), keep: e.BACKUP_KEEP, cron: e.BACKUP_CRON },
      development: e.NODE_ENV === 'development',
    },
  };
}

/** BACKUP_DIR when not set: beside the data folder, not in it (./data -> ./data-backups). */
export function defaultBackupDir(dataDir: string): string {
  return `${dataDir.replace(/[/\\]+$/, '') || '.'}-backups`;
}

/** The report printed when the configuration is unusable: one line per problem. */
export function formatConfigProblems(problems: string[]): string {
  return [
    `Sunshine Station cannot start: ${problems.length} configuration problem${problems.length === 1 ? '' : 's'}.`,
    ...problems.map((p) => `  - ${p}`),
    'Set these in the environment or in .env (see .env.example and the README).',
  ].join('\n');
}

/** Where the database lives, for the start-up log line; never includes a password. */
export function describeDatabase(database: Config['database'], resolveDir: (dir: string) => string): string {
  if (!database.url) return `embedded PostgreSQL (PGlite) at ${resolveDir(database.dataDir)}`;
  const url = new URL(database.url);
  return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
