// Loads what the schedule needs for every client of some communities in two queries: the
// clients with their latest events (an index scan per client on (clientId, date)), then their
// status periods. Only the latest few events of each kind are read — enough for what is due
// now (the rules count events per month or window) — never the full history.
import { OPEN_FILE_SQL } from '../../db/active.js';
import type { Prisma } from '../../db/client.js';
import { fromDbStatusRow, toDbDate } from '../../db/dates.js';
import { Prisma as Sql } from '../../generated/prisma/client.js';
import type { LocalDate } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import type { ClientFacts, StatusPeriod } from '../../domain/schedule.js';
import { schedulePeriods, type StatusRow } from '../../domain/periods.js';
import type { Program, VisitKind } from '../../domain/types.js';
import type { DueClient } from './list.js';

/**
 * What the schedule needs of a client, as the queries here (and the overdue days' refresh)
 * select it: dates as 'YYYY-MM-DD' text, already LocalDates; records as comma-separated dates
 * (plain text decodes far faster than a text[]), visits only of the counting kinds.
 */
export interface ScheduleColumns {
  program: Program;
  termStart: LocalDate;
  plannedTermEnd: LocalDate;
  trackedFrom: LocalDate | null;
  priorVisitOn: LocalDate | null;
  priorCheckInOn: LocalDate | null;
  priorTestOn: LocalDate | null;
  visits: string | null;
  checkIns: string | null;
  tests: string | null;
}

interface Row extends ScheduleColumns {
  id: number;
  caseNumber: string;
  alias: string;
  communityId: number;
  caseworkerUserId: string;
}

interface PeriodRow {
  clientId: number;
  status: StatusPeriod['status'];
  startsOn: Date;
  endsOn: Date | null;
}

export interface DueClientFilter {
  /** Only these clients (redrawing a posted list). */
  clientIds?: number[];
  /** Only the caseload of this staff member (someone's own list). */
  caseworkerId?: number;
  /** Only clients whose planned term ends by this day (those a list shows as ending soon). */
  termEndsBy?: LocalDate;
}

/** The client's dates of ScheduleColumns, selected from "Client" c. */
export const SCHEDULE_DATES = Sql.raw(
  ['termStart', 'plannedTermEnd', 'trackedFrom', 'priorVisitOn', 'priorCheckInOn', 'priorTestOn']
    .map((column) => `to_char(c."${column}", 'YYYY-MM-DD') AS "${column}"`)
    .join(', '),
);

const dates = (list: string | null): LocalDate[] => (list ? list.split(',') : []);

/**
 * ClientFacts from ScheduleColumns: only the dates matter for what is due (the kind filter ran in
 * the query, and `tests` holds only tests that close a window — a refusal does not, 条例 Art. 20).
 */
export function factsFromColumns(row: ScheduleColumns, periods: StatusPeriod[], rules: ScheduleRules): ClientFacts {
  const kind = rules.visit.countingKinds[0]!;
  return {
    program: row.program,
    termStart: row.termStart,
    plannedTermEnd: row.plannedTermEnd,
    trackedFrom: row.trackedFrom,
    prior: { visit: row.priorVisitOn, checkIn: row.priorCheckInOn, test: row.priorTestOn },
    periods,
    visits: dates(row.visits).map((date) => ({ date, kind })),
    checkIns: dates(row.checkIns).map((date) => ({ date })),
    tests: dates(row.tests).map((date) => ({ date, result: 'negative' as const })),
  };
}

/** Below this many communities one query is as fast as several. */
const SPLIT_FROM = 200;
/** PostgreSQL runs one query on one core: halves run side by side on two. */
const PARTS = 2;

/** Clients still on a schedule (not transferred out, completed or terminated) of `communityIds`. */
export async function loadDueClients(
  prisma: Prisma,
  communityIds: number[],
  today: LocalDate,
  rules: ScheduleRules,
  filter: DueClientFilter = {},
): Promise<DueClient[]> {
  if (communityIds.length < SPLIT_FROM) return loadPart(prisma, communityIds, today, rules, filter);
  const size = Math.ceil(communityIds.length / PARTS);
  const parts = Array.from({ length: PARTS }, (_, i) => communityIds.slice(i * size, (i + 1) * size));
  return (await Promise.all(parts.map((part) => loadPart(prisma, part, today, rules, filter)))).flat();
}

async function loadPart(
  prisma: Prisma,
  communityIds: number[],
  today: LocalDate,
  rules: ScheduleRules,
  filter: DueClientFilter,
): Promise<DueClient[]> {
  if (communityIds.length === 0 || filter.clientIds?.length === 0) return [];
  const onlyClients = filter.clientIds ? Sql.sql`AND c.id = ANY(${filter.clientIds})` : Sql.empty;
  const onlyCaseworker = filter.caseworkerId === undefined ? Sql.empty : Sql.sql`AND c."caseworkerId" = ${filter.caseworkerId}`;
  const onlyEnding = filter.termEndsBy === undefined ? Sql.empty : Sql.sql`AND c."plannedTermEnd" <= ${toDbDate(filter.termEndsBy)}`;
  const day = toDbDate(today);
  const kinds = rules.visit.countingKinds as VisitKind[];
  const visitLimit = rules.visit.perCalendarMonth * 2;
  const checkInLimit = rules.checkIn.perCalendarMonth * 2;
  // `kind = ANY(…::"VisitKind"[])`, not `kind::text = ANY(…)`: on the bare column the planner
  // knows how common the counting kinds are and walks (clientId, date) backwards, stopping after
  // `visitLimit` rows; behind a cast it guesses "almost none match" and reads and sorts every
  // visit of every client (about 4× slower on 47,500 clients with 5 million records).
  // Dates are selected as to_char(…, 'YYYY-MM-DD') text, exactly what fromDbDate would make of
  // them: for ~300,000 dates that skips a Date object each and halves the time spent in Node
  // (bench/due.ts).
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT c.id, c."caseNumber", c.alias, c."communityId", c.program::text AS program,
           ${SCHEDULE_DATES},
           s."slackUserId" AS "caseworkerUserId",
           (SELECT string_agg(to_char(v.date, 'YYYY-MM-DD'), ',') FROM (SELECT DISTINCT date FROM "Visit"
              WHERE "clientId" = c.id AND "deletedAt" IS NULL AND date <= ${day} AND kind = ANY(${kinds}::"VisitKind"[])
              ORDER BY date DESC LIMIT ${visitLimit}) v) AS visits,
           (SELECT string_agg(to_char(k.date, 'YYYY-MM-DD'), ',') FROM (SELECT DISTINCT date FROM "CheckIn"
              WHERE "clientId" = c.id AND "deletedAt" IS NULL AND date <= ${day}
              ORDER BY date DESC LIMIT ${checkInLimit}) k) AS "checkIns",
           (SELECT string_agg(to_char(u.date, 'YYYY-MM-DD'), ',') FROM (SELECT date FROM "UrineTest"
              WHERE "clientId" = c.id AND "deletedAt" IS NULL AND date <= ${day} AND result <> 'refused'
              ORDER BY date DESC LIMIT 1) u) AS tests
    FROM "Client" c JOIN "Staff" s ON s.id = c."caseworkerId"
    WHERE c."communityId" = ANY(${communityIds})
      AND ${OPEN_FILE_SQL} AND NOT c."awaitingReportIn" ${onlyClients} ${onlyCaseworker} ${onlyEnding}`;
  if (rows.length === 0) return [];
  // One array parameter rather than `findMany({ clientId: { in } })`, which binds one parameter
  // per client (47,500 of them for a city) and costs twice as long.
  const periods = await prisma.$queryRaw<PeriodRow[]>`
    SELECT "clientId", status::text AS status, "startsOn", "endsOn" FROM "ClientStatusPeriod"
    WHERE "clientId" = ANY(${rows.map((r) => r.id)}) AND status <> 'active' ORDER BY id`;
  const historyOf = new Map<number, StatusRow[]>();
  for (const p of periods) {
    const list = historyOf.get(p.clientId) ?? [];
    list.push(fromDbStatusRow(p));
    historyOf.set(p.clientId, list);
  }
  return rows.map((r) => ({
    id: r.id,
    caseNumber: r.caseNumber,
    alias: r.alias,
    communityId: r.communityId,
    caseworkerUserId: r.caseworkerUserId,
    facts: factsFromColumns(r, schedulePeriods(historyOf.get(r.id) ?? []), rules),
  }));
}
