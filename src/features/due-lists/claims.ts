// Exactly one message per community, local date and kind, across restarts and bot instances.
// The claim is a row with a unique key taken BEFORE posting; the message ts is stored after.
// A claim left behind by a crash between claim and post goes stale and is taken over, with a
// compare-and-set on claimedAt so that only one instance takes it.
import type { Prisma } from '../../db/client.js';
import { toDbDate } from '../../db/dates.js';
import { isUniqueViolation } from '../../db/idempotency.js';
import type { LocalDate } from '../../domain/dates.js';

export const STALE_CLAIM_MS = 5 * 60 * 1000;

export type Claim =
  /** `previousError`: the error of an earlier attempt today that this claim takes over. */
  | { kind: 'claimed'; postId: number; previousError: string | null }
  | { kind: 'posted'; postId: number; channelId: string; messageTs: string }
  | { kind: 'failed'; postId: number; error: string | null }
  | { kind: 'busy' };

export interface ClaimRequest {
  communityId: number;
  localDate: LocalDate;
  channelId: string;
  instanceId: string;
  now: Date;
  /** An explicit request retries a post that failed earlier today. */
  retryFailed?: boolean;
}

export async function claimDuePost(prisma: Prisma, request: ClaimRequest): Promise<Claim> {
  const key = { communityId: request.communityId, localDate: toDbDate(request.localDate), kind: 'due_list' as const };
  try {
    const created = await prisma.dailyPost.create({
      data: { ...key, channelId: request.channelId, claimedBy: request.instanceId, claimedAt: request.now, attempts: 1 },
    });
    return { kind: 'claimed', postId: created.id, previousError: null };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const row = await prisma.dailyPost.findUniqueOrThrow({ where: { communityId_localDate_kind: key } });
  if (row.state === 'posted' && row.messageTs) return { kind: 'posted', postId: row.id, channelId: row.channelId, messageTs: row.messageTs };
  const stale = row.state === 'claimed' && request.now.getTime() - row.claimedAt.getTime() > STALE_CLAIM_MS;
  const retry = row.state === 'failed' && request.retryFailed === true;
  if (!stale && !retry) return row.state === 'failed' ? { kind: 'failed', postId: row.id, error: row.error } : { kind: 'busy' };
  const taken = await prisma.dailyPost.updateMany({
    where: { id: row.id, state: row.state, claimedAt: row.claimedAt },
    data: { state: 'claimed', claimedBy: request.instanceId, claimedAt: request.now, channelId: request.channelId, attempts: { increment: 1 } },
  });
  return taken.count === 1 ? { kind: 'claimed', postId: row.id, previousError: row.error } : { kind: 'busy' };
}
