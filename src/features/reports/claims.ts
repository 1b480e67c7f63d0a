// The scheduled report is posted once per period across restarts and bot instances, by the
// same rule as the daily lists (src/db/claims.ts), keyed on (kind, period).
import type { Prisma } from '../../db/client.js';
import { claimPost, type Claim } from '../../db/claims.js';
import type { ReportKind } from '../../generated/prisma/enums.js';

export type { Claim } from '../../db/claims.js';

export interface ReportClaimRequest {
  kind: ReportKind;
  periodKey: string;
  channelId: string;
  instanceId: string;
  now: Date;
}

export function claimReportPost(prisma: Prisma, request: ReportClaimRequest): Promise<Claim> {
  const key = { kind: request.kind, periodKey: request.periodKey };
  const claim = { state: 'claimed' as const, channelId: request.channelId, claimedBy: request.instanceId, claimedAt: request.now };
  return claimPost(
    {
      create: () => prisma.reportPost.create({ data: { ...key, ...claim, attempts: 1 }, select: { id: true } }),
      find: () => prisma.reportPost.findUniqueOrThrow({ where: { kind_periodKey: key } }),
      takeOver: async (row) =>
        (await prisma.reportPost.updateMany({ where: { id: row.id, state: row.state, claimedAt: row.claimedAt }, data: { ...claim, attempts: { increment: 1 } } }))
          .count,
    },
    request.now,
  );
}
