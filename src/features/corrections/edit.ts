// Correcting a saved visit or check-in through its own modal: plain data and an actor in, the
// corrected record or the problems out. The same checks as recording (visits/record.ts), plus:
// only the author or a manager; a reason once the record is more than REASON_AFTER_HOURS old;
// the client stays the same. The version replaced is kept as a RecordRevision row (notes
// included — they never leave the database) and the update names the version the form showed,
// so a second person saving over a changed record is refused, never silently overwriting it.
// The urine test taken with the record follows: added, changed or removed with it.
import { audit } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { toDbDate } from '../../db/dates.js';
import type { Tx } from '../../db/idempotency.js';
import { canCorrect, type Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/dates.js';
import type { UrineResult } from '../../domain/types.js';
import type { Problem } from '../../problems.js';
import { expectOne, keySaved, onceIfCurrent } from '../lifecycle/concurrency.js';
import { VISIT } from '../visits/ids.js';
import { check, nextAfterDate, type EditTarget, type RecordKind, type RecordOptions, type SavedRecord } from '../visits/record.js';
import { checkInFields, visitFields, type CheckInValues, type FormInput, type VisitValues } from '../visits/schema.js';
import { MAX_REASON, REASON_AFTER_HOURS, REASON_FIELD } from './ids.js';
import { loadRecord, type StoredRecord } from './records.js';


export interface EditedRecord extends SavedRecord {
  version: number;
  /** block_ids of the inputs whose value changed; empty when nothing did (nothing was written). */
  changed: string[];
}

export type EditResult = { ok: true; duplicate: false; record: EditedRecord } | { ok: true; duplicate: true } | { ok: false; problems: Problem[] };

const REASON_AFTER_MS = REASON_AFTER_HOURS * 60 * 60 * 1000;

/** Whether changing this record now needs a reason. */
export const needsReason = (record: { createdAt: Date }, now: Date): boolean => now.getTime() - record.createdAt.getTime() > REASON_AFTER_MS;

const refuse = (field: string, key: Problem['key']): EditResult => ({ ok: false, problems: [{ field, key }] });

interface Values {
  date: LocalDate;
  kind: SavedRecord['visitKind'];
  help: string[];
  notes: string | null;
  next: LocalDate | null;
  urine: UrineResult | null;
}

const valuesOf = (r: StoredRecord): Values => ({
  date: r.date,
  kind: r.visitKind,
  help: [...r.help].sort(),
  notes: r.notes,
  next: r.next,
  urine: r.test?.result ?? null,
});

function formValuesOf(kind: RecordKind, v: VisitValues | CheckInValues): Values {
  const visit = kind === 'visit' ? (v as VisitValues) : null;
  return { date: v.date, kind: visit?.kind ?? null, help: [...(visit?.help ?? [])].sort(), notes: v.notes, next: visit?.next ?? null, urine: v.urine };
}

const FIELDS: Record<keyof Values, string> = { date: VISIT.date, kind: VISIT.kind, help: VISIT.help, notes: VISIT.notes, next: VISIT.next, urine: VISIT.urine };

function changedFields(before: Values, after: Values): string[] {
  return (Object.keys(FIELDS) as (keyof Values)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => FIELDS[k]);
}

/** The reason given, and its problems: required late, never too long. */
function reasonOf(input: FormInput, late: boolean): { reason: string | null; problems: Problem[] } {
  const given = input[REASON_FIELD];
  const reason = typeof given === 'string' ? given.trim() : '';
  if ([...reason].length > MAX_REASON) return { reason, problems: [{ field: REASON_FIELD, key: 'corrections.error.reasonLong', params: { max: MAX_REASON } }] };
  if (late && reason === '') {
    // A modal opened just before the record turned 24 hours old has no reason input yet.
    const field = REASON_FIELD in input ? REASON_FIELD : VISIT.client;
    return { reason: null, problems: [{ field, key: field === REASON_FIELD ? 'corrections.error.reason' : 'corrections.error.reasonReopen' }] };
  }
  return { reason: reason || null, problems: [] };
}

/** Brings the urine test taken with the record in line with the form: added, changed or removed. */
async function syncTest(tx: Tx, actor: Actor, record: StoredRecord, after: Values, now: Date, reason: string | null): Promise<void> {
  const link: { visitId: number } | { checkInId: number } = record.kind === 'visit' ? { visitId: record.id } : { checkInId: record.id };
  const { client } = record;
  const entry = { actor: actor.userId, entity: 'urine_test', communityId: client.communityId };
  const detail = { clientId: client.id, communityId: client.communityId, date: after.date, result: after.urine ?? 'none', ...link };
  const test = record.test;
  if (!test) {
    if (after.urine === null) return;
    const created = await tx.urineTest.create({ data: { clientId: client.id, date: toDbDate(after.date), result: after.urine, recordedById: actor.staffId!, createdAt: now, ...link } });
    await audit(tx, { ...entry, action: 'urine_test.create', entityId: created.id, detail: { ...detail, via: 'edit' } });
    return;
  }
  if (after.urine === test.result && after.date === test.date) return;
  const where = { id: test.id, version: test.version, deletedAt: null };
  const version = { increment: 1 };
  expectOne(
    after.urine === null
      ? await tx.urineTest.updateMany({ where, data: { deletedAt: now, deletedBy: actor.userId, version } })
      : await tx.urineTest.updateMany({ where, data: { result: after.urine, date: toDbDate(after.date), version } }),
  );
  await tx.recordRevision.create({
    data: { entity: 'urine_test', entityId: test.id, clientId: client.id, version: test.version, change: 'edit', data: test.snapshot, editedById: actor.staffId!, editedAt: now, reason },
  });
  await audit(tx, { ...entry, action: after.urine === null ? 'urine_test.delete' : 'urine_test.edit', entityId: test.id, detail: { ...detail, version: test.version + 1 } });
}

export async function editRecord(prisma: Prisma, actor: Actor, target: EditTarget, input: FormInput, options: RecordOptions): Promise<EditResult> {
  if (await keySaved(prisma, options.key)) return { ok: true, duplicate: true };
  const record = await loadRecord(prisma, target);
  if (!record || record.deletedAt) return refuse(VISIT.client, 'corrections.error.gone');
  if (!canCorrect(actor, record.client.communityId, record.recordedById)) return refuse(VISIT.client, 'corrections.error.notAllowed');
  if (record.version !== target.version) return refuse(VISIT.client, 'corrections.error.stale');
  const problems: Problem[] = [];
  // A record belongs to its client: moving it is a new record and an undo, not a correction.
  if (input[VISIT.client] !== String(record.client.id)) problems.push({ field: VISIT.client, key: 'corrections.error.clientChanged' });
  const checked = target.kind === 'visit' ? await check(prisma, actor, visitFields, input, options.today, nextAfterDate) : await check(prisma, actor, checkInFields, input, options.today);
  if (!checked.ok) problems.push(...checked.problems);
  const late = needsReason(record, options.now);
  const { reason, problems: reasonProblems } = reasonOf(input, late);
  problems.push(...reasonProblems);
  if (problems.length > 0 || !checked.ok) return { ok: false, problems };
  const after = formValuesOf(target.kind, checked.values);
  const changed = changedFields(valuesOf(record), after);
  const saved: EditedRecord = {
    kind: target.kind,
    id: record.id,
    client: record.client,
    date: after.date,
    visitKind: after.kind,
    urine: after.urine,
    next: after.next,
    version: changed.length === 0 ? record.version : record.version + 1,
    changed,
  };
  if (changed.length === 0) return { ok: true, duplicate: false, record: saved };
  const { client } = record;
  const written = await onceIfCurrent(prisma, options.key, target.kind, async (tx) => {
    const where = { id: record.id, version: target.version, deletedAt: null };
    const version = { increment: 1 };
    const date = toDbDate(after.date);
    expectOne(
      target.kind === 'visit'
        ? await tx.visit.updateMany({
            where,
            data: { date, kind: after.kind!, helpGiven: (checked.values as VisitValues).help, notes: after.notes, nextPlannedOn: after.next ? toDbDate(after.next) : null, version },
          })
        : await tx.checkIn.updateMany({ where, data: { date, notes: after.notes, version } }),
    );
    await tx.recordRevision.create({
      data: { entity: target.kind, entityId: record.id, clientId: client.id, version: target.version, change: 'edit', data: record.snapshot, editedById: actor.staffId!, editedAt: options.now, reason },
    });
    await audit(tx, {
      actor: actor.userId,
      action: `${target.kind}.edit`,
      entity: target.kind,
      entityId: record.id,
      communityId: client.communityId,
      detail: { clientId: client.id, communityId: client.communityId, version: target.version + 1, changed, late, date: after.date },
    });
    await syncTest(tx, actor, record, after, options.now, reason);
    return { id: record.id };
  });
  if (written.kind === 'duplicate') return { ok: true, duplicate: true };
  if (written.kind === 'stale') return refuse(VISIT.client, 'corrections.error.stale');
  return { ok: true, duplicate: false, record: saved };
}
