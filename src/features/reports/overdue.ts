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
  // A client's spans do not overlap, so each client counts once per day.
  const rows = await db.$queryRaw<{ communityId: number; earlier: number; later: number }[]>`
    SELECT c."communityId",
           count(*) FILTER (WHERE s."startsOn" <= ${d1} AND s."endsOn" >= ${d1})::int AS earlier,
           count(*) FILTER (WHERE s."startsOn" <= ${d2} AND s."endsOn" >= ${d2})::int AS later
    FROM "OverdueSpan" s JOIN "Client" c ON c.id = s."clientId"
    WHERE s."endsOn" >= ${d1} AND s."startsOn" <= ${d2} ${scope}
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.communityId, [r.earlier, r.later]]));
}
