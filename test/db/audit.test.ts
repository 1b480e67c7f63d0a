// The audit rows of reads are committed without waiting for the disk, and only they: the
// setting must not outlive the read's own transaction, or the next change saved on the same
// connection would be acknowledged before it is on disk.
import { describe, expect, it } from 'vitest';
import { audit, auditRead } from '../../src/db/audit.js';
import { useTestDatabase } from '../support/db.js';

describe('audit rows', () => {
  const t = useTestDatabase();
  const setting = async () =>
    (await t.db.prisma.$queryRaw<{ synchronous_commit: string }[]>`SHOW synchronous_commit`)[0]!.synchronous_commit;

  it('writes the row of a read, and every later statement commits durably again', async () => {
    for (let i = 0; i < 5; i++) await auditRead(t.db.prisma, { actor: 'U0READER', action: 'client.search', entity: 'client', detail: { length: i } });
    await audit(t.db.prisma, { actor: 'U0WRITER', action: 'visit.create', entity: 'visit', entityId: 1 });
    const rows = await t.db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.actor, r.action])).toEqual([...Array(5).fill(['U0READER', 'client.search']), ['U0WRITER', 'visit.create']]);
    for (let i = 0; i < 8; i++) expect(await setting()).toBe('on');
  });
});
