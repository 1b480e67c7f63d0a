// Loads what the schedule needs for every client of some communities in two queries: the
// clients with their latest events (an index scan per client on (clientId, date)), then their
// status periods. Only the latest few events of each kind are read — enough for what is due
// now (the rules count events per month or window) — never the full history.
import type { Prisma } from '../../db/client.js';
import { fromDbDate, toDbDate } from '../../db/dates.js';
import type { LocalDate } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import type { StatusPeriod } from '../../domain/schedule.js';
import type { Program, VisitKind } from '../../domain/types.js';
import type { DueClient } from './list.js';

interface Row {
  id: number;
  caseNumber: string;
  alias: string;
  communityId: number;
  program: Program;
  termStart: Date;
  plannedTermEnd: Date;
  caseworkerUserId: string;
  visits: Date[] | null;
  checkIns: Date[] | null;
  tests: Date[] | null;
}

/** Clients still on a schedule (not transferred out, completed or terminated) of `communityIds`. */
export async function loadDueClients(
  prisma: Prisma,
  communityIds: number[],
  today: LocalDate,
  rules: ScheduleRules,
): Promise<DueClient[]> {
  if (communityIds.length === 0) return [];
  const day = toDbDate(today);
  const kinds = rules.visit.countingKinds as VisitKind[];
  const visitLimit = rules.visit.perCalendarMonth * 2;
  const checkInLimit = rules.checkIn.perCalendarMonth * 2;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT c.id, c."caseNumber", c.alias, c."communityId", c.program::text AS program, c."termStart", c."plannedTermEnd",
           s."slackUserId" AS "caseworkerUserId",
           (SELECT array_agg(v.date) FROM (SELECT date FROM "Visit"
              WHERE "clientId" = c.id AND "deletedAt" IS NULL AND date <= ${day} AND kind::text = ANY(${kinds})
              ORDER BY date DESC LIMIT ${visitLimit}) v) AS visits,
           (SELECT array_agg(k.date) FROM (SELECT date FROM "CheckIn"
              WHERE "clientId" = c.id AND "deletedAt" IS NULL AND date <= ${day}
              ORDER BY date DESC LIMIT ${checkInLimit}) k) AS "checkIns",
           (SELECT array_agg(u.date) FROM (SELECT date FROM "UrineTest"
              WHERE "clientId" = c.id AND "deletedAt" IS NULL AND date <= ${day}
              ORDER BY date DESC LIMIT 1) u) AS tests
    FROM "Client" c JOIN "Staff" s ON s.id = c."caseworkerId"
    WHERE c."communityId" = ANY(${communityIds})
      AND c.status NOT IN ('transferred_out', 'completed', 'terminated')`;
  if (rows.length === 0) return [];
  const periods = await prisma.clientStatusPeriod.findMany({
    where: { clientId: { in: rows.map((r) => r.id) } },
    select: { clientId: true, status: true, startsOn: true, endsOn: true },
  });
  const periodsOf = new Map<number, StatusPeriod[]>();
  for (const p of periods) {
    if (p.status === 'active') continue;
    const list = periodsOf.get(p.clientId) ?? [];
    list.push({ status: p.status, start: fromDbDate(p.startsOn), end: p.endsOn ? fromDbDate(p.endsOn) : null });
    periodsOf.set(p.clientId, list);
  }
  return rows.map((r) => ({
    id: r.id,
    caseNumber: r.caseNumber,
    alias: r.alias,
    communityId: r.communityId,
    caseworkerUserId: r.caseworkerUserId,
    facts: {
      program: r.program,
      termStart: fromDbDate(r.termStart),
      plannedTermEnd: fromDbDate(r.plannedTermEnd),
      periods: periodsOf.get(r.id) ?? [],
      // Only the dates matter for what is due; the kind filter ran in the query.
      visits: (r.visits ?? []).map((d) => ({ date: fromDbDate(d), kind: kinds[0]! })),
      checkIns: (r.checkIns ?? []).map((d) => ({ date: fromDbDate(d) })),
      tests: (r.tests ?? []).map((d) => ({ date: fromDbDate(d), result: 'negative' as const })),
    },
  }));
}
