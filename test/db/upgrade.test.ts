// An installation upgraded over data that earlier releases wrote. Each case migrates a fresh
// database up to the release before a data-fixing migration, writes what that release could
// write, applies the rest and checks what a caseworker would see.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { freshStorage } from '../support/db.js';
import { tempDir } from '../support/process.js';

/** The migrations folder as it was before `migration` (that one and any later removed). */
function migrationsBefore(migration: string): string {
  const dir = join(tempDir(), 'migrations');
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  for (const name of readdirSync(dir)) if (/^\d{14}_/.test(name) && name >= migration) rmSync(join(dir, name), { recursive: true });
  return dir;
}

describe('an upgraded installation', () => {
  const opened: Database[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });

  it('moves status periods stored ending before they start to the revisions, and refuses new ones', async () => {
    const storage = await freshStorage();
    const db = await storage.open();
    opened.push(db);
    await db.migrate(migrationsBefore('20261204150000_status_periods_consistent'));
    // Written in SQL, as that release's columns were: today's client model has more.
    const [community] = await db.prisma.$queryRaw<{ id: number }[]>`INSERT INTO "Community" (name, "updatedAt") VALUES ('梅花碑', now()) RETURNING id`;
    const [staff] = await db.prisma.$queryRaw<{ id: number }[]>`
      INSERT INTO "Staff" ("slackUserId", "displayName", role, "updatedAt") VALUES ('U0WORKER01', 'U0WORKER01', 'worker', now()) RETURNING id`;
    const [client] = await db.prisma.$queryRaw<{ id: number }[]>`
      INSERT INTO "Client" ("caseNumber", alias, "communityId", "caseworkerId", program, "termStart", "plannedTermEnd", "createdBy", "updatedAt")
      VALUES ('MH-001', '郑某', ${community!.id}, ${staff!.id}, 'community_treatment', '2025-01-10', '2028-01-09', 'U0WORKER01', now()) RETURNING id`;
    // What the earlier release stored for a leave replaced on its first day by a suspension.
    const period = async (status: 'on_leave' | 'suspended', startsOn: string, endsOn: string | null) => {
      const [row] = await db.prisma.$queryRaw<{ id: number }[]>`
        INSERT INTO "ClientStatusPeriod" ("clientId", status, "previousStatus", "startsOn", "endsOn", reason, "recordedById")
        VALUES (${client!.id}, ${status}::"ClientStatus", 'active', ${startsOn}::date, ${endsOn}::date, '外出务工', ${staff!.id}) RETURNING id`;
      return row!;
    };
    const leave = await period('on_leave', '2025-06-01', '2025-05-31');
    const suspension = await period('suspended', '2025-06-01', null);

    await db.migrate(migrationsBefore('20261204150001'));
    const rows = await db.prisma.$queryRaw<{ id: number }[]>`SELECT id FROM "ClientStatusPeriod" WHERE "clientId" = ${client!.id}`;
    expect(rows.map((r) => r.id)).toEqual([suspension.id]);
    const [revision] = await db.prisma.recordRevision.findMany();
    expect(revision).toMatchObject({ entity: 'client_status_period', entityId: leave.id, clientId: client!.id, change: 'replace', editedById: staff!.id });
    expect(revision!.data).toMatchObject({ status: 'on_leave', startsOn: '2025-06-01', endsOn: '2025-05-31', reason: '外出务工' });
    await expect(period('on_leave', '2025-07-01', '2025-06-30')).rejects.toThrow();
  });

  it('gives clients of earlier releases their report-in date and one anniversary rule for a 29 February start', async () => {
    const db = await (await freshStorage()).open();
    opened.push(db);
    await db.migrate(migrationsBefore('20261204160000_law_terms_absences'));
    const [community] = await db.prisma.$queryRaw<{ id: number }[]>`INSERT INTO "Community" (name, "updatedAt") VALUES ('梅花碑', now()) RETURNING id`;
    const [staff] = await db.prisma.$queryRaw<{ id: number }[]>`
      INSERT INTO "Staff" ("slackUserId", "displayName", role, "updatedAt") VALUES ('U0WORKER01', 'U0WORKER01', 'worker', now()) RETURNING id`;
    // The earlier release ended a 29 February term on 28 February, a day after the anniversary the windows used.
    for (const [caseNumber, start, end] of [['MH-001', '2024-02-29', '2027-02-28'], ['MH-002', '2024-03-01', '2027-02-28']] as const) {
      await db.prisma.$executeRaw`
        INSERT INTO "Client" ("caseNumber", alias, "communityId", "caseworkerId", program, "termStart", "plannedTermEnd", "createdBy", "updatedAt")
        VALUES (${caseNumber}, '郑某', ${community!.id}, ${staff!.id}, 'community_treatment', ${start}::date, ${end}::date, 'U0WORKER01', now())`;
    }
    expect(await db.migrate()).toContain('20261204160000_law_terms_absences');
    const clients = await db.prisma.client.findMany({ orderBy: { caseNumber: 'asc' } });
    const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
    expect(clients.map((c) => [c.caseNumber, day(c.termStart), day(c.reportedOn), c.termMonths, day(c.plannedTermEnd)])).toEqual([
      ['MH-001', '2024-02-29', '2024-02-29', 36, '2027-02-27'],
      ['MH-002', '2024-03-01', '2024-03-01', 36, '2027-02-28'],
    ]);
  });
});
