// A small sub-district for the lifecycle and corrections tests, on Sunday 2025-06-01. Communities,
// staff, clients and their past records belong to other features: seeded as those features leave
// them. Every date below was worked out by hand from the schedule rules (社区康复: 6 tests a year,
// in windows of two months from the report-in date; one face-to-face visit and one check-in a
// calendar month).
import type { Prisma } from '../../src/db/client.js';
import { toDbDate } from '../../src/db/dates.js';
import type { Json } from '../support/fake-slack.js';
import type { TestBot } from '../support/test-bot.js';
import { addClient } from './visits-fixtures.js';
import { WORKER, WORKER_EN, OTHER_WORKER, MANAGER } from './staff-ids.js';

/** Sunday 2025-06-01 10:00 in Asia/Shanghai; ISO week 2025-W22 runs 05-26 … 06-01. */
export const NOW = new Date('2025-06-01T02:00:00Z');
export const TODAY = '2025-06-01';

export { WORKER, WORKER_EN, OTHER_WORKER, MANAGER, STRANGER, POLICE } from './staff-ids.js';

export interface World {
  meihua: number;
  daxue: number;
  staff: Record<string, number>;
  /**
   * zhao MH-001 赵某甲: term 2025-01-10 … 2028-01-09, tested 01-20 — the window 03-10 … 05-09 is
   *   missed today. Police officer recorded by name only.
   * qian MH-002 钱某乙: term 2025-02-05 … 2028-02-04, tested 02-10, met and reported in 04-15 —
   *   today the May visit and check-in are overdue and a test is due by 06-04.
   * li MH-003 李某丙: like qian.
   * sun DX-001 孙某丁 (大学路, OTHER_WORKER).
   */
  clients: { zhao: number; qian: number; li: number; sun: number };
}

export async function seedWorld(prisma: Prisma): Promise<World> {
  const meihua = (await prisma.community.create({ data: { name: '梅花碑' } })).id;
  const daxue = (await prisma.community.create({ data: { name: '大学路' } })).id;
  const staff: Record<string, number> = {};
  const addStaff = async (slackUserId: string, role: 'worker' | 'manager', communityId: number, locale?: 'en') => {
    const row = await prisma.staff.create({
      data: { slackUserId, displayName: slackUserId, role, ...(locale ? { locale } : {}), memberships: { create: { communityId } } },
    });
    staff[slackUserId] = row.id;
  };
  await addStaff(WORKER, 'worker', meihua);
  await addStaff(WORKER_EN, 'worker', meihua, 'en');
  await addStaff(OTHER_WORKER, 'worker', daxue);
  await addStaff(MANAGER, 'manager', meihua);
  const meihuaClient = (caseNumber: string, alias: string, termStart: string, plannedTermEnd: string) =>
    addClient(prisma, { caseNumber, alias, communityId: meihua, caseworkerId: staff[WORKER]!, termStart, plannedTermEnd });
  const clients = {
    zhao: await meihuaClient('MH-001', '赵某甲', '2025-01-10', '2028-01-09'),
    qian: await meihuaClient('MH-002', '钱某乙', '2025-02-05', '2028-02-04'),
    li: await meihuaClient('MH-003', '李某丙', '2025-02-05', '2028-02-04'),
    sun: await addClient(prisma, { caseNumber: 'DX-001', alias: '孙某丁', communityId: daxue, caseworkerId: staff[OTHER_WORKER]!, termStart: '2025-02-05', plannedTermEnd: '2028-02-04' }),
  };
  await prisma.client.update({ where: { id: clients.zhao }, data: { policeName: '王警官' } });
  const by = staff[WORKER]!;
  await prisma.urineTest.createMany({
    data: [
      { clientId: clients.zhao, date: toDbDate('2025-01-20'), result: 'negative', recordedById: by },
      { clientId: clients.qian, date: toDbDate('2025-02-10'), result: 'negative', recordedById: by },
      { clientId: clients.li, date: toDbDate('2025-02-10'), result: 'negative', recordedById: by },
    ],
  });
  for (const clientId of [clients.qian, clients.li]) {
    await prisma.visit.create({ data: { clientId, date: toDbDate('2025-04-15'), kind: 'home', recordedById: by } });
    await prisma.checkIn.create({ data: { clientId, date: toDbDate('2025-04-15'), recordedById: by } });
  }
  return { meihua, daxue, staff, clients };
}

export { block, buttonsOf, textsOf } from '../support/blocks.js';

/** `/caseload client <text>` → the file modal opened (with a view id). */
export async function openFile(app: TestBot, user: string, text: string): Promise<Json> {
  const { triggerId } = await app.driver.command(user, '/caseload', `client ${text}`);
  return app.driver.openedView(triggerId);
}
