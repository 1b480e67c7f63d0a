// Where a client stands today: everything the status card (and the client file) shows, as plain
// data. One query reads the client with its full history (index scans on clientId, about a
// hundred rows even at 5 million records), the schedule core decides the rest, and one insert
// audits the view.
import { auditRead } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { fromDbDate } from '../../db/dates.js';
import { inScope, readScope, type Actor } from '../../domain/access.js';
import type { DateRange, LocalDate } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import {
  compliance,
  dueItems,
  effectiveTermEnd,
  statusOn,
  termYearOn,
  type ClientFacts,
  type DueItem,
  type LegalFlag,
  type StatusPeriod,
} from '../../domain/schedule.js';
import type { ClientHeading, ClientStatus, Program, SupportTeamColumns, UrineResult, VisitKind } from '../../domain/types.js';
import { Prisma as Sql } from '../../generated/prisma/client.js';

/** A support-team member: a Slack user, or a name for someone without a Slack account. */
export type TeamMember = { userId: string } | { name: string };

export interface ClientStatusView extends ClientHeading {
  clientId: number;
  /** Planned end moved later by suspended days; null while a suspension is open. */
  effectiveTermEnd: LocalDate | null;
  /** 1-based; null outside the term. */
  termYear: number | null;
  /** From the status history, on `today`. */
  status: ClientStatus;
  /** The Client.status column (what was last set). */
  recordedStatus: ClientStatus;
  caseworker: { userId: string; name: string };
  team: { police: TeamMember | null; gridWorker: TeamMember | null; volunteer: TeamMember | null };
  /** The latest record, or the date given at intake when that is later (then `kind`/`result` is null). */
  lastVisit: { date: LocalDate; kind: VisitKind | null } | null;
  lastCheckIn: { date: LocalDate; givenAtIntake: boolean } | null;
  lastTest: { date: LocalDate; result: UrineResult | null } | null;
  /** Most urgent first, upcoming included. */
  due: DueItem[];
  missedTestWindows: DateRange[];
  refusedTests: LocalDate[];
  flags: LegalFlag[];
  today: LocalDate;
}

export type ClientStatusResult = { ok: true; status: ClientStatusView } | { ok: false; reason: 'notFound' | 'notAllowed' };

/** The client, its team and its whole non-deleted history up to today, in one round trip. */
interface ClientRow extends SupportTeamColumns {
  id: number;
  caseNumber: string;
  alias: string;
  communityId: number;
  communityName: string;
  program: Program;
  termStart: Date;
  plannedTermEnd: Date;
  trackedFrom: Date | null;
  priorVisitOn: Date | null;
  priorCheckInOn: Date | null;
  priorTestOn: Date | null;
  reportedOn: Date | null;
  decisionDate: Date | null;
  awaitingReportIn: boolean;
  termMonths: number;
  absences: string | null;
  status: ClientStatus;
  caseworkerUserId: string;
  caseworkerName: string;
  /**
   * JSON arrays, oldest first, dates 'YYYY-MM-DD'; null when empty. Sent as text: parsing it
   * here costs a fraction of what the driver adapter spends on a json column.
   */
  periods: string | null;
  visits: string | null;
  checkIns: string | null;
  tests: string | null;
}

const member = (userId: string | null, name: string | null): TeamMember | null =>
  userId ? { userId } : name ? { name } : null;

/**
 * Compliance is over the full term, not a recent slice, so every record is read — about a
 * hundred per client, each list one scan of its (clientId, date) index. Records dated after
 * today can only be entry errors and are left out.
 */
async function loadClient(prisma: Prisma, clientId: number, today: LocalDate): Promise<ClientRow | undefined> {
  // A date parameter, not a timestamp: compared with a date column it keeps the index range.
  const day = Sql.sql`${today}::date`;
  const rows = await prisma.$queryRaw<ClientRow[]>`
    SELECT c.id, c."caseNumber", c.alias, c."communityId", m.name AS "communityName", c.program::text AS program,
           c."termStart", c."plannedTermEnd", c."trackedFrom", c."priorVisitOn", c."priorCheckInOn", c."priorTestOn",
           c."reportedOn", c."decisionDate", c."termMonths", c."awaitingReportIn",
           (SELECT json_agg(json_build_object('from', a."startsOn", 'until', a."endsOn") ORDER BY a."startsOn")::text
              FROM "Absence" a WHERE a."clientId" = c.id AND a."startsOn" <= ${day}) AS absences,
           c.status::text AS status,
           s."slackUserId" AS "caseworkerUserId", s."displayName" AS "caseworkerName",
           c."policeUserId", c."policeName", c."gridWorkerUserId", c."gridWorkerName", c."volunteerUserId", c."volunteerName",
           (SELECT json_agg(json_build_object('status', p.status, 'start', p."startsOn", 'end', p."endsOn"))::text
              FROM "ClientStatusPeriod" p WHERE p."clientId" = c.id) AS periods,
           (SELECT json_agg(json_build_object('date', v.date, 'kind', v.kind) ORDER BY v.date)::text
              FROM "Visit" v WHERE v."clientId" = c.id AND v."deletedAt" IS NULL AND v.date <= ${day}) AS visits,
           (SELECT json_agg(json_build_object('date', k.date) ORDER BY k.date)::text
              FROM "CheckIn" k WHERE k."clientId" = c.id AND k."deletedAt" IS NULL AND k.date <= ${day}) AS "checkIns",
           (SELECT json_agg(json_build_object('date', u.date, 'result', u.result) ORDER BY u.date)::text
              FROM "UrineTest" u WHERE u."clientId" = c.id AND u."deletedAt" IS NULL AND u.date <= ${day}) AS tests
    FROM "Client" c JOIN "Community" m ON m.id = c."communityId" JOIN "Staff" s ON s.id = c."caseworkerId"
    WHERE c.id = ${clientId}`;
  return rows[0];
}

const list = <T>(json: string | null): T[] => (json === null ? [] : (JSON.parse(json) as T[]));

const dateOrNull = (d: Date | null): LocalDate | null => (d === null ? null : fromDbDate(d));

/** The latest recorded event, or the date given at intake when there is none as late. */
function latest<T extends { date: LocalDate } | null>(
  recorded: NonNullable<T> | undefined,
  prior: LocalDate | null | undefined,
  given: (date: LocalDate) => NonNullable<T>,
): T | null {
  if (prior && (!recorded || prior > recorded.date)) return given(prior);
  return recorded ?? null;
}

function factsOf(row: ClientRow): ClientFacts {
  return {
    program: row.program,
    termStart: fromDbDate(row.termStart),
    plannedTermEnd: fromDbDate(row.plannedTermEnd),
    trackedFrom: dateOrNull(row.trackedFrom),
    reportedOn: dateOrNull(row.reportedOn),
    decisionDate: dateOrNull(row.decisionDate),
    awaitingReportIn: row.awaitingReportIn,
    absences: list<{ from: LocalDate; until: LocalDate | null }>(row.absences),
    prior: { visit: dateOrNull(row.priorVisitOn), checkIn: dateOrNull(row.priorCheckInOn), test: dateOrNull(row.priorTestOn) },
    periods: list<{ status: ClientStatus; start: LocalDate; end: LocalDate | null }>(row.periods).filter(
      (p): p is StatusPeriod => p.status !== 'active',
    ),
    visits: list<{ date: LocalDate; kind: VisitKind }>(row.visits),
    checkIns: list<{ date: LocalDate }>(row.checkIns),
    tests: list<{ date: LocalDate; result: UrineResult }>(row.tests),
  };
}

/**
 * The status of one client for someone allowed to read it; audited as `client.read` with `via`
 * naming the surface that showed it (the status card, the client file…).
 */
export async function clientStatus(
  prisma: Prisma,
  actor: Actor,
  clientId: number,
  today: LocalDate,
  rules: ScheduleRules,
  via = 'status',
): Promise<ClientStatusResult> {
  const row = Number.isSafeInteger(clientId) && clientId > 0 ? await loadClient(prisma, clientId, today) : undefined;
  if (!row) return { ok: false, reason: 'notFound' };
  if (!inScope(readScope(actor), row.communityId)) return { ok: false, reason: 'notAllowed' };
  const facts = factsOf(row);
  const checks = compliance(facts, today, rules);
  const status: ClientStatusView = {
    clientId: row.id,
    caseNumber: row.caseNumber,
    alias: row.alias,
    communityId: row.communityId,
    communityName: row.communityName,
    program: row.program,
    termStart: facts.termStart,
    plannedTermEnd: facts.plannedTermEnd,
    awaitingSince: facts.awaitingReportIn ? (facts.decisionDate ?? facts.termStart) : null,
    effectiveTermEnd: effectiveTermEnd(facts),
    termYear: facts.awaitingReportIn ? null : termYearOn(facts, today),
    status: statusOn(facts, today),
    recordedStatus: row.status,
    caseworker: { userId: row.caseworkerUserId, name: row.caseworkerName },
    team: {
      police: member(row.policeUserId, row.policeName),
      gridWorker: member(row.gridWorkerUserId, row.gridWorkerName),
      volunteer: member(row.volunteerUserId, row.volunteerName),
    },
    trackedFrom: facts.trackedFrom && facts.trackedFrom > facts.termStart ? facts.trackedFrom : null,
    lastVisit: latest<ClientStatusView['lastVisit']>(facts.visits.at(-1), facts.prior?.visit, (date) => ({ date, kind: null })),
    lastCheckIn: latest<ClientStatusView['lastCheckIn']>(
      facts.checkIns.map((k) => ({ date: k.date, givenAtIntake: false })).at(-1),
      facts.prior?.checkIn,
      (date) => ({ date, givenAtIntake: true }),
    ),
    lastTest: latest<ClientStatusView['lastTest']>(facts.tests.at(-1), facts.prior?.test, (date) => ({ date, result: null })),
    due: dueItems(facts, today, rules),
    missedTestWindows: checks.missedTestWindows,
    refusedTests: checks.refusedTests,
    flags: checks.flags,
    today,
  };
  await auditRead(prisma, {
    actor: actor.userId,
    action: 'client.read',
    entity: 'client',
    entityId: row.id,
    communityId: row.communityId,
    detail: { clientId: row.id, communityId: row.communityId, via },
  });
  return { ok: true, status };
}
