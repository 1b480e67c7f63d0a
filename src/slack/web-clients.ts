// Every Web API client the bot makes, and how long each waits and retries: one table, so that
// what runs in production is what the tests run (they build no client settings of their own).
//
// Bolt's default (ten retries over about thirty minutes) suits none of them: a person waits
// seconds for a modal or a reply, a trigger_id dies after three, and SIGTERM waits for every
// request in flight — a listener still retrying would hold the shutdown for half an hour.
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from '../logger.js';
import { boltLogger } from './logger.js';

export type WebClientKind = keyof typeof WEB_CLIENTS;

export const WEB_CLIENTS = {
  /**
   * Listeners' calls (modals, replies, lookups): two quick retries of a 5xx or a network error,
   * all within a few seconds; a 429 waits its Retry-After.
   */
  interactive: { retryConfig: { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 1200 }, timeout: 10_000, rejectRateLimitedCalls: false },
  /** The daily and weekly jobs' updates, lookups and DMs: a batch may wait, but not forever. */
  jobs: { retryConfig: { retries: 5, factor: 2, minTimeout: 1000, maxTimeout: 60_000 }, timeout: 30_000, rejectRateLimitedCalls: false },
  /** Posts that must appear once: never resent on their own (post-once.ts retries what is safe to). */
  once: { retryConfig: { retries: 0 }, timeout: 30_000, rejectRateLimitedCalls: true },
  /** A saved record's confirmation: one attempt; a lost answer is looked up, not resent (confirmations). */
  confirmations: { retryConfig: { retries: 0 }, timeout: 10_000, rejectRateLimitedCalls: true },
  /** auth.test at start: a quick answer or none, the bot starts either way (identity.ts). */
  identity: { retryConfig: { retries: 0 }, timeout: 5000, rejectRateLimitedCalls: false },
} as const satisfies Record<string, WebClientOptions>;

/** The options of a `kind` of client against `apiUrl` (SLACK_API_URL), logging through `log`. */
export function webClientOptions(kind: WebClientKind, apiUrl: string | undefined, log: Logger): WebClientOptions {
  const { retryConfig, ...rest } = WEB_CLIENTS[kind];
  return { ...rest, retryConfig: { ...retryConfig }, logger: boltLogger(log), ...(apiUrl ? { slackApiUrl: apiUrl } : {}) };
}

export function webClient(kind: WebClientKind, token: string, apiUrl: string | undefined, log: Logger): WebClient {
  return new WebClient(token, webClientOptions(kind, apiUrl, log));
}
