// Changing the decided term of a 社区康复 client (《戒毒条例》 Art. 37: up to three years, as the
// decision says): plain data and an actor in, the new planned end or the problems out. 社区戒毒
// lasts three years by law (禁毒法 Art. 33) and has no such change. Saved only if the client is
// still the version the form was opened on; audited with the months before and after.
import type { ClientRef } from '../../domain/types.js';
import { audit, clientEntry } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { fromDbDate, toDbDate } from '../../db/dates.js';
import type { Actor } from '../../domain/access.js';
import type { LocalDate } from '../../domain/dates.js';
import { plannedTermEndOf } from '../../domain/schedule.js';
import { isTerminalStatus } from '../../domain/types.js';
import type { Problem } from '../../problems.js';
import { writableClient } from '../clients/writable.js';
import { expectOne, keySaved, onceIfCurrent } from './concurrency.js';
import { TERM_FORM } from './ids.js';
import { parseForm, termFields, type FormInput } from './schema.js';
import { staleProblem, type ChangeOptions, type ClientTarget } from './status.js';

export interface SavedTerm {
  client: ClientRef;
  months: number;
  plannedTermEnd: LocalDate;
  /** False when the months were already those. */
  changed: boolean;
}

export type TermResult = { ok: true; duplicate: false; term: SavedTerm } | { ok: true; duplicate: true } | { ok: false; problems: Problem[] };

const refuse = (key: Problem['key']): TermResult => ({ ok: false, problems: [{ field: TERM_FORM.termMonths, key }] });

export async function changeTerm(prisma: Prisma, actor: Actor, target: ClientTarget, input: FormInput, options: ChangeOptions): Promise<TermResult> {
  if (await keySaved(prisma, options.key)) return { ok: true, duplicate: true };
  const client = await writableClient(prisma, actor, target.clientId);
  if (!client) return refuse('lifecycle.error.notAllowed');
  if (client.version !== target.version) return { ok: false, problems: [staleProblem(TERM_FORM.termMonths)] };
  if (client.program !== 'community_rehab') return refuse('clients.intake.error.termMonths.treatment');
  if (isTerminalStatus(client.status)) return refuse('lifecycle.status.error.closed');
  const parsed = parseForm(termFields, input);
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
  const months = parsed.values[TERM_FORM.termMonths]!;
  const termStart = fromDbDate(client.termStart);
  const plannedTermEnd = plannedTermEndOf(termStart, months);
  const ref: ClientRef = { id: client.id, caseNumber: client.caseNumber, alias: client.alias, communityId: client.communityId };
  if (months === client.termMonths) return { ok: true, duplicate: false, term: { client: ref, months, plannedTermEnd, changed: false } };
  const saved = await onceIfCurrent(prisma, options.key, 'client_term', async (tx) => {
    expectOne(
      await tx.client.updateMany({
        where: { id: client.id, version: target.version },
        data: { termMonths: months, plannedTermEnd: toDbDate(plannedTermEnd), version: { increment: 1 } },
      }),
    );
    await audit(tx, clientEntry(actor.userId, 'client.term', client, { monthsFrom: client.termMonths, monthsTo: months, plannedTermEnd }));
    return { id: client.id };
  });
  if (saved.kind === 'duplicate') return { ok: true, duplicate: true };
  if (saved.kind === 'stale') return { ok: false, problems: [staleProblem(TERM_FORM.termMonths)] };
  return { ok: true, duplicate: false, term: { client: ref, months, plannedTermEnd, changed: true } };
}
