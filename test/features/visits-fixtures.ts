// A small sub-district for the visit, check-in and search tests. Communities, staff and clients
// belong to other features (admin, intake): they are seeded as those features leave them, with
// the alias's pinyin filled by the intake's own function.
import type { Prisma } from '../../src/db/client.js';
import { toDbDate } from '../../src/db/dates.js';
import { aliasPinyin } from '../../src/features/clients/pinyin.js';
import type { ClientStatus } from '../../src/domain/types.js';
import type { Json } from '../support/fake-slack.js';
import type { TestBot } from '../support/test-bot.js';
import { WORKER, WORKER_EN, OTHER_WORKER, MANAGER } from './staff-ids.js';

// 2026-11-20 12:00 in Asia/Shanghai.
export const NOW = new Date('2026-11-20T04:00:00Z');
export const TODAY = '2026-11-20';

export { WORKER, WORKER_EN, OTHER_WORKER, MANAGER, STRANGER } from './staff-ids.js';

export interface World {
  meihua: number;
  daxue: number;
  staff: Record<string, number>;
  clients: Record<string, number>;
}

export interface ClientSeed {
  caseNumber: string;
  alias: string;
  communityId: number;
  caseworkerId: number;
  termStart?: string;
  plannedTermEnd?: string;
  status?: ClientStatus;
}

export async function addClient(prisma: Prisma, seed: ClientSeed): Promise<number> {
  const client = await prisma.client.create({
    data: {
      caseNumber: seed.caseNumber,
      alias: seed.alias,
      ...aliasPinyin(seed.alias),
      communityId: seed.communityId,
      caseworkerId: seed.caseworkerId,
      program: 'community_rehab',
      termStart: toDbDate(seed.termStart ?? '2025-01-10'),
      plannedTermEnd: toDbDate(seed.plannedTermEnd ?? '2028-01-09'),
      status: seed.status ?? 'active',
      createdBy: 'U0ADMIN01',
    },
  });
  return client.id;
}

/** Two communities (梅花碑, 大学路), their staff, and three clients. */
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
  const clients = {
    zhao: await addClient(prisma, { caseNumber: 'MH-2025-001', alias: '赵某甲', communityId: meihua, caseworkerId: staff[WORKER]! }),
    qian: await addClient(prisma, { caseNumber: 'MH-2025-002', alias: '钱某乙', communityId: meihua, caseworkerId: staff[WORKER]! }),
    sun: await addClient(prisma, { caseNumber: 'DX-2025-001', alias: '孙某丙', communityId: daxue, caseworkerId: staff[OTHER_WORKER]! }),
  };
  return { meihua, daxue, staff, clients };
}

export const block = (view: Json, id: string): Json => (view.blocks as Json[]).find((b) => b.block_id === id)!;

/** Types `/visit` or `/checkin` and returns the modal it opened (with a view id). */
export async function openModal(app: TestBot, user: string, command: '/visit' | '/checkin', text = '', viewId?: string): Promise<Json> {
  const { triggerId } = await app.driver.command(user, command, text);
  const view = await app.driver.openedView(triggerId);
  return viewId ? { ...view, id: viewId } : view;
}

export async function auditActions(prisma: Prisma): Promise<string[]> {
  return (await prisma.auditLog.findMany({ orderBy: { id: 'asc' } })).map((a) => a.action);
}
