// The audit trail: every change and every read of a client file. Details hold ids, codes and
// dates only — never notes or names (the table is append-only, so a leak could not be undone).
import type { Prisma as PrismaNamespace } from '../generated/prisma/client.js';
import type { Prisma } from './client.js';

export type AuditDetail = Record<string, string | number | boolean | null | string[] | number[]>;

export interface AuditEntry {
  /** Slack user id, or "system". */
  actor: string;
  /** e.g. "visit.create", "client.read", "client.search". */
  action: string;
  entity: string;
  entityId?: string | number | null;
  communityId?: number | null;
  detail?: AuditDetail;
}

export type Db = Prisma | PrismaNamespace.TransactionClient;

/** The row of a change: written with the change, in its transaction, committed as it is. */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditLog.create(row(entry));
}

/**
 * The row of a read (a search, a status card, an export): committed without waiting for the
 * disk (synchronous_commit off for its own transaction alone). A read changes nothing, and an fsync
 * for every search held every other request of the bot up meanwhile (issue 15: the embedded
 * database runs in the bot's own thread). The row is on disk with the next change saved, whose
 * commit flushes the log up to it, or within PostgreSQL's wal_writer_delay on a server: a crash
 * can lose the read rows of its last moment, never a change or its audit row.
 */
export async function auditRead(prisma: Prisma, entry: AuditEntry): Promise<void> {
  const { data } = row(entry);
  // One statement, its own transaction: set_config(…, true) lasts until that transaction ends,
  // after its commit record is written (one round trip where BEGIN; SET LOCAL; INSERT; COMMIT took four).
  await prisma.$executeRaw`
    INSERT INTO "AuditLog" (actor, action, entity, "entityId", "communityId", detail)
    SELECT ${data.actor}, ${data.action}, ${data.entity}, ${data.entityId}, ${data.communityId}::int, ${JSON.stringify(data.detail)}::jsonb
    FROM (SELECT set_config('synchronous_commit', 'off', true)) AS read_only_audit`;
}

function row(entry: AuditEntry) {
  return {
    data: {
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      communityId: entry.communityId ?? null,
      detail: entry.detail ?? {},
    },
  };
}

/** An entry about one client: its id and community as the row's keys and at the head of the detail, as every change to a client records them. */
export function clientEntry(actor: string, action: string, client: { id: number; communityId: number }, detail: AuditDetail): AuditEntry {
  return { actor, action, entity: 'client', entityId: client.id, communityId: client.communityId, detail: { clientId: client.id, communityId: client.communityId, ...detail } };
}
