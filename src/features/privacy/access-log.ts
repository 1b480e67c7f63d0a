// A client's access log: every audit entry about that client, newest first, a page at a time.
// Entries name a client in three ways: entity "client" with its id (reads, lookups, status, team
// and term changes), `detail.clientId` (its visits, check-ins, tests and absences) and
// `detail.clientIds` (the clients a search showed, a roster import wrote). Exports name no client: a roster export
// holds every client on file, and a records export every client with a record in its period and
// communities, so those count as exports of this client. Reading the log is itself audited.
import { auditRead } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { Prisma as Sql } from '../../generated/prisma/client.js';
import type { Actor } from '../../domain/access.js';
import { AUDIT_PAGE } from './ids.js';

export interface AccessEntry {
  /** AuditLog.id, the cursor of the next page. */
  id: bigint;
  at: Date;
  /** Slack user id, or "system". */
  actor: string;
  action: string;
}

export interface AccessPage {
  client: { id: number; caseNumber: string; alias: string };
  entries: AccessEntry[];
  /** The cursor of the next page, when there is one. */
  next: bigint | null;
}

/** One page of the log of `clientId`, entries before `before` (an AuditLog id); null: no such client. */
export async function accessLog(prisma: Prisma, actor: Actor, clientId: number, before: bigint | null): Promise<AccessPage | null> {
  const client = await prisma.client.findUnique({ where: { id: clientId }, select: { id: true, caseNumber: true, alias: true, communityId: true, createdAt: true } });
  if (!client) return null;
  const id = client.id;
  const records = (table: string) => Sql.sql`EXISTS (SELECT 1 FROM ${Sql.raw(`"${table}"`)} r WHERE r."clientId" = ${id}
    AND r.date BETWEEN (a.detail->>'from')::date AND (a.detail->>'to')::date)`;
  const rows = await prisma.$queryRaw<AccessEntry[]>`
    SELECT a.id, a.at, a.actor, a.action FROM "AuditLog" a
    WHERE ${before === null ? Sql.sql`TRUE` : Sql.sql`a.id < ${before}`} AND (
      (a.entity = 'client' AND a."entityId" = ${String(id)})
      OR a.detail @> ${JSON.stringify({ clientId: id })}::jsonb
      OR a.detail @> ${JSON.stringify({ clientIds: [id] })}::jsonb
      OR (a.action = 'clients.export' AND a.at >= ${client.createdAt})
      OR (a.action = 'report.export' AND (a."communityId" IS NULL OR a."communityId" = ${client.communityId})
        AND (${records('Visit')} OR ${records('CheckIn')} OR ${records('UrineTest')}))
    )
    ORDER BY a.id DESC
    LIMIT ${AUDIT_PAGE + 1}`;
  const entries = rows.slice(0, AUDIT_PAGE);
  await auditRead(prisma, {
    actor: actor.userId,
    action: 'client.audit',
    entity: 'client',
    entityId: id,
    communityId: client.communityId,
    detail: { clientId: id, communityId: client.communityId, page: before === null ? 'first' : 'more', entries: entries.length },
  });
  return {
    client: { id, caseNumber: client.caseNumber, alias: client.alias },
    entries,
    next: rows.length > AUDIT_PAGE ? entries[entries.length - 1]!.id : null,
  };
}
