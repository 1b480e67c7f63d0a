// The first start of a new installation, in one process: an empty database is migrated and then,
// without reopening it, serves every query that binds arrays of the enums the migrations just
// created (due lists, weekly counts, my caseload, the overdue days). PGlite learns a database's
// array types when it opens; before the fix every such query failed on the first start with
// `malformed array literal` and worked only after a restart. Every other test file loads a
// pre-migrated copy, which is why this one starts from nothing.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { toDbDate } from '../../src/db/dates.js';
import { MIGRATIONS_DIR } from '../../src/db/migrate.js';
import type { Actor } from '../../src/domain/access.js';
import { isoWeekOf } from '../../src/domain/dates.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { aliasPinyin } from '../../src/features/clients/pinyin.js';
import { communityList, dueByCommunity } from '../../src/features/due-lists/queries.js';
import { weeklyCounts } from '../../src/features/reports/counts.js';
import { myCaseload } from '../../src/features/status/caseload.js';
import { freshStorage } from '../support/db.js';
import { tempDir } from '../support/process.js';

const TODAY = '2026-11-18';
const NOW = new Date(`${TODAY}T04:00:00Z`);

/** A community, its caseworker and one client registered in the spring with nothing logged since. */
async function seed(db: Database): Promise<{ actor: Actor; communityId: number }> {
  const community = await db.prisma.community.create({ data: { name: '梅花碑', channelId: 'C0MEIHUA' } });
  const staff = await db.prisma.staff.create({
    data: { slackUserId: 'U0WORKER01', displayName: 'U0WORKER01', role: 'worker', memberships: { create: { communityId: community.id } } },
  });
  const client = await db.prisma.client.create({
    data: {
      caseNumber: 'MH-2026-001', alias: '郑某', ...aliasPinyin('郑某'), communityId: community.id, caseworkerId: staff.id,
      program: 'community_treatment', termStart: toDbDate('2026-04-06'), plannedTermEnd: toDbDate('2029-04-05'), createdBy: 'U0ADMIN01',
    },
  });
  await db.prisma.visit.create({
    data: { clientId: client.id, date: toDbDate('2026-09-10'), kind: 'home', recordedById: staff.id },
  });
  const actor: Actor = { userId: 'U0WORKER01', staffId: staff.id, role: 'worker', isAdmin: false, communityIds: [community.id], locale: 'zh-CN' };
  return { actor, communityId: community.id };
}

/** Every query that binds an enum array answers, and answers what the seed implies. */
async function expectEveryFeatureServes(db: Database): Promise<void> {
  const { actor, communityId } = await seed(db);
  const deps = { prisma: db.prisma, rules: DEFAULT_RULES };
  const manager: Actor = { ...actor, role: 'manager' };

  const { entries: due } = await communityList(deps, actor, communityId, TODAY);
  expect(due.map((e) => e.caseNumber)).toEqual(['MH-2026-001']);
  expect(due[0]!.items.some((i) => i.kind === 'visit' && i.state === 'overdue')).toBe(true);
  expect((await dueByCommunity(deps, manager, TODAY)).map((c) => [c.name, c.entries.length])).toEqual([['梅花碑', 1]]);

  const mine = await myCaseload(db.prisma, actor, TODAY, DEFAULT_RULES);
  expect(mine.map((e) => e.caseNumber)).toEqual(['MH-2026-001']);

  const counts = await weeklyCounts(db.prisma, { communityIds: 'all', week: isoWeekOf(TODAY), timeZone: 'Asia/Shanghai', rules: DEFAULT_RULES, now: NOW });
  expect(counts!.total.current).toMatchObject({ active: 1, overdue: 1, faceToFace: 0 });
}

describe('the first start of a new installation', () => {
  const opened: Database[] = [];
  const open = async (storage: { open: () => Promise<Database> }) => {
    const db = await storage.open();
    opened.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });

  it('serves due lists, weekly counts and my caseload in the process that migrated the empty database', async () => {
    const db = await open(await freshStorage());
    expect(await db.migrate()).not.toEqual([]);
    await expectEveryFeatureServes(db);
  });

  it('binds arrays of an enum that an upgrade’s new migration creates, in the process that applied it', async () => {
    const storage = await freshStorage();
    const db = await open(storage);
    await db.migrate();
    await db.close();
    opened.length = 0;

    // The next release: the same migrations plus one that adds an enum, applied to the existing data.
    const migrations = join(tempDir(), 'migrations');
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    mkdirSync(join(migrations, '29991231000000_upgrade_probe'));
    writeFileSync(
      join(migrations, '29991231000000_upgrade_probe', 'migration.sql'),
      `CREATE TYPE "UpgradeProbe" AS ENUM ('school', 'workplace');\nCREATE TABLE "UpgradeProbeRow" ("kind" "UpgradeProbe" NOT NULL);\n` +
        `INSERT INTO "UpgradeProbeRow" VALUES ('school'), ('workplace'), ('school');\n`,
    );
    const upgraded = await open(storage);
    expect(await upgraded.migrate(migrations)).toEqual(['29991231000000_upgrade_probe']);
    const rows = await upgraded.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "UpgradeProbeRow" WHERE kind = ANY(${['school']}::"UpgradeProbe"[])`;
    expect(rows).toEqual([{ n: 2 }]);
    await expectEveryFeatureServes(upgraded);
  });
});
