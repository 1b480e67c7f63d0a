// Builds the whole bot around a database: the Slack app with every feature registered. main.ts
// calls it with the real configuration; end-to-end tests call it with a test database and a
// fake Slack Web API, so they exercise exactly what runs in production.
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { ScheduleRules } from './domain/rules.js';
import type { Logger } from './logger.js';
import { loadActor } from './features/staff/actor.js';
import { FEATURES, SUBCOMMANDS } from './features/index.js';
import { createSlackApp, type SlackApp } from './slack/app.js';
import { registerCaseload } from './slack/caseload.js';
import type { BotContext } from './slack/context.js';
import { slackLocales } from './slack/slack-locales.js';

export interface BotOptions {
  config: Config;
  db: Database;
  log: Logger;
  rules: ScheduleRules;
  now?: () => Date;
  /** Web API retries (tests use 0). */
  retries?: number;
}

export interface Bot extends SlackApp {
  ctx: BotContext;
}

export function createBot(options: BotOptions): Bot {
  const { config, db, log, rules } = options;
  const slack = createSlackApp({ slack: config.slack, http: config.http, log, ping: db.ping, retries: options.retries });
  const locales = slackLocales(slack.app.client);
  const ctx: BotContext = {
    prisma: db.prisma,
    config,
    log,
    rules,
    now: options.now ?? (() => new Date()),
    actorFor: (userId) =>
      loadActor(db.prisma, userId, { adminUserIds: config.adminUserIds, defaultLocale: config.defaultLocale }, locales.get(userId)),
  };
  registerCaseload(slack.app, ctx, SUBCOMMANDS);
  for (const register of FEATURES) register(slack.app, ctx);
  slack.app.error(async (error) => {
    log.error({ event: 'slack.unhandled_error', err: error });
  });
  return { ...slack, ctx };
}
