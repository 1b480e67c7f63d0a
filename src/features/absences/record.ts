// Recording an unauthorised absence (擅自离开, 《戒毒条例》 Art. 19, 20), or closing the open one:
// plain data and an actor in, the saved absence or the list of problems out (no Slack types).
// Checks what the form cannot: that the actor may write this client, that the dates are within
// the term and not after today, and that no other absence of the client shares a day with it
// (the flag counts absences, so one absence must not be recorded twice). One transaction writes
// the absence and its audit row — an edit only if the absence is still the version the form was
// opened on — and database triggers list the client for the flag check.
import type { ClientRef } from '../../domain/types.js';
import { audit, type Db } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { fromDbDate, toDbDate } from '../../db/dates.js';
import type { Tx } from '../../db/idempotency.js';
import type { Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/dates.js';
import type { Problem } from '../../problems.js';
import { writableClient } from '../clients/writable.js';
import { expectOne, keySaved, onceIfCurrent } from '../lifecycle/concurrency.js';
import { ABSENCE_FORM } from './ids.js';
import { dateProblems, parseForm, type AbsenceValues, type FormInput } from './schema.js';

export interface AbsenceTarget {
  clientId: number;
  /** The open absence the form closes, at the version it was opened on; absent for a new one. */
  absence?: { id: number; version: number };
}

export interface AbsenceSpan {
  from: LocalDate;
  /** Null while the client is still away. */
  until: LocalDate | null;
}

/** What the confirmation shows: never the notes. */
export interface SavedAbsence extends AbsenceSpan {
  id: number;
  client: ClientRef;
  /** False when an open absence was edited (closed). */
  created: boolean;
}

export type AbsenceResult = { ok: true; duplicate: false; absence: SavedAbsence } | { ok: true; duplicate: true } | { ok: false; problems: Problem[] };

export interface RecordOptions {
  /** Today in TIMEZONE: later dates are refused. */
  today: LocalDate;
  /** The submission's idempotency key, "view:<view.id>". */
  key: string;
}

/** The open absence the modal closes. */
export interface OpenAbsence {
  id: number;
  version: number;
  from: LocalDate;
  notes: string | null;
}

/** The client's absence still going on (the latest, should there be more than one). */
export async function openAbsenceOf(prisma: Prisma, clientId: number): Promise<OpenAbsence | null> {
  const row = await prisma.absence.findFirst({ where: { clientId, endsOn: null }, orderBy: [{ startsOn: 'desc' }, { id: 'desc' }] });
  return row && { id: row.id, version: row.version, from: fromDbDate(row.startsOn), notes: row.notes };
}

/** Another absence of the client sharing a day with `span` (an open one runs on without end). */
async function overlapping(db: Db, clientId: number, span: AbsenceSpan, exceptId: number | undefined): Promise<AbsenceSpan | null> {
  const row = await db.absence.findFirst({
    where: {
      clientId,
      ...(exceptId === undefined ? {} : { id: { not: exceptId } }),
      ...(span.until === null ? {} : { startsOn: { lte: toDbDate(span.until) } }),
      OR: [{ endsOn: null }, { endsOn: { gte: toDbDate(span.from) } }],
    },
    orderBy: { startsOn: 'asc' },
  });
  return row && { from: fromDbDate(row.startsOn), until: row.endsOn ? fromDbDate(row.endsOn) : null };
}

const overlapProblem = (other: AbsenceSpan): Problem =>
  other.until === null
    ? { field: ABSENCE_FORM.from, key: 'absences.error.overlapOpen', params: { from: other.from } }
    : { field: ABSENCE_FORM.from, key: 'absences.error.overlap', params: { from: other.from, until: other.until } };

/** Thrown inside the transaction when another absence overlaps: rolls it back, nothing written. */
class Overlapping extends Error {
  constructor(readonly other: AbsenceSpan) {
    super('overlapping absence');
  }
}

const refuse = (key: Problem['key']): AbsenceResult => ({ ok: false, problems: [{ field: ABSENCE_FORM.from, key }] });

/** Two submissions for one client at once: the second waits for the first and then sees its absence. */
async function lockClient(tx: Tx, clientId: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Client" WHERE id = ${clientId} FOR UPDATE`;
}

export async function recordAbsence(prisma: Prisma, actor: Actor, target: AbsenceTarget, input: FormInput, options: RecordOptions): Promise<AbsenceResult> {
  if (await keySaved(prisma, options.key)) return { ok: true, duplicate: true };
  // The same answer for a client that does not exist, one of another community, and an absence not theirs.
  const client = await writableClient(prisma, actor, target.clientId);
  if (!client) return refuse('absences.error.notAllowed');
  const editing = target.absence;
  if (editing) {
    const current = await prisma.absence.findFirst({ where: { id: editing.id, clientId: client.id }, select: { version: true } });
    if (!current) return refuse('absences.error.notAllowed');
    if (current.version !== editing.version) return refuse('absences.error.stale');
  }

  const { values, problems } = parseForm(input);
  problems.push(...dateProblems(values, { today: options.today, termStart: fromDbDate(client.termStart) }));
  if (problems.length > 0) return { ok: false, problems };
  const v = values as AbsenceValues;
  const span: AbsenceSpan = { from: v.from, until: v.until };

  const ref: ClientRef = { id: client.id, caseNumber: client.caseNumber, alias: client.alias, communityId: client.communityId };
  const data = { startsOn: toDbDate(span.from), endsOn: span.until === null ? null : toDbDate(span.until), notes: v.notes };
  try {
    const saved = await onceIfCurrent(prisma, options.key, 'absence', async (tx) => {
      // Checked under the lock, so two submissions at once cannot both pass.
      await lockClient(tx, client.id);
      const other = await overlapping(tx, client.id, span, editing?.id);
      if (other) throw new Overlapping(other);
      let id: number;
      if (editing) {
        expectOne(await tx.absence.updateMany({ where: { id: editing.id, clientId: client.id, version: editing.version }, data: { ...data, version: { increment: 1 } } }));
        id = editing.id;
      } else {
        id = (await tx.absence.create({ data: { clientId: client.id, ...data, recordedById: actor.staffId! } })).id;
      }
      await audit(tx, {
        actor: actor.userId,
        action: editing ? 'absence.update' : 'absence.create',
        entity: 'absence',
        entityId: id,
        communityId: client.communityId,
        detail: { clientId: client.id, communityId: client.communityId, from: span.from, until: span.until },
      });
      return { id };
    });
    if (saved.kind === 'duplicate') return { ok: true, duplicate: true };
    if (saved.kind === 'stale') return refuse('absences.error.stale');
    return { ok: true, duplicate: false, absence: { id: saved.value.id, client: ref, ...span, created: !editing } };
  } catch (error) {
    if (error instanceof Overlapping) return { ok: false, problems: [overlapProblem(error.other)] };
    throw error;
  }
}
