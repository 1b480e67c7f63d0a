// Clients with something overdue on two days (the ends of a period and of the one before), per
// community: read from OverdueSpan, the overdue days the schedule core worked out for each
// client (overdue-spans.ts keeps them current; refresh before counting).
import type { Db } from '../../db/audit.js';
import { toDbDate } from '../../db/dates.js';
import type { LocalDate } from '../../domain/dates.js';
import type { Prisma as Sql } from '../../generated/prisma/client.js';

/** Per community: how many clients had something overdue on `earlier` and on `later` (earlier ≤ later). */
export async function countOverdue(
  db: Db,
  scope: Sql.Sql,
  [earlier, later]: [LocalDate, LocalDate],
): Promise<Map<number, [number, number]>> {
  const [d1, d2] = [toDbDate(earlier), toDbDate(later)];
  // A client's spans do not overlap, so each client counts once per day. The span is aliased c:
  // it carries its client's community, which `scope` filters on.
  const rows = await db.$queryRaw<{ communityId: number; earlier: number; later: number }[]>`
    SELECT c."communityId",
           count(*) FILTER (WHERE c."startsOn" <= ${d1} AND c."endsOn" >= ${d1})::int AS earlier,
           count(*) FILTER (WHERE c."startsOn" <= ${d2} AND c."endsOn" >= ${d2})::int AS later
    FROM "OverdueSpan" c
    WHERE c."endsOn" >= ${d1} AND c."startsOn" <= ${d2} ${scope}
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.communityId, [r.earlier, r.later]]));
}
