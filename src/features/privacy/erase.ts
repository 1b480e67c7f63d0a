// Erasure of a client's personal data (PIPL Art. 47: when the law, a court or an authority
// requires it), in one transaction. What identifies or describes the person goes:
//   Client: the alias (a placeholder instead) and its pinyin, intake notes, the support team's
//     names and Slack ids;
//   visits, check-ins, urine tests, absences: notes, and a visit's participants (names of family
//     and others present);
//   status periods: the reason given and the receiving place of a transfer;
//   RecordRevision: every earlier version of a record (it holds the old notes) is purged;
//   DailyPost.entries: the alias kept to redraw a posted due list.
// What is counted stays: the client row with its community, programme, term and status, and
// every record with its date, kind, help, result and author, so weekly counts do not change.
// Versions are bumped, so a form opened before the erasure cannot write old values back. The
// audit trail keeps the legal basis as a code and the explanation's length, never its text.
import { audit, clientEntry } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import type { EraseBasis } from './ids.js';

export interface EraseRequest {
  clientId: number;
  /** The case number typed again in the modal. */
  typedCaseNumber: string;
  basis: EraseBasis;
  reason: string;
  /** The alias the client will be shown by from now on. */
  placeholder: (clientId: number) => string;
  /** What a required free-text field (a status change's reason) says once erased. */
  removed: string;
  now: Date;
}

export type EraseResult =
  | { ok: true; client: { id: number; caseNumber: string; alias: string; communityId: number } }
  | { ok: false; reason: 'gone' | 'mismatch' }
  | { ok: false; reason: 'already'; client: { caseNumber: string; alias: string }; erasedAt: Date };

/** Same file whatever the case typed (the database treats AB-1 and ab-1 as one). */
export const sameCaseNumber = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

class AlreadyErased extends Error {}

export async function eraseClient(prisma: Prisma, actor: Actor, request: EraseRequest): Promise<EraseResult> {
  const client = await prisma.client.findUnique({ where: { id: request.clientId }, select: { id: true, caseNumber: true, alias: true, communityId: true, erasedAt: true } });
  if (!client) return { ok: false, reason: 'gone' };
  if (client.erasedAt) return { ok: false, reason: 'already', client, erasedAt: client.erasedAt };
  if (!sameCaseNumber(request.typedCaseNumber, client.caseNumber)) return { ok: false, reason: 'mismatch' };
  const alias = request.placeholder(client.id);
  const where = { clientId: client.id };
  const bump = { version: { increment: 1 } };
  try {
    await prisma.$transaction(async (tx) => {
      const erased = await tx.client.updateMany({
        where: { id: client.id, erasedAt: null },
        data: {
          alias,
          aliasPinyin: '',
          aliasInitials: '',
          notes: null,
          policeUserId: null,
          policeName: null,
          gridWorkerUserId: null,
          gridWorkerName: null,
          volunteerUserId: null,
          volunteerName: null,
          erasedAt: request.now,
          ...bump,
        },
      });
      // Erased by another admin meanwhile: nothing left to do.
      if (erased.count === 0) throw new AlreadyErased();
      const visits = await tx.visit.updateMany({ where, data: { notes: null, participants: [], ...bump } });
      const checkIns = await tx.checkIn.updateMany({ where, data: { notes: null, ...bump } });
      const urineTests = await tx.urineTest.updateMany({ where, data: { notes: null, ...bump } });
      const absences = await tx.absence.updateMany({ where, data: { notes: null, ...bump } });
      const periods = await tx.clientStatusPeriod.updateMany({ where, data: { reason: request.removed, receivingPlace: null } });
      const revisions = await tx.recordRevision.deleteMany({ where });
      const posts = await tx.$executeRaw`
        UPDATE "DailyPost" SET entries = (
          SELECT jsonb_agg(CASE WHEN e->>'clientId' = ${String(client.id)} THEN jsonb_set(e, '{alias}', to_jsonb(${alias}::text)) ELSE e END ORDER BY n)
          FROM jsonb_array_elements(entries) WITH ORDINALITY AS x(e, n))
        WHERE entries @> ${JSON.stringify([{ clientId: client.id }])}::jsonb`;
      // Confirmations Slack has not taken yet name the client: they go out with the placeholder.
      const confirmations = await tx.$executeRaw`
        UPDATE "Confirmation" SET text = replace(text, ${client.alias}, ${alias}), blocks = replace(blocks::text, ${client.alias}, ${alias})::jsonb
        WHERE "deliveredAt" IS NULL AND "abandonedAt" IS NULL AND (strpos(text, ${client.alias}) > 0 OR strpos(blocks::text, ${client.alias}) > 0)`;
      await audit(tx, clientEntry(actor.userId, 'client.erase', client, {
        basis: request.basis,
        reasonLength: request.reason.trim().length,
        visits: visits.count,
        checkIns: checkIns.count,
        urineTests: urineTests.count,
        absences: absences.count,
        periods: periods.count,
        revisions: revisions.count,
        posts,
        confirmations,
      }));
    });
  } catch (error) {
    if (!(error instanceof AlreadyErased)) throw error;
    const now = await prisma.client.findUniqueOrThrow({ where: { id: client.id }, select: { caseNumber: true, alias: true, erasedAt: true } });
    return { ok: false, reason: 'already', client: now, erasedAt: now.erasedAt! };
  }
  return { ok: true, client: { id: client.id, caseNumber: client.caseNumber, alias, communityId: client.communityId } };
}
