// The embedded database syncs a commit to disk before it returns (src/db/durable-fs.ts), which
// PGlite by itself does not: PostgreSQL runs with fsync on, and its fsync reaches the file.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openEmbeddedDatabase, type Database } from '../../src/db/client.js';
import { onPostgres } from '../support/db.js';
import { tempDir } from '../support/process.js';

const synced = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fsyncSync = (fd: number) => {
    synced.count += 1;
    fs.fsyncSync(fd);
  };
  return { ...fs, fsyncSync, default: { ...fs, fsyncSync } };
});

describe.skipIf(onPostgres)('the embedded database on disk', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openEmbeddedDatabase(tempDir());
    await db.migrate();
  });
  afterAll(() => db.close());

  it('runs PostgreSQL with fsync on, syncing the log with fsync', async () => {
    expect(await db.prisma.$queryRaw`SHOW fsync`).toEqual([{ fsync: 'on' }]);
    expect(await db.prisma.$queryRaw`SHOW wal_sync_method`).toEqual([{ wal_sync_method: 'fsync' }]);
  });

  it('syncs every commit to disk before it returns', async () => {
    for (const name of ['小营巷', '梅花碑', '湖滨']) {
      const before = synced.count;
      await db.prisma.community.create({ data: { name } });
      expect(synced.count).toBeGreaterThan(before);
    }
    const before = synced.count;
    await db.prisma.community.findMany();
    expect(synced.count).toBe(before); // a read syncs nothing
  });
});
