// A Slack submission delivered twice (a retry, a double click) must create one record. The
// key (e.g. "view:<view.id>") is claimed in the same transaction as the record: a second
// delivery finds it, or — when both run at once — loses on the unique key and then finds it.
import type { Prisma as PrismaNamespace } from '../generated/prisma/client.js';
import type { Prisma } from './client.js';
import { isUniqueViolation } from './errors.js';

export type Tx = PrismaNamespace.TransactionClient;

export interface Once<T> {
  duplicate: boolean;
  entityId: string;
  /** What `create` returned; undefined for a duplicate. */
  value: T | undefined;
}

export async function once<T extends { id: number | string }>(
  prisma: Prisma,
  key: string,
  entity: string,
  create: (tx: Tx) => Promise<T>,
): Promise<Once<T>> {
  const existing = await prisma.submissionKey.findUnique({ where: { key } });
  if (existing) return { duplicate: true, entityId: existing.entityId, value: undefined };
  try {
    return await prisma.$transaction(async (tx) => {
      await tx.submissionKey.create({ data: { key, entity, entityId: '' } });
      const value = await create(tx);
      await tx.submissionKey.update({ where: { key }, data: { entityId: String(value.id) } });
      return { duplicate: false, entityId: String(value.id), value };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await prisma.submissionKey.findUnique({ where: { key } });
    if (!winner) throw error; // the unique violation was the record's own, not the key's
    return { duplicate: true, entityId: winner.entityId, value: undefined };
  }
}
