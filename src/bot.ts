// Builds the whole bot around a database: the Slack app with every feature registered. main.ts
// calls it with the real configuration; end-to-end tests call it with a test database and a
// fake Slack Web API, so they exercise exactly what runs in production.
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { WebClient } from '@slack/web-api';
import type { ScheduleRules } from './domain/rules.js';
import { workingCalendar, type WorkingCalendar } from './domain/working-days.js';
import { markDone } from './features/due-lists/slack/done.js';
import type { DueJobDeps } from './job-deps.js';
import type { Logger } from './logger.js';
import { loadActor } from './features/staff/actor.js';
import { FEATURES, SUBCOMMANDS } from './features/index.js';
import { createSlackApp, type SlackApp } from './slack/app.js';
import { boltLogger } from './slack/logger.js';
import { registerCaseload } from './slack/caseload.js';
import { Listeners, type Registered } from './slack/listeners.js';
import type { BotContext, RecordedEvent } from './slack/context.js';
import { slackLocales } from './slack/slack-locales.js';
import { answerWhileStarting, Readiness } from './slack/starting.js';

export interface BotOptions {
  config: Config;
  db: Database;
  log: Logger;
  rules: ScheduleRules;
  now?: () => Date;
  /** Web API retries of interactive calls (tests use 0). */
  retries?: number;
  calendar?: WorkingCalendar;
  /** Retries of the daily job's posts (5xx, network); 429s always wait Retry-After. */
  jobRetries?: { retries: number; minTimeout: number; maxTimeout: number };
  /** Aborted when the bot stops: long jobs stop taking new work. */
  stopping?: AbortSignal;
  /** How long a confirmation's Web API call may take before it counts as failed (default 10 s). */
  confirmTimeoutMs?: number;
  /** Until ready, requests are answered "starting" (src/slack/starting.ts); ready when not given. */
  readiness?: Readiness;
}

export interface Bot extends SlackApp {
  ctx: BotContext;
  /** Every command, button, modal, options request and event the bot listens to. */
  listeners: readonly Registered[];
}

export function createBot(options: BotOptions): Bot {
  const { config, db, log, rules } = options;
  const readiness = options.readiness ?? new Readiness('ready');
  const slack = createSlackApp({ slack: config.slack, http: config.http, log, health: () => readiness.health(db.ping), retries: options.retries });
  slack.app.use(answerWhileStarting(readiness, config.defaultLocale, log));
  const locales = slackLocales(slack.web);
  const now = options.now ?? (() => new Date());
  const dueJob: DueJobDeps = {
    prisma: db.prisma,
    // Its own client: bounded retries suit a batch (Bolt's default would retry for half an hour).
    slack: new WebClient(config.slack.botToken, {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      retryConfig: { factor: 2, ...(options.jobRetries ?? { retries: 5, minTimeout: 1000, maxTimeout: 60_000 }) },
      rejectRateLimitedCalls: false,
      // A hung connection must not hold the run (and, with noOverlap, the next ones) forever.
      timeout: 30_000,
      logger: boltLogger(log),
    }),
    // Posts that must appear once: Slack's client may not resend them on its own (post-once.ts).
    once: new WebClient(config.slack.botToken, {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 30_000,
      logger: boltLogger(log),
    }),
    config,
    rules,
    calendar: options.calendar ?? workingCalendar(),
    log,
    instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    now,
    ...(options.stopping ? { signal: options.stopping } : {}),
  };
  const listeners: ((event: RecordedEvent) => Promise<void>)[] = [async (event) => void (await markDone(dueJob, event))];
  const ctx: BotContext = {
    prisma: db.prisma,
    web: slack.web,
    config,
    log,
    rules,
    now,
    calendar: dueJob.calendar,
    dueJob,
    confirmations: {
      prisma: db.prisma,
      // Like `once`: a confirmation resent on its own after a lost answer would be shown twice.
      web: new WebClient(config.slack.botToken, {
        ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: options.confirmTimeoutMs ?? 10_000,
        logger: boltLogger(log),
      }),
      log,
      now,
    },
    recorded: async (event) => {
      const results = await Promise.allSettled(listeners.map((listener) => listener(event)));
      for (const result of results) {
        if (result.status === 'rejected') log.warn({ event: 'recorded.listener_failed', err: result.reason });
      }
    },
    onRecorded: (listener) => listeners.push(listener),
    actorFor: (userId) =>
      loadActor(db.prisma, userId, { adminUserIds: config.adminUserIds, defaultLocale: config.defaultLocale }, locales.get(userId)),
  };
  const on = new Listeners(slack.app, ctx);
  registerCaseload(on, SUBCOMMANDS);
  for (const register of FEATURES) register(on, ctx);
  slack.app.error(async (error) => {
    log.error({ event: 'slack.unhandled_error', err: error });
  });
  return { ...slack, ctx, listeners: on.registered };
}
