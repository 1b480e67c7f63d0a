// The communities a person may register clients in (their write scope), for the intake form.
import { writeScope, type Actor } from '../../domain/access.js';
import type { Prisma } from '../../db/client.js';

export interface CommunityChoice {
  id: number;
  name: string;
}

/** Slack allows at most 100 options in a static_select. */
export const STATIC_OPTIONS_MAX = 100;

/**
 * Up to `take` communities the actor may write, by name; `query` narrows them by name.
 * Asking for one more than fits tells the caller whether the list is complete.
 */
export async function writableCommunities(prisma: Prisma, actor: Actor, take: number, query = ''): Promise<CommunityChoice[]> {
  const scope = writeScope(actor);
  if (scope !== 'all' && scope.length === 0) return [];
  return prisma.community.findMany({
    where: {
      ...(scope === 'all' ? {} : { id: { in: scope } }),
      ...(query ? { name: { contains: query, mode: 'insensitive' as const } } : {}),
    },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
    take,
  });
}
