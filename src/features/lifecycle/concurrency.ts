// Optimistic concurrency with idempotency, for every change to something people may edit at
// the same time (a client's status or team, a visit or check-in). The write names the version
// it was based on (UPDATE … WHERE id = ? AND version = ?); when that matched nothing, someone
// else changed it first and the whole transaction is rolled back — their change is kept and
// this one is refused, never silently lost. A submission delivered twice writes once.
import type { Prisma } from '../../db/client.js';
import { once, type Tx } from '../../db/idempotency.js';

/** Thrown inside `write` when its versioned update matched nothing: rolls the transaction back. */
export class Stale extends Error {}

export type Versioned<T> = { kind: 'saved'; value: T } | { kind: 'duplicate' } | { kind: 'stale' };

export const keySaved = async (prisma: Prisma, key: string): Promise<boolean> =>
  (await prisma.submissionKey.findUnique({ where: { key } })) !== null;

/** Throws Stale unless exactly the expected row was updated. */
export function expectOne(updated: { count: number }): void {
  if (updated.count === 0) throw new Stale();
}

export async function onceIfCurrent<T extends { id: number | string }>(
  prisma: Prisma,
  key: string,
  entity: string,
  write: (tx: Tx) => Promise<T>,
): Promise<Versioned<T>> {
  try {
    const saved = await once(prisma, key, entity, write);
    return saved.duplicate ? { kind: 'duplicate' } : { kind: 'saved', value: saved.value! };
  } catch (error) {
    if (!(error instanceof Stale)) throw error;
    // A parallel delivery of the same submission may be what changed the version.
    return (await keySaved(prisma, key)) ? { kind: 'duplicate' } : { kind: 'stale' };
  }
}
