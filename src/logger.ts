// Structured JSON logs with a stable `event` field. Personal data and secrets are redacted by
// key name at any depth (pino's own `redact` matches one level per `*`, which would let a
// nested `alias` through), so a careless `log.info({ client })` still leaks nothing. An error is
// logged as its kind, codes and stack frames, never its message: a database error's message may
// quote the values sent (an alias, notes), and a Prisma validation error quotes the whole call.
import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Secrets, by the names configuration, Slack and HTTP give them. */
const SECRETS = [
  'token', 'botToken', 'appToken', 'userToken', 'accessToken', 'refreshToken', 'authorization',
  'secret', 'signingSecret', 'clientSecret', 'password', 'signature', 'x-slack-signature',
];
/**
 * Personal data, by the exact names of the fields that hold it: the schema's (alias and its
 * pinyin, notes, the free-text reasons of status changes and corrections, the support team's and
 * staff's names, the receiving place of a transfer) and Slack's (message text, people's names).
 * Codes a log line means to show use other keys (`refusal`, `trigger`, `cause`).
 */
const PERSONAL = [
  'alias', 'aliasPinyin', 'aliasInitials', 'notes', 'note', 'reason', 'receivingPlace',
  'policeName', 'gridWorkerName', 'volunteerName', 'displayName', 'participants',
  'text', 'name', 'realName', 'real_name', 'display_name', 'userName', 'user_name',
];
/** Keys whose values never reach a log line, compared case-insensitively. */
const REDACTED_KEYS = new Set([...SECRETS, ...PERSONAL].map((k) => k.toLowerCase()));
export const CENSOR = '[redacted]';
const MAX_DEPTH = 8;

/** A copy of `value` with every redacted key's value replaced; cycles and depth are bounded. */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > MAX_DEPTH) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1, seen));
  if (value instanceof Date) return value;
  if (value instanceof Error) return errorFields(value);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = REDACTED_KEYS.has(key.toLowerCase()) ? CENSOR : redactDeep(v, depth + 1, seen);
  }
  return out;
}

/** An error as a log line may hold it: its kind and codes and where it happened, never its message. */
export function errorFields(error: unknown): Record<string, unknown> {
  const e = (error ?? {}) as { name?: unknown; code?: unknown; stack?: unknown; data?: { error?: unknown } };
  return {
    error: typeof e.name === 'string' ? e.name : typeof error,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.data?.error === 'string' ? { slackError: e.data.error } : {}),
    ...(typeof e.stack === 'string' ? { at: e.stack.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 8).map((l) => l.trim()) } : {}),
  };
}

export interface LoggerSettings {
  level: string;
  development?: boolean;
  /** Where lines go; tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
}

export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { app: 'sunshine-station' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
    // pino would make an `err`'s message the line's msg: no key is its error key, and an Error
    // logged on its own is logged as { err } like any other.
    errorKey: 'pinoErrorKeyNotUsed',
    hooks: {
      logMethod(args, method) {
        if (args[0] instanceof Error) args[0] = { err: args[0] } as never;
        method.apply(this, args as Parameters<typeof method>);
      },
    },
  };
  if (settings.development && !settings.destination) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return settings.destination ? pino(options, settings.destination) : pino(options);
}
