// Reading records for corrections: one visit or check-in with the urine test taken with it (to
// edit or restore it), and a client's latest records with their edit history (the records list).
import type { ClientRef } from '../../domain/types.js';
import { auditRead } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { fromDbDate } from '../../db/dates.js';
import { canCorrect, canRestore, inScope, readScope, type Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/dates.js';
import type { HelpKind, UrineResult, VisitKind } from '../../domain/types.js';
import type { RecordKind } from '../visits/record.js';
import type { RecordRef } from '../visits/undo.js';
import { RECORDS_SHOWN } from './ids.js';

/** A row as it was, for RecordRevision.data: dates as 'YYYY-MM-DD', instants as ISO strings. */
export type Snapshot = Record<string, string | number | boolean | null | string[]>;

/** Columns holding calendar dates (the rest of the Date values are instants). */
const DATE_COLUMNS = new Set(['date', 'nextPlannedOn']);

export function snapshot(row: Record<string, unknown>): Snapshot {
  const out: Snapshot = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'client') continue;
    out[key] = value instanceof Date ? (DATE_COLUMNS.has(key) ? fromDbDate(value) : value.toISOString()) : (value as Snapshot[string]);
  }
  return out;
}

export interface StoredTest {
  id: number;
  version: number;
  result: UrineResult;
  date: LocalDate;
  snapshot: Snapshot;
}

export interface StoredRecord extends RecordRef {
  version: number;
  date: LocalDate;
  createdAt: Date;
  deletedAt: Date | null;
  recordedById: number;
  client: ClientRef;
  visitKind: VisitKind | null;
  help: HelpKind[];
  notes: string | null;
  next: LocalDate | null;
  /** The test taken with it, if not deleted. */
  test: StoredTest | null;
  /** Tests deleted together with it (an undo): a restore brings them back too. */
  deletedWith: StoredTest[];
  snapshot: Snapshot;
}

const CLIENT = { select: { id: true, caseNumber: true, alias: true, communityId: true } } as const;

export async function loadRecord(prisma: Prisma, ref: RecordRef): Promise<StoredRecord | null> {
  const visit = ref.kind === 'visit' ? await prisma.visit.findUnique({ where: { id: ref.id }, include: { client: CLIENT } }) : null;
  const row = visit ?? (ref.kind === 'checkin' ? await prisma.checkIn.findUnique({ where: { id: ref.id }, include: { client: CLIENT } }) : null);
  if (!row) return null;
  const tests = await prisma.urineTest.findMany({ where: ref.kind === 'visit' ? { visitId: ref.id } : { checkInId: ref.id }, orderBy: { id: 'desc' } });
  const stored = (t: (typeof tests)[number]): StoredTest => ({ id: t.id, version: t.version, result: t.result, date: fromDbDate(t.date), snapshot: snapshot(t) });
  const live = tests.find((t) => t.deletedAt === null);
  const deletedAt = row.deletedAt?.getTime();
  return {
    kind: ref.kind,
    id: row.id,
    version: row.version,
    date: fromDbDate(row.date),
    createdAt: row.createdAt,
    deletedAt: row.deletedAt,
    recordedById: row.recordedById,
    client: row.client,
    visitKind: visit?.kind ?? null,
    help: visit?.helpGiven ?? [],
    notes: row.notes,
    next: visit?.nextPlannedOn ? fromDbDate(visit.nextPlannedOn) : null,
    test: live ? stored(live) : null,
    deletedWith: deletedAt === undefined ? [] : tests.filter((t) => t.deletedAt?.getTime() === deletedAt).map(stored),
    snapshot: snapshot(row),
  };
}

/** One line of the records list: what, when, by whom, and its edit history — never notes. */
export interface RecordLine extends RecordRef {
  date: LocalDate;
  visitKind: VisitKind | null;
  urine: UrineResult | null;
  authorUserId: string;
  deleted: boolean;
  edits: number;
  lastEdit: { at: Date; byUserId: string } | null;
  canEdit: boolean;
  canRestore: boolean;
}

export type RecordsResult = { ok: true; client: ClientRef; lines: RecordLine[] } | { ok: false; reason: 'notFound' | 'notAllowed' };

/** The client's latest RECORDS_SHOWN visits and check-ins, deleted ones included. Audited as a read of the file. */
export async function clientRecords(prisma: Prisma, actor: Actor, clientId: number): Promise<RecordsResult> {
  const client = await prisma.client.findUnique({ where: { id: clientId }, ...CLIENT });
  if (!client) return { ok: false, reason: 'notFound' };
  if (!inScope(readScope(actor), client.communityId)) return { ok: false, reason: 'notAllowed' };
  const select = { id: true, date: true, version: true, createdAt: true, deletedAt: true, recordedById: true, recordedBy: { select: { slackUserId: true } } } as const;
  const query = { where: { clientId }, orderBy: [{ date: 'desc' as const }, { id: 'desc' as const }], take: RECORDS_SHOWN };
  const [visits, checkIns] = await Promise.all([
    prisma.visit.findMany({ ...query, select: { ...select, kind: true } }),
    prisma.checkIn.findMany({ ...query, select }),
  ]);
  const rows = [
    ...visits.map((v) => ({ ...v, ref: { kind: 'visit' as RecordKind, id: v.id }, visitKind: v.kind })),
    ...checkIns.map((c) => ({ ...c, ref: { kind: 'checkin' as RecordKind, id: c.id }, visitKind: null })),
  ]
    .sort((a, b) => b.date.getTime() - a.date.getTime() || b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, RECORDS_SHOWN);
  const ids = (kind: RecordKind) => rows.filter((r) => r.ref.kind === kind).map((r) => r.id);
  const [tests, revisions] = await Promise.all([
    prisma.urineTest.findMany({
      where: { OR: [{ visitId: { in: ids('visit') } }, { checkInId: { in: ids('checkin') } }] },
      select: { visitId: true, checkInId: true, result: true, deletedAt: true },
      orderBy: { id: 'desc' },
    }),
    prisma.recordRevision.findMany({
      where: { clientId, OR: [{ entity: 'visit', entityId: { in: ids('visit') } }, { entity: 'checkin', entityId: { in: ids('checkin') } }] },
      select: { entity: true, entityId: true, editedAt: true, editedBy: { select: { slackUserId: true } } },
      orderBy: { id: 'asc' },
    }),
  ]);
  const lines = rows.map((r): RecordLine => {
    const linked = tests.filter((t) => (r.ref.kind === 'visit' ? t.visitId : t.checkInId) === r.id);
    // A deleted record shows the test deleted with it.
    const test = linked.find((t) => (r.deletedAt ? t.deletedAt?.getTime() === r.deletedAt.getTime() : t.deletedAt === null));
    const edits = revisions.filter((e) => e.entity === r.ref.kind && e.entityId === r.id);
    const last = edits.at(-1);
    return {
      ...r.ref,
      date: fromDbDate(r.date),
      visitKind: r.visitKind,
      urine: test?.result ?? null,
      authorUserId: r.recordedBy.slackUserId,
      deleted: r.deletedAt !== null,
      edits: edits.length,
      lastEdit: last ? { at: last.editedAt, byUserId: last.editedBy.slackUserId } : null,
      canEdit: r.deletedAt === null && canCorrect(actor, client.communityId, r.recordedById),
      canRestore: r.deletedAt !== null && canRestore(actor, client.communityId),
    };
  });
  await auditRead(prisma, {
    actor: actor.userId,
    action: 'client.read',
    entity: 'client',
    entityId: client.id,
    communityId: client.communityId,
    detail: { clientId: client.id, communityId: client.communityId, via: 'records', records: lines.length },
  });
  return { ok: true, client, lines };
}
