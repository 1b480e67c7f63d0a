// A sub-district with known weekly counts. ISO week 2026-W14 runs Monday 2026-03-30 to Sunday
// 2026-04-05, across a month end; the week before (W13) runs 2026-03-23 to 03-29. "Now" is
// Wednesday 2026-04-08, so W14 is last week.
//
// 梅花碑 (A), clients on a term from 2026-03-02 unless said:
//   A1 MH-001  visits 03-24 home (W13), 03-31 home, 04-02 phone, 04-03 office, 04-01 home DELETED;
//              check-in 03-25 (W13); check-in 04-01 with a negative test.
//   A2 MH-002  test negative 03-26 (W13); visit 04-02 workplace with a positive test (a legal flag
//              raised 04-02); no check-in in March → overdue at the end of W14, not of W13.
//   A3 MH-003  term from 2025-06-01, nothing recorded, suspended since 2026-03-01: neither active
//              nor overdue.
//   A4 MH-004  intake: term from 2026-04-01 (in W14; not active at the end of W13).
//   A5 MH-005  visit 03-10 home, check-in 03-11; completed on 2026-04-03 (an exit in W14).
//   A6 MH-006  visit 03-05 home, check-in 03-06; test refused 04-04.
// 大学路 (B):
//   B1 DX-001  term from 2025-06-01, a phone call 04-01 only: overdue at both week ends.
import type { Prisma } from '../../src/db/client.js';
import { toDbDate } from '../../src/db/dates.js';
import type { Figures } from '../../src/features/reports/counts.js';
import { aliasPinyin } from '../../src/features/clients/pinyin.js';
import type { ClientStatus, UrineResult, VisitKind } from '../../src/domain/types.js';
import { MANAGER } from './staff-ids.js';

// Wednesday 2026-04-08 12:00 in Asia/Shanghai.
export const NOW = new Date('2026-04-08T04:00:00Z');
export const W14 = { year: 2026, week: 14 };

export const WORKER_A = 'U0WORKERA1';
export const WORKER_B = 'U0WORKERB1';
export { MANAGER } from './staff-ids.js';

export interface World {
  meihua: number;
  daxue: number;
  staff: Record<string, number>;
  clients: Record<string, number>;
}

const d = toDbDate;

/** The communities, staff and clients, with nothing recorded yet. */
export async function seedPeople(prisma: Prisma): Promise<World> {
  const meihua = (await prisma.community.create({ data: { name: '梅花碑社区' } })).id;
  const daxue = (await prisma.community.create({ data: { name: '大学路社区' } })).id;
  const staff: Record<string, number> = {};
  for (const [userId, role, communityId, name] of [
    [WORKER_A, 'worker', meihua, '张专干'],
    [WORKER_B, 'worker', daxue, '李专干'],
    [MANAGER, 'manager', meihua, '王主任'],
  ] as const) {
    staff[userId] = (await prisma.staff.create({ data: { slackUserId: userId, displayName: name, role, memberships: { create: { communityId } } } })).id;
  }
  const clients: Record<string, number> = {};
  const client = async (key: string, caseNumber: string, alias: string, communityId: number, termStart: string, status: ClientStatus = 'active') => {
    const caseworkerId = communityId === meihua ? staff[WORKER_A]! : staff[WORKER_B]!;
    const row = await prisma.client.create({
      data: {
        caseNumber, alias, ...aliasPinyin(alias), communityId, caseworkerId, program: 'community_rehab', status,
        termStart: d(termStart), plannedTermEnd: d(`${Number(termStart.slice(0, 4)) + 3}${termStart.slice(4)}`), createdBy: 'U0ADMIN01',
      },
    });
    clients[key] = row.id;
  };
  await client('A1', 'MH-001', '赵某甲', meihua, '2026-03-02');
  await client('A2', 'MH-002', '钱某乙', meihua, '2026-03-02');
  await client('A3', 'MH-003', '孙某丙', meihua, '2025-06-01', 'suspended');
  await client('A4', 'MH-004', '李某丁', meihua, '2026-04-01');
  await client('A5', 'MH-005', '周某戊', meihua, '2026-03-02', 'completed');
  await client('A6', 'MH-006', '吴某己', meihua, '2026-03-02');
  await client('B1', 'DX-001', '郑某庚', daxue, '2025-06-01');
  const recordedById = staff[WORKER_A]!;
  await prisma.clientStatusPeriod.create({
    data: { clientId: clients.A3!, status: 'suspended', startsOn: d('2026-03-01'), reason: '被拘留', recordedById },
  });
  await prisma.clientStatusPeriod.create({
    data: { clientId: clients.A5!, status: 'completed', startsOn: d('2026-04-03'), reason: '期满解除', recordedById },
  });
  return { meihua, daxue, staff, clients };
}

/** The people and every record described above. */
export async function seedReportWorld(prisma: Prisma): Promise<World> {
  const world = await seedPeople(prisma);
  const { staff, clients } = world;
  const recordedById = staff[WORKER_A]!;
  const visit = (key: string, date: string, kind: VisitKind, deleted = false) =>
    prisma.visit.create({
      data: { clientId: clients[key]!, date: d(date), kind, recordedById: key === 'B1' ? staff[WORKER_B]! : recordedById, notes: '不应出现在报表里',
        ...(deleted ? { deletedAt: new Date('2026-04-01T05:00:00Z'), deletedBy: WORKER_A } : {}) },
    });
  const checkIn = (key: string, date: string) => prisma.checkIn.create({ data: { clientId: clients[key]!, date: d(date), recordedById, notes: '私密备注' } });
  const test = (key: string, date: string, result: UrineResult, link: { visitId?: number; checkInId?: number } = {}) =>
    prisma.urineTest.create({ data: { clientId: clients[key]!, date: d(date), result, recordedById, ...link } });

  await visit('A1', '2026-03-24', 'home');
  await visit('A1', '2026-03-31', 'home');
  await visit('A1', '2026-04-02', 'phone');
  await visit('A1', '2026-04-03', 'office');
  await visit('A1', '2026-04-01', 'home', true);
  await checkIn('A1', '2026-03-25');
  await test('A1', '2026-04-01', 'negative', { checkInId: (await checkIn('A1', '2026-04-01')).id });
  await test('A2', '2026-03-26', 'negative');
  await test('A2', '2026-04-02', 'positive', { visitId: (await visit('A2', '2026-04-02', 'workplace')).id });
  await prisma.legalFlagNotice.create({ data: { clientId: clients.A2!, key: 'positive:2026-04-02', kind: 'mustReport', raisedOn: d('2026-04-02') } });
  await visit('A5', '2026-03-10', 'home');
  await checkIn('A5', '2026-03-11');
  await visit('A6', '2026-03-05', 'home');
  await checkIn('A6', '2026-03-06');
  await test('A6', '2026-04-04', 'refused');
  await visit('B1', '2026-04-01', 'phone');
  return world;
}

const figures = (f: Partial<Figures>): Figures => ({
  active: 0, visitedThisMonth: 0, faceToFace: 0, phone: 0, otherContacts: 0, checkIns: 0,
  negative: 0, positive: 0, refused: 0, overdue: 0, intakes: 0, exits: 0, legalFlags: 0, ...f,
});

/** The known answers for W14 (current) against W13 (previous). */
export const EXPECTED = {
  meihua: {
    current: figures({ active: 4, visitedThisMonth: 2, faceToFace: 3, phone: 1, checkIns: 1, negative: 1, positive: 1, refused: 1, overdue: 1, intakes: 1, exits: 1, legalFlags: 1 }),
    previous: figures({ active: 4, visitedThisMonth: 3, faceToFace: 1, checkIns: 1, negative: 1 }),
  },
  daxue: {
    current: figures({ active: 1, phone: 1, overdue: 1 }),
    previous: figures({ active: 1, overdue: 1 }),
  },
  total: {
    current: figures({ active: 5, visitedThisMonth: 2, faceToFace: 3, phone: 2, checkIns: 1, negative: 1, positive: 1, refused: 1, overdue: 2, intakes: 1, exits: 1, legalFlags: 1 }),
    previous: figures({ active: 5, visitedThisMonth: 3, faceToFace: 1, checkIns: 1, negative: 1, overdue: 1 }),
  },
};
