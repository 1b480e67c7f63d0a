// Files past retention: clients whose file ended (transferred out, completed or terminated: the
// start of that status's period) more than RETENTION_YEARS ago and whose personal data is still
// on file, listed for admins to review and erase. A closed file without such a period (never
// expected) counts from its planned term end.
import type { Prisma } from '../../db/client.js';
import { fromDbDate, toDbDate } from '../../db/dates.js';
import { addYears, type LocalDate } from '../../domain/dates.js';
import { TERMINAL_STATUSES, type ClientStatus } from '../../domain/types.js';

export interface RetentionReview {
  years: number;
  /** How many clients are past retention. */
  total: number;
  /** The first of them, longest ended first. */
  clients: { caseNumber: string; alias: string; status: ClientStatus; endedOn: LocalDate }[];
}

export async function retentionReview(prisma: Prisma, today: LocalDate, years: number, shown: number): Promise<RetentionReview> {
  // Ended strictly before this day: more than `years` ago.
  const cutoff = toDbDate(addYears(today, -years));
  const rows = await prisma.$queryRaw<{ caseNumber: string; alias: string; status: ClientStatus; endedOn: Date; total: bigint }[]>`
    SELECT c."caseNumber", c.alias, c.status::text AS status, e."endedOn", COUNT(*) OVER () AS total
    FROM "Client" c
    CROSS JOIN LATERAL (
      SELECT COALESCE(
        (SELECT p."startsOn" FROM "ClientStatusPeriod" p WHERE p."clientId" = c.id AND p.status = c.status ORDER BY p."startsOn" DESC, p.id DESC LIMIT 1),
        c."plannedTermEnd") AS "endedOn"
    ) e
    WHERE c."erasedAt" IS NULL AND c.status::text = ANY(${[...TERMINAL_STATUSES]}) AND e."endedOn" < ${cutoff}
    ORDER BY e."endedOn", c."caseNumber"
    LIMIT ${shown}`;
  return {
    years,
    total: rows.length === 0 ? 0 : Number(rows[0]!.total),
    clients: rows.map((r) => ({ caseNumber: r.caseNumber, alias: r.alias, status: r.status, endedOn: fromDbDate(r.endedOn) })),
  };
}
