// Restoring a soft-deleted visit or check-in (and the test deleted with it): managers only,
// while they may write that community. The deleted version is kept as a RecordRevision row, the
// restore is audited, and a second click finds nothing left to restore.
import type { ClientRef } from '../../domain/types.js';
import { audit } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { canRestore, type Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/dates.js';
import { expectOne, Stale } from '../lifecycle/concurrency.js';

import type { RecordRef } from '../visits/undo.js';
import { loadRecord } from './records.js';

export interface RestoredRecord extends RecordRef {
  client: ClientRef;
  date: LocalDate;
}

export type RestoreRefusal = 'notFound' | 'notAllowed' | 'notDeleted';
export type RestoreResult = { ok: true; record: RestoredRecord } | { ok: false; reason: RestoreRefusal };

export async function restoreRecord(prisma: Prisma, actor: Actor, ref: RecordRef, now: Date): Promise<RestoreResult> {
  const record = await loadRecord(prisma, ref);
  if (!record) return { ok: false, reason: 'notFound' };
  if (!canRestore(actor, record.client.communityId)) return { ok: false, reason: 'notAllowed' };
  if (!record.deletedAt) return { ok: false, reason: 'notDeleted' };
  const { client } = record;
  const revision = { clientId: client.id, change: 'restore', editedById: actor.staffId!, editedAt: now, reason: null };
  const back = { deletedAt: null, deletedBy: null, version: { increment: 1 } };
  try {
    await prisma.$transaction(async (tx) => {
      const where = { id: record.id, version: record.version, deletedAt: { not: null } };
      expectOne(ref.kind === 'visit' ? await tx.visit.updateMany({ where, data: back }) : await tx.checkIn.updateMany({ where, data: back }));
      await tx.recordRevision.create({ data: { ...revision, entity: ref.kind, entityId: record.id, version: record.version, data: record.snapshot } });
      const detail = { clientId: client.id, communityId: client.communityId, date: record.date, version: record.version + 1 };
      await audit(tx, { actor: actor.userId, action: `${ref.kind}.restore`, entity: ref.kind, entityId: record.id, communityId: client.communityId, detail });
      for (const test of record.deletedWith) {
        expectOne(await tx.urineTest.updateMany({ where: { id: test.id, version: test.version, deletedAt: { not: null } }, data: back }));
        await tx.recordRevision.create({ data: { ...revision, entity: 'urine_test', entityId: test.id, version: test.version, data: test.snapshot } });
        await audit(tx, { actor: actor.userId, action: 'urine_test.restore', entity: 'urine_test', entityId: test.id, communityId: client.communityId, detail: { ...detail, version: test.version + 1 } });
      }
    });
  } catch (error) {
    // Restored (or changed) by someone else meanwhile: nothing left to do here.
    if (error instanceof Stale) return { ok: false, reason: 'notDeleted' };
    throw error;
  }
  return { ok: true, record: { kind: ref.kind, id: record.id, client, date: record.date } };
}
