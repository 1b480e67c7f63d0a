// Bolt logs through this adapter so its lines are pino JSON with an `event` and pass through
// the same redaction. Bolt calls setLevel() on custom loggers; the level stays pino's.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  const line = (level: 'debug' | 'info' | 'warn' | 'error') => (...messages: unknown[]) => {
    const text = messages.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
    // Bolt's and the Web API client's debug lines carry request and response bodies ("http request
    // body: {…}"), personal data included: only what comes before the first colon is kept, at trace.
    if (level === 'debug') child.trace({ event: 'bolt.debug' }, text.split(':')[0]!.slice(0, 80));
    else child[level]({ event: `bolt.${level}` }, text);
  };
  return {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
