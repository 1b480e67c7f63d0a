// Structured JSON logs with a stable `event` field. Personal data and secrets are redacted by
// key name at any depth (pino's own `redact` matches one level per `*`, which would let a
// nested `alias` through), so a careless `log.info({ client })` still leaks nothing.
import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Keys whose values never reach a log line, compared case-insensitively. */
const REDACTED_KEYS = new Set(
  [
    'token', 'botToken', 'appToken', 'userToken', 'accessToken', 'refreshToken', 'authorization',
    'secret', 'signingSecret', 'clientSecret', 'password', 'signature', 'x-slack-signature',
    'notes', 'note', 'text', 'alias', 'aliasPinyin', 'aliasInitials', 'name', 'displayName',
    'realName', 'real_name', 'display_name', 'userName', 'user_name', 'policeName',
    'gridWorkerName', 'volunteerName', 'participants', 'reason',
  ].map((k) => k.toLowerCase()),
);
export const CENSOR = '[redacted]';
const MAX_DEPTH = 8;

/** A copy of `value` with every redacted key's value replaced; cycles and depth are bounded. */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > MAX_DEPTH) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1, seen));
  if (value instanceof Date) return value;
  if (value instanceof Error) return redactDeep(pino.stdSerializers.err(value), depth, seen);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = REDACTED_KEYS.has(key.toLowerCase()) ? CENSOR : redactDeep(v, depth + 1, seen);
  }
  return out;
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
  };
  if (settings.development && !settings.destination) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return settings.destination ? pino(options, settings.destination) : pino(options);
}
