// Exactly-once posting across restarts and bot instances, for any table of posts (the daily
// lists, the weekly report): a row with a unique key is created BEFORE posting and the
// message ts stored after. A claim left behind by a crash between the two goes stale and is
// taken over with a compare-and-set on claimedAt, so only one instance takes it.
import type { PostState } from '../generated/prisma/enums.js';
import { isUniqueViolation } from './errors.js';

/**
 * A claim older than this is taken over. Longer than the longest attempt to post (a 30-second
 * request without automatic retries, plus at most two minutes of rate-limit waits: post-once.ts),
 * so a claim is never taken from a poster still at work.
 */
export const STALE_CLAIM_MS = 5 * 60 * 1000;

export type Claim =
  /**
   * `takenOver`: an earlier attempt held the claim, and may have reached Slack before it failed or
   * died (look for its message before posting); `previousError`: that attempt's error.
   */
  | { kind: 'claimed'; postId: number; takenOver: boolean; previousError: string | null }
  | { kind: 'posted'; postId: number; channelId: string; messageTs: string }
  | { kind: 'failed'; postId: number; error: string | null }
  | { kind: 'busy' };

/** What the claim rule reads of a post row, whichever table holds it. */
export interface PostRow {
  id: number;
  state: PostState;
  claimedAt: Date;
  channelId: string;
  messageTs: string | null;
  error: string | null;
}

/** One post's row: created (unique key) or found, and taken over by compare-and-set. */
export interface PostTable {
  /** Inserts the claimed row; throws Prisma's unique violation when it exists. */
  create(): Promise<{ id: number }>;
  find(): Promise<PostRow>;
  /** Claims `row` again if it is still as read; how many rows changed (0 or 1). */
  takeOver(row: PostRow): Promise<number>;
}

/** `retryFailed`: an explicit request also retries a post that failed for good earlier. */
export async function claimPost(table: PostTable, now: Date, retryFailed = false): Promise<Claim> {
  try {
    return { kind: 'claimed', postId: (await table.create()).id, takenOver: false, previousError: null };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const row = await table.find();
  if (row.state === 'posted' && row.messageTs) return { kind: 'posted', postId: row.id, channelId: row.channelId, messageTs: row.messageTs };
  const stale = row.state === 'claimed' && now.getTime() - row.claimedAt.getTime() > STALE_CLAIM_MS;
  const retry = row.state === 'failed' && retryFailed;
  if (!stale && !retry) return row.state === 'failed' ? { kind: 'failed', postId: row.id, error: row.error } : { kind: 'busy' };
  return (await table.takeOver(row)) === 1 ? { kind: 'claimed', postId: row.id, takenOver: true, previousError: row.error } : { kind: 'busy' };
}
