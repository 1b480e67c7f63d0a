// Registering a client (intake): plain data and an actor in, the saved client or the list of
// problems out. Every rule is checked here, on the server, whatever the form offered: a forged
// submission naming another community or a stranger as caseworker is refused like a typo.
import { canWriteCommunity, type Actor } from '../../domain/access.js';
import { compareDates, type LocalDate } from '../../domain/dates.js';
import { plannedTermEndOf } from '../../domain/schedule.js';
import type { ClientHeading } from '../../domain/types.js';
import { audit } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { fromDbDate, toDbDate } from '../../db/dates.js';
import { isUniqueViolation } from '../../db/errors.js';
import { once } from '../../db/idempotency.js';
import type { Problem } from '../../problems.js';
import { INTAKE } from './ids.js';
import { aliasPinyin } from './pinyin.js';
import { parseIntake, type IntakeInput, type IntakeValues } from './schema.js';

/** What the author is shown: never the notes. */
export interface SavedClient extends ClientHeading {
  id: number;
  /** The report-in here (报到), also the client's first check-in; null when not reported in yet. */
  reportedOn: LocalDate | null;
  termMonths: number;
}

export type IntakeResult =
  | { ok: true; duplicate: false; client: SavedClient }
  /** The same submission was already saved (a retry, a double click): nothing new was written. */
  | { ok: true; duplicate: true }
  | { ok: false; problems: Problem[] };

const DUPLICATE: IntakeResult = { ok: true, duplicate: true };

const duplicateCaseNumber = (caseNumber: string): Problem => ({
  field: INTAKE.caseNumber,
  key: 'clients.intake.error.caseNumber.duplicate',
  params: { caseNumber },
});

/** The database checks, on the inputs that parsed. */
async function checkAgainstDatabase(prisma: Prisma, actor: Actor, values: Partial<IntakeValues>) {
  const problems: Problem[] = [];
  const caseNumber = values[INTAKE.caseNumber];
  // Case numbers differ by more than letter case: AB-1 and ab-1 are the same file.
  if (caseNumber && (await prisma.client.findFirst({ where: { caseNumber: { equals: caseNumber, mode: 'insensitive' } }, select: { id: true } }))) {
    problems.push(duplicateCaseNumber(caseNumber));
  }
  const communityId = values[INTAKE.community];
  const community =
    communityId !== undefined && canWriteCommunity(actor, communityId)
      ? await prisma.community.findUnique({ where: { id: communityId }, select: { id: true, name: true } })
      : null;
  // One answer for "no such community" and "not yours": the form never offered either.
  if (communityId !== undefined && !community) problems.push({ field: INTAKE.community, key: 'clients.intake.error.community' });
  const caseworkerUserId = values[INTAKE.caseworker];
  const caseworker =
    caseworkerUserId && community
      ? await prisma.staff.findFirst({
          where: { slackUserId: caseworkerUserId, active: true, memberships: { some: { communityId: community.id } } },
          select: { id: true },
        })
      : null;
  if (caseworkerUserId && community && !caseworker) problems.push({ field: INTAKE.caseworker, key: 'clients.intake.error.caseworker.notStaff' });
  return { problems, community, caseworker };
}

/**
 * The term of a client from parsed intake values: when it starts and ends, the report-in, and
 * from which day the bot follows them. Shared with the file import (src/import).
 */
export function intakeTerm(v: IntakeValues, today: LocalDate) {
  const decisionDate = v[INTAKE.decisionDate];
  // Not reported in yet: no term runs; termStart holds the decision date until the report-in.
  const awaiting = v[INTAKE.notReportedYet] ? decisionDate! : null;
  const reportedOn = awaiting ? null : v[INTAKE.startDate];
  // A transfer's term continues from the original report-in (《戒毒条例》 Art. 22).
  const termStart = awaiting ?? v[INTAKE.originalStartDate] ?? reportedOn!;
  const termMonths = v[INTAKE.termMonths];
  const termEnd = plannedTermEndOf(termStart, termMonths);
  // A report-in date in the past: an existing caseload or a transfer. The bot follows the client
  // from today and invents no history before it (domain/tracking.ts).
  const trackedFrom = awaiting === null && compareDates(termStart, today) < 0 ? today : null;
  return { awaiting, reportedOn, termStart, termMonths, termEnd, trackedFrom, decisionDate };
}

/**
 * The columns of a new client that follow from the intake's values — names, term, report-in and
 * the history given — as the intake and the file import both store them.
 */
export function clientColumns(v: IntakeValues, today: LocalDate) {
  const term = intakeTerm(v, today);
  const date = (d: LocalDate | null | undefined) => (d === null || d === undefined ? null : toDbDate(d));
  return {
    term,
    data: {
      caseNumber: v[INTAKE.caseNumber],
      alias: v[INTAKE.alias],
      ...aliasPinyin(v[INTAKE.alias]),
      program: v[INTAKE.program],
      termStart: toDbDate(term.termStart),
      reportedOn: date(term.reportedOn),
      awaitingReportIn: term.awaiting !== null,
      decisionDate: date(term.decisionDate),
      termMonths: term.termMonths,
      plannedTermEnd: toDbDate(term.termEnd),
      trackedFrom: date(term.trackedFrom),
      priorVisitOn: date(v[INTAKE.lastVisit]),
      priorCheckInOn: date(v[INTAKE.lastCheckIn]),
      priorTestOn: date(v[INTAKE.lastTest]),
      status: 'active' as const,
    },
  };
}

/**
 * Registers a client from the intake form. `submissionKey` names the submission (e.g.
 * "view:<view id>"): delivered twice, it registers one client.
 */
export async function createClient(
  prisma: Prisma,
  actor: Actor,
  input: IntakeInput,
  today: LocalDate,
  submissionKey: string,
): Promise<IntakeResult> {
  // A retry of a saved submission would meet its own case number: look for the submission
  // first, and again before refusing (a simultaneous delivery may have saved it meanwhile).
  const saved = async () => (await prisma.submissionKey.findUnique({ where: { key: submissionKey } })) !== null;
  if (await saved()) return DUPLICATE;
  const parsed = parseIntake(input, today);
  const checked = await checkAgainstDatabase(prisma, actor, parsed.values);
  const problems = [...parsed.problems, ...checked.problems];
  const { community, caseworker } = checked;
  if (problems.length > 0 || !community || !caseworker) return (await saved()) ? DUPLICATE : { ok: false, problems };
  const v = parsed.values as IntakeValues;
  const { term, data } = clientColumns(v, today);
  const { awaiting, reportedOn, termStart, termMonths, trackedFrom, decisionDate } = term;
  try {
    const created = await once(prisma, submissionKey, 'client', async (tx) => {
      const client = await tx.client.create({
        data: {
          ...data,
          communityId: community.id,
          caseworkerId: caseworker.id,
          policeUserId: v[INTAKE.police] ?? null,
          gridWorkerUserId: v[INTAKE.gridWorker] ?? null,
          volunteerUserId: v[INTAKE.volunteer] ?? null,
          notes: v[INTAKE.notes] ?? null,
          createdBy: actor.userId,
        },
      });
      await audit(tx, {
        actor: actor.userId,
        action: 'client.create',
        entity: 'client',
        entityId: client.id,
        communityId: community.id,
        detail: {
          communityId: community.id,
          program: client.program,
          termStart,
          reportedOn,
          termMonths,
          ...(awaiting ? { awaitingReportIn: true } : {}),
          ...(decisionDate ? { decisionDate } : {}),
          ...(trackedFrom ? { trackedFrom } : {}),
        },
      });
      if (reportedOn === null) return client;
      // The report-in is the client's first check-in: in their history, it meets that month's.
      const checkIn = await tx.checkIn.create({
        data: { clientId: client.id, date: toDbDate(reportedOn), recordedById: actor.staffId ?? caseworker.id },
      });
      await audit(tx, {
        actor: actor.userId,
        action: 'checkin.create',
        entity: 'checkin',
        entityId: checkIn.id,
        communityId: community.id,
        detail: { clientId: client.id, communityId: community.id, date: reportedOn, via: 'intake' },
      });
      return client;
    });
    if (created.duplicate || !created.value) return DUPLICATE;
    const client = created.value;
    return {
      ok: true,
      duplicate: false,
      client: {
        id: client.id,
        caseNumber: client.caseNumber,
        alias: client.alias,
        communityId: community.id,
        communityName: community.name,
        program: client.program,
        termStart: fromDbDate(client.termStart),
        reportedOn,
        awaitingSince: awaiting,
        termMonths,
        plannedTermEnd: fromDbDate(client.plannedTermEnd),
        trackedFrom,
      },
    };
  } catch (error) {
    // Another submission took the case number between our check and our insert.
    if (isUniqueViolation(error)) return (await saved()) ? DUPLICATE : { ok: false, problems: [duplicateCaseNumber(v[INTAKE.caseNumber])] };
    throw error;
  }
}
