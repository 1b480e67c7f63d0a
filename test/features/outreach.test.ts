// Prevention outreach (宣传"十进") end to end over signed HTTP requests into the running bot:
// `/outreach` → the modal → its submission, the refusals, Undo; then a known set of events logged
// through the modal, and the weekly counts and the export showing exactly those numbers, per
// setting and community, in both languages.
import { beforeEach, describe, expect, it } from 'vitest';
import { OUTREACH_FORMATS, OUTREACH_SETTINGS } from '../../src/domain/types.js';
import { MAX_TITLE, OUTREACH_CALLBACK_ID, UNDO_OUTREACH_ACTION } from '../../src/features/outreach/ids.js';
import { translator } from '../../src/i18n/index.js';
import { useTestDatabase } from '../support/db.js';
import { fieldSections, fieldsOf } from '../support/blocks.js';
import type { Json } from '../support/fake-slack.js';
import { ADMIN, useTestBot } from '../support/test-bot.js';
import { MANAGER, NOW, OTHER_WORKER, STRANGER, TODAY, WORKER, WORKER_EN, block, seedWorld, textsOf, type World } from './lifecycle-fixtures.js';

const zh = translator('zh-CN');
const en = translator('en');
const CHANNEL = 'C0MEIHUA';

/** A complete, valid event (the community is chosen per test). */
const EVENT = { setting: 'school', date: '2025-05-28', title: '梅花碑小学禁毒讲座', format: ['talk', 'leaflets'], audience: '120', partners: '小营派出所', notes: '校长很支持，明年再来' };

describe('prevention outreach', () => {
  const t = useTestDatabase();
  const { app, clock } = useTestBot(t, NOW, { channels: [CHANNEL] });
  let world: World;

  beforeEach(async () => {
    world = await seedWorld(t.db.prisma);
  });

  async function openOutreach(user: string, via: '/outreach' | '/caseload' = '/outreach'): Promise<Json> {
    const { triggerId } = await app.driver.command(user, via, via === '/caseload' ? 'outreach' : '', CHANNEL);
    return app.driver.openedView(triggerId);
  }

  /** Opens the modal, saves `values` and answers the author's confirmation. */
  async function log(user: string, values: Record<string, string | string[] | null>): Promise<Json> {
    const view = await openOutreach(user);
    app.fake.clear();
    await app.driver.accepted(user, view, values);
    return (await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === user)).args;
  }

  const events = () => t.db.prisma.outreachEvent.findMany({ orderBy: { id: 'asc' } });
  const audits = () => t.db.prisma.auditLog.findMany({ where: { entity: 'outreach' }, orderBy: { id: 'asc' } });
  const options = (element: Json) => (element.options as Json[]).map((o) => [o.value, o.text.text]);
  const undoValue = (message: Json) => String(((message.blocks as Json[]).find((b) => b.type === 'actions')!.elements as Json[])[0]!.value);

  describe('the modal', () => {
    it('opens with every input, the ten settings as the sub-district names them, and the person’s community chosen', async () => {
      const view = await openOutreach(WORKER);
      expect(view.callback_id).toBe(OUTREACH_CALLBACK_ID);
      expect(view.title.text).toBe('登记禁毒宣传活动');
      const inputs = (view.blocks as Json[]).filter((b) => b.type === 'input');
      expect(inputs.map((b) => [b.block_id, b.element.action_id, b.element.type, b.optional ?? false])).toEqual([
        ['community', 'community', 'static_select', false],
        ['setting', 'setting', 'static_select', false],
        ['date', 'date', 'datepicker', false],
        ['title', 'title', 'plain_text_input', false],
        ['format', 'format', 'checkboxes', false],
        ['audience', 'audience', 'number_input', false],
        ['partners', 'partners', 'plain_text_input', true],
        ['notes', 'notes', 'plain_text_input', true],
      ]);
      expect(options(block(view, 'community')!.element)).toEqual([[String(world.meihua), '梅花碑'], ['subdistrict', '全街道']]);
      expect(block(view, 'community')!.element.initial_option.value).toBe(String(world.meihua));
      expect(options(block(view, 'setting')!.element)).toEqual(
        OUTREACH_SETTINGS.map((s, i) => [s, ['进学校', '进单位', '进家庭', '进场所', '进社区', '进农村', '进影院', '进网络', '进工地', '进企业'][i]]),
      );
      expect(options(block(view, 'format')!.element).map(([code]) => code)).toEqual([...OUTREACH_FORMATS]);
      expect(block(view, 'date')!.element.initial_date).toBe(TODAY);
      expect(block(view, 'title')!.element.max_length).toBe(MAX_TITLE);
      expect(block(view, 'audience')!.element).toMatchObject({ is_decimal_allowed: false, min_value: '0', max_value: '100000' });
      expect(JSON.parse(String(view.private_metadata))).toEqual({ channelId: CHANNEL });
    });

    it('offers an admin every community; `/caseload outreach` opens the same; help lists it in both languages', async () => {
      const view = await openOutreach(ADMIN, '/caseload');
      expect(options(block(view, 'community')!.element).map(([value]) => value)).toEqual([String(world.daxue), String(world.meihua), 'subdistrict']);
      expect(block(view, 'community')!.element.initial_option).toBeUndefined();
      expect(await app.driver.ask(WORKER, '/caseload', 'help')).toContain(`• \`/outreach\` — ${zh('outreach.help')}`);
      expect(await app.driver.ask(WORKER_EN, '/caseload', 'help')).toContain(`• \`/outreach\` — ${en('outreach.help')}`);
      const english = await openOutreach(WORKER_EN);
      expect(english.title.text).toBe('Prevention outreach');
      expect(options(block(english, 'setting')!.element)[0]).toEqual(['school', 'Schools']);
    });

    it('tells someone the bot does not know whom to ask, and opens nothing', async () => {
      const answer = await app.driver.ask(STRANGER, '/outreach');
      expect(answer).toContain(`<@${ADMIN}>`);
      expect(app.fake.callsOf('views.open')).toEqual([]);
    });
  });

  describe('logging', () => {
    it('saves one event with exactly what was entered, tells the author, and audits it without the notes', async () => {
      const message = await log(WORKER, EVENT);
      expect(message.channel).toBe(CHANNEL);
      expect(message.text).toBe('✅ 已登记禁毒宣传活动：*梅花碑小学禁毒讲座*，2025-05-28，梅花碑，进学校，讲座、发放宣传品，受众 120 人。');
      const [row, ...more] = await events();
      expect(more).toEqual([]);
      expect(row).toMatchObject({
        communityId: world.meihua, setting: 'school', title: '梅花碑小学禁毒讲座', formats: ['talk', 'leaflets'], audience: 120,
        partners: '小营派出所', notes: '校长很支持，明年再来', recordedById: world.staff[WORKER], deletedAt: null,
      });
      expect(row!.date.toISOString().slice(0, 10)).toBe('2025-05-28');
      const [entry] = await audits();
      expect(entry).toMatchObject({ actor: WORKER, action: 'outreach.create', entityId: String(row!.id), communityId: world.meihua });
      expect(entry!.detail).toEqual({ communityId: world.meihua, setting: 'school', date: '2025-05-28', formats: ['talk', 'leaflets'], audience: 120 });
      expect(JSON.stringify([entry!.detail, app.fake.callsOf('chat.postEphemeral'), app.logs])).not.toContain('校长');
    });

    it('logs a sub-district-wide event from any staff member, and the same submission twice once', async () => {
      const view = await openOutreach(MANAGER);
      const values = { ...EVENT, community: 'subdistrict', setting: 'online', format: ['online_campaign'], audience: '0', partners: null, notes: null };
      await app.driver.accepted(MANAGER, view, values);
      await app.driver.accepted(MANAGER, view, values);
      const rows = await events();
      expect(rows.map((r) => [r.communityId, r.setting, r.audience, r.partners, r.notes])).toEqual([[null, 'online', 0, null, null]]);
      const message = (await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === MANAGER)).args;
      expect(message.text).toContain('全街道，进网络，网络宣传，受众 0 人');
    });

    it('refuses bad input with a translated error under each input, and saves nothing', async () => {
      const view = await openOutreach(WORKER);
      const bad = { community: String(world.daxue), setting: 'school', date: '2025-06-02', title: 'x'.repeat(MAX_TITLE + 1), format: [], audience: '100001', partners: null, notes: null };
      expect(await app.driver.refusal(WORKER, view, bad)).toEqual({
        community: zh('outreach.error.communityNotAllowed'),
        date: '活动日期不能晚于今天（2025-06-01）：活动举办后再登记。',
        title: '活动名称最多 100 个字。',
        format: '请至少选择一种宣传形式。',
        audience: '受众人数请填 0 至 100000 之间的整数。',
      });
      expect(await app.driver.refusal(WORKER, view, { ...EVENT, setting: 'market', title: '   ', audience: '12.5' })).toEqual({
        setting: '无法识别的选项，请重新选择。',
        title: '请填写这一项。',
        audience: '受众人数请填 0 至 100000 之间的整数。',
      });
      const english = await openOutreach(WORKER_EN);
      expect(await app.driver.refusal(WORKER_EN, english, { ...EVENT, community: '999999', audience: '-3' })).toEqual({
        community: 'You cannot log for this community: it does not exist or is not one of yours. Choose one of your communities, or the whole sub-district.',
        audience: 'Please enter a whole number from 0 to 100000.',
      });
      expect(await events()).toEqual([]);
      expect(await audits()).toEqual([]);
    });
  });

  describe('undo', () => {
    it('lets the author undo within 15 minutes, once; refuses others and the author later', async () => {
      const message = await log(WORKER, EVENT);
      const value = undoValue(message);
      const other = await app.driver.click(OTHER_WORKER, UNDO_OUTREACH_ACTION, value);
      expect((await app.driver.reply(other.responseUrl)).text).toBe('只有登记人本人可以撤销这场活动。');
      clock.now = new Date(NOW.getTime() + 14 * 60_000);
      const { responseUrl } = await app.driver.click(WORKER, UNDO_OUTREACH_ACTION, value);
      const replaced = await app.driver.reply(responseUrl);
      expect(replaced).toMatchObject({ replace_original: true, text: '↩️ 已撤销 2025-05-28 梅花碑的宣传活动 *梅花碑小学禁毒讲座*。' });
      expect((await events())[0]).toMatchObject({ deletedBy: WORKER, deletedAt: clock.now });
      const again = await app.driver.click(WORKER, UNDO_OUTREACH_ACTION, value);
      expect((await app.driver.reply(again.responseUrl)).text).toBe(replaced.text);
      expect((await audits()).map((a) => a.action)).toEqual(['outreach.create', 'outreach.undo']);

      clock.now = NOW;
      const late = undoValue(await log(WORKER, EVENT));
      clock.now = new Date(NOW.getTime() + 15 * 60_000 + 1000);
      const tooLate = await app.driver.click(WORKER, UNDO_OUTREACH_ACTION, late);
      expect((await app.driver.reply(tooLate.responseUrl)).text).toBe('登记已超过 15 分钟，不能再撤销。');
      expect((await events())[1]!.deletedAt).toBeNull();
    });
  });

  describe('in the weekly counts and the export', () => {
    // This week (2025-W22: 05-26 … 06-01) and the week before (05-19 … 05-25).
    async function logKnownEvents(): Promise<void> {
      const mh = String(world.meihua);
      await log(WORKER, { ...EVENT, community: mh });
      await log(WORKER, { ...EVENT, community: mh, setting: 'community', date: '2025-05-30', title: '社区禁毒展板', format: ['exhibition'], audience: '80', partners: null });
      await log(WORKER, { ...EVENT, community: mh, date: '2025-05-20', title: '上周的讲座', format: ['talk'], audience: '100' });
      await log(OTHER_WORKER, { ...EVENT, community: String(world.daxue), setting: 'online', date: '2025-05-31', title: '=公众号推文', format: ['online_campaign'], audience: '500', partners: null });
      await log(MANAGER, { ...EVENT, community: 'subdistrict', setting: 'venue', date: TODAY, title: '6·26 文艺汇演', format: ['performance', 'consultation'], audience: '300', partners: '团委, 文化站' });
      // Undone at once: counted nowhere.
      const undone = await log(WORKER, { ...EVENT, community: mh, setting: 'enterprise', date: '2025-05-29', audience: '50' });
      const { responseUrl } = await app.driver.click(WORKER, UNDO_OUTREACH_ACTION, undoValue(undone));
      await app.driver.reply(responseUrl);
    }

    async function week(user: string, text = 'week'): Promise<Json> {
      const { responseUrl } = await app.driver.command(user, '/caseload', text);
      return app.driver.reply(responseUrl);
    }

    const textOf = (b: Json) => String(b.text.text);
    /** The outreach blocks: after the casework, from its title on. */
    function outreachOf(reply: Json): { title: string; settings: Record<string, string>; communities: string } {
      const blocks = reply.blocks as Json[];
      const start = blocks.findIndex((b) => b.type === 'section' && /^\*(禁毒宣传|Prevention outreach)/.test(textOf(b)));
      const [title, settings, communities] = blocks.slice(start);
      return { title: textOf(title!), settings: fieldsOf(settings!), communities: textOf(communities!) };
    }

    it('shows a manager the events and audience per setting and community against the week before', async () => {
      await logKnownEvents();
      const reply = await week(MANAGER);
      const outreach = outreachOf(reply);
      expect(outreach.title).toBe('*禁毒宣传：4（+3）场，受众 1000（+900）人*');
      expect(outreach.settings).toEqual({
        进学校: '1（±0）场，受众 120（+20）人',
        进单位: '0（±0）场，受众 0（±0）人',
        进家庭: '0（±0）场，受众 0（±0）人',
        进场所: '1（+1）场，受众 300（+300）人',
        进社区: '1（+1）场，受众 80（+80）人',
        进农村: '0（±0）场，受众 0（±0）人',
        进影院: '0（±0）场，受众 0（±0）人',
        进网络: '1（+1）场，受众 500（+500）人',
        进工地: '0（±0）场，受众 0（±0）人',
        进企业: '0（±0）场，受众 0（±0）人',
      });
      expect(outreach.communities).toBe(
        ['按社区：', '• 全街道：1（+1）场，受众 300（+300）人', '• 梅花碑：2（+1）场，受众 200（+100）人', '• 大学路：1（+1）场，受众 500（+500）人'].join('\n'),
      );
      expect(reply.text).toContain('禁毒宣传：4（+3）场，受众 1000（+900）人\n进学校 1（±0）场，受众 120（+20）人；进场所 1（+1）场');
      // The casework sections are still the communities' own: the settings' fields come after them.
      expect(fieldSections(reply.blocks as Json[]).map((s) => textOf(s))).toEqual(['*合计（2 个社区）*', '*梅花碑*', '*大学路*', '按宣传阵地（“十进”）：']);
      expect(JSON.stringify(reply)).not.toContain('校长');
    });

    it('gives a caseworker their community and the sub-district’s events, and one community when it is named; in English too', async () => {
      await logKnownEvents();
      expect(outreachOf(await week(WORKER)).communities).toBe(['按社区：', '• 全街道：1（+1）场，受众 300（+300）人', '• 梅花碑：2（+1）场，受众 200（+100）人'].join('\n'));
      const named = outreachOf(await week(MANAGER, 'week this 大学路'));
      expect(named.title).toBe('*禁毒宣传：1（+1）场，受众 500（+500）人*');
      expect(named.communities).toBe('按社区：\n• 大学路：1（+1）场，受众 500（+500）人');
      await t.db.prisma.staff.update({ where: { slackUserId: MANAGER }, data: { locale: 'en' } });
      const english = outreachOf(await week(MANAGER));
      expect(english.title).toBe('*Prevention outreach: 4 (+3) events, audience 1000 (+900)*');
      expect(english.settings.Schools).toBe('1 (±0) event, audience 120 (+20)');
      expect(english.communities.split('\n')[1]).toBe('• Whole sub-district: 1 (+1) event, audience 300 (+300)');
    });

    it('says when no outreach was logged', async () => {
      const reply = await week(MANAGER);
      expect(textsOf(reply.blocks)).toContain(zh('outreach.report.none'));
      expect(reply.text).toContain('禁毒宣传：0（±0）场，受众 0（±0）人');
    });

    it('exports the events, without notes, and their figures beside each community’s counts', async () => {
      await logKnownEvents();
      expect(await app.driver.ask(MANAGER, '/caseload', 'export week')).toBe(zh('reports.export.sent', { key: '2025-W22' }));
      await app.fake.waitFor('files.completeUploadExternal');
      const files = [...app.fake.uploads.values()];
      expect(files.map((f) => f.filename)).toEqual(['counts-2025-W22.csv', 'records-2025-W22.csv', 'outreach-2025-W22.csv']);
      const lines = (i: number) => files[i]!.bytes!.subarray(3).toString('utf8').split('\r\n');
      const counts = lines(0);
      expect(counts[0]).toMatch(/,预警提示,禁毒宣传活动（场）,宣传覆盖人数$/);
      expect(counts.slice(1).map((l) => [l.split(',')[0], l.split(',').slice(-2).join(',')])).toEqual([
        ['梅花碑', '2,200'],
        ['大学路', '1,500'],
        ['全街道', '1,300'],
        ['合计（2 个社区）', '4,1000'],
        ['', ''],
      ]);
      expect(counts[3]).toBe(`全街道${','.repeat(15)}1,300`);
      expect(lines(2)).toEqual([
        '活动日期,举办社区,宣传阵地,活动名称,宣传形式,受众人数,合作单位,登记人',
        `2025-05-28,梅花碑,进学校,梅花碑小学禁毒讲座,讲座、发放宣传品,120,小营派出所,${WORKER}`,
        `2025-05-30,梅花碑,进社区,社区禁毒展板,展板展览,80,,${WORKER}`,
        `2025-05-31,大学路,进网络,'=公众号推文,网络宣传,500,,${OTHER_WORKER}`,
        `2025-06-01,全街道,进场所,6·26 文艺汇演,文艺演出、现场咨询,300,"团委, 文化站",${MANAGER}`,
        '',
      ]);
      expect(files.map((f) => f.bytes!.toString('utf8')).join()).not.toContain('校长');
      const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'report.export' } });
      expect(audit.detail).toMatchObject({ outreach: 4 });
    });
  });
});
