// Erasure of a client's personal data end to end: `/caseload erase` → the confirmation modal →
// its submission, over signed HTTP requests into the running bot. What stays (every record, its
// date and kind, so the weekly counts) and what goes (alias, notes, participants, support team,
// reasons, revisions) is read back from the database; the counts from `/caseload week`.
import { beforeEach, describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/db/dates.js';
import { ERASE_CALLBACK_ID, ERASE_FORM } from '../../src/features/privacy/ids.js';
import { importSheet } from '../../src/import/apply.js';
import { readSheet } from '../../src/import/read.js';
import { translator } from '../../src/i18n/index.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { ADMIN, useTestBot } from '../support/test-bot.js';
import { MANAGER, NOW, WORKER_A, seedReportWorld, type World } from './reports-fixtures.js';

const zh = translator('zh-CN');
const CHANNEL = 'C0ADMINS';
const ALIAS = '钱某乙';
/** What the erasure must remove, planted in every place it can be. */
const SECRET = '住在梅花碑12号';

describe('erasing a client’s personal data', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, NOW, { channels: [CHANNEL] });
  let world: World;
  let client: number;
  let other: number;

  beforeEach(async () => {
    world = await seedReportWorld(t.db.prisma);
    client = world.clients.A2!;
    other = world.clients.A1!;
    const prisma = t.db.prisma;
    const by = world.staff[WORKER_A]!;
    await prisma.client.update({
      where: { id: client },
      data: { notes: SECRET, policeName: '王警官', gridWorkerUserId: 'U0GRID01', volunteerName: '志愿者李', decisionDate: toDbDate('2026-02-20') },
    });
    const visit = await prisma.visit.findFirstOrThrow({ where: { clientId: client } });
    await prisma.visit.update({ where: { id: visit.id }, data: { notes: SECRET, participants: ['母亲张某', 'U0GRID01'] } });
    await prisma.urineTest.updateMany({ where: { clientId: client }, data: { notes: SECRET } });
    await prisma.checkIn.create({ data: { clientId: client, date: toDbDate('2026-03-03'), recordedById: by, notes: SECRET } });
    await prisma.absence.create({ data: { clientId: client, startsOn: toDbDate('2026-03-10'), endsOn: toDbDate('2026-03-11'), notes: SECRET, recordedById: by } });
    await prisma.clientStatusPeriod.create({
      data: { clientId: client, status: 'on_leave', startsOn: toDbDate('2026-03-15'), endsOn: toDbDate('2026-03-16'), reason: SECRET, recordedById: by },
    });
    await prisma.recordRevision.create({
      data: { entity: 'visit', entityId: visit.id, clientId: client, version: 1, change: 'edit', data: { notes: SECRET }, editedById: by, reason: SECRET },
    });
    await prisma.dailyPost.create({
      data: {
        communityId: world.meihua, localDate: toDbDate('2026-04-08'), kind: 'due_list', channelId: 'C0MEIHUA', state: 'posted', messageTs: '1.1',
        entries: [
          { clientId: other, caseNumber: 'MH-001', alias: '赵某甲', caseworkerUserId: WORKER_A, items: [] },
          { clientId: client, caseNumber: 'MH-002', alias: ALIAS, caseworkerUserId: WORKER_A, items: [] },
        ],
      },
    });
  });

  async function openErase(user: string, text = 'MH-002'): Promise<Json> {
    const { triggerId } = await app.driver.command(user, '/caseload', `erase ${text}`, CHANNEL);
    return app.driver.openedView(triggerId);
  }
  async function answer(user: string, text: string): Promise<string> {
    const { responseUrl } = await app.driver.command(user, '/caseload', text, CHANNEL);
    return String((await app.driver.reply(responseUrl)).text);
  }
  async function weekCounts(): Promise<unknown[]> {
    const replies: unknown[] = [];
    for (const text of ['week last', 'week', 'week 2026-W13']) {
      const { responseUrl } = await app.driver.command(MANAGER, '/caseload', text);
      replies.push((await app.driver.reply(responseUrl)).blocks);
    }
    return replies;
  }
  /** Everything stored about the client, the audit trail aside. */
  const stored = async () => {
    const prisma = t.db.prisma;
    const where = { clientId: client };
    return JSON.stringify([
      await prisma.client.findUniqueOrThrow({ where: { id: client } }),
      await prisma.visit.findMany({ where, orderBy: { id: 'asc' } }),
      await prisma.checkIn.findMany({ where, orderBy: { id: 'asc' } }),
      await prisma.urineTest.findMany({ where, orderBy: { id: 'asc' } }),
      await prisma.absence.findMany({ where, orderBy: { id: 'asc' } }),
      await prisma.clientStatusPeriod.findMany({ where, orderBy: { id: 'asc' } }),
      await prisma.recordRevision.findMany({ where, orderBy: { id: 'asc' } }),
      // What a due list says (a redraw after the erasure also touches when and what is done).
      (await prisma.dailyPost.findMany({ orderBy: { id: 'asc' } })).map((p) => p.entries),
    ]);
  };
  const valid = { [ERASE_FORM.caseNumber]: 'mh-002', [ERASE_FORM.basis]: 'court_order', [ERASE_FORM.reason]: '（2026）浙0102民初123号' };

  it('is for admins only: others are told so in their language, and nothing opens', async () => {
    for (const user of [WORKER_A, MANAGER]) {
      app.fake.clear();
      expect(await answer(user, 'erase MH-002')).toBe(zh('privacy.refused'));
      expect(app.fake.callsOf('views.open')).toEqual([]);
    }
    expect(await answer(ADMIN, 'erase MH-999')).toBe(zh('common.clientNotFound', { query: 'MH-999' }));
  });

  it('asks for the case number again, the legal basis and an explanation, naming what will go', async () => {
    const modal = await openErase(ADMIN, 'mh-002');
    expect(modal.callback_id).toBe(ERASE_CALLBACK_ID);
    expect(JSON.stringify(modal.blocks)).toContain(`MH-002 ${ALIAS}`);
    expect((modal.blocks as Json[]).filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['case_number', 'basis', 'reason']);
  });

  it('erases nothing when the case number typed does not match, or a field is missing', async () => {
    const before = await stored();
    const modal = await openErase(ADMIN);
    expect(await app.driver.refusal(ADMIN, modal, { ...valid, [ERASE_FORM.caseNumber]: 'MH-001' })).toEqual({ case_number: zh('privacy.erase.error.mismatch') });
    expect(await app.driver.refusal(ADMIN, modal, { ...valid, [ERASE_FORM.basis]: null, [ERASE_FORM.reason]: null })).toEqual({
      basis: zh('privacy.erase.error.basis'),
      reason: zh('privacy.erase.error.reason', { max: 500 }),
    });
    // A forged basis is no basis.
    expect(await app.driver.refusal(ADMIN, modal, { ...valid, [ERASE_FORM.basis]: 'whim' })).toEqual({ basis: zh('privacy.erase.error.basis') });
    expect(await stored()).toBe(before);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'client.erase' } })).toBe(0);
  });

  it('removes the alias, notes, participants, team, reasons and revisions; keeps every record and the weekly counts', async () => {
    const counts = await weekCounts();
    const prisma = t.db.prisma;
    const recordsBefore = [await prisma.visit.count(), await prisma.checkIn.count(), await prisma.urineTest.count(), await prisma.absence.count(), await prisma.clientStatusPeriod.count()];
    const otherBefore = JSON.stringify(await prisma.client.findUniqueOrThrow({ where: { id: other } }));
    // A confirmation Slack has not taken yet (due again in an hour) names the client.
    const pending = await prisma.confirmation.create({
      data: { userId: ADMIN, text: `MH-002 ${ALIAS}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `MH-002 ${ALIAS}` } }], createdAt: NOW, nextAttemptAt: new Date(NOW.getTime() + 3_600_000) },
    });

    const modal = await openErase(ADMIN);
    app.fake.clear();
    await app.driver.accepted(ADMIN, modal, valid);
    const placeholder = `已删除-${client}`;
    const told = await app.fake.waitFor('chat.postEphemeral', (c) => c.args.user === ADMIN);
    expect(told.args.text).toBe(zh('privacy.erase.done', { caseNumber: 'MH-002', alias: placeholder }));

    const row = await prisma.client.findUniqueOrThrow({ where: { id: client } });
    expect(row).toMatchObject({
      caseNumber: 'MH-002', alias: placeholder, aliasPinyin: '', aliasInitials: '', notes: null,
      policeUserId: null, policeName: null, gridWorkerUserId: null, gridWorkerName: null, volunteerUserId: null, volunteerName: null,
      communityId: world.meihua, program: 'community_rehab', status: 'active',
    });
    expect(row.erasedAt).toEqual(NOW);
    expect(await stored()).not.toContain(SECRET);
    expect(await stored()).not.toContain(ALIAS);
    expect(await stored()).not.toContain('母亲张某');
    expect(await prisma.recordRevision.count({ where: { clientId: client } })).toBe(0);
    expect(await prisma.confirmation.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ text: `MH-002 ${placeholder}` });
    expect((await prisma.clientStatusPeriod.findMany({ where: { clientId: client } })).map((p) => [p.reason, p.receivingPlace])).toEqual([['（已删除）', null]]);
    // The records stay, with their dates, kinds and results.
    expect([await prisma.visit.count(), await prisma.checkIn.count(), await prisma.urineTest.count(), await prisma.absence.count(), await prisma.clientStatusPeriod.count()]).toEqual(recordsBefore);
    expect((await prisma.urineTest.findMany({ where: { clientId: client }, orderBy: { date: 'asc' } })).map((u) => u.result)).toEqual(['negative', 'positive']);
    // The due list posted today names the client by its placeholder; the other line is untouched.
    const post = await prisma.dailyPost.findFirstOrThrow();
    expect((post.entries as Json[]).map((e) => e.alias)).toEqual(['赵某甲', placeholder]);
    const redrawn = JSON.stringify((await app.fake.waitFor('chat.update', (c) => c.args.ts === '1.1')).args);
    expect(redrawn).toContain(placeholder);
    expect(redrawn).not.toContain(ALIAS);
    expect(JSON.stringify(await prisma.client.findUniqueOrThrow({ where: { id: other } }))).toBe(otherBefore);

    expect(await weekCounts()).toEqual(counts);

    // Audited with the basis as a code and the explanation's length, never its text or the old values.
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: 'client.erase' } });
    expect(entry).toMatchObject({ actor: ADMIN, entity: 'client', entityId: String(client), communityId: world.meihua });
    expect(entry.detail).toMatchObject({ clientId: client, basis: 'court_order', reasonLength: valid.reason.length, visits: 1, revisions: 1, posts: 1 });
    const trail = JSON.stringify((await prisma.auditLog.findMany()).map((a) => a.detail));
    for (const gone of [valid.reason, SECRET, ALIAS]) expect(trail).not.toContain(gone);

    // Shown by its placeholder: the status card, search.
    const { responseUrl } = await app.driver.command(MANAGER, '/caseload', 'status MH-002');
    const card = JSON.stringify(await app.driver.reply(responseUrl));
    expect(card).toContain(placeholder);
    expect(card).not.toContain(ALIAS);
  });

  it('cannot erase a client twice: the command says when it was, and a second submission is refused', async () => {
    const first = await openErase(ADMIN);
    const second = await openErase(ADMIN);
    await app.driver.accepted(ADMIN, first, valid);
    const after = await stored();
    const already = zh('privacy.erase.already', { client: `MH-002 已删除-${client}`, date: '2026-04-08' });
    expect(await app.driver.refusal(ADMIN, second, valid)).toEqual({ case_number: already });
    expect(await answer(ADMIN, 'erase MH-002')).toBe(already);
    expect(await stored()).toBe(after);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'client.erase' } })).toBe(1);
  });

  it('cannot be undone by importing an old roster: the alias and team are refused, the exported placeholder is not', async () => {
    // Reported in on its term start, as an imported roster says.
    await t.db.prisma.client.update({ where: { id: client }, data: { reportedOn: toDbDate('2026-03-02') } });
    await app.driver.accepted(ADMIN, await openErase(ADMIN), valid);
    const after = await stored();
    const load = async (row: string) => {
      const read = await readSheet(Buffer.from(`档案号,化名,社区,类别,报到日期,期限（月）,专干,民警\n${row}\n`, 'utf8'));
      if (!read.ok) throw new Error(read.reason);
      return importSheet(t.db.prisma, { kind: 'clients', sheet: read.sheet, fileName: 'roster.csv', actor: ADMIN, today: '2026-04-08', dryRun: false });
    };
    const placeholder = `已删除-${client}`;
    for (const row of [`MH-002,${ALIAS},梅花碑社区,社区康复,2026-03-02,36,${WORKER_A},`, `MH-002,${placeholder},梅花碑社区,社区康复,2026-03-02,36,${WORKER_A},王警官`]) {
      const result = await load(row);
      expect(result.ok ? [] : result.problems.map(({ column, key, params }) => ({ column, key, params }))).toEqual([
        { column: '化名', key: 'privacy.import.erased', params: { alias: placeholder } },
      ]);
    }
    expect(await load(`MH-002,${placeholder},梅花碑社区,社区康复,2026-03-02,36,${WORKER_A},`)).toMatchObject({ ok: true, counts: { unchanged: 1 } });
    expect(await stored()).toBe(after);
  });
});
