// Undo of a visit or check-in just saved: only its author, only for UNDO_MINUTES after saving,
// only while they may still write that client. The record and the urine test saved with it are
// soft-deleted (the rows stay for the audit trail). Undoing twice is the same as once.
import type { ClientRef } from '../../domain/types.js';
import { canWriteCommunity, type Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/dates.js';
import { audit } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { fromDbDate } from '../../db/dates.js';
import { UNDO_MINUTES } from './ids.js';
import type { RecordKind } from './record.js';

export interface RecordRef {
  kind: RecordKind;
  id: number;
}

/** The Undo button's value. */
export const refValue = (ref: RecordRef) => `${ref.kind}:${ref.id}`;

export function parseRef(value: string | undefined): RecordRef | undefined {
  const match = /^(visit|checkin):([1-9]\d{0,8})$/.exec(value ?? '');
  return match ? { kind: match[1] as RecordKind, id: Number(match[2]) } : undefined;
}

export interface UndoneRecord extends RecordRef {
  client: ClientRef;
  date: LocalDate;
}

export type UndoRefusal = 'notFound' | 'notAuthor' | 'notAllowed' | 'tooLate';
export type UndoResult = { ok: true; record: UndoneRecord } | { ok: false; reason: UndoRefusal };

const WINDOW_MS = UNDO_MINUTES * 60 * 1000;

type Row = { id: number; date: Date; recordedById: number; createdAt: Date; deletedAt: Date | null; client: ClientRef };

async function findRecord(prisma: Prisma, ref: RecordRef): Promise<Row | null> {
  const select = {
    id: true,
    date: true,
    recordedById: true,
    createdAt: true,
    deletedAt: true,
    client: { select: { id: true, caseNumber: true, alias: true, communityId: true } },
  } as const;
  return ref.kind === 'visit'
    ? prisma.visit.findUnique({ where: { id: ref.id }, select })
    : prisma.checkIn.findUnique({ where: { id: ref.id }, select });
}

export async function undoRecord(prisma: Prisma, actor: Actor, ref: RecordRef, now: Date): Promise<UndoResult> {
  const row = await findRecord(prisma, ref);
  if (!row) return { ok: false, reason: 'notFound' };
  if (row.recordedById !== actor.staffId) return { ok: false, reason: 'notAuthor' };
  if (!canWriteCommunity(actor, row.client.communityId)) return { ok: false, reason: 'notAllowed' };
  const record: UndoneRecord = { ...ref, client: row.client, date: fromDbDate(row.date) };
  // A second click (or a retry) finds it undone already: the same answer, nothing changes.
  if (row.deletedAt) return { ok: true, record };
  if (now.getTime() - row.createdAt.getTime() > WINDOW_MS) return { ok: false, reason: 'tooLate' };
  await prisma.$transaction(async (tx) => {
    const gone = { deletedAt: now, deletedBy: actor.userId };
    const changed =
      ref.kind === 'visit'
        ? await tx.visit.updateMany({ where: { id: ref.id, deletedAt: null }, data: gone })
        : await tx.checkIn.updateMany({ where: { id: ref.id, deletedAt: null }, data: gone });
    if (changed.count === 0) return; // a concurrent click won
    const link: { visitId: number } | { checkInId: number } = ref.kind === 'visit' ? { visitId: ref.id } : { checkInId: ref.id };
    const tests = await tx.urineTest.findMany({ where: { ...link, deletedAt: null }, select: { id: true } });
    await tx.urineTest.updateMany({ where: { id: { in: tests.map((t) => t.id) } }, data: gone });
    const entry = { actor: actor.userId, communityId: row.client.communityId };
    const detail = { clientId: row.client.id, communityId: row.client.communityId, date: record.date };
    await audit(tx, { ...entry, action: `${ref.kind}.undo`, entity: ref.kind, entityId: ref.id, detail });
    for (const test of tests) {
      await audit(tx, { ...entry, action: 'urine_test.undo', entity: 'urine_test', entityId: test.id, detail: { ...detail, ...link } });
    }
  });
  return { ok: true, record };
}
