// Who the bot takes a Slack user to be (loadActor), the first half of the access step every
// request passes: staff follow the staff list (an active row with a community), ids listed in
// ADMIN_USER_IDS are admins while listed, and everyone else is nobody, whatever their old role.
// The second half, what an Actor may do, is tested in test/domain/access.test.ts.
import { describe, expect, it } from 'vitest';
import { loadActor, type ActorSettings } from '../../src/features/staff/actor.js';
import { useTestDatabase } from '../support/db.js';
import { community, staff } from './due-fixtures.js';

const LISTED_ADMIN = 'U0ADMIN001';
const settings: ActorSettings = { adminUserIds: [LISTED_ADMIN], defaultLocale: 'zh-CN' };
const nobody = { staffId: null, role: null, isAdmin: false, communityIds: [] };

describe('the actor a Slack user is taken to be', () => {
  const t = useTestDatabase();
  const prisma = () => t.db.prisma;

  it('is a worker or manager of their communities while on the staff list', async () => {
    const meihua = await community(prisma(), '梅花碑', null);
    const daxue = await community(prisma(), '大学路', null);
    const worker = await staff(prisma(), 'U0WORKER01', 'worker', [meihua]);
    const manager = await staff(prisma(), 'U0MANAGER1', 'manager', [meihua, daxue]);
    expect(await loadActor(prisma(), 'U0WORKER01', settings)).toEqual({
      userId: 'U0WORKER01', staffId: worker, role: 'worker', isAdmin: false, communityIds: [meihua], locale: 'zh-CN',
    });
    expect(await loadActor(prisma(), 'U0MANAGER1', settings)).toMatchObject({ staffId: manager, role: 'manager', isAdmin: false });
    expect((await loadActor(prisma(), 'U0MANAGER1', settings)).communityIds.sort()).toEqual([meihua, daxue].sort());
  });

  it('is nobody when unknown, removed from their last community, or deactivated, whatever their role', async () => {
    const meihua = await community(prisma(), '梅花碑', null);
    await staff(prisma(), 'U0REMOVED1', 'admin', []);
    await staff(prisma(), 'U0GONE0001', 'manager', [meihua]);
    await prisma().staff.update({ where: { slackUserId: 'U0GONE0001' }, data: { active: false } });
    for (const userId of ['U0STRANGER', 'U0REMOVED1', 'U0GONE0001']) {
      expect(await loadActor(prisma(), userId, settings)).toMatchObject({ userId, ...nobody });
    }
  });

  it('is an admin given the role while on the staff list', async () => {
    const meihua = await community(prisma(), '梅花碑', null);
    const id = await staff(prisma(), 'U0ADMIN002', 'admin', [meihua]);
    expect(await loadActor(prisma(), 'U0ADMIN002', settings)).toMatchObject({ staffId: id, role: 'admin', isAdmin: true, communityIds: [meihua] });
  });

  it('is an admin when listed in ADMIN_USER_IDS, given a staff row (and an audit line) the first time', async () => {
    const first = await loadActor(prisma(), LISTED_ADMIN, settings);
    const row = await prisma().staff.findUniqueOrThrow({ where: { slackUserId: LISTED_ADMIN } });
    expect(first).toEqual({ userId: LISTED_ADMIN, staffId: row.id, role: 'worker', isAdmin: true, communityIds: [], locale: 'zh-CN' });
    expect(await prisma().auditLog.findMany({ select: { actor: true, action: true, entity: true, entityId: true } })).toEqual([
      { actor: LISTED_ADMIN, action: 'staff.bootstrap_admin', entity: 'staff', entityId: String(row.id) },
    ]);
    // The next time, the same row and no second audit line.
    expect(await loadActor(prisma(), LISTED_ADMIN, settings)).toEqual(first);
    expect(await prisma().auditLog.count()).toBe(1);
    expect(await prisma().staff.count()).toBe(1);
    // Once no longer listed, a row without a community is nobody.
    expect(await loadActor(prisma(), LISTED_ADMIN, { ...settings, adminUserIds: [] })).toMatchObject(nobody);
  });

  it('speaks the language chosen in the bot, else Slack’s, else the default', async () => {
    const meihua = await community(prisma(), '梅花碑', null);
    await staff(prisma(), 'U0ENGLISH1', 'worker', [meihua], 'en');
    await staff(prisma(), 'U0WORKER01', 'worker', [meihua]);
    expect((await loadActor(prisma(), 'U0ENGLISH1', settings, 'zh-CN')).locale).toBe('en');
    expect((await loadActor(prisma(), 'U0WORKER01', settings, 'en')).locale).toBe('en');
    expect((await loadActor(prisma(), 'U0WORKER01', { ...settings, defaultLocale: 'en' })).locale).toBe('en');
    expect((await loadActor(prisma(), 'U0STRANGER', { ...settings, defaultLocale: 'en' })).locale).toBe('en');
  });
});
