import { describe, expect, it } from 'vitest';
import { fromDbDate, toDbDate } from '../../src/db/dates.js';
import { useTestDatabase } from '../support/db.js';

describe('data model', () => {
  const t = useTestDatabase();

  async function seed() {
    const community = await t.db.prisma.community.create({ data: { name: '梅花碑', code: 'MHB' } });
    const worker = await t.db.prisma.staff.create({
      data: { slackUserId: 'U0WORKER1', displayName: '徐坚', memberships: { create: { communityId: community.id } } },
    });
    const client = await t.db.prisma.client.create({
      data: {
        caseNumber: 'XY-2025-001',
        alias: '小林',
        communityId: community.id,
        program: 'community_rehab',
        termStart: toDbDate('2025-05-10'),
        plannedTermEnd: toDbDate('2028-05-09'),
        caseworkerId: worker.id,
        policeName: '王警官',
        createdBy: 'U0ADMIN',
      },
    });
    return { community, worker, client };
  }

  it('keeps calendar dates as calendar dates, whatever the time zone', async () => {
    const { client, worker } = await seed();
    await t.db.prisma.visit.create({
      data: { clientId: client.id, date: toDbDate('2026-02-28'), kind: 'home', recordedById: worker.id, helpGiven: ['relief', 'job'] },
    });
    const visit = await t.db.prisma.visit.findFirstOrThrow({ where: { clientId: client.id } });
    expect(fromDbDate(visit.date)).toBe('2026-02-28');
    expect(visit.helpGiven).toEqual(['relief', 'job']);
    expect(fromDbDate((await t.db.prisma.client.findUniqueOrThrow({ where: { id: client.id } })).termStart)).toBe('2025-05-10');
  });

  it('refuses a second client with the same case number', async () => {
    const { community, worker } = await seed();
    await expect(
      t.db.prisma.client.create({
        data: {
          caseNumber: 'XY-2025-001', alias: '阿红', communityId: community.id, program: 'community_treatment',
          termStart: toDbDate('2025-01-01'), plannedTermEnd: toDbDate('2027-12-31'), caseworkerId: worker.id, createdBy: 'U0ADMIN',
        },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('lets one channel be linked to one community only', async () => {
    await t.db.prisma.community.create({ data: { name: '大学路', channelId: 'C0DAXUELU' } });
    await expect(t.db.prisma.community.create({ data: { name: '老浙大', channelId: 'C0DAXUELU' } })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('allows one daily post claim per community, date and kind', async () => {
    const { community } = await seed();
    const claim = { communityId: community.id, localDate: toDbDate('2026-12-01'), kind: 'due_list' as const, channelId: 'C0MHB' };
    await t.db.prisma.dailyPost.create({ data: claim });
    await expect(t.db.prisma.dailyPost.create({ data: claim })).rejects.toMatchObject({ code: 'P2002' });
    await t.db.prisma.dailyPost.create({ data: { ...claim, localDate: toDbDate('2026-12-02') } });
    expect(await t.db.prisma.dailyPost.count()).toBe(2);
  });

  it('records one submission key once, so a re-sent submission cannot create a second record', async () => {
    await t.db.prisma.submissionKey.create({ data: { key: 'view:V123', entity: 'visit', entityId: '1' } });
    await expect(t.db.prisma.submissionKey.create({ data: { key: 'view:V123', entity: 'visit', entityId: '2' } })).rejects.toMatchObject({
      code: 'P2002',
    });
  });

  it('soft-deletes records: the row stays with who deleted it and when', async () => {
    const { client, worker } = await seed();
    const checkIn = await t.db.prisma.checkIn.create({ data: { clientId: client.id, date: toDbDate('2026-03-02'), recordedById: worker.id } });
    await t.db.prisma.urineTest.create({
      data: { clientId: client.id, date: toDbDate('2026-03-02'), result: 'refused', recordedById: worker.id, checkInId: checkIn.id },
    });
    await t.db.prisma.checkIn.update({ where: { id: checkIn.id }, data: { deletedAt: new Date(), deletedBy: 'U0WORKER1' } });
    expect(await t.db.prisma.checkIn.count({ where: { deletedAt: null } })).toBe(0);
    expect(await t.db.prisma.checkIn.count()).toBe(1);
    expect(await t.db.prisma.urineTest.count({ where: { result: 'refused' } })).toBe(1);
  });

  it('keeps a history of status periods, open or closed', async () => {
    const { client, worker } = await seed();
    await t.db.prisma.clientStatusPeriod.createMany({
      data: [
        { clientId: client.id, status: 'on_leave', startsOn: toDbDate('2026-01-05'), endsOn: toDbDate('2026-01-20'), reason: '探亲', recordedById: worker.id },
        { clientId: client.id, status: 'suspended', startsOn: toDbDate('2026-03-01'), reason: '拘留', recordedById: worker.id },
      ],
    });
    const periods = await t.db.prisma.clientStatusPeriod.findMany({ where: { clientId: client.id }, orderBy: { startsOn: 'asc' } });
    expect(periods.map((p) => [p.status, fromDbDate(p.startsOn), p.endsOn && fromDbDate(p.endsOn)])).toEqual([
      ['on_leave', '2026-01-05', '2026-01-20'],
      ['suspended', '2026-03-01', null],
    ]);
  });

  it('stores no national ID number for a client', async () => {
    const columns = await t.db.prisma.$queryRaw<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'Client'`;
    expect(columns.length).toBeGreaterThan(10);
    expect(columns.map((c) => c.column_name).filter((name) => /id_?(card|number)|national|identity|shenfen/i.test(name))).toEqual([]);
  });
});
