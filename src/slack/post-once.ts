// "Posted once" when an attempt's outcome is unknown: a chat.postMessage that timed out after
// Slack received it, or a process that died between Slack's answer and storing it. Everything the
// bot posts that must appear once (a community's daily list, a legal-flag notice) carries message
// metadata naming it; before posting it again, the bot looks for a message of its own with that
// metadata in the channel (or thread) and, when there is one, keeps it instead of posting twice.
// Reading the channel needs the channels:history / groups:history scopes (manifest.yml).
import type { WebClient } from '@slack/web-api';

export interface Marker {
  /** What the message is: "sunshine_due_list", "sunshine_legal_flag"… */
  type: string;
  /** Which one: the row id. */
  id: number;
}

export function metadataOf(marker: Marker): { event_type: string; event_payload: { id: string } } {
  return { event_type: marker.type, event_payload: { id: String(marker.id) } };
}

/**
 * Pages looked at, newest first, of up to 200 messages each: far more than a channel receives
 * between two attempts at one post (minutes apart). No time bound is used: the bot's clock and
 * Slack's need not agree.
 */
const MAX_PAGES = 5;

interface Found {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

const isMarked = (message: Found, marker: Marker) =>
  message.metadata?.event_type === marker.type && String(message.metadata.event_payload?.id) === String(marker.id);

/** The ts of the bot's message marked `marker` in `channel` (in the thread of `threadTs` when given), or undefined. */
export async function findOwnMessage(web: WebClient, channel: string, marker: Marker, threadTs?: string): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = threadTs
      ? await web.conversations.replies({ channel, ts: threadTs, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) })
      : await web.conversations.history({ channel, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) });
    const found = ((answer.messages ?? []) as Found[]).find((m) => isMarked(m, marker));
    if (found?.ts) return found.ts;
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) return undefined;
  }
  return undefined;
}

/** The longest the bot waits out Slack's rate limits for one post (well inside a claim's lease). */
const MAX_RATE_LIMIT_WAIT_MS = 2 * 60 * 1000;

export interface PostOnceOptions {
  /** An earlier attempt may have reached Slack: look for its message first. */
  tried: boolean;
  /**
   * Whether the post is still this instance's to make (its claim not taken over); asked before
   * each attempt after waiting out a rate limit.
   */
  stillMine?: () => Promise<boolean>;
}

const isRateLimited = (error: unknown): error is { retryAfter: number } =>
  (error as { code?: string }).code === 'slack_webapi_rate_limited_error';

/**
 * Posts a message that must appear once, marked with `marker`, and answers its ts. `web` must not
 * retry on its own (retries: 0, rejectRateLimitedCalls: true): a retried post whose first answer
 * was lost would appear twice. A 429 means Slack did not take the message, so it is waited out and
 * tried again here; any other failure leaves the outcome unknown and is thrown, and the caller's
 * next attempt passes `tried` so that the message is looked for before it is posted again.
 */
export async function postOnce(
  web: WebClient,
  message: { channel: string; text: string; blocks?: unknown[]; thread_ts?: string },
  marker: Marker,
  options: PostOnceOptions,
): Promise<string> {
  if (options.tried) {
    const found = await findOwnMessage(web, message.channel, marker, message.thread_ts);
    if (found) return found;
  }
  let waited = 0;
  for (;;) {
    try {
      const posted = await web.chat.postMessage({
        ...message,
        blocks: message.blocks as never,
        metadata: metadataOf(marker),
        unfurl_links: false,
        unfurl_media: false,
      });
      return String(posted.ts);
    } catch (error) {
      if (!isRateLimited(error) || waited >= MAX_RATE_LIMIT_WAIT_MS) throw error;
      const wait = Math.min(Math.max(error.retryAfter, 1) * 1000, MAX_RATE_LIMIT_WAIT_MS - waited);
      await new Promise((resolve) => setTimeout(resolve, wait));
      waited += wait;
      if (options.stillMine && !(await options.stillMine())) throw new Error('the post was taken over by another instance');
    }
  }
}
