// Which communities a report covers for the person asking: managers and admins every community
// (and the total), a worker their own communities only; optionally one community named as
// people say it (梅花碑 for 梅花碑社区).
import { readScope, type Actor } from '../../domain/access.js';
import type { Prisma } from '../../db/client.js';
import type { CommunityRef } from './counts.js';

export type ReportScope =
  | { kind: 'ok'; communities: CommunityRef[] | 'all' }
  | { kind: 'unknown'; name: string }
  | { kind: 'notYours'; name: string }
  /** A worker who belongs to no community yet. */
  | { kind: 'none' };

/** Exact name ignoring case, else the one community whose name starts with it. */
export async function findCommunityByName(prisma: Prisma, name: string): Promise<CommunityRef | null> {
  const exact = await prisma.community.findFirst({ where: { name: { equals: name, mode: 'insensitive' } }, select: { id: true, name: true } });
  if (exact) return exact;
  const prefixed = await prisma.community.findMany({ where: { name: { startsWith: name, mode: 'insensitive' } }, select: { id: true, name: true }, take: 2 });
  return prefixed.length === 1 ? prefixed[0]! : null;
}

export async function reportScope(prisma: Prisma, actor: Actor, name?: string): Promise<ReportScope> {
  const scope = readScope(actor);
  if (name) {
    const community = await findCommunityByName(prisma, name);
    if (!community) return { kind: 'unknown', name };
    if (scope !== 'all' && !scope.includes(community.id)) return { kind: 'notYours', name: community.name };
    return { kind: 'ok', communities: [community] };
  }
  if (scope === 'all') return { kind: 'ok', communities: 'all' };
  if (scope.length === 0) return { kind: 'none' };
  const communities = await prisma.community.findMany({ where: { id: { in: scope } }, select: { id: true, name: true } });
  return { kind: 'ok', communities };
}
