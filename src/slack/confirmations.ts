// The private confirmation of a saved record ("visit saved… Undo") must reach its author even when
// Slack fails just then (5xx, 429, a timeout, a restart of the bot): the record is saved once
// whatever happens here, and the author is told once Slack accepts. The confirmation is stored
// (Confirmation) before it is sent; the first attempt, right after the ack, is ephemeral in the
// channel the author worked in, else (or when that fails) a DM. What Slack does not accept is
// tried again by a sweep (src/jobs/confirmations.ts) as a DM marked with the row's id
// (post-once.ts), so an attempt whose answer was lost is found in the DM rather than posted twice.
//
// One case stays ambiguous: an ephemeral message whose answer was lost (a timeout) may have been
// shown; Slack keeps no trace of ephemerals to look for, so the DM follows and the author may see
// both. Saying it twice is the lesser harm than not saying it.
import type { WebClient } from '@slack/web-api';
import { STALE_CLAIM_MS } from '../db/claims.js';
import type { Prisma } from '../db/client.js';
import { Prisma as P } from '../generated/prisma/client.js';
import { errorFields, type Logger } from '../logger.js';
import type { Message } from './notify.js';
import { postOnce } from './post-once.js';

export interface ConfirmDeps {
  prisma: Prisma;
  /** Without retries of its own, rate limits rejected, a bounded timeout (post-once.ts). */
  web: WebClient;
  log: Logger;
  now: () => Date;
}

export const CONFIRMATION_MARKER = 'sunshine_confirmation';

/** Between failed attempts: 30 s doubling, at most 15 minutes (unless Slack's Retry-After says more). */
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 15 * 60 * 1000;

/** Slack errors (ok: false) that a later attempt may get past; any other is final. */
const TRANSIENT_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

type SlackError = { code?: string; retryAfter?: number; data?: { error?: string } };

function isTransient(error: unknown): boolean {
  const e = error as SlackError;
  return e.code !== 'slack_webapi_platform_error' || TRANSIENT_PLATFORM_ERRORS.has(e.data?.error ?? '');
}

const codeOf = (error: unknown): string => {
  const e = error as SlackError;
  return (e.code === 'slack_webapi_platform_error' ? e.data?.error : e.code) ?? 'unknown';
};

interface Pending {
  id: number;
  userId: string;
  channelId: string | null;
  text: string | null;
  blocks: unknown;
  attempts: number;
  tried: boolean;
}

/**
 * Tells `userId` that a record was saved: stored, then sent. Never throws: what Slack does not
 * take now is sent by the sweep later.
 */
export async function confirm(deps: ConfirmDeps, to: { userId: string; channelId: string | undefined }, message: Message): Promise<void> {
  const now = deps.now();
  let row: Pending;
  try {
    row = await deps.prisma.confirmation.create({
      data: {
        userId: to.userId,
        channelId: to.channelId ?? null,
        text: message.text,
        blocks: (message.blocks ?? undefined) as never,
        createdAt: now,
        nextAttemptAt: now,
        claimedAt: now,
      },
    });
  } catch (error) {
    deps.log.warn({ event: 'confirm.store_failed', ...errorFields(error) });
    row = { id: 0, userId: to.userId, channelId: to.channelId ?? null, text: message.text, blocks: message.blocks, attempts: 0, tried: false };
  }
  await attempt(deps, row, true);
}

/** Sends the confirmations due (oldest first); answers how many went and how many did not. */
export async function deliverPending(deps: ConfirmDeps, limit = 50): Promise<{ delivered: number; failed: number }> {
  const now = deps.now();
  const due = await deps.prisma.confirmation.findMany({
    where: {
      deliveredAt: null,
      abandonedAt: null,
      nextAttemptAt: { lte: now },
      OR: [{ claimedAt: null }, { claimedAt: { lt: new Date(now.getTime() - STALE_CLAIM_MS) } }],
    },
    orderBy: { id: 'asc' },
    take: limit,
  });
  const counts = { delivered: 0, failed: 0 };
  for (const row of due) {
    // Another instance's sweep may have taken it since it was read.
    const claimed = await deps.prisma.confirmation.updateMany({ where: { id: row.id, claimedAt: row.claimedAt }, data: { claimedAt: now } });
    if (claimed.count === 0) continue;
    counts[(await attempt(deps, row, false)) ? 'delivered' : 'failed'] += 1;
  }
  return counts;
}

/** One attempt at a claimed row; true when Slack took it. */
async function attempt(deps: ConfirmDeps, row: Pending, ephemeralFirst: boolean): Promise<boolean> {
  const { web, prisma } = deps;
  const message = { text: row.text ?? '', blocks: (row.blocks ?? undefined) as unknown[] | undefined };
  try {
    if (ephemeralFirst && row.channelId) {
      try {
        await web.chat.postEphemeral({ channel: row.channelId, user: row.userId, text: message.text, blocks: message.blocks as never });
        await settle(deps, row, 'ephemeral');
        return true;
      } catch (error) {
        // not_in_channel, a DM with someone else, or Slack failing: the author's DM instead.
        deps.log.info({ event: 'confirm.ephemeral_failed', id: row.id, ...errorFields(error) });
      }
    }
    const opened = await web.conversations.open({ users: row.userId });
    const channel = String(opened.channel?.id);
    if (!row.tried && row.id > 0) await prisma.confirmation.update({ where: { id: row.id }, data: { tried: true } });
    await postOnce(web, { channel, ...message }, { type: CONFIRMATION_MARKER, id: row.id }, { tried: row.tried });
    await settle(deps, row, 'dm');
    return true;
  } catch (error) {
    await failed(deps, row, error);
    return false;
  }
}

async function settle(deps: ConfirmDeps, row: Pending, how: 'ephemeral' | 'dm'): Promise<void> {
  if (row.id > 0) {
    await deps.prisma.confirmation.update({ where: { id: row.id }, data: { deliveredAt: deps.now(), claimedAt: null, text: null, blocks: P.DbNull } });
  }
  if (row.attempts > 0) deps.log.info({ event: 'confirm.delivered', id: row.id, how, attempts: row.attempts + 1 });
}

async function failed(deps: ConfirmDeps, row: Pending, error: unknown): Promise<void> {
  const attempts = row.attempts + 1;
  const transient = isTransient(error);
  const retryAfterMs = ((error as SlackError).retryAfter ?? 0) * 1000;
  const delayMs = Math.max(Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), MAX_RETRY_MS), retryAfterMs);
  deps.log.warn({ event: transient ? 'confirm.failed' : 'confirm.abandoned', id: row.id, attempts, ...(transient ? { nextDelayMs: delayMs } : {}), ...errorFields(error) });
  if (row.id === 0) return;
  const now = deps.now();
  await deps.prisma.confirmation
    .update({
      where: { id: row.id },
      data: {
        attempts,
        claimedAt: null,
        lastError: codeOf(error),
        ...(transient ? { nextAttemptAt: new Date(now.getTime() + delayMs) } : { abandonedAt: now, text: null, blocks: P.DbNull }),
      },
    })
    .catch((stored: unknown) => deps.log.warn({ event: 'confirm.store_failed', id: row.id, ...errorFields(stored) }));
}
