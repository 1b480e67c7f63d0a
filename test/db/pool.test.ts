// The PostgreSQL pool keeps a connection whose statement the server refused. Claims work by
// refusal: the daily due lists, the weekly report and every confirmation insert their row and
// take the unique violation as "already there". pg's pool closed the connection behind every
// refused statement, so a restart's catch-up opened one connection per community — 2,000 on the
// city bench, stretching the catch-up from 15 to 55 seconds with the bot's thread busy. A
// connection the server or the network really lost is still replaced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase, type Database } from '../../src/db/client.js';
import { isUniqueViolation } from '../../src/db/errors.js';
import { freshDatabaseUrl, onPostgres } from '../support/db.js';
import { TcpProxy } from '../support/tcp-proxy.js';

describe.skipIf(!onPostgres)('PostgreSQL pool (TEST_DATABASE_URL)', () => {
  let proxy: TcpProxy;
  let db: Database;
  let direct: Database;

  beforeAll(async () => {
    const url = await freshDatabaseUrl();
    direct = openPostgresDatabase(url, 1);
    await direct.migrate();
    proxy = await TcpProxy.toServerOf(url).open();
    db = openPostgresDatabase(proxy.url(url), 2);
  });
  afterAll(async () => {
    await db?.close();
    await direct?.close();
    await proxy?.close();
  });

  it('a refused statement (unique violation, bad value) keeps its connection', async () => {
    await db.prisma.community.create({ data: { name: '和平社区' } });
    const opened = proxy.connections;
    for (let i = 0; i < 20; i++) {
      const refused = await db.prisma.community.create({ data: { name: '和平社区' } }).catch((error: unknown) => error);
      expect(isUniqueViolation(refused)).toBe(true);
      await expect(db.prisma.$queryRawUnsafe(`SELECT 'x'::int`)).rejects.toThrow();
    }
    expect(await db.prisma.community.count()).toBe(1);
    expect(proxy.connections).toBe(opened);
  });

  it('a connection the server ended is replaced', async () => {
    const [row] = await db.prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
    const pid = row!.pid;
    await direct.prisma.$executeRaw`SELECT pg_terminate_backend(${pid}::int)`;
    const opened = proxy.connections;
    // The first query may meet the ended connection; the pool then opens a new one.
    await db.prisma.community.count().catch(() => undefined);
    await db.prisma.community.count().catch(() => undefined);
    expect(await db.prisma.community.count()).toBe(1);
    expect(proxy.connections).toBeGreaterThan(opened);
  });
});
