// Setting the bot up the way an admin does, over signed HTTP into the running app: communities,
// channel links, staff and roles, removal, language and help — and every refusal on the way.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { useTestDatabase } from '../support/db.js';
import { ADMIN, startTestBot, type TestBot } from '../support/test-bot.js';

const zh = translator('zh-CN');
const en = translator('en');

const WORKER = 'U0WORKER01';
const MANAGER = 'U0MANAGER1';
const ADMIN2 = 'U0ADMIN002';
const STRANGER = 'U0STRANGER';

describe('admin setup through /caseload', () => {
  const t = useTestDatabase();
  let app: TestBot;
  beforeAll(async () => {
    app = await startTestBot(t.db);
  });
  afterAll(async () => app?.stop());
  afterEach(() => expect(app.fake.problems).toEqual([]));

  const ask = (user: string, text: string, channel?: string) => app.driver.ask(user, '/caseload', text, channel);
  const usage = (key: Parameters<typeof zh>[0]) => zh('common.usage', { usage: zh(key) });
  const actions = async () => (await t.db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } })).map((a) => a.action);

  /** Two communities and a worker in the first, set up by the admin. */
  async function setUp(): Promise<void> {
    await ask(ADMIN, 'community add 梅花碑社区');
    await ask(ADMIN, 'community add 大学路社区');
    await ask(ADMIN, `staff add <@${WORKER}|zhangsan> 梅花碑社区`);
  }

  it('sets up a sub-district from an empty database with only ADMIN_USER_IDS', async () => {
    expect(await ask(ADMIN, 'community add 梅花碑社区')).toBe(zh('admin.community.add.done', { name: '梅花碑社区' }));
    const community = await t.db.prisma.community.findUniqueOrThrow({ where: { name: '梅花碑社区' } });

    expect(await ask(ADMIN, 'link 梅花碑社区', 'C0MEIHUA')).toBe(zh('admin.link.done', { name: '梅花碑社区' }));
    expect((await t.db.prisma.community.findUniqueOrThrow({ where: { id: community.id } })).channelId).toBe('C0MEIHUA');

    // The three ways a person can be named: escaped mention, plain mention, bare id.
    app.fake.names.set(MANAGER, '李经理');
    expect(await ask(ADMIN, `staff add <@${WORKER}|zhangsan> 梅花碑社区`)).toBe(
      zh('admin.staff.add.done', { user: WORKER, community: '梅花碑社区', role: zh('role.worker') }),
    );
    expect(await ask(ADMIN, `staff add <@${MANAGER}> 梅花碑社区 manager`)).toBe(
      zh('admin.staff.add.done', { user: MANAGER, community: '梅花碑社区', role: zh('role.manager') }),
    );
    expect(await ask(ADMIN, `staff add ${ADMIN2} 梅花碑社区 ADMIN`)).toBe(
      zh('admin.staff.add.done', { user: ADMIN2, community: '梅花碑社区', role: zh('role.admin') }),
    );

    const staff = await t.db.prisma.staff.findMany({ include: { memberships: true } });
    const bySlack = new Map(staff.map((s) => [s.slackUserId, s]));
    expect(bySlack.get(WORKER)).toMatchObject({ displayName: 'zhangsan', role: 'worker', active: true });
    expect(bySlack.get(MANAGER)).toMatchObject({ displayName: '李经理', role: 'manager' });
    expect(bySlack.get(ADMIN2)).toMatchObject({ displayName: `User ${ADMIN2}`, role: 'admin' });
    for (const id of [WORKER, MANAGER, ADMIN2]) {
      expect(bySlack.get(id)!.memberships.map((m) => m.communityId)).toEqual([community.id]);
    }
    // The name came with the mention: Slack was not asked.
    expect(app.fake.callsOf('users.info').filter((c) => c.args.user === WORKER)).toEqual([]);

    // The new people can use the bot at once, each with their role's commands.
    expect(await ask(WORKER, 'help')).toContain(zh('admin.lang.usage'));
    expect(await ask(ADMIN2, 'community add 大学路社区')).toBe(zh('admin.community.add.done', { name: '大学路社区' }));

    expect(await actions()).toEqual(
      expect.arrayContaining(['community.create', 'community.link', 'staff.create', 'membership.add']),
    );
    const adds = await t.db.prisma.auditLog.findMany({ where: { action: 'membership.add' } });
    expect(adds).toHaveLength(3);
    expect(adds.every((a) => a.actor === ADMIN && a.communityId === community.id)).toBe(true);
    // Audit details hold ids and codes, never the names people go by.
    const details = JSON.stringify((await t.db.prisma.auditLog.findMany()).map((a) => a.detail));
    expect(details).not.toContain('zhangsan');
    expect(details).not.toContain('李经理');
  });

  it('names a new person by their id when Slack cannot tell who they are', async () => {
    await ask(ADMIN, 'community add 小营巷社区');
    await app.fake.waitFor('users.info', (c) => c.args.user === ADMIN); // the admin's own language lookup
    app.fake.respondOnce('users.info', () => ({ ok: false, error: 'user_not_found' }));
    expect(await ask(ADMIN, 'staff add U0GHOST01 小营巷社区')).toBe(
      zh('admin.staff.add.done', { user: 'U0GHOST01', community: '小营巷社区', role: zh('role.worker') }),
    );
    expect((await t.db.prisma.staff.findUniqueOrThrow({ where: { slackUserId: 'U0GHOST01' } })).displayName).toBe('U0GHOST01');
  });

  it('changes a role only when one is given, and says when someone is already a member', async () => {
    await setUp();
    expect(await ask(ADMIN, `staff add <@${WORKER}> 梅花碑社区`)).toBe(
      zh('admin.staff.add.already', { user: WORKER, community: '梅花碑社区', role: zh('role.worker') }),
    );
    const promoted = await ask(ADMIN, `staff add <@${WORKER}> 梅花碑社区 manager`);
    expect(promoted).toContain(zh('admin.staff.add.already', { user: WORKER, community: '梅花碑社区', role: zh('role.manager') }));
    expect(promoted).toContain(zh('admin.staff.add.roleChanged', { user: WORKER, from: zh('role.worker'), to: zh('role.manager') }));
    // Joining a second community without a role keeps the one they have.
    expect(await ask(ADMIN, `staff add <@${WORKER}> 大学路社区`)).toBe(
      zh('admin.staff.add.done', { user: WORKER, community: '大学路社区', role: zh('role.manager') }),
    );
    const staff = await t.db.prisma.staff.findUniqueOrThrow({ where: { slackUserId: WORKER }, include: { memberships: true } });
    expect(staff.role).toBe('manager');
    expect(staff.memberships).toHaveLength(2);
    const roleChanges = await t.db.prisma.auditLog.findMany({ where: { action: 'staff.role' } });
    expect(roleChanges.map((a) => a.detail)).toEqual([{ from: 'worker', to: 'manager' }]);
    expect((await actions()).filter((a) => a === 'membership.add')).toHaveLength(2);
  });

  it('matches community names ignoring case and may have spaces in them', async () => {
    await ask(ADMIN, 'community add Old Zheda');
    expect(await ask(ADMIN, `staff add <@${WORKER}> old zheda manager`)).toBe(
      zh('admin.staff.add.done', { user: WORKER, community: 'Old Zheda', role: zh('role.manager') }),
    );
    expect(await ask(ADMIN, 'link OLD ZHEDA', 'C0ZHEDA')).toBe(zh('admin.link.done', { name: 'Old Zheda' }));
  });

  it('lists the existing communities when a name matches none', async () => {
    expect(await ask(ADMIN, 'link 茅廊巷社区')).toBe(zh('admin.community.none'));
    await setUp();
    expect(await ask(ADMIN, `staff add <@${WORKER}> 茅廊巷社区 worker`)).toBe(
      zh('admin.community.unknown', { name: '茅廊巷社区', names: '梅花碑社区、大学路社区' }),
    );
    expect(await ask(ADMIN, 'link 茅廊巷社区')).toBe(zh('admin.community.unknown', { name: '茅廊巷社区', names: '梅花碑社区、大学路社区' }));
    for (let i = 1; i <= 20; i++) await t.db.prisma.community.create({ data: { name: `社区${i}` } });
    const reply = await ask(ADMIN, `staff remove <@${WORKER}> 茅廊巷社区`);
    expect(reply).toContain(zh('admin.community.unknownMore', { name: '茅廊巷社区', total: 22, shown: 20, names: '' }));
    expect(reply).toContain('社区18');
    expect(reply).not.toContain('社区19');
    expect(await t.db.prisma.membership.count()).toBe(1);
  });

  it('refuses admin commands to staff who are not admins, and writes nothing', async () => {
    await setUp();
    await ask(ADMIN, `staff add <@${MANAGER}> 梅花碑社区 manager`);
    const before = await t.db.prisma.auditLog.count();
    for (const user of [WORKER, MANAGER]) {
      expect(await ask(user, 'community add 茅廊巷社区')).toBe(zh('common.notAllowed'));
      expect(await ask(user, 'link 梅花碑社区', 'C0MEIHUA')).toBe(zh('common.notAllowed'));
      expect(await ask(user, `staff add <@${user}> 大学路社区 admin`)).toBe(zh('common.notAllowed'));
      expect(await ask(user, `staff remove <@${WORKER}>`)).toBe(zh('common.notAllowed'));
    }
    expect(await t.db.prisma.community.count()).toBe(2);
    expect(await t.db.prisma.community.count({ where: { channelId: { not: null } } })).toBe(0);
    expect(await t.db.prisma.staff.findMany({ where: { role: 'admin' } })).toEqual([]); // the env admin's rights come from ADMIN_USER_IDS
    expect(await t.db.prisma.membership.count()).toBe(2);
    expect(await t.db.prisma.auditLog.count()).toBe(before);
  });

  it('tells an unknown user whom to ask, whatever they type, and writes nothing', async () => {
    for (const text of ['', 'help', 'lang en', 'community add 茅廊巷社区', `staff add <@${STRANGER}> 梅花碑社区 admin`]) {
      const reply = await ask(STRANGER, text);
      expect(reply).toBe(zh('common.unknownUser', { admins: `<@${ADMIN}>` }));
    }
    expect(await t.db.prisma.staff.count()).toBe(0);
    expect(await t.db.prisma.community.count()).toBe(0);
    expect(await t.db.prisma.auditLog.count()).toBe(0);
  });

  it('refuses a duplicate community name, whatever its case, an over-long one and one with hidden characters', async () => {
    await ask(ADMIN, 'community add Daxuelu');
    expect(await ask(ADMIN, 'community add daxuelu')).toBe(zh('admin.community.add.duplicate', { name: 'Daxuelu' }));
    expect(await ask(ADMIN, 'community add Daxuelu')).toBe(zh('admin.community.add.duplicate', { name: 'Daxuelu' }));
    const long = '社'.repeat(41);
    expect(await ask(ADMIN, `community add ${long}`)).toBe(zh('admin.community.add.tooLong', { max: 40, length: 41 }));
    expect(await ask(ADMIN, `community add ${'社'.repeat(40)}`)).toBe(zh('admin.community.add.done', { name: '社'.repeat(40) }));
    // Hidden or reordered characters could make one community look like another in a channel.
    for (const name of ['大学\u200b路', '大学\u202e路', '大学\u0007路']) expect(await ask(ADMIN, `community add ${name}`)).toBe(zh('admin.community.add.unsafe'));
    expect(await t.db.prisma.community.count()).toBe(2);
    expect((await actions()).filter((a) => a === 'community.create')).toHaveLength(2);
  });

  it('keeps a name with & < > as typed (Slack escapes them) and shows it without making a mention', async () => {
    expect(await ask(ADMIN, 'community add A&amp;B &lt;!here&gt;')).toBe(zh('admin.community.add.done', { name: 'A&amp;B &lt;!here&gt;' }));
    expect((await t.db.prisma.community.findFirstOrThrow()).name).toBe('A&B <!here>');
  });

  it('links one channel per community: a taken channel is refused, re-linking a community moves it', async () => {
    await setUp();
    expect(await ask(ADMIN, 'link 梅花碑社区', 'C0ONE')).toBe(zh('admin.link.done', { name: '梅花碑社区' }));
    expect(await ask(ADMIN, 'link 梅花碑社区', 'C0ONE')).toBe(zh('admin.link.already', { name: '梅花碑社区' }));
    expect(await ask(ADMIN, 'link 大学路社区', 'C0ONE')).toBe(
      zh('admin.link.channelTaken', { name: '大学路社区', other: '梅花碑社区' }),
    );
    expect(await ask(ADMIN, 'link 梅花碑社区', 'C0TWO')).toBe(zh('admin.link.moved', { name: '梅花碑社区', previous: 'C0ONE' }));
    // The old channel is free again.
    expect(await ask(ADMIN, 'link 大学路社区', 'C0ONE')).toBe(zh('admin.link.done', { name: '大学路社区' }));
    expect(await ask(ADMIN, 'link 大学路社区', 'D0DIRECT')).toBe(zh('admin.link.notInDm'));

    const links = await t.db.prisma.community.findMany({ orderBy: { id: 'asc' }, select: { name: true, channelId: true } });
    expect(links).toEqual([
      { name: '梅花碑社区', channelId: 'C0TWO' },
      { name: '大学路社区', channelId: 'C0ONE' },
    ]);
    const audited = await t.db.prisma.auditLog.findMany({ where: { action: 'community.link' }, orderBy: { id: 'asc' } });
    expect(audited.map((a) => a.detail)).toEqual([
      { channelId: 'C0ONE', previousChannelId: null },
      { channelId: 'C0TWO', previousChannelId: 'C0ONE' },
      { channelId: 'C0ONE', previousChannelId: null },
    ]);
  });

  it('removes memberships but keeps the person and what they recorded', async () => {
    await setUp();
    await ask(ADMIN, `staff add <@${WORKER}> 大学路社区`);
    const worker = await t.db.prisma.staff.findUniqueOrThrow({ where: { slackUserId: WORKER } });
    const meihua = await t.db.prisma.community.findUniqueOrThrow({ where: { name: '梅花碑社区' } });
    const client = await t.db.prisma.client.create({
      data: {
        caseNumber: 'MHB-001', alias: '赵某甲', communityId: meihua.id, program: 'community_rehab',
        termStart: new Date('2025-01-06'), plannedTermEnd: new Date('2028-01-05'), caseworkerId: worker.id, createdBy: WORKER,
      },
    });
    const visit = await t.db.prisma.visit.create({
      data: { clientId: client.id, date: new Date('2025-02-03'), kind: 'home', recordedById: worker.id, notes: '家访' },
    });

    const reply = await ask(ADMIN, `staff remove <@${WORKER}|zhangsan> 梅花碑社区`);
    expect(reply).toContain(zh('admin.staff.remove.done', { user: WORKER, communities: '*梅花碑社区*' }));
    expect(reply).toContain(zh('admin.staff.remove.openCases', { count: 1 }));
    expect(await ask(ADMIN, `staff remove <@${WORKER}> 梅花碑社区`)).toBe(
      zh('admin.staff.remove.notMember', { user: WORKER, community: '梅花碑社区' }),
    );
    // Without a community: every remaining membership.
    expect(await ask(ADMIN, `staff remove ${WORKER}`)).toBe(
      [zh('admin.staff.remove.done', { user: WORKER, communities: '*大学路社区*' }), zh('admin.staff.remove.deactivated', { user: WORKER })].join('\n'),
    );
    expect(await ask(ADMIN, `staff remove ${WORKER}`)).toBe(zh('admin.staff.remove.noMemberships', { user: WORKER }));
    expect(await ask(ADMIN, `staff remove <@${STRANGER}>`)).toBe(zh('admin.staff.unknown', { user: STRANGER }));

    expect(await t.db.prisma.membership.count({ where: { staffId: worker.id } })).toBe(0);
    expect(await t.db.prisma.staff.findUnique({ where: { id: worker.id } })).not.toBeNull();
    expect(await t.db.prisma.visit.findUniqueOrThrow({ where: { id: visit.id } })).toMatchObject({ recordedById: worker.id, deletedAt: null });
    expect(await t.db.prisma.client.findUniqueOrThrow({ where: { id: client.id } })).toMatchObject({ caseworkerId: worker.id });
    const removals = await t.db.prisma.auditLog.findMany({ where: { action: 'membership.remove' }, orderBy: { id: 'asc' } });
    expect(removals.map((a) => [a.actor, a.entityId, a.communityId])).toEqual([
      [ADMIN, String(worker.id), meihua.id],
      [ADMIN, String(worker.id), meihua.id + 1],
    ]);
  });

  it('speaks each person’s Slack language until they choose one with lang', async () => {
    // People this bot has not seen yet (it keeps what Slack said of someone for hours).
    const english = 'U0ENGLISH1';
    const french = 'U0FRENCH01';
    app.fake.locales.set(english, 'en-US');
    app.fake.locales.set(french, 'fr-FR');
    await ask(ADMIN, 'community add 梅花碑社区');
    await ask(ADMIN, `staff add <@${english}> 梅花碑社区`);
    await ask(ADMIN, `staff add <@${french}> 梅花碑社区 manager`);
    // The first request starts the lookup (never awaited inside Slack's 3 seconds); later ones use it.
    await expect.poll(() => ask(english, 'help'), { timeout: 5000 }).toContain(en('caseload.help.title'));
    await ask(french, 'help');
    await app.fake.waitFor('users.info', (c) => c.args.user === french);
    expect(await ask(french, 'help')).toContain(zh('caseload.help.title'));
    expect(await ask(english, 'lang zh')).toBe(zh('admin.lang.done'));
    expect(await ask(english, 'help')).toContain(zh('caseload.help.title'));
  });

  it('switches the language of later replies, confirming in the new one', async () => {
    expect(await ask(ADMIN, 'help')).toContain(zh('admin.help.help'));
    expect(await ask(ADMIN, 'lang en')).toBe(en('admin.lang.done'));
    const english = await ask(ADMIN, 'help');
    expect(english).toContain(en('caseload.help.title'));
    expect(english).toContain(en('admin.staff.add.help'));
    expect(english).not.toContain(zh('admin.staff.add.help'));
    expect(await ask(ADMIN, 'lang fr')).toBe(en('common.usage', { usage: en('admin.lang.usage') }));
    expect(await ask(ADMIN, 'lang ZH')).toBe(zh('admin.lang.done'));
    expect(await ask(ADMIN, '')).toContain(zh('caseload.help.title'));

    await setUp();
    expect(await ask(WORKER, 'lang en')).toBe(en('admin.lang.done'));
    expect(await ask(WORKER, 'community add X')).toBe(en('common.notAllowed'));
    const locales = await t.db.prisma.staff.findMany({ orderBy: { id: 'asc' }, select: { slackUserId: true, locale: true } });
    expect(locales).toEqual([
      { slackUserId: ADMIN, locale: 'zh_CN' },
      { slackUserId: WORKER, locale: 'en' },
    ]);
    const audited = await t.db.prisma.auditLog.findMany({ where: { action: 'staff.locale' }, orderBy: { id: 'asc' } });
    expect(audited.map((a) => [a.actor, a.detail])).toEqual([
      [ADMIN, { locale: 'en' }],
      [ADMIN, { locale: 'zh-CN' }],
      [WORKER, { locale: 'en' }],
    ]);
  });

  it('lists in help only what each person may do', async () => {
    await setUp();
    await ask(ADMIN, `staff add <@${MANAGER}> 梅花碑社区 manager`);
    const adminOnly = ['admin.community.add.usage', 'admin.link.usage', 'admin.staff.add.usage', 'admin.staff.remove.usage'] as const;
    for (const user of [WORKER, MANAGER]) {
      for (const text of ['help', '']) {
        const help = await ask(user, text);
        expect(help).toContain(zh('caseload.help.title'));
        expect(help).toContain(zh('admin.lang.usage'));
        expect(help).toContain(zh('admin.help.usage'));
        for (const key of adminOnly) expect(help).not.toContain(zh(key));
      }
    }
    for (const text of ['help', '']) {
      const help = await ask(ADMIN, text);
      for (const key of adminOnly) expect(help).toContain(zh(key));
    }
  });

  it('answers a malformed command with its usage line and writes nothing', async () => {
    await setUp();
    const before = await t.db.prisma.auditLog.count();
    const cases: [string, Parameters<typeof zh>[0]][] = [
      ['community add', 'admin.community.add.usage'],
      ['community add   ', 'admin.community.add.usage'],
      ['link', 'admin.link.usage'],
      ['staff add', 'admin.staff.add.usage'],
      [`staff add <@${WORKER}>`, 'admin.staff.add.usage'],
      ['staff add zhangsan 梅花碑社区', 'admin.staff.add.usage'],
      ['staff add <@zhangsan> 梅花碑社区', 'admin.staff.add.usage'],
      ['staff add <#C0ONE|general> 梅花碑社区', 'admin.staff.add.usage'],
      [`staff add <@${WORKER}> 梅花碑社区 boss`, 'admin.staff.add.usage'],
      [`staff add <@${WORKER}> 梅花碑社区 worker extra`, 'admin.staff.add.usage'],
      [`staff add <@${WORKER}> 梅花碑社区 ${'x '.repeat(200)}`, 'admin.staff.add.usage'],
      ['staff remove', 'admin.staff.remove.usage'],
      ['staff remove 梅花碑社区', 'admin.staff.remove.usage'],
      ['lang', 'admin.lang.usage'],
      ['lang fr', 'admin.lang.usage'],
      ['lang zh en', 'admin.lang.usage'],
    ];
    for (const [text, key] of cases) expect(await ask(ADMIN, text), text).toBe(usage(key));
    expect(await t.db.prisma.auditLog.count()).toBe(before);
    expect(await t.db.prisma.staff.findUniqueOrThrow({ where: { slackUserId: WORKER } })).toMatchObject({ role: 'worker' });
  });
});
