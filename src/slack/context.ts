// What every feature's Slack handlers are given: the database, settings, the clock, and the
// one way to learn who is asking (their Actor, with their language).
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../domain/access.js';
import type { ScheduleRules } from '../domain/rules.js';
import type { WorkingCalendar } from '../domain/working-days.js';
import type { Config } from '../config.js';
import type { DueJobDeps } from '../job-deps.js';
import type { Prisma } from '../db/client.js';
import type { Logger } from '../logger.js';
import { translator, type Translate } from '../i18n/index.js';
import type { ConfirmDeps } from './confirmations.js';

export interface BotContext {
  prisma: Prisma;
  /** The Web API with the bot token, for work outside a request (a listener has its own `client`). */
  web: WebClient;
  config: Config;
  log: Logger;
  rules: ScheduleRules;
  /** The current instant; tests fix it. */
  now: () => Date;
  /** Loads who a Slack user is for the bot (staff, role, communities, language). */
  actorFor: (userId: string) => Promise<Actor>;
  /** Working days of the official Chinese calendar. */
  calendar: WorkingCalendar;
  /** What the daily due-list job runs with (also for `/caseload due post`). */
  dueJob: DueJobDeps;
  /** Confirmations of saved records, kept until Slack accepts them (confirmations.ts). */
  confirmations: ConfirmDeps;
  /**
   * Call after a visit, check-in or test is saved (after the ack): every listener runs (the
   * day's due list marks the client's line done, App Home refreshes). Never throws.
   */
  recorded: (event: RecordedEvent) => Promise<void>;
  /** Adds a listener for `recorded`. */
  onRecorded: (listener: (event: RecordedEvent) => Promise<void>) => void;
}

export interface RecordedEvent {
  clientId: number;
  communityId: number;
  /** Slack user id of whoever recorded it. */
  userId: string;
}

export type BoltApp = App;

export interface Asker {
  actor: Actor;
  t: Translate;
}

export async function askerFor(ctx: BotContext, userId: string): Promise<Asker> {
  const actor = await ctx.actorFor(userId);
  return { actor, t: translator(actor.locale) };
}
