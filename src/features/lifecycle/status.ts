// Changing a client's status: plain data and an actor in, the change or the list of problems
// out. One transaction writes the history row, ends the periods it ends, sets Client.status and
// audits it — and only if the client is still the version the form was opened on (optimistic
// concurrency: someone else's change in between is never overwritten).
import type { ClientRef } from '../../domain/types.js';
import { audit, clientEntry } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { fromDbDate, toDbDate } from '../../db/dates.js';
import type { Tx } from '../../db/idempotency.js';
import type { Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/dates.js';
import { effectiveTermEnd } from '../../domain/schedule.js';
import type { ClientStatus, Program } from '../../domain/types.js';
import type { Problem } from '../../problems.js';
import { expectOne, keySaved, onceIfCurrent } from './concurrency.js';
import { STATUS_FORM } from './ids.js';
import { parseForm, statusFields, type FormInput, type StatusValues } from './schema.js';
import { planChange, type HistoryRow } from './transitions.js';
import { schedulePeriods } from '../../domain/periods.js';
import { writableClient } from '../clients/writable.js';

export interface ClientTarget {
  clientId: number;
  /** Client.version when the form was opened. */
  version: number;
}

/** What the confirmation shows: never the reason or the receiving place. */
export interface SavedChange {
  client: ClientRef;
  previous: ClientStatus;
  status: ClientStatus;
  from: LocalDate;
  until: LocalDate | null;
  /** The term end after the change (null while suspended), and before it. */
  termEnd: LocalDate | null;
  termEndBefore: LocalDate | null;
}

export type ChangeResult = { ok: true; duplicate: false; change: SavedChange } | { ok: true; duplicate: true } | { ok: false; problems: Problem[] };

export interface ChangeOptions {
  today: LocalDate;
  now: Date;
  /** The submission's idempotency key, "view:<view.id>". */
  key: string;
}

const refuse = (field: string, key: Problem['key']): ChangeResult => ({ ok: false, problems: [{ field, key }] });

export const staleProblem = (field: string): Problem => ({ field, key: 'lifecycle.error.stale' });

export const historyOf = (rows: { id: number; status: ClientStatus; startsOn: Date; endsOn: Date | null }[]): HistoryRow[] =>
  rows.map((r) => ({ id: r.id, status: r.status, startsOn: fromDbDate(r.startsOn), endsOn: r.endsOn ? fromDbDate(r.endsOn) : null }));

function termEnd(client: { program: Program; termStart: Date; plannedTermEnd: Date }, history: HistoryRow[]) {
  return effectiveTermEnd({
    program: client.program,
    termStart: fromDbDate(client.termStart),
    plannedTermEnd: fromDbDate(client.plannedTermEnd),
    periods: schedulePeriods(history),
    visits: [],
    checkIns: [],
    tests: [],
  });
}

/**
 * Removes a period that a change dated on its first day replaces (it never took effect), keeping
 * its values as a revision so nothing recorded is lost.
 */
async function replacePeriod(tx: Tx, id: number, by: { editedById: number; editedAt: Date }): Promise<void> {
  const period = await tx.clientStatusPeriod.findUniqueOrThrow({ where: { id } });
  const data = {
    status: period.status,
    previousStatus: period.previousStatus,
    startsOn: fromDbDate(period.startsOn),
    endsOn: period.endsOn ? fromDbDate(period.endsOn) : null,
    reason: period.reason,
    receivingPlace: period.receivingPlace,
    recordedById: period.recordedById,
    createdAt: period.createdAt.toISOString(),
  };
  await tx.recordRevision.create({
    data: { entity: 'client_status_period', entityId: id, clientId: period.clientId, version: 1, change: 'replace', data, reason: null, ...by },
  });
  await tx.clientStatusPeriod.delete({ where: { id } });
}

export async function changeStatus(prisma: Prisma, actor: Actor, target: ClientTarget, input: FormInput, options: ChangeOptions): Promise<ChangeResult> {
  if (await keySaved(prisma, options.key)) return { ok: true, duplicate: true };
  const client = await writableClient(prisma, actor, target.clientId);
  if (!client) return refuse(STATUS_FORM.status, 'lifecycle.error.notAllowed');
  if (client.version !== target.version) return { ok: false, problems: [staleProblem(STATUS_FORM.status)] };
  const parsed = parseForm(statusFields, input);
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
  const v = parsed.values as StatusValues;
  const history = historyOf(client.statusPeriods);
  const termStart = fromDbDate(client.termStart);
  const planned = planChange(
    { termStart, plannedTermEnd: fromDbDate(client.plannedTermEnd), recorded: client.status, history },
    { status: v.status, from: v.from, until: v.until, receivingPlace: v.receiving_place, terminationReason: v.termination_reason },
    options.today,
  );
  if (!planned.ok) return planned;
  const { plan } = planned;
  const ref: ClientRef = { id: client.id, caseNumber: client.caseNumber, alias: client.alias, communityId: client.communityId };
  const saved = await onceIfCurrent(prisma, options.key, 'client_status_period', async (tx) => {
    expectOne(await tx.client.updateMany({ where: { id: client.id, version: target.version }, data: { status: plan.recorded, version: { increment: 1 } } }));
    for (const closing of plan.close) {
      await tx.clientStatusPeriod.update({ where: { id: closing.id }, data: { endsOn: toDbDate(closing.endsOn) } });
    }
    for (const id of plan.replace) await replacePeriod(tx, id, { editedById: actor.staffId!, editedAt: options.now });
    const row = await tx.clientStatusPeriod.create({
      data: {
        clientId: client.id,
        status: plan.row.status,
        previousStatus: plan.row.previousStatus,
        startsOn: toDbDate(plan.row.startsOn),
        endsOn: plan.row.endsOn ? toDbDate(plan.row.endsOn) : null,
        reason: v.reason!,
        receivingPlace: v.receiving_place,
        terminationReason: v.termination_reason,
        recordedById: actor.staffId!,
        createdAt: options.now,
      },
    });
    await audit(tx, clientEntry(actor.userId, 'client.status', client, {
      periodId: row.id,
      from: plan.previous,
      to: plan.row.status,
      startsOn: plan.row.startsOn,
      endsOn: plan.row.endsOn,
      ...(v.termination_reason ? { terminationReason: v.termination_reason } : {}),
      closed: plan.close.map((c) => c.id),
      replaced: plan.replace,
    }));
    return row;
  });
  if (saved.kind === 'duplicate') return { ok: true, duplicate: true };
  if (saved.kind === 'stale') return { ok: false, problems: [staleProblem(STATUS_FORM.status)] };
  return {
    ok: true,
    duplicate: false,
    change: {
      client: ref,
      previous: plan.previous,
      status: plan.row.status,
      from: plan.row.startsOn,
      until: plan.row.endsOn,
      termEnd: termEnd(client, plan.history),
      termEndBefore: termEnd(client, history),
    },
  };
}
