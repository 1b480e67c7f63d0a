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

export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      communityId: entry.communityId ?? null,
      detail: entry.detail ?? {},
    },
  });
}
