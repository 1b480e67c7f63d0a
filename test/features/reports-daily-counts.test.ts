// DailyCount, the daily sums the weekly counts read, against a direct count over the records:
// after logging, editing (date, kind, result, client), soft-deleting, restoring and deleting
// records, one at a time and in bulk, and after a client moves community — and, on PostgreSQL,
// when a record is logged while its client moves. Then periodCounts against the same figures
// counted from the records as they were before the sums existed.
import { describe, expect, it } from 'vitest';
import type { Prisma } from '../../src/db/client.js';
import { toDbDate } from '../../src/db/dates.js';
import { addDays } from '../../src/domain/dates.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import type { UrineResult, VisitKind } from '../../src/domain/types.js';
import { periodCounts } from '../../src/features/reports/counts.js';
import { weekPeriod } from '../../src/features/reports/period.js';
import { onPostgres, useTestDatabase } from '../support/db.js';
import { WORKER_A, seedReportWorld } from './reports-fixtures.js';

type Sums = Record<string, number>;

/** Non-zero counts per "day community type detail", as the records give them. */
async function countedFromRecords(prisma: Prisma): Promise<Sums> {
  const rows = await prisma.$queryRaw<{ key: string; n: number }[]>`
    SELECT concat_ws(' ', to_char(r.date, 'YYYY-MM-DD'), c."communityId", r.type, r.detail) AS key, count(*)::int AS n
    FROM (
      SELECT date, 'visit' AS type, kind::text AS detail, "clientId" FROM "Visit" WHERE "deletedAt" IS NULL
      UNION ALL SELECT date, 'checkIn', '', "clientId" FROM "CheckIn" WHERE "deletedAt" IS NULL
      UNION ALL SELECT date, 'test', result::text, "clientId" FROM "UrineTest" WHERE "deletedAt" IS NULL
    ) r JOIN "Client" c ON c.id = r."clientId"
    GROUP BY 1`;
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

/** The same from DailyCount; never negative. */
async function dailySums(prisma: Prisma): Promise<Sums> {
  const rows = await prisma.$queryRaw<{ key: string; n: number }[]>`
    SELECT concat_ws(' ', to_char(day, 'YYYY-MM-DD'), "communityId", type, detail) AS key, count AS n FROM "DailyCount"`;
  expect(rows.filter((r) => r.n < 0)).toEqual([]);
  return Object.fromEntries(rows.filter((r) => r.n !== 0).map((r) => [r.key, r.n]));
}

async function expectSumsRight(prisma: Prisma, step: string): Promise<void> {
  expect({ step, sums: await dailySums(prisma) }).toEqual({ step, sums: await countedFromRecords(prisma) });
}

const d = toDbDate;
const KINDS: VisitKind[] = ['home', 'office', 'phone', 'workplace', 'other'];
const RESULTS: UrineResult[] = ['negative', 'positive', 'refused'];

/** Deterministic pseudo-random numbers (a linear congruential generator). */
function numbers(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

describe('DailyCount', () => {
  const t = useTestDatabase();

  it('equals a direct count of the records through every kind of change', async () => {
    const prisma = t.db.prisma;
    const world = await seedReportWorld(prisma);
    await expectSumsRight(prisma, 'fixtures');
    const by = { recordedById: world.staff[WORKER_A]! };
    const { A1, A2, A6, B1 } = world.clients as Record<string, number>;

    const visit = await prisma.visit.create({ data: { ...by, clientId: A1!, date: d('2026-04-06'), kind: 'home' } });
    const checkIn = await prisma.checkIn.create({ data: { ...by, clientId: A2!, date: d('2026-04-06') } });
    const test = await prisma.urineTest.create({ data: { ...by, clientId: A2!, date: d('2026-04-06'), result: 'negative', checkInId: checkIn.id } });
    await expectSumsRight(prisma, 'logged one of each');

    await prisma.visit.update({ where: { id: visit.id }, data: { date: d('2026-04-07') } });
    await prisma.visit.update({ where: { id: visit.id }, data: { kind: 'phone' } });
    await prisma.urineTest.update({ where: { id: test.id }, data: { result: 'positive' } });
    await prisma.checkIn.update({ where: { id: checkIn.id }, data: { date: d('2026-04-05'), notes: '补录' } });
    await expectSumsRight(prisma, 'edited date, kind, result');

    await prisma.visit.update({ where: { id: visit.id }, data: { notes: '只改备注' } });
    await prisma.$executeRaw`UPDATE "Visit" SET "deletedAt" = "deletedAt"`;
    await expectSumsRight(prisma, 'changes that count nothing');

    await prisma.visit.update({ where: { id: visit.id }, data: { clientId: B1! } });
    await expectSumsRight(prisma, 'record moved to a client of another community');

    const deleted = { deletedAt: new Date('2026-04-08T04:00:00Z'), deletedBy: WORKER_A };
    await prisma.visit.update({ where: { id: visit.id }, data: deleted });
    await prisma.urineTest.updateMany({ where: { clientId: A2! }, data: deleted });
    await expectSumsRight(prisma, 'soft-deleted');
    await prisma.visit.update({ where: { id: visit.id }, data: { ...deleted, date: d('2026-04-01') } });
    await expectSumsRight(prisma, 'a deleted record edited');
    await prisma.visit.update({ where: { id: visit.id }, data: { deletedAt: null, deletedBy: null } });
    await prisma.urineTest.updateMany({ where: { clientId: A2! }, data: { deletedAt: null, deletedBy: null } });
    await expectSumsRight(prisma, 'restored');

    await prisma.urineTest.delete({ where: { id: test.id } });
    await prisma.checkIn.delete({ where: { id: checkIn.id } });
    await prisma.visit.deleteMany({ where: { clientId: A6! } });
    await expectSumsRight(prisma, 'hard-deleted');

    // Many rows in one statement, several to the same key, some cancelling out.
    await prisma.visit.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({ ...by, clientId: i % 2 ? A1! : B1!, date: d(addDays('2026-03-28', i % 9)), kind: KINDS[i % 5]! })),
    });
    await prisma.checkIn.createMany({ data: Array.from({ length: 12 }, (_, i) => ({ ...by, clientId: A2!, date: d(addDays('2026-03-30', i % 3)) })) });
    await expectSumsRight(prisma, 'bulk insert');
    await prisma.$executeRaw`UPDATE "Visit" SET date = date + (id % 3 - 1), kind = CASE WHEN id % 4 = 0 THEN 'office' ELSE kind END`;
    await prisma.$executeRaw`UPDATE "CheckIn" SET "deletedAt" = CASE WHEN "deletedAt" IS NULL AND id % 2 = 0 THEN now() END`;
    await expectSumsRight(prisma, 'bulk edit');

    await prisma.client.update({ where: { id: A1! }, data: { communityId: world.daxue } });
    await expectSumsRight(prisma, 'client moved to another community');
    await prisma.client.updateMany({ where: { communityId: world.daxue }, data: { communityId: world.meihua } });
    await prisma.client.update({ where: { id: A2! }, data: { alias: '钱某乙', communityId: world.meihua } });
    await expectSumsRight(prisma, 'clients moved back together; one not moved at all');
  });

  it('equals a direct count after a long run of random changes', async () => {
    const prisma = t.db.prisma;
    const world = await seedReportWorld(prisma);
    const extra = (await prisma.community.create({ data: { name: '湖滨社区' } })).id;
    const clients = Object.values(world.clients);
    const communities = [world.meihua, world.daxue, extra];
    const by = { recordedById: world.staff[WORKER_A]! };
    const next = numbers(20_261_205);
    const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)]!;
    const day = () => d(addDays('2026-03-20', next(25)));
    for (let step = 0; step < 200; step++) {
      const table = pick(['visit', 'checkIn', 'urineTest'] as const);
      const ids = (await prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "${table === 'urineTest' ? 'UrineTest' : table === 'visit' ? 'Visit' : 'CheckIn'}" ORDER BY id`)).map((r) => r.id);
      const id = ids.length > 0 ? pick(ids) : undefined;
      // 0 logs a record (four times in ten), 1–5 change one, 6 deletes one.
      const action = id === undefined ? 0 : Math.max(0, next(10) - 3);
      const clientId = pick(clients);
      if (action === 0 && table === 'visit') await prisma.visit.create({ data: { ...by, clientId, date: day(), kind: pick(KINDS) } });
      else if (action === 0 && table === 'checkIn') await prisma.checkIn.create({ data: { ...by, clientId, date: day() } });
      else if (action === 0) await prisma.urineTest.create({ data: { ...by, clientId, date: day(), result: pick(RESULTS) } });
      else if (action === 1) await (prisma[table] as typeof prisma.checkIn).update({ where: { id }, data: { date: day() } });
      else if (action === 2) await (prisma[table] as typeof prisma.checkIn).update({ where: { id }, data: { deletedAt: new Date(), deletedBy: WORKER_A } });
      else if (action === 3) await (prisma[table] as typeof prisma.checkIn).update({ where: { id }, data: { deletedAt: null, deletedBy: null } });
      else if (action === 4) await (prisma[table] as typeof prisma.checkIn).update({ where: { id }, data: { clientId } });
      else if (action === 5 && table === 'visit') await prisma.visit.update({ where: { id }, data: { kind: pick(KINDS) } });
      else if (action === 5 && table === 'urineTest') await prisma.urineTest.update({ where: { id }, data: { result: pick(RESULTS) } });
      else if (action === 5) await prisma.client.update({ where: { id: clientId }, data: { communityId: pick(communities) } });
      else if (table === 'urineTest') await prisma.urineTest.delete({ where: { id } });
      else if (table === 'visit') await prisma.visit.delete({ where: { id } });
      else await prisma.urineTest.deleteMany({ where: { checkInId: id } }).then(() => prisma.checkIn.delete({ where: { id } }));
      if (step % 10 === 9) await expectSumsRight(prisma, `step ${step}`);
    }
    expect(Object.keys(await dailySums(prisma)).length).toBeGreaterThan(20);
  });

  it.runIf(onPostgres)('stays right when a record is logged while its client moves', async () => {
    const prisma = t.db.prisma;
    const world = await seedReportWorld(prisma);
    const { A1, A2 } = world.clients as Record<string, number>;
    const by = { recordedById: world.staff[WORKER_A]! };
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // Prisma sends a query once it is awaited: start it now.
    const start = <T>(query: PromiseLike<T>) => new Promise<T>((resolve, reject) => query.then(resolve, reject));
    // A visit saved but not committed; the move waits for it, then moves it along.
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    const logging = prisma.$transaction(async (tx) => {
      await tx.visit.create({ data: { ...by, clientId: A1!, date: d('2026-04-06'), kind: 'home' } });
      await committed;
    });
    await pause(100);
    const moving = start(prisma.client.update({ where: { id: A1! }, data: { communityId: world.daxue } }));
    await pause(300);
    commit();
    await Promise.all([logging, moving]);
    await expectSumsRight(prisma, 'visit committed during the move');
    // The other way round: the move not committed yet, a visit logged meanwhile waits for it.
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const moved = prisma.$transaction(async (tx) => {
      await tx.client.update({ where: { id: A2! }, data: { communityId: world.daxue } });
      await finished;
    });
    await pause(100);
    const logged = start(prisma.visit.create({ data: { ...by, clientId: A2!, date: d('2026-04-06'), kind: 'office' } }));
    await pause(300);
    finish();
    await Promise.all([moved, logged]);
    await expectSumsRight(prisma, 'visit logged during the move');
  });

  it('gives periodCounts the figures the records give', async () => {
    const prisma = t.db.prisma;
    const world = await seedReportWorld(prisma);
    const by = { recordedById: world.staff[WORKER_A]! };
    const next = numbers(7);
    const clients = Object.values(world.clients);
    await prisma.visit.createMany({ data: Array.from({ length: 300 }, () => ({ ...by, clientId: clients[next(clients.length)]!, date: d(addDays('2026-03-16', next(24))), kind: KINDS[next(5)]! })) });
    await prisma.checkIn.createMany({ data: Array.from({ length: 200 }, () => ({ ...by, clientId: clients[next(clients.length)]!, date: d(addDays('2026-03-16', next(24))) })) });
    await prisma.urineTest.createMany({ data: Array.from({ length: 200 }, () => ({ ...by, clientId: clients[next(clients.length)]!, date: d(addDays('2026-03-16', next(24))), result: RESULTS[next(3)]! })) });
    await prisma.$executeRaw`UPDATE "Visit" SET "deletedAt" = now() WHERE id % 7 = 0`;
    await prisma.client.update({ where: { id: world.clients.A6! }, data: { communityId: world.daxue } });
    const face = DEFAULT_RULES.visit.countingKinds as string[];
    for (const period of [weekPeriod({ kind: 'last' }, '2026-04-08')!, weekPeriod({ kind: 'this' }, '2026-04-08')!]) {
      const counts = await periodCounts(prisma, { communities: 'all', period, rules: DEFAULT_RULES });
      for (const [which, range] of [['current', period.counted], ['previous', period.previous]] as const) {
        const rows = await prisma.$queryRaw<{ communityId: number; type: string; detail: string; n: number }[]>`
          SELECT c."communityId", r.type, r.detail, count(*)::int AS n
          FROM (
            SELECT date, 'visit' AS type, kind::text AS detail, "clientId" FROM "Visit" WHERE "deletedAt" IS NULL
            UNION ALL SELECT date, 'checkIn', '', "clientId" FROM "CheckIn" WHERE "deletedAt" IS NULL
            UNION ALL SELECT date, 'test', result::text, "clientId" FROM "UrineTest" WHERE "deletedAt" IS NULL
          ) r JOIN "Client" c ON c.id = r."clientId"
          WHERE r.date BETWEEN ${d(range.start)} AND ${d(range.end)}
          GROUP BY 1, 2, 3`;
        for (const community of counts.communities) {
          const n = (type: string, detail: (x: string) => boolean) =>
            rows.filter((r) => r.communityId === community.communityId && r.type === type && detail(r.detail)).reduce((sum, r) => sum + r.n, 0);
          expect({ community: community.name, which, figures: community[which] }).toMatchObject({
            community: community.name,
            which,
            figures: {
              faceToFace: n('visit', (k) => face.includes(k)),
              phone: n('visit', (k) => k === 'phone' && !face.includes(k)),
              otherContacts: n('visit', (k) => k !== 'phone' && !face.includes(k)),
              checkIns: n('checkIn', () => true),
              negative: n('test', (r) => r === 'negative'),
              positive: n('test', (r) => r === 'positive'),
              refused: n('test', (r) => r === 'refused'),
            },
          });
        }
      }
    }
  });
});
