// Client intake end to end: `/caseload client add` → the modal → its submission, over signed
// HTTP requests into the running bot, with the fake Slack Web API recording what the bot sends.
import { beforeEach, describe, expect, it } from 'vitest';
import { INTAKE, INTAKE_CALLBACK_ID } from '../../src/features/clients/ids.js';
import { useTestDatabase } from '../support/db.js';
import { answerOf, TRIGGER_LIFETIME_MS, type Json } from '../support/fake-slack.js';
import { ADMIN, useTestBot } from '../support/test-bot.js';

// 2025-03-10 10:00 in Asia/Shanghai.
const NOW = new Date('2025-03-10T02:00:00Z');
const TODAY = '2025-03-10';

const WORKER = 'U0WORKER01';
const WORKER_EN = 'U0WORKEREN';
const OTHER_WORKER = 'U0OTHER001';
const FORMER = 'U0FORMER01';
const LONELY = 'U0LONELY01';
const MANAGER = 'U0MANAGER1';
const STRANGER = 'U0STRANGER';
const POLICE = 'U0POLICE01';

const VALID = {
  case_number: 'XY-2025-001',
  alias: '赵某甲',
  program: 'community_rehab',
  start_date: '2025-03-01',
  police: POLICE,
  notes: '住在三楼，母亲同住',
};

describe('client intake', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, NOW, { channels: ['C0MEIHUA'] });
  let meihua: number;
  let daxue: number;


  // Communities and staff belong to the admin feature: seeded as its commands would leave them.
  beforeEach(async () => {
    const prisma = t.db.prisma;
    meihua = (await prisma.community.create({ data: { name: '梅花碑' } })).id;
    daxue = (await prisma.community.create({ data: { name: '大学路' } })).id;
    const staff = async (slackUserId: string, role: 'worker' | 'manager', communityId: number | null, extra: { locale?: 'en'; active?: boolean } = {}) =>
      prisma.staff.create({
        data: {
          slackUserId,
          displayName: slackUserId,
          role,
          ...extra,
          ...(communityId ? { memberships: { create: { communityId } } } : {}),
        },
      });
    await staff(WORKER, 'worker', meihua);
    await staff(WORKER_EN, 'worker', meihua, { locale: 'en' });
    await staff(OTHER_WORKER, 'worker', daxue);
    await staff(FORMER, 'worker', meihua, { active: false });
    await staff(LONELY, 'worker', null);
    await staff(MANAGER, 'manager', daxue);
  });

  async function openIntake(user: string, channel = 'C0GENERAL'): Promise<Json> {
    const { triggerId } = await app.driver.command(user, '/caseload', 'client add', channel);
    return app.driver.openedView(triggerId);
  }

  const block = (view: Json, id: string): Json => (view.blocks as Json[]).find((b) => b.block_id === id)!;
  const optionValues = (view: Json, id: string) => ((block(view, id).element as Json).options as Json[]).map((o) => o.value);

  async function submitErrors(user: string, values: Record<string, string | null>, viewId?: string): Promise<Record<string, string>> {
    const view = await openIntake(user);
    const answer = await app.driver.submit(user, view, values, viewId);
    expect(answer.status).toBe(200);
    const body = answer.json() as Json;
    expect(body.response_action).toBe('errors');
    return body.errors as Record<string, string>;
  }

  /** Submits a valid form and waits for its confirmation, so no reply of this test leaks into the next. */
  async function register(user: string, view: Json, values: Record<string, string | null>, viewId?: string): Promise<Json> {
    const answer = await app.driver.submit(user, view, values, viewId);
    expect(answer.text).toBe('');
    const caseNumber = String(values.case_number);
    const sent = (c: { args: Json }) => c.args.user === user && String(c.args.text).includes(caseNumber);
    return (await app.fake.waitFor('chat.postEphemeral', sent)).args;
  }

  async function nothingWritten() {
    expect(await t.db.prisma.client.count()).toBe(0);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'client.create' } })).toBe(0);
    expect(app.fake.callsOf('chat.postEphemeral')).toEqual([]);
    expect(app.fake.callsOf('chat.postMessage')).toEqual([]);
  }

  it('opens the intake modal for a caseworker with their community and themselves preselected', async () => {
    const view = await openIntake(WORKER, 'C0MEIHUA');
    expect(view.callback_id).toBe(INTAKE_CALLBACK_ID);
    expect(view.title.text).toBe('登记帮教对象');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const inputs = (view.blocks as Json[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual(Object.values(INTAKE));
    for (const b of inputs) expect((b.element as Json).action_id).toBe(b.block_id);
    expect(optionValues(view, 'community')).toEqual([String(meihua)]);
    expect((block(view, 'community').element as Json).initial_option.value).toBe(String(meihua));
    expect(optionValues(view, 'program')).toEqual(['community_treatment', 'community_rehab']);
    expect(((block(view, 'program').element as Json).options as Json[]).map((o) => o.text.text)).toEqual(['社区戒毒', '社区康复']);
    expect((block(view, 'start_date').element as Json).initial_date).toBe(TODAY);
    expect((block(view, 'caseworker').element as Json).initial_user).toBe(WORKER);
    const optional = inputs.filter((b) => b.optional).map((b) => b.block_id);
    expect(optional).toEqual(['original_start_date', 'decision_date', 'not_reported_yet', 'police', 'grid_worker', 'volunteer', 'last_visit', 'last_checkin', 'last_test', 'notes']);
    expect((block(view, 'term_months').element as Json)).toMatchObject({ type: 'number_input', initial_value: '36', min_value: '1', max_value: '36' });
    expect(JSON.parse(String(view.private_metadata))).toEqual({ channelId: 'C0MEIHUA' });
  });

  it('opens the modal in English for a user who chose English', async () => {
    const view = await openIntake(WORKER_EN);
    expect(view.title.text).toBe('Register a client');
    expect(view.submit.text).toBe('Register');
    expect(block(view, 'alias').label.text).toBe('Alias');
    expect(((block(view, 'program').element as Json).options as Json[]).map((o) => o.text.text)).toEqual([
      'Community drug treatment',
      'Community rehabilitation',
    ]);
  });

  it('registers a client: pinyin, three-year term, audit, and a confirmation without notes', async () => {
    const view = await openIntake(WORKER, 'C0MEIHUA');
    const answer = await app.driver.submit(WORKER, view, VALID);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');

    const clients = await t.db.prisma.client.findMany({ include: { caseworker: true } });
    expect(clients).toHaveLength(1);
    const client = clients[0]!;
    expect(client).toMatchObject({
      caseNumber: 'XY-2025-001',
      alias: '赵某甲',
      aliasPinyin: 'zhaomoujia',
      aliasInitials: 'zmj',
      communityId: meihua,
      program: 'community_rehab',
      status: 'active',
      policeUserId: POLICE,
      gridWorkerUserId: null,
      volunteerUserId: null,
      notes: VALID.notes,
      createdBy: WORKER,
    });
    expect(client.caseworker.slackUserId).toBe(WORKER);
    expect(client.termStart.toISOString().slice(0, 10)).toBe('2025-03-01');
    // Three years less a day; 2028 is a leap year.
    expect(client.plannedTermEnd.toISOString().slice(0, 10)).toBe('2028-02-29');

    const audits = await t.db.prisma.auditLog.findMany({ where: { action: 'client.create' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: WORKER, entity: 'client', entityId: String(client.id), communityId: meihua });
    expect(audits[0]!.detail).toEqual({
      communityId: meihua, program: 'community_rehab', termStart: '2025-03-01', reportedOn: '2025-03-01', termMonths: 36, trackedFrom: TODAY,
    });
    expect(client).toMatchObject({ termMonths: 36, decisionDate: null });
    expect(client.reportedOn!.toISOString().slice(0, 10)).toBe('2025-03-01');
    // The report-in is the first check-in, on the client's record and audited.
    const checkIns = await t.db.prisma.checkIn.findMany({ where: { clientId: client.id } });
    expect(checkIns.map((c) => [c.date.toISOString().slice(0, 10), c.recordedById])).toEqual([['2025-03-01', client.caseworkerId]]);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'checkin.create', entityId: String(checkIns[0]!.id) } })).toBe(1);

    const confirmation = (await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER)).args;
    expect(confirmation.channel).toBe('C0MEIHUA');
    const text = String(confirmation.text);
    for (const shown of ['XY-2025-001', '赵某甲', '梅花碑', '社区康复', '2025-03-01', '2028-02-29']) expect(text).toContain(shown);
    expect(JSON.stringify(confirmation)).not.toContain('三楼');
    expect(JSON.stringify(app.logs)).not.toContain('赵某甲');
    expect(JSON.stringify(app.logs)).not.toContain('三楼');
  });

  it('confirms in English for an English-speaking caseworker, choosing a colleague as caseworker', async () => {
    const view = await openIntake(WORKER_EN);
    const answer = await app.driver.submit(WORKER_EN, view, { ...VALID, program: 'community_treatment', caseworker: WORKER, notes: null });
    expect(answer.text).toBe('');
    const client = await t.db.prisma.client.findFirstOrThrow({ include: { caseworker: true } });
    expect(client.caseworker.slackUserId).toBe(WORKER);
    expect(client.notes).toBeNull();
    const text = String((await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER_EN)).args.text);
    expect(text).toContain('Registered client');
    expect(text).toContain('Community drug treatment');
    expect(text).toContain('XY-2025-001');
  });

  // Each refusal: the inputs sent, the block that must carry the error, and a word of the
  // message in each language.
  const refusals: { name: string; values: Record<string, string | null>; field: string; zh: string; en: string }[] = [
    { name: 'a case number with a space', values: { case_number: 'XY 001' }, field: 'case_number', zh: '档案编号', en: 'case number' },
    { name: 'a case number over 32 characters', values: { case_number: 'A'.repeat(33) }, field: 'case_number', zh: '档案编号', en: 'case number' },
    { name: 'an empty case number', values: { case_number: null }, field: 'case_number', zh: '档案编号', en: 'case number' },
    { name: 'an alias over 20 characters', values: { alias: '某'.repeat(21) }, field: 'alias', zh: '化名', en: 'alias' },
    // A line forged into a channel's list, hidden characters, reversed text, nothing visible.
    { name: 'an alias with a line break', values: { alias: '赵某\n*MH-999 伪造*' }, field: 'alias', zh: '换行', en: 'line breaks' },
    { name: 'an alias with a zero-width space', values: { alias: '赵\u200b某甲' }, field: 'alias', zh: '看不见', en: 'invisible' },
    { name: 'an alias with a right-to-left override', values: { alias: '赵某\u202e甲' }, field: 'alias', zh: '看不见', en: 'invisible' },
    { name: 'an alias of spaces only', values: { alias: '\u3000 ' }, field: 'alias', zh: '化名', en: 'alias' },
    { name: 'an unknown program', values: { program: 'forever' }, field: 'program', zh: '社区戒毒', en: 'community drug treatment' },
    { name: 'a community that is not a number', values: { community: 'all' }, field: 'community', zh: '社区', en: 'communities' },
    { name: 'a community that does not exist', values: { community: '999' }, field: 'community', zh: '社区', en: 'communities' },
    { name: 'a start date in the future', values: { start_date: '2025-03-11' }, field: 'start_date', zh: '不能晚于今天（2025-03-10）', en: 'after today (2025-03-10)' },
    { name: 'a start date that is not a date', values: { start_date: '2025-02-30' }, field: 'start_date', zh: '到本社区报到的日期', en: 'report-in date' },
    { name: 'a term of 0 months', values: { term_months: '0' }, field: 'term_months', zh: '1 到 36', en: '1 to 36' },
    { name: 'a term of 37 months', values: { term_months: '37' }, field: 'term_months', zh: '1 到 36', en: '1 to 36' },
    { name: 'a term in decimals', values: { term_months: '12.5' }, field: 'term_months', zh: '1 到 36', en: '1 to 36' },
    { name: '社区戒毒 for less than three years', values: { program: 'community_treatment', term_months: '24' }, field: 'term_months', zh: '第三十三条', en: 'Art. 33' },
    { name: 'an original report-in after the report-in here', values: { original_start_date: '2025-03-02' }, field: 'original_start_date', zh: '2025-03-01', en: '2025-03-01' },
    { name: 'a decision after the first report-in', values: { original_start_date: '2024-08-01', decision_date: '2024-08-02' }, field: 'decision_date', zh: '2024-08-01', en: '2024-08-01' },
    { name: 'a decision in the future', values: { decision_date: '2025-03-11' }, field: 'decision_date', zh: '不能晚于今天', en: 'after today' },
    { name: 'a caseworker of another community', values: { caseworker: OTHER_WORKER }, field: 'caseworker', zh: '不是该社区的工作人员', en: 'not staff of that community' },
    { name: 'a former (inactive) caseworker', values: { caseworker: FORMER }, field: 'caseworker', zh: '不是该社区的工作人员', en: 'not staff of that community' },
    { name: 'a caseworker the bot does not know', values: { caseworker: 'U0NOBODY01' }, field: 'caseworker', zh: '不是该社区的工作人员', en: 'not staff of that community' },
    { name: 'a police officer who is not a Slack user id', values: { police: 'officer Wang' }, field: 'police', zh: 'Slack 用户', en: 'Slack user' },
    { name: 'notes over 2000 characters', values: { notes: '记'.repeat(2001) }, field: 'notes', zh: '2000', en: '2000' },
  ];

  for (const refusal of refusals) {
    for (const [user, language] of [
      [WORKER, 'zh'],
      [WORKER_EN, 'en'],
    ] as const) {
      it(`refuses ${refusal.name} (${language}) and writes nothing`, async () => {
        const errors = await submitErrors(user, { ...VALID, ...refusal.values });
        expect(Object.keys(errors)).toEqual([refusal.field]);
        expect(errors[refusal.field]!.toLowerCase()).toContain(refusal[language].toLowerCase());
        await nothingWritten();
      });
    }
  }

  it('takes a decided term for 社区康复 and continues a transfer’s term from the original report-in', async () => {
    // A two-year 社区康复, decided on 2023-07-20, reported in elsewhere on 2023-08-01 and here today.
    const view = await openIntake(WORKER, 'C0MEIHUA');
    const values = { ...VALID, start_date: TODAY, term_months: '24', original_start_date: '2023-08-01', decision_date: '2023-07-20' };
    expect((await app.driver.submit(WORKER, view, values)).text).toBe('');
    const client = await t.db.prisma.client.findFirstOrThrow();
    const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
    expect([day(client.termStart), day(client.reportedOn), day(client.decisionDate), client.termMonths, day(client.plannedTermEnd)]).toEqual([
      '2023-08-01', TODAY, '2023-07-20', 24, '2025-07-31',
    ]);
    const text = String((await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER)).args.text);
    expect(text).toContain('期限：2023-08-01 至 2025-07-31（24 个月）');
    expect(text).toContain('外地转入：2025-03-10 到本社区报到，期限自首次报到日 2023-08-01 连续计算。');
    // The report-in here is the first check-in.
    expect((await t.db.prisma.checkIn.findMany()).map((c) => day(c.date))).toEqual([TODAY]);
  });

  it('reports every problem of a submission at once', async () => {
    const errors = await submitErrors(WORKER_EN, {
      case_number: 'bad number!',
      alias: '',
      program: 'x',
      start_date: '2030-01-01',
      caseworker: OTHER_WORKER,
      notes: 'n'.repeat(2001),
    });
    expect(Object.keys(errors).sort()).toEqual(['alias', 'case_number', 'caseworker', 'notes', 'program', 'start_date']);
    await nothingWritten();
  });

  it('refuses a case number already in use, whatever its letter case', async () => {
    const first = await openIntake(WORKER);
    await register(WORKER, first, VALID);
    for (const [user, word] of [
      [WORKER, '已存在'],
      [WORKER_EN, 'already exists'],
    ] as const) {
      const errors = await submitErrors(user, { ...VALID, case_number: 'xy-2025-001', alias: '钱某乙' });
      expect(errors).toEqual({ case_number: expect.stringContaining(word) });
    }
    expect(await t.db.prisma.client.count()).toBe(1);
  });

  it('refuses a forged submission naming another community, and writes nothing', async () => {
    for (const [user, word] of [
      [WORKER, '你所在的社区'],
      [WORKER_EN, 'one of your communities'],
    ] as const) {
      const errors = await submitErrors(user, { ...VALID, community: String(daxue), caseworker: OTHER_WORKER });
      expect(errors).toEqual({ community: expect.stringContaining(word) });
    }
    await nothingWritten();
  });

  it('refuses a submission from someone removed from the community while the modal was open', async () => {
    const view = await openIntake(WORKER);
    await t.db.prisma.membership.deleteMany({ where: { staff: { slackUserId: WORKER } } });
    // No community left: no longer staff, told whom to ask, under the form's first input.
    expect(await app.driver.refusal(WORKER, view, { ...VALID, caseworker: WORKER_EN })).toEqual({ case_number: expect.stringContaining(`<@${ADMIN}>`) });
    await nothingWritten();
  });

  it('creates one client when the same submission arrives twice', async () => {
    const view = await openIntake(WORKER);
    const first = await app.driver.submit(WORKER, view, VALID, 'V0SAME');
    const second = await app.driver.submit(WORKER, view, VALID, 'V0SAME');
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.text, second.text]).toEqual(['', '']);
    expect(await t.db.prisma.client.count()).toBe(1);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'client.create' } })).toBe(1);
    await app.fake.waitFor('chat.postEphemeral');
    await app.bot.idle();
    expect(app.fake.callsOf('chat.postEphemeral')).toHaveLength(1);
  });

  it('lets ab-1 and AB-1 never both exist: two intakes at once, one is refused with the duplicate error', async () => {
    const view = await openIntake(WORKER);
    const answers = await Promise.all(
      ['ab-1', 'AB-1'].map((caseNumber, i) => app.driver.submit(WORKER, view, { ...VALID, case_number: caseNumber }, `V0CASE${i}`)),
    );
    const refused = answers.filter((a) => a.text !== '');
    expect(refused).toHaveLength(1);
    const errors = (refused[0]!.json() as Json).errors as Record<string, string>;
    expect(Object.keys(errors)).toEqual(['case_number']);
    expect(errors.case_number).toMatch(/ab-1/i);
    expect(await t.db.prisma.client.count()).toBe(1);
    // The database itself refuses it, whoever writes.
    const first = await t.db.prisma.client.findFirstOrThrow();
    await expect(
      t.db.prisma.client.create({
        data: { ...first, id: undefined, caseNumber: first.caseNumber === 'ab-1' ? 'Ab-1' : 'aB-1', caseNumberKey: null, createdAt: undefined, updatedAt: undefined },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
    expect(first.caseNumberKey).toBe('AB-1');
  });

  it('creates one client when the same submission arrives twice at once', async () => {
    const view = await openIntake(WORKER);
    const answers = await Promise.all([1, 2].map(() => app.driver.submit(WORKER, view, VALID, 'V0RACE')));
    expect(answers.map((a) => [a.status, a.text])).toEqual([
      [200, ''],
      [200, ''],
    ]);
    expect(await t.db.prisma.client.count()).toBe(1);
    await app.fake.waitFor('chat.postEphemeral');
  });

  it('registers two clients from two different submissions', async () => {
    const view = await openIntake(WORKER);
    await register(WORKER, view, VALID, 'V0ONE');
    await register(WORKER, view, { ...VALID, case_number: 'XY-2025-002', alias: '钱某乙' }, 'V0TWO');
    const clients = await t.db.prisma.client.findMany({ orderBy: { id: 'asc' } });
    expect(clients.map((c) => [c.caseNumber, c.aliasInitials])).toEqual([
      ['XY-2025-001', 'zmj'],
      ['XY-2025-002', 'qmy'],
    ]);
  });

  it('falls back to a DM when the bot cannot post in the channel', async () => {
    app.fake.respondOnce('chat.postEphemeral', () => ({ ok: false, error: 'channel_not_found' }));
    const view = await openIntake(WORKER, 'C0PRIVATE');
    expect((await app.driver.submit(WORKER, view, VALID)).text).toBe('');
    const dm = await app.fake.waitFor('chat.postMessage', (c) => c.args.channel === `D${WORKER.slice(1)}`); // conversations.open's DM
    expect(String(dm.args.text)).toContain('XY-2025-001');
    expect(String(dm.args.text)).not.toContain('三楼');
  });

  it('tells the user when Slack refuses to open the modal (expired trigger), and keeps working', async () => {
    const late = app.fake.issueTrigger(Date.now() - TRIGGER_LIFETIME_MS - 1000);
    const { responseUrl } = await app.driver.command(WORKER, '/caseload', 'client add', undefined, late);
    expect((await answerOf(await app.fake.waitFor('views.open'))).error).toBe('expired_trigger_id');
    expect(String((await app.driver.reply(responseUrl)).text)).toContain('过期');
    const view = await openIntake(WORKER);
    expect(view.callback_id).toBe(INTAKE_CALLBACK_ID);
    expect(app.logs.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('answers a user it does not know politely, and opens nothing', async () => {
    const text = await app.driver.ask(STRANGER, '/caseload', 'client add');
    expect(text).toContain(`<@${ADMIN}>`);
    expect(app.fake.callsOf('views.open')).toEqual([]);
  });

  it('refuses a submission from a user it does not know', async () => {
    const view = await openIntake(WORKER);
    // Told whom to ask, under the form's first input.
    expect(await app.driver.refusal(STRANGER, view, VALID)).toEqual({ case_number: expect.stringContaining(`<@${ADMIN}>`) });
    await nothingWritten();
  });

  it('tells a caseworker without a community whom to ask (they are no longer staff), and opens nothing', async () => {
    expect(await app.driver.ask(LONELY, '/caseload', 'client add')).toContain(`<@${ADMIN}>`);
    expect(app.fake.callsOf('views.open')).toEqual([]);
  });

  it('sends the usage line for extra words', async () => {
    expect(await app.driver.ask(WORKER, '/caseload', 'client add now')).toContain('/caseload client add');
    expect(app.fake.callsOf('views.open')).toEqual([]);
  });

  it('lists client add in help for caseworkers', async () => {
    expect(await app.driver.ask(WORKER, '/caseload', 'help')).toContain('/caseload client add');
  });

  it('lets a manager register clients in their own community only', async () => {
    const view = await openIntake(MANAGER);
    expect(optionValues(view, 'community')).toEqual([String(daxue)]);
    expect((block(view, 'caseworker').element as Json).initial_user).toBeUndefined();
    expect(await submitErrors(MANAGER, { ...VALID, community: String(meihua), caseworker: WORKER })).toEqual({ community: expect.any(String) });
    await register(MANAGER, view, { ...VALID, caseworker: OTHER_WORKER });
    expect((await t.db.prisma.client.findFirstOrThrow()).communityId).toBe(daxue);
  });

  it('offers an admin every community and lets them register in any', async () => {
    const view = await openIntake(ADMIN);
    expect(optionValues(view, 'community').sort()).toEqual([String(meihua), String(daxue)].sort());
    expect((block(view, 'community').element as Json).initial_option).toBeUndefined();
    await register(ADMIN, view, { ...VALID, community: String(daxue), caseworker: OTHER_WORKER });
    expect(await t.db.prisma.client.count({ where: { communityId: daxue } })).toBe(1);
  });

  it('tells an admin to create a community first when there is none', async () => {
    await t.db.prisma.membership.deleteMany();
    await t.db.prisma.community.deleteMany();
    expect(await app.driver.ask(ADMIN, '/caseload', 'client add')).toContain('/caseload community add');
    expect(app.fake.callsOf('views.open')).toEqual([]);
  });

  it('searches communities by name when there are more than one list holds', async () => {
    await t.db.prisma.community.createMany({ data: Array.from({ length: 120 }, (_, i) => ({ name: `社区${String(i).padStart(3, '0')}` })) });
    const view = await openIntake(ADMIN);
    const element = block(view, 'community').element as Json;
    expect(element.type).toBe('external_select');
    const found = await app.driver.suggest(ADMIN, view, 'community', '社区01');
    expect(found.options.map((o: Json) => o.text.text)).toEqual(Array.from({ length: 10 }, (_, i) => `社区01${i}`));
    // A caseworker asking the same list sees only their own community.
    const theirs = await app.driver.suggest(WORKER, view, 'community', '');
    expect(theirs.options.map((o: Json) => o.value)).toEqual([String(meihua)]);
  });
});
