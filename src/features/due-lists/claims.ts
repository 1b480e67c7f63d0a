// One daily message per community, local date and kind (see src/db/claims.ts for the rule).
import type { Prisma } from '../../db/client.js';
import { claimPost, type Claim } from '../../db/claims.js';
import { toDbDate } from '../../db/dates.js';
import type { LocalDate } from '../../domain/dates.js';

export { STALE_CLAIM_MS, type Claim } from '../../db/claims.js';

export interface ClaimRequest {
  communityId: number;
  localDate: LocalDate;
  channelId: string;
  instanceId: string;
  now: Date;
  /** An explicit request retries a post that failed earlier today. */
  retryFailed?: boolean;
}

export function claimDuePost(prisma: Prisma, request: ClaimRequest): Promise<Claim> {
  const key = { communityId: request.communityId, localDate: toDbDate(request.localDate), kind: 'due_list' as const };
  const claim = { state: 'claimed' as const, channelId: request.channelId, claimedBy: request.instanceId, claimedAt: request.now };
  return claimPost(
    {
      create: () => prisma.dailyPost.create({ data: { ...key, ...claim, attempts: 1 }, select: { id: true } }),
      find: () => prisma.dailyPost.findUniqueOrThrow({ where: { communityId_localDate_kind: key } }),
      takeOver: async (row) =>
        (await prisma.dailyPost.updateMany({ where: { id: row.id, state: row.state, claimedAt: row.claimedAt }, data: { ...claim, attempts: { increment: 1 } } }))
          .count,
    },
    request.now,
    request.retryFailed === true,
  );
}
