// The one check of "may this person write to this client": record for them, change their
// status or team. A client that does not exist and a client of someone else's community answer
// alike (null), so a forged id learns nothing. Ids come from buttons and modals and may be forged.
import { canWriteCommunity, type Actor } from '../../domain/access.js';
import { auditRead } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';

/** A row id as a button or metadata carries it, or null for anything else. */
export const idFrom = (value: string | number | undefined | null): number | null => {
  const text = String(value ?? '');
  return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : null;
};

/** The client with its status history, if `actor` may write in its community. */
export async function writableClient(prisma: Prisma, actor: Actor, clientId: number | null) {
  if (clientId === null) return null;
  const client = await prisma.client.findUnique({ where: { id: clientId }, include: { statusPeriods: { orderBy: { id: 'asc' } } } });
  return client && canWriteCommunity(actor, client.communityId) ? client : null;
}

/** writableClient for a button that opens a form about the client: the lookup is audited, allowed or not. */
export async function lookUpWritable(prisma: Prisma, actor: Actor, clientId: number | null, via: string) {
  const client = await writableClient(prisma, actor, clientId);
  const seen = client ?? (clientId === null ? null : await prisma.client.findUnique({ where: { id: clientId }, select: { id: true, communityId: true } }));
  await auditRead(prisma, {
    actor: actor.userId,
    action: 'client.lookup',
    entity: 'client',
    entityId: seen?.id ?? null,
    communityId: seen?.communityId ?? null,
    detail: { via, allowed: client !== null },
  });
  return client;
}
