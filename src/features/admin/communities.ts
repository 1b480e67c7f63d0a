// Use cases for communities: create one, find one by name, link it to a Slack channel.
// Plain data and an actor in, a result value out; every change is audited in its transaction.
import type { Actor } from '../../domain/access.js';
import type { Prisma } from '../../db/client.js';
import { audit } from '../../db/audit.js';
import { isUniqueViolation } from '../../db/errors.js';

/** The longest community name, in characters as people count them (nameLength). */
export const MAX_COMMUNITY_NAME = 40;

export interface CommunityRow {
  id: number;
  name: string;
  channelId: string | null;
}

const ROW = { id: true, name: true, channelId: true } as const;

/** Exact name, ignoring case (people type 大学路 or daxuelu the way they remember it). */
export function findCommunity(prisma: Prisma, name: string): Promise<CommunityRow | null> {
  return prisma.community.findFirst({
    where: { name: { equals: name, mode: 'insensitive' } },
    orderBy: { id: 'asc' },
    select: ROW,
  });
}

/** The first `limit` names in creation order, and how many there are. */
export async function communityNames(prisma: Prisma, limit: number): Promise<{ names: string[]; total: number }> {
  const [rows, total] = await Promise.all([
    prisma.community.findMany({ orderBy: { id: 'asc' }, take: limit, select: { name: true } }),
    prisma.community.count(),
  ]);
  return { names: rows.map((r) => r.name), total };
}

export type CreateCommunityResult = { ok: true; community: CommunityRow } | { ok: false; existing: string };

export async function createCommunity(prisma: Prisma, actor: Actor, name: string): Promise<CreateCommunityResult> {
  const existing = await findCommunity(prisma, name);
  if (existing) return { ok: false, existing: existing.name };
  try {
    return await prisma.$transaction(async (tx) => {
      const community = await tx.community.create({ data: { name }, select: ROW });
      await audit(tx, { actor: actor.userId, action: 'community.create', entity: 'community', entityId: community.id, communityId: community.id });
      return { ok: true as const, community };
    });
  } catch (error) {
    // Two admins creating the same name at once: the unique key lets one win.
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, existing: (await findCommunity(prisma, name))?.name ?? name };
  }
}

export type LinkResult =
  | { kind: 'linked'; previousChannelId: string | null }
  | { kind: 'already' }
  | { kind: 'channelTaken'; other: string };

/**
 * Links `channelId` to the community. A channel serves one community, so a channel linked to
 * another community is refused; a community linked elsewhere moves to this channel (that is
 * how an admin replaces a community's channel) and the reply says so.
 */
export async function linkChannel(prisma: Prisma, actor: Actor, communityId: number, channelId: string): Promise<LinkResult> {
  const taken = async (): Promise<LinkResult | undefined> => {
    const holder = await prisma.community.findUnique({ where: { channelId }, select: ROW });
    if (!holder) return undefined;
    return holder.id === communityId ? { kind: 'already' } : { kind: 'channelTaken', other: holder.name };
  };
  const refused = await taken();
  if (refused) return refused;
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.community.findUniqueOrThrow({ where: { id: communityId }, select: ROW });
      await tx.community.update({ where: { id: communityId }, data: { channelId } });
      await audit(tx, {
        actor: actor.userId,
        action: 'community.link',
        entity: 'community',
        entityId: communityId,
        communityId,
        detail: { channelId, previousChannelId: before.channelId },
      });
      return { kind: 'linked' as const, previousChannelId: before.channelId };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const lost = await taken();
    if (!lost) throw error;
    return lost;
  }
}
