// Access follows the staff list: someone removed from their last community is no longer staff,
// whatever their role was; admin rights given by ADMIN_USER_IDS last only while the id is
// listed; `/caseload staff list` shows who holds which role where. Driven over signed HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { useTestDatabase } from '../support/db.js';
import { ADMIN, startTestBot, useTestBot } from '../support/test-bot.js';

const zh = translator('zh-CN');
const MANAGER = 'U0MANAGER1';
const ADMIN2 = 'U0ADMIN002';
const WORKER = 'U0WORKER01';
const unknown = zh('common.unknownUser', { admins: `<@${ADMIN}>` });

describe('access follows the staff list', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, new Date('2026-11-18T02:00:00Z'));
  const ask = (user: string, text: string, channel?: string) => app.driver.ask(user, '/caseload', text, channel);

  beforeEach(async () => {
    await ask(ADMIN, 'community add 梅花碑');
    await ask(ADMIN, 'community add 大学路');
    await ask(ADMIN, `staff add <@${MANAGER}> 梅花碑 manager`);
    await ask(ADMIN, `staff add <@${ADMIN2}> 大学路 admin`);
    await ask(ADMIN, `staff add <@${WORKER}> 梅花碑`);
  });

  it('treats a manager and an admin removed from their last community as people it does not know', async () => {
    expect(await ask(MANAGER, 'week')).not.toBe(unknown);
    expect(await ask(ADMIN2, 'community add 老浙大')).toBe(zh('admin.community.add.done', { name: '老浙大' }));

    const removed = await ask(ADMIN, `staff remove <@${MANAGER}>`);
    expect(removed).toContain(zh('admin.staff.remove.deactivated', { user: MANAGER }));
    expect(await ask(ADMIN, `staff remove <@${ADMIN2}> 大学路`)).toContain(zh('admin.staff.remove.deactivated', { user: ADMIN2 }));

    for (const text of ['week', 'export week', 'due', 'mine', 'status MH-001', 'help']) expect(await ask(MANAGER, text)).toBe(unknown);
    for (const text of ['community add 茅廊巷', `staff add <@${MANAGER}> 梅花碑 manager`, 'due post all', 'staff list']) {
      expect(await ask(ADMIN2, text)).toBe(unknown);
    }
    expect(await t.db.prisma.community.count({ where: { name: '茅廊巷' } })).toBe(0);
    const staff = await t.db.prisma.staff.findMany({ where: { slackUserId: { in: [MANAGER, ADMIN2] } }, orderBy: { slackUserId: 'asc' } });
    expect(staff.map((s) => [s.slackUserId, s.active])).toEqual([[ADMIN2, false], [MANAGER, false]]);
    const audits = await t.db.prisma.auditLog.findMany({ where: { action: 'staff.deactivate' } });
    expect(audits.map((a) => a.actor)).toEqual([ADMIN, ADMIN]);

    // Someone removed from one of two communities stays staff.
    await ask(ADMIN, `staff add <@${WORKER}> 大学路`);
    expect(await ask(ADMIN, `staff remove <@${WORKER}> 大学路`)).not.toContain(zh('admin.staff.remove.deactivated', { user: WORKER }));
    expect(await ask(WORKER, 'mine')).not.toBe(unknown);

    // Added again, they are back.
    await ask(ADMIN, `staff add <@${MANAGER}> 梅花碑`);
    expect(await ask(MANAGER, 'help')).toContain(zh('caseload.help.title'));
  });

  it('lists who holds which role where', async () => {
    const list = await ask(ADMIN, 'staff list');
    expect(list).toContain(zh('admin.staff.list.admins', { users: `<@${ADMIN}> ${zh('admin.staff.list.fromConfig')}、<@${ADMIN2}>` }));
    expect(list).toContain(zh('admin.staff.list.community', { community: '梅花碑', managers: `<@${MANAGER}>`, workers: `<@${WORKER}>` }));
    expect(list).toContain(zh('admin.staff.list.community', { community: '大学路', managers: zh('admin.staff.list.nobody'), workers: zh('admin.staff.list.nobody') }));
    const one = await ask(ADMIN, 'staff list 大学路');
    expect(one).not.toContain('梅花碑');
    expect(await ask(MANAGER, 'staff list')).toBe(zh('common.notAllowed'));
  });
});

describe('admin rights from ADMIN_USER_IDS', () => {
  const t = useTestDatabase();
  let stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops) await stop();
    stops = [];
  });
  const boot = async (admins: string) => {
    const bot = await startTestBot(t.db, { env: { ADMIN_USER_IDS: admins } });
    stops.push(() => bot.stop());
    return (user: string, text: string) => bot.driver.ask(user, '/caseload', text);
  };

  it('last only while the id is listed, unless an admin made them admin', async () => {
    let ask = await boot(`${ADMIN},${ADMIN2}`);
    expect(await ask(ADMIN, 'community add 梅花碑')).toBe(zh('admin.community.add.done', { name: '梅花碑' }));
    // ADMIN2 is also given the role by an admin; ADMIN joins a community as a plain member.
    await ask(ADMIN, `staff add <@${ADMIN2}> 梅花碑 admin`);
    await ask(ADMIN2, `staff add <@${ADMIN}> 梅花碑`);
    for (const stop of stops.splice(0)) await stop();

    ask = await boot('U0SOMEONE1');
    const refused = await ask(ADMIN, 'community add 大学路');
    expect(refused).toBe(zh('common.notAllowed'));
    expect(await ask(ADMIN, 'help')).not.toContain(zh('admin.community.add.usage'));
    expect(await ask(ADMIN2, 'community add 大学路')).toBe(zh('admin.community.add.done', { name: '大学路' }));
  });

  it('leave someone only ever listed there unknown once the id is taken out', async () => {
    let ask = await boot(ADMIN);
    await ask(ADMIN, 'community add 梅花碑');
    for (const stop of stops.splice(0)) await stop();
    ask = await boot('U0SOMEONE1');
    expect(await ask(ADMIN, 'community add 大学路')).toBe(zh('common.unknownUser', { admins: '<@U0SOMEONE1>' }));
  });
});
