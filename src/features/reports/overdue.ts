// Clients with something overdue on two days (the ends of a period and of the one before), per
// community, decided by the schedule core (dueItems) as the due lists and the status card are.
//
// The core needs each client's last events; reading them client by client (as the daily job
// does for one day) costs three index probes per client. Here one query reads them for both
// days at once, mostly by range: every event since the first of the month before the earlier
// day's (the "horizon"), and, only for a client with no event of a kind there, that kind's
// latest events before it. That is exact, not an approximation: with an event in the horizon, the last
// event L is in it, and so are all events of L's month (the horizon starts on the first of a
// month) — what is due after L does not depend on anything older; a test window is closed by
// any one test, so only L matters for tests.
import type { Db } from '../../db/audit.js';
import { toDbDate } from '../../db/dates.js';
import { addMonths, startOfMonth, type LocalDate } from '../../domain/dates.js';
import { formatDay, type Day } from '../../domain/days.js';
import type { ScheduleRules } from '../../domain/rules.js';
import { dueItems, type ClientFacts, type StatusPeriod } from '../../domain/schedule.js';
import type { Program, VisitKind } from '../../domain/types.js';
import { Prisma as Sql } from '../../generated/prisma/client.js';

interface Row {
  communityId: number;
  program: Program;
  termStart: Day;
  plannedTermEnd: Day;
  periods: { status: StatusPeriod['status']; start: string; end: string | null }[] | null;
  visits: Day[] | null;
  checkIns: Day[] | null;
  tests: Day[] | null;
}

/** A date column as a day number (days.ts): integers cross to JavaScript far faster than dates. */
const day = (column: string) => Sql.raw(`(${column} - DATE '1970-01-01')`);

/** One kind's events of client c: those in the horizon, and the latest `limit` before it when none is on or before `earlier` there. */
function eventsOf(table: string, tag: string, extra: Sql.Sql, horizon: Date, earlier: Date, limit: number): Sql.Sql {
  return Sql.sql`CASE WHEN h.${Sql.raw(tag)}_first <= ${earlier} THEN h.${Sql.raw(tag)}
    ELSE array_cat(h.${Sql.raw(tag)}, (SELECT array_agg(${day('x.date')}) FROM (
      SELECT date FROM ${Sql.raw(`"${table}"`)} WHERE "clientId" = c.id AND "deletedAt" IS NULL ${extra} AND date < ${horizon}
      ORDER BY date DESC LIMIT ${limit}) x)) END`;
}

/** Per community: how many clients had something overdue on `earlier` and on `later` (earlier ≤ later). */
export async function countOverdue(
  db: Db,
  scope: Sql.Sql,
  [earlier, later]: [LocalDate, LocalDate],
  rules: ScheduleRules,
): Promise<Map<number, [number, number]>> {
  // Two months back: most clients met, reported in and were tested since, so a range read finds
  // their last events and few need a look further back (one index probe each).
  const horizon = toDbDate(addMonths(startOfMonth(earlier), -1));
  const [d1, d2] = [toDbDate(earlier), toDbDate(later)];
  // Compared as the enum, not as text, so that the planner knows how many rows match.
  const faceToFace = Sql.sql`AND kind = ANY(${rules.visit.countingKinds as VisitKind[]}::"VisitKind"[])`;
  // Enough events for a month needing several on distinct days (the same as the daily job reads).
  const visitLimit = rules.visit.perCalendarMonth * 2;
  const checkInLimit = rules.checkIn.perCalendarMonth * 2;
  const inHorizon = Sql.sql`date BETWEEN ${horizon} AND ${d2} AND "deletedAt" IS NULL`;
  const rows = await db.$queryRaw<Row[]>`
    WITH e AS (
      SELECT "clientId", 'v' AS t, date FROM "Visit" WHERE ${inHorizon} ${faceToFace}
      UNION ALL SELECT "clientId", 'k', date FROM "CheckIn" WHERE ${inHorizon}
      UNION ALL SELECT "clientId", 'u', date FROM "UrineTest" WHERE ${inHorizon}
    ), h AS (
      SELECT "clientId",
             array_agg(${day('date')}) FILTER (WHERE t = 'v') AS v, min(date) FILTER (WHERE t = 'v') AS v_first,
             array_agg(${day('date')}) FILTER (WHERE t = 'k') AS k, min(date) FILTER (WHERE t = 'k') AS k_first,
             array_agg(${day('date')}) FILTER (WHERE t = 'u') AS u, min(date) FILTER (WHERE t = 'u') AS u_first
      FROM e GROUP BY 1
    ), p AS (
      SELECT "clientId", json_agg(json_build_object('status', status, 'start', "startsOn", 'end', "endsOn")) AS periods
      FROM "ClientStatusPeriod" WHERE status <> 'active' GROUP BY 1
    )
    SELECT c."communityId", c.program::text AS program, ${day('c."termStart"')} AS "termStart", ${day('c."plannedTermEnd"')} AS "plannedTermEnd",
           p.periods,
           ${eventsOf('Visit', 'v', faceToFace, horizon, d1, visitLimit)} AS visits,
           ${eventsOf('CheckIn', 'k', Sql.empty, horizon, d1, checkInLimit)} AS "checkIns",
           ${eventsOf('UrineTest', 'u', Sql.empty, horizon, d1, 1)} AS tests
    FROM "Client" c LEFT JOIN h ON h."clientId" = c.id LEFT JOIN p ON p."clientId" = c.id
    WHERE c."termStart" <= ${d2} ${scope}
      -- Gone for good before both days: nothing can be due.
      AND NOT EXISTS (SELECT 1 FROM "ClientStatusPeriod" x WHERE x."clientId" = c.id
                      AND x.status IN ('transferred_out', 'completed', 'terminated') AND x."startsOn" <= ${d1})`;
  const counts = new Map<number, [number, number]>();
  const kind = rules.visit.countingKinds[0]!;
  for (const row of rows) {
    const facts: ClientFacts = {
      program: row.program,
      termStart: formatDay(row.termStart),
      plannedTermEnd: formatDay(row.plannedTermEnd),
      periods: row.periods ?? [],
      // Only dates matter for what is due; the kind filter ran in the query.
      visits: (row.visits ?? []).map((d) => ({ date: formatDay(d), kind })),
      checkIns: (row.checkIns ?? []).map((d) => ({ date: formatDay(d) })),
      tests: (row.tests ?? []).map((d) => ({ date: formatDay(d), result: 'negative' as const })),
    };
    const overdue = (day: LocalDate) => (dueItems(facts, day, rules).some((item) => item.state === 'overdue') ? 1 : 0);
    const [a, b] = [overdue(earlier), overdue(later)];
    if (a + b === 0) continue;
    const entry = counts.get(row.communityId) ?? [0, 0];
    counts.set(row.communityId, [entry[0] + a, entry[1] + b]);
  }
  return counts;
}
