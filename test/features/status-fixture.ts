// Fixed data with known answers for the status card, `/caseload mine` and App Home. Clients,
// communities, staff and records belong to other features: seeded as their commands would
// leave them. Every expected figure below was worked out by hand from the schedule rules.
import type { Database } from '../../src/db/client.js';
import { toDbDate } from '../../src/db/dates.js';
import type { Json } from '../support/fake-slack.js';
import { WORKER, WORKER_EN, OTHER_WORKER as OTHER, MANAGER, POLICE } from './staff-ids.js';

/** Tuesday 2025-07-29 10:00 in Asia/Shanghai; ISO week 2025-W31 runs 07-28 … 08-03. */
export const NOW = new Date('2025-07-29T02:00:00Z');
export const TODAY = '2025-07-29';

export { WORKER, WORKER_EN, OTHER_WORKER as OTHER, MANAGER, POLICE, STRANGER } from './staff-ids.js';

/** Free text that must never leave the client file. */
export const SECRET = '住在三楼';

export interface Fixture {
  meihua: number;
  daxue: number;
  /** XY-001 赵某甲 (梅花碑, WORKER): suspended ten days, a refused and a positive test, one missed window. */
  a: number;
  /** XY-002 孙某丙 (梅花碑, WORKER): new this month, all done — next things are upcoming. */
  c: number;
  /** XY-003 钱某乙 (梅花碑, WORKER): nothing recorded since 2025-01-01 — overdue 179 days. */
  b: number;
  /** XY-004 李某己 (梅花碑, WORKER): completed — off every caseload. */
  done: number;
  /** XY-101 周某丁 (大学路, OTHER): new this month, due soon, not overdue. */
  d: number;
  /** XY-102 吴某戊 (大学路, OTHER): visited this week; check-in overdue since 2025-05-31. */
  e: number;
}

export async function seed(db: Database): Promise<Fixture> {
  const prisma = db.prisma;
  const meihua = (await prisma.community.create({ data: { name: '梅花碑' } })).id;
  const daxue = (await prisma.community.create({ data: { name: '大学路' } })).id;
  const staff = async (slackUserId: string, role: 'worker' | 'manager', communityId: number, locale?: 'en') =>
    (await prisma.staff.create({
      data: { slackUserId, displayName: slackUserId, role, ...(locale ? { locale } : {}), memberships: { create: { communityId } } },
    })).id;
  const worker = await staff(WORKER, 'worker', meihua);
  await staff(WORKER_EN, 'worker', meihua, 'en');
  const other = await staff(OTHER, 'worker', daxue);
  await staff(MANAGER, 'manager', daxue);

  const client = async (caseNumber: string, alias: string, communityId: number, caseworkerId: number, program: 'community_rehab' | 'community_treatment', start: string, end: string, extra: Json = {}) =>
    (await prisma.client.create({
      data: { caseNumber, alias, communityId, caseworkerId, program, termStart: toDbDate(start), plannedTermEnd: toDbDate(end), createdBy: WORKER, ...extra },
    })).id;
  const a = await client('XY-001', '赵某甲', meihua, worker, 'community_rehab', '2024-09-01', '2027-08-31', {
    policeUserId: POLICE,
    gridWorkerName: '李<网格>',
    notes: SECRET,
  });
  const c = await client('XY-002', '孙某丙', meihua, worker, 'community_rehab', '2025-07-01', '2028-06-30');
  const b = await client('XY-003', '钱某乙', meihua, worker, 'community_treatment', '2025-01-01', '2027-12-31');
  const done = await client('XY-004', '李某己', meihua, worker, 'community_rehab', '2022-01-01', '2024-12-31', { status: 'completed' });
  const d = await client('XY-101', '周某丁', daxue, other, 'community_rehab', '2025-07-01', '2028-06-30');
  const e = await client('XY-102', '吴某戊', daxue, other, 'community_rehab', '2025-05-01', '2028-04-30');

  await prisma.clientStatusPeriod.createMany({
    data: [
      { clientId: a, status: 'suspended', startsOn: toDbDate('2025-01-10'), endsOn: toDbDate('2025-01-19'), reason: 'detained', recordedById: worker },
      { clientId: done, status: 'completed', startsOn: toDbDate('2025-01-01'), reason: 'term completed', recordedById: worker },
    ],
  });
  const visit = (clientId: number, date: string, kind: 'home' | 'phone', recordedById: number, extra: Json = {}) => ({
    clientId, date: toDbDate(date), kind, recordedById, ...extra,
  });
  await prisma.visit.createMany({
    data: [
      visit(a, '2025-06-10', 'home', worker, { notes: SECRET }),
      visit(a, '2025-07-20', 'phone', worker),
      visit(a, '2025-07-28', 'phone', worker),
      // Undone: counts nowhere (else A's July visit would be done).
      visit(a, '2025-07-25', 'home', worker, { deletedAt: new Date('2025-07-25T08:00:00Z'), deletedBy: WORKER }),
      visit(c, '2025-07-15', 'home', worker),
      visit(c, '2025-07-28', 'home', worker),
      visit(e, '2025-07-28', 'home', other),
    ],
  });
  await prisma.checkIn.createMany({
    data: [
      { clientId: a, date: toDbDate('2025-07-08'), recordedById: worker },
      { clientId: c, date: toDbDate('2025-07-15'), recordedById: worker },
    ],
  });
  const test = (clientId: number, date: string, result: 'negative' | 'positive' | 'refused', recordedById = worker) => ({
    clientId, date: toDbDate(date), result, recordedById,
  });
  await prisma.urineTest.createMany({
    data: [
      test(a, '2024-09-15', 'negative'),
      test(a, '2025-02-10', 'refused'),
      test(a, '2025-04-20', 'positive'),
      test(a, '2025-06-05', 'negative'),
      test(c, '2025-07-15', 'negative'),
      test(e, '2025-05-10', 'negative', other),
    ],
  });
  return { meihua, daxue, a, c, b, done, d, e };
}

export { buttonsOf, textsOf } from '../support/blocks.js';
