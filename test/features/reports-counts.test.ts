// The weekly counts use case on fixed data with known answers (see reports-fixtures.ts): a week
// across a month end, a client's intake, a soft-deleted visit, a suspended client, positive and
// refused tests, exits, legal flags and the change from the week before.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { weeklyCounts } from '../../src/features/reports/counts.js';
import { useTestDatabase } from '../support/db.js';
import { EXPECTED, NOW, W14, seedReportWorld } from './reports-fixtures.js';

const TZ = 'Asia/Shanghai';

describe('weeklyCounts', () => {
  const t = useTestDatabase();

  it('counts every figure per community and in total, with the week before', async () => {
    const world = await seedReportWorld(t.db.prisma);
    const counts = (await weeklyCounts(t.db.prisma, { communityIds: 'all', week: W14, timeZone: TZ, rules: DEFAULT_RULES, now: NOW }))!;
    expect(counts.period).toMatchObject({ key: '2026-W14', counted: { start: '2026-03-30', end: '2026-04-05' }, toDate: false });
    expect(counts.communities.map((c) => c.name)).toEqual(['梅花碑社区', '大学路社区']);
    const [meihua, daxue] = counts.communities;
    expect(meihua).toEqual({ communityId: world.meihua, name: '梅花碑社区', ...EXPECTED.meihua });
    expect(daxue).toEqual({ communityId: world.daxue, name: '大学路社区', ...EXPECTED.daxue });
    expect(counts.total).toEqual(EXPECTED.total);
  });

  it('limits the counts to the communities asked for', async () => {
    const world = await seedReportWorld(t.db.prisma);
    const counts = (await weeklyCounts(t.db.prisma, { communityIds: [world.daxue], week: W14, timeZone: TZ, rules: DEFAULT_RULES, now: NOW }))!;
    expect(counts.communities.map((c) => c.communityId)).toEqual([world.daxue]);
    expect(counts.total).toEqual(EXPECTED.daxue);
  });

  it('does not count a client before their intake, nor anything in a week not begun', async () => {
    await seedReportWorld(t.db.prisma);
    // W13 ends 2026-03-29: MH-004 reports in on 04-01.
    const w13 = (await weeklyCounts(t.db.prisma, { communityIds: 'all', week: { year: 2026, week: 13 }, timeZone: TZ, rules: DEFAULT_RULES, now: NOW }))!;
    expect(w13.communities[0]!.current).toEqual(EXPECTED.meihua.previous);
    expect(w13.communities[0]!.current.intakes).toBe(0);
    expect(await weeklyCounts(t.db.prisma, { communityIds: 'all', week: { year: 2026, week: 16 }, timeZone: TZ, rules: DEFAULT_RULES, now: NOW })).toBeNull();
  });

  it('counts this week up to today, against the same days of last week', async () => {
    await seedReportWorld(t.db.prisma);
    // Thursday 2026-04-02, 12:00: W14 so far is 03-30 … 04-02; compared with 03-23 … 03-26.
    const counts = (await weeklyCounts(t.db.prisma, {
      communityIds: 'all', week: W14, timeZone: TZ, rules: DEFAULT_RULES, now: new Date('2026-04-02T04:00:00Z'),
    }))!;
    expect(counts.period).toMatchObject({ counted: { start: '2026-03-30', end: '2026-04-02' }, previous: { start: '2026-03-23', end: '2026-03-26' }, toDate: true });
    expect(counts.total.current).toMatchObject({ faceToFace: 2, phone: 2, checkIns: 1, negative: 1, positive: 1, refused: 0, exits: 0, intakes: 1, legalFlags: 1 });
    expect(counts.total.previous).toMatchObject({ faceToFace: 1, checkIns: 1, negative: 1 });
    // At 04-02 MH-002 is already overdue for March's check-in; MH-005 is still active.
    expect(counts.communities[0]!.current).toMatchObject({ active: 5, overdue: 1, visitedThisMonth: 1 });
  });

  it('looks further back for a client with nothing recorded lately (on leave all March)', async () => {
    const world = await seedReportWorld(t.db.prisma);
    const prisma = t.db.prisma;
    const community = (await prisma.community.create({ data: { name: '老浙大社区' } })).id;
    const d = (s: string) => new Date(`${s}T00:00:00Z`);
    const onLeave = async (caseNumber: string, visitedInFebruary: boolean) => {
      const client = await prisma.client.create({
        data: {
          caseNumber, alias: '冯某辛', communityId: community, caseworkerId: world.staff.U0WORKERA1!, program: 'community_rehab',
          termStart: d('2026-01-05'), plannedTermEnd: d('2029-01-04'), createdBy: 'U0ADMIN01',
        },
      });
      const by = { clientId: client.id, recordedById: world.staff.U0WORKERA1! };
      await prisma.visit.create({ data: { ...by, date: d('2026-01-20'), kind: 'home' } });
      if (visitedInFebruary) await prisma.visit.create({ data: { ...by, date: d('2026-02-20'), kind: 'home' } });
      await prisma.checkIn.create({ data: { ...by, date: d('2026-02-20') } });
      await prisma.urineTest.create({ data: { ...by, date: d('2026-02-20'), result: 'negative' } });
      await prisma.clientStatusPeriod.create({ data: { ...by, status: 'on_leave', startsOn: d('2026-03-01'), endsOn: d('2026-03-31'), reason: '探亲' } });
    };
    // Met in February, on leave in March (nothing due), April not over: never overdue — which
    // only the February visit, long before the weeks counted, can tell.
    await onLeave('LZ-001', true);
    // The same without the February visit: overdue once the leave is over.
    await onLeave('LZ-002', false);
    const counts = (await weeklyCounts(t.db.prisma, { communityIds: [community], week: W14, timeZone: TZ, rules: DEFAULT_RULES, now: NOW }))!;
    expect(counts.total.current).toMatchObject({ active: 2, overdue: 1 });
    // On leave on 03-29: visits and check-ins wait, so nobody was overdue.
    expect(counts.total.previous).toMatchObject({ active: 2, overdue: 0 });
  });

  it('never counts a soft-deleted record; no communities, no counts', async () => {
    const world = await seedReportWorld(t.db.prisma);
    await t.db.prisma.visit.updateMany({ where: { clientId: world.clients.A1 }, data: { deletedAt: NOW, deletedBy: 'U0WORKERA1' } });
    await t.db.prisma.urineTest.updateMany({ where: { result: 'refused' }, data: { deletedAt: NOW, deletedBy: 'U0WORKERA1' } });
    const counts = (await weeklyCounts(t.db.prisma, { communityIds: [world.meihua], week: W14, timeZone: TZ, rules: DEFAULT_RULES, now: NOW }))!;
    expect(counts.total.current).toMatchObject({ faceToFace: 1, phone: 0, refused: 0, visitedThisMonth: 1 });
    expect(await weeklyCounts(t.db.prisma, { communityIds: [], week: W14, timeZone: TZ, rules: DEFAULT_RULES, now: NOW })).toMatchObject({ communities: [] });
  });
});
