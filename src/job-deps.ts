// What the daily due-list job runs with, wherever it is started from: the cron schedule
// (src/jobs), `/caseload due post` (the Slack context carries it) and the redraw of a posted
// list. A file of its own, below both the features and the Slack layer, so neither imports the
// other for it.
import type { WebClient } from '@slack/web-api';
import type { Config } from './config.js';
import type { Prisma } from './db/client.js';
import type { ScheduleRules } from './domain/rules.js';
import type { WorkingCalendar } from './domain/working-days.js';
import type { Logger } from './logger.js';

export interface DueJobDeps {
  prisma: Prisma;
  /** Updates, lookups and DMs with bounded retries: 429 waits Retry-After, 5xx and network errors back off. */
  slack: WebClient;
  /** Posts that must appear once: no automatic retries (post-once.ts retries what is safe to). */
  once: WebClient;
  config: Pick<Config, 'timeZone' | 'defaultLocale' | 'duePostEmpty' | 'adminUserIds' | 'managersChannel'>;
  rules: ScheduleRules;
  calendar: WorkingCalendar;
  log: Logger;
  /** Names this bot instance in claims. */
  instanceId: string;
  now: () => Date;
  /** Channels posted to at once (default 4). */
  concurrency?: number;
  /** Communities whose clients are read at once (default BATCH_SIZE, 100). */
  batchSize?: number;
  /** Aborted when the bot stops: a run under way posts no further community and ends. */
  signal?: AbortSignal;
}
