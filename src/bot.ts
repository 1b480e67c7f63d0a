// Builds the whole bot around a database: the Slack app with every feature registered. main.ts
// calls it with the real configuration; end-to-end tests call it with a test database and a
// fake Slack Web API, so they exercise exactly what runs in production.
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ScheduleRules } from './domain/rules.js';
import { workingCalendar, type WorkingCalendar } from './domain/working-days.js';
import { markDone } from './features/due-lists/slack/done.js';
import type { DueJobDeps } from './job-deps.js';
import type { Logger } from './logger.js';
import { loadActor } from './features/staff/actor.js';
import { FEATURES, SUBCOMMANDS } from './features/index.js';
import { createSlackApp, type SlackApp } from './slack/app.js';
import { webClient } from './slack/web-clients.js';
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
  calendar?: WorkingCalendar;
  /** Aborted when the bot stops: long jobs stop taking new work. */
  stopping?: AbortSignal;
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
  const slack = createSlackApp({ slack: config.slack, http: config.http, log, health: () => readiness.health(db.ping) });
  slack.app.use(answerWhileStarting(readiness, config.defaultLocale, log));
  const locales = slackLocales(slack.web);
  const now = options.now ?? (() => new Date());
  const dueJob: DueJobDeps = {
    prisma: db.prisma,
    // Its own clients: bounded retries suit a batch; posts that must appear once are never
    // resent by Slack's client on its own (post-once.ts). Settings: web-clients.ts.
    slack: webClient('jobs', config.slack.botToken, config.slack.apiUrl, log),
    once: webClient('once', config.slack.botToken, config.slack.apiUrl, log),
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
      web: webClient('confirmations', config.slack.botToken, config.slack.apiUrl, log),
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
