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
    const community = await db.prisma.community.create({ data: { name: '梅花碑' } });
    const staff = await db.prisma.staff.create({ data: { slackUserId: 'U0WORKER01', displayName: 'U0WORKER01', role: 'worker' } });
    const client = await db.prisma.client.create({
      data: {
        caseNumber: 'MH-001', alias: '郑某', aliasPinyin: 'zhengmou', aliasInitials: 'zm', communityId: community.id, caseworkerId: staff.id,
        program: 'community_treatment', termStart: new Date('2025-01-10'), plannedTermEnd: new Date('2028-01-09'), createdBy: 'U0WORKER01',
      },
    });
    // What the earlier release stored for a leave replaced on its first day by a suspension.
    const period = (status: 'on_leave' | 'suspended', startsOn: string, endsOn: string | null) =>
      db.prisma.clientStatusPeriod.create({
        data: { clientId: client.id, status, previousStatus: 'active', startsOn: new Date(startsOn), endsOn: endsOn ? new Date(endsOn) : null, reason: '外出务工', recordedById: staff.id },
      });
    const leave = await period('on_leave', '2025-06-01', '2025-05-31');
    const suspension = await period('suspended', '2025-06-01', null);

    expect(await db.migrate()).toEqual(['20261204150000_status_periods_consistent']);
    const rows = await db.prisma.clientStatusPeriod.findMany({ where: { clientId: client.id } });
    expect(rows.map((r) => r.id)).toEqual([suspension.id]);
    const [revision] = await db.prisma.recordRevision.findMany();
    expect(revision).toMatchObject({ entity: 'client_status_period', entityId: leave.id, clientId: client.id, change: 'replace', editedById: staff.id });
    expect(revision!.data).toMatchObject({ status: 'on_leave', startsOn: '2025-06-01', endsOn: '2025-05-31', reason: '外出务工' });
    await expect(period('on_leave', '2025-07-01', '2025-06-30')).rejects.toThrow();
  });
});
