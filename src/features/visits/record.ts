// Recording a visit or a check-in: plain data and an actor in, the saved record or the list of
// problems out (no Slack types, so another chat platform could call it). Checks what the form
// cannot: that the actor may write this client, and that the date is neither in the future nor
// outside the client's term. A urine test taken at the same time is saved with it, linked.
import type { ClientRef } from '../../domain/types.js';
import type { Actor } from '../../domain/access.js';
import { compareDates, type LocalDate } from '../../domain/dates.js';
import { effectiveTermEnd, plannedTermEndOf } from '../../domain/schedule.js';
import { schedulePeriods } from '../../domain/periods.js';
import type { UrineResult, VisitKind } from '../../domain/types.js';
import { audit, clientEntry } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { fromDbDate, fromDbStatusRow, toDbDate } from '../../db/dates.js';
import { once, type Once, type Tx } from '../../db/idempotency.js';
import type { Problem } from '../../problems.js';
import { VISIT } from './ids.js';
import { checkInFields, parseForm, visitFields, type FormInput, type Fields, type Values, type VisitValues } from './schema.js';
import { writableClient } from '../clients/writable.js';

export type RecordKind = 'visit' | 'checkin';

/** A saved record a correction names, and the version the form showed. */
export interface EditTarget {
  kind: RecordKind;
  id: number;
  version: number;
}

/** What the confirmation shows: never the notes. */
export interface SavedRecord {
  kind: RecordKind;
  id: number;
  client: ClientRef;
  date: LocalDate;
  visitKind: VisitKind | null;
  urine: UrineResult | null;
  next: LocalDate | null;
  /** This check-in was the client's report-in: the term now runs from it. */
  termStarted?: { start: LocalDate; end: LocalDate };
}

export type RecordResult =
  | { ok: true; duplicate: false; record: SavedRecord }
  | { ok: true; duplicate: true }
  | { ok: false; problems: Problem[] };

export interface RecordOptions {
  /** Today in TIMEZONE: later dates are refused. */
  today: LocalDate;
  /** The instant of saving (createdAt, which the undo window counts from). */
  now: Date;
  /** The submission's idempotency key, e.g. "view:<view.id>". */
  key: string;
}

/** The client, if the actor may write it, and the problems of `date` for that client. */
async function checkClient(prisma: Prisma, actor: Actor, clientId: number | undefined, date: LocalDate | undefined, today: LocalDate) {
  const problems: Problem[] = [];
  if (date !== undefined && compareDates(date, today) > 0) problems.push({ field: VISIT.date, key: 'visits.error.dateFuture', params: { today } });
  if (clientId === undefined) return { client: undefined, problems };
  const client = await writableClient(prisma, actor, clientId);
  if (!client) {
    // The same answer for a client that does not exist and one of another community.
    problems.push({ field: VISIT.client, key: 'visits.error.clientNotAllowed' });
    return { client: undefined, problems };
  }
  if (date !== undefined) {
    const termStart = fromDbDate(client.termStart);
    const periods = schedulePeriods(client.statusPeriods.map(fromDbStatusRow));
    const end = effectiveTermEnd({
      program: client.program,
      termStart,
      plannedTermEnd: fromDbDate(client.plannedTermEnd),
      periods,
      visits: [],
      checkIns: [],
      tests: [],
    });
    if (compareDates(date, termStart) < 0) problems.push({ field: VISIT.date, key: 'visits.error.beforeTerm', params: { start: termStart } });
    // No end while a suspension is open: the term end is not known yet.
    else if (end !== null && compareDates(date, end) > 0) problems.push({ field: VISIT.date, key: 'visits.error.afterTerm', params: { end } });
  }
  const ref: ClientRef = { id: client.id, caseNumber: client.caseNumber, alias: client.alias, communityId: client.communityId };
  return { client: ref, problems };
}

async function saveUrineTest(tx: Tx, actor: Actor, client: ClientRef, date: LocalDate, result: UrineResult, link: { visitId: number } | { checkInId: number }) {
  const test = await tx.urineTest.create({
    data: { clientId: client.id, date: toDbDate(date), result, recordedById: actor.staffId!, ...link },
  });
  await audit(tx, {
    actor: actor.userId,
    action: 'urine_test.create',
    entity: 'urine_test',
    entityId: test.id,
    communityId: client.communityId,
    detail: { clientId: client.id, communityId: client.communityId, date, result, ...link },
  });
}

export type Checked<V> = { ok: true; values: V; client: ClientRef } | { ok: false; problems: Problem[] };

/** Parses the form and runs every check; the values and the client only when all passed (corrections reuse it). */
export async function check<F extends Fields>(
  prisma: Prisma,
  actor: Actor,
  fields: F,
  input: FormInput,
  today: LocalDate,
  more: (values: Partial<Values<F>>) => Problem[] = () => [],
): Promise<Checked<Values<F>>> {
  const { values, problems } = parseForm(fields, input);
  const known = values as Partial<{ client: number; date: LocalDate }>;
  const checked = await checkClient(prisma, actor, known.client, known.date, today);
  problems.push(...checked.problems, ...more(values));
  if (problems.length > 0 || !checked.client) return { ok: false, problems };
  return { ok: true, values: values as Values<F>, client: checked.client };
}

function result(saved: Once<{ id: number }>, record: (id: number) => SavedRecord): RecordResult {
  return saved.duplicate ? { ok: true, duplicate: true } : { ok: true, duplicate: false, record: record(saved.value!.id) };
}

export const nextAfterDate = (v: Partial<VisitValues>): Problem[] =>
  v.date && v.next && compareDates(v.next, v.date) <= 0 ? [{ field: VISIT.next, key: 'visits.error.next' }] : [];

export async function recordVisit(prisma: Prisma, actor: Actor, input: FormInput, options: RecordOptions): Promise<RecordResult> {
  const checked = await check(prisma, actor, visitFields, input, options.today, nextAfterDate);
  if (!checked.ok) return checked;
  const { values: v, client } = checked;
  const saved = await once(prisma, options.key, 'visit', async (tx) => {
    const visit = await tx.visit.create({
      data: {
        clientId: client.id,
        date: toDbDate(v.date),
        kind: v.kind,
        helpGiven: v.help,
        notes: v.notes,
        nextPlannedOn: v.next ? toDbDate(v.next) : null,
        recordedById: actor.staffId!,
        createdAt: options.now,
      },
    });
    await audit(tx, {
      actor: actor.userId,
      action: 'visit.create',
      entity: 'visit',
      entityId: visit.id,
      communityId: client.communityId,
      detail: { clientId: client.id, communityId: client.communityId, date: v.date, kind: v.kind, help: v.help, urine: v.urine ?? 'none', next: v.next },
    });
    if (v.urine) await saveUrineTest(tx, actor, client, v.date, v.urine, { visitId: visit.id });
    return visit;
  });
  return result(saved, (id) => ({ kind: 'visit', id, client, date: v.date, visitKind: v.kind, urine: v.urine, next: v.next }));
}

/**
 * A client registered on the decision reports in with their first check-in (《戒毒条例》 Art. 14,
 * 38): the term starts that day, for the months decided. Nothing for a client already reported in.
 */
async function startTermOnReportIn(tx: Tx, actor: Actor, client: ClientRef, date: LocalDate): Promise<SavedRecord['termStarted']> {
  const row = await tx.client.findUniqueOrThrow({ where: { id: client.id }, select: { awaitingReportIn: true, termMonths: true } });
  if (!row.awaitingReportIn) return undefined;
  const end = plannedTermEndOf(date, row.termMonths);
  const started = await tx.client.updateMany({
    where: { id: client.id, awaitingReportIn: true },
    data: { awaitingReportIn: false, reportedOn: toDbDate(date), termStart: toDbDate(date), plannedTermEnd: toDbDate(end), version: { increment: 1 } },
  });
  if (started.count === 0) return undefined;
  await audit(tx, clientEntry(actor.userId, 'client.reported', client, { reportedOn: date, plannedTermEnd: end }));
  return { start: date, end };
}

export async function recordCheckIn(prisma: Prisma, actor: Actor, input: FormInput, options: RecordOptions): Promise<RecordResult> {
  const checked = await check(prisma, actor, checkInFields, input, options.today);
  if (!checked.ok) return checked;
  const { values: v, client } = checked;
  let termStarted: SavedRecord['termStarted'];
  const saved = await once(prisma, options.key, 'checkin', async (tx) => {
    termStarted = await startTermOnReportIn(tx, actor, client, v.date);
    const checkIn = await tx.checkIn.create({
      data: { clientId: client.id, date: toDbDate(v.date), notes: v.notes, recordedById: actor.staffId!, createdAt: options.now },
    });
    await audit(tx, {
      actor: actor.userId,
      action: 'checkin.create',
      entity: 'checkin',
      entityId: checkIn.id,
      communityId: client.communityId,
      detail: { clientId: client.id, communityId: client.communityId, date: v.date, urine: v.urine ?? 'none' },
    });
    if (v.urine) await saveUrineTest(tx, actor, client, v.date, v.urine, { checkInId: checkIn.id });
    return checkIn;
  });
  return result(saved, (id) => ({ kind: 'checkin', id, client, date: v.date, visitKind: null, urine: v.urine, next: null, ...(termStarted ? { termStarted } : {}) }));
}
