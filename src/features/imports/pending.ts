// Imports asked for in Slack, as rows of PendingImport: `/caseload import <kind>` opens a
// request; each file the admin then sends in the DM is checked (a dry run) for it; the Apply
// button under the report writes it, within WINDOW_MS of the check and only once. A file's bytes
// are kept only until it is applied, superseded by a newer file or expired — they hold the
// roster, and the database has no business keeping a second copy of it.
import type { Prisma } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Kind } from '../../import/headers.js';

/** How long a request waits for its file, and a dry run's Apply button stays valid. */
export const WINDOW_MS = 30 * 60_000;
/** How long the rows (without their bytes) are kept as a trace. */
const KEEP_MS = 7 * 24 * 60 * 60_000;

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

/** Drops the bytes of every dry run that can no longer be applied, and rows a week old. */
export async function purgeExpired(prisma: Prisma, now: Date): Promise<void> {
  await prisma.pendingImport.updateMany({ where: { content: { not: null }, checkedAt: { lt: ago(now, WINDOW_MS) } }, data: { content: null } });
  await prisma.pendingImport.deleteMany({ where: { requestedAt: { lt: ago(now, KEEP_MS) } } });
}

export async function requestImport(prisma: Prisma, userId: string, kind: Kind, now: Date): Promise<void> {
  await purgeExpired(prisma, now);
  await prisma.pendingImport.create({ data: { userId, kind, requestedAt: now } });
}

export type Attached = { kind: 'none' } | { kind: 'duplicate' } | { kind: 'attached'; id: number; importKind: Kind };

/**
 * Ties a file the person sent to their open request (the newest, asked within WINDOW_MS and not
 * applied yet). The same file reported again (Slack sends a `message` and a `file_shared`
 * event, and retries) is a duplicate.
 */
export async function attachFile(prisma: Prisma, userId: string, fileId: string, now: Date): Promise<Attached> {
  const newest = await prisma.pendingImport.findFirst({ where: { userId }, orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }] });
  if (newest?.fileId === fileId) return { kind: 'duplicate' };
  if (!newest || newest.appliedAt !== null || newest.requestedAt < ago(now, WINDOW_MS)) {
    return (await prisma.pendingImport.count({ where: { fileId } })) > 0 ? { kind: 'duplicate' } : { kind: 'none' };
  }
  try {
    const row = await prisma.pendingImport.create({ data: { userId, kind: newest.kind, requestedAt: newest.requestedAt, fileId } });
    return { kind: 'attached', id: row.id, importKind: row.kind as Kind };
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: 'duplicate' };
    throw error;
  }
}

/**
 * Records a file's dry run. A file that may be applied keeps its bytes; the person's earlier
 * files of the same request can no longer be: the newest file is the one they mean.
 */
export async function saveCheck(prisma: Prisma, id: number, userId: string, fileName: string, content: Buffer | null, now: Date): Promise<void> {
  await prisma.$transaction([
    prisma.pendingImport.updateMany({ where: { userId, id: { not: id }, appliedAt: null, content: { not: null } }, data: { content: null } }),
    prisma.pendingImport.update({ where: { id }, data: { fileName, checkedAt: now, content: content ? new Uint8Array(content) : null } }),
  ]);
}

export type Claim =
  | { kind: 'claimed'; importKind: Kind; fileName: string; content: Buffer }
  | { kind: 'applied' | 'expired' | 'notYours' };

/** Takes a checked file for applying: once, by the person who sent it, within WINDOW_MS of its check. */
export async function claimFile(prisma: Prisma, id: number, userId: string, now: Date): Promise<Claim> {
  const taken = await prisma.pendingImport.updateMany({
    where: { id, userId, appliedAt: null, content: { not: null }, checkedAt: { gte: ago(now, WINDOW_MS) } },
    data: { appliedAt: now },
  });
  const row = await prisma.pendingImport.findUnique({ where: { id } });
  if (!row || row.userId !== userId) return { kind: 'notYours' };
  if (taken.count === 0) return { kind: row.appliedAt !== null ? 'applied' : 'expired' };
  return { kind: 'claimed', importKind: row.kind as Kind, fileName: row.fileName ?? '', content: Buffer.from(row.content!) };
}

/** After applying: the bytes go. `failed`: the database failed before anything was written, so Apply may be tried again. */
export async function settleClaim(prisma: Prisma, id: number, failed: boolean): Promise<void> {
  await prisma.pendingImport.update({ where: { id }, data: failed ? { appliedAt: null } : { content: null } });
}
