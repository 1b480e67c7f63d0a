// The domain's "active" (src/domain/active.ts) in SQL, for counts that cannot load every client:
// App Home's overview reads it from here, the caseload applies isActiveOn to the facts it has
// loaded anyway, and the weekly counts read the active days worked out from the same definition
// (ActiveSpan, src/domain/active-runs.ts). Also the open file (no exit recorded as the current status),
// which decides who is listed at all (due lists, caseload, a caseworker's removal).
import { RUNNING_STATUSES } from '../domain/active.js';
import type { LocalDate } from '../domain/dates.js';
import { TERMINAL_STATUSES } from '../domain/types.js';
import { Prisma as Sql } from '../generated/prisma/client.js';
import type { Db } from './audit.js';
import { toDbDate } from './dates.js';

/** A Prisma `where` on Client: the file is open. */
export const OPEN_FILE = { status: { notIn: [...TERMINAL_STATUSES] } } satisfies Sql.ClientWhereInput;

/** SQL: the statuses as literals, `'a', 'b'`, so the planner sees the enum values themselves. */
export const statusLiterals = (statuses: readonly string[]): Sql.Sql => Sql.raw(statuses.map((s) => `'${s}'`).join(', '));

/** SQL on "Client" c: the file is open. */
export const OPEN_FILE_SQL = Sql.sql`c.status NOT IN (${statusLiterals(TERMINAL_STATUSES)})`;

/** SQL on "ClientStatusPeriod" p: the periods that can keep a client from being active. */
export const NOT_RUNNING_SQL = Sql.sql`p.status NOT IN (${statusLiterals(RUNNING_STATUSES)})`;

/**
 * SQL: whether client c is active on `day`, given the aggregate p of its periods that are
 * not running (blocksOn as `blocked`, suspendedBy as `suspended`; no row: NULL).
 */
export function activeOn(day: Date, blocked: string, suspended: string): Sql.Sql {
  return Sql.sql`(NOT c."awaitingReportIn" AND c."termStart" <= ${day} AND NOT coalesce(p.${Sql.raw(blocked)}, FALSE) AND c."plannedTermEnd" + coalesce(p.${Sql.raw(suspended)}, 0)::int >= ${day})`;
}

/** Aggregate over p: a period keeping the client from being active on `day` — an exit started (for good), or a suspension covering it. */
export function blocksOn(day: Date): Sql.Sql {
  return Sql.sql`bool_or(p."startsOn" <= ${day} AND (p.status = ANY(${[...TERMINAL_STATUSES]}::"ClientStatus"[]) OR p."endsOn" IS NULL OR p."endsOn" >= ${day}))`;
}

/** Aggregate over p: days suspended inside the term up to `day`; they move the term's end later. */
export function suspendedBy(day: Date): Sql.Sql {
  return Sql.sql`coalesce(sum(LEAST(coalesce(p."endsOn", ${day}), ${day}) - GREATEST(p."startsOn", c."termStart") + 1)
    FILTER (WHERE p.status = 'suspended' AND p."startsOn" <= ${day} AND (p."endsOn" IS NULL OR p."endsOn" >= c."termStart")), 0)`;
}

/** Active clients on `date` per community of `communityIds` (a community with none is absent). */
export async function activeByCommunity(db: Db, communityIds: number[], date: LocalDate): Promise<Map<number, number>> {
  const day = toDbDate(date);
  const rows = await db.$queryRaw<{ communityId: number; active: number }[]>`
    WITH p AS (
      SELECT p."clientId", ${blocksOn(day)} AS blocked, ${suspendedBy(day)} AS suspended
      FROM "ClientStatusPeriod" p JOIN "Client" c ON c.id = p."clientId"
      WHERE ${NOT_RUNNING_SQL} AND c."termStart" <= ${day} AND c."communityId" = ANY(${communityIds})
      GROUP BY 1
    )
    SELECT c."communityId", count(*) FILTER (WHERE ${activeOn(day, 'blocked', 'suspended')})::int AS active
    FROM "Client" c LEFT JOIN p ON p."clientId" = c.id
    WHERE c."termStart" <= ${day} AND c."communityId" = ANY(${communityIds})
    GROUP BY 1`;
  return new Map(rows.map((r) => [Number(r.communityId), Number(r.active)]));
}
