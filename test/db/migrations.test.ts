import { describe, expect, it } from 'vitest';
import { diffMigrationsToSchema, readMigrations } from '../../src/db/migrate.js';
import { useTestDatabase } from '../support/db.js';

describe('migrations', () => {
  const t = useTestDatabase();

  it('match prisma/schema.prisma exactly (no drift: run `npm run db:migration -- <name>` after changing the schema)', async () => {
    expect(await diffMigrationsToSchema()).toBe('');
  });

  it('are all recorded in _prisma_migrations, and applying again applies nothing', async () => {
    const { migrationDirectories } = await readMigrations();
    const rows = await t.db.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(migrationDirectories.map((d) => d.path));
    expect(await t.db.migrate()).toEqual([]);
  });

  it('make the audit log append-only: an entry can be added but never changed or removed', async () => {
    const entry = await t.db.prisma.auditLog.create({
      data: { actor: 'U0ADMIN', action: 'community.create', entity: 'community', entityId: '1', detail: { name: 'x' } },
    });
    await expect(t.db.prisma.auditLog.update({ where: { id: entry.id }, data: { actor: 'U0OTHER' } })).rejects.toThrow(/append-only/);
    await expect(t.db.prisma.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    expect(await t.db.prisma.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ actor: 'U0ADMIN' });
  });
});
