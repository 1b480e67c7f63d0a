// The legal-flag check on its own, against the database and without Slack: which notices it
// raises for the clients listed in FlagCheck, what each says, how a notice follows its record
// being undone and restored (withdrawn silently before it was posted, corrected after), and which
// clients it leaves listed for another day. The posting and the bot are tested in legal-flags.test.ts.
import { describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/db/dates.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { checkFlags } from '../../src/features/legal-flags/check.js';
import { useTestDatabase } from '../support/db.js';
import { W1, client, community, staff } from './due-fixtures.js';

const TODAY = '2026-11-21';

describe('the legal-flag check', () => {
  const t = useTestDatabase();
  const prisma = () => t.db.prisma;

  /** 社区戒毒 from 2026-10-01, monthly test windows; October's closed by a negative test. */
  async function seedClient(caseNumber = 'MH-010', tests: { date: string; result: 'negative' | 'positive' | 'refused' }[] = []) {
    const meihua = (await prisma().community.findFirst({ where: { name: '梅花碑社区' } }))?.id ?? (await community(prisma(), '梅花碑社区', 'C0MEIHUA'));
    const w1 = (await prisma().staff.findFirst({ where: { slackUserId: W1 } }))?.id ?? (await staff(prisma(), W1, 'worker', [meihua]));
    return client(prisma(), {
      caseNumber, alias: '冯某壬', communityId: meihua, caseworkerId: w1, termStart: '2026-10-01',
      visits: ['2026-11-02'], checkIns: ['2026-11-02'], tests: [{ date: '2026-10-05', result: 'negative' }, ...tests],
    });
  }
  const notices = () => prisma().legalFlagNotice.findMany({ orderBy: { id: 'asc' } });
  const listed = () => prisma().flagCheck.findMany({ orderBy: { clientId: 'asc' } });
  const undo = (clientId: number, date: string) =>
    prisma().urineTest.updateMany({ where: { clientId, date: toDbDate(date) }, data: { deletedAt: new Date() } });
  const restore = (clientId: number, date: string) =>
    prisma().urineTest.updateMany({ where: { clientId, date: toDbDate(date) }, data: { deletedAt: null } });

  it('raises one pending notice for a positive test, saying the test date, and leaves the client listed for the day its window would be missed', async () => {
    const id = await seedClient('MH-010', [{ date: '2026-11-20', result: 'positive' }]);
    expect(await checkFlags(prisma(), DEFAULT_RULES, TODAY)).toEqual({ raised: 1, withdrawn: 0, checked: 1 });
    const [notice, ...others] = await notices();
    expect(others).toEqual([]);
    expect(notice).toMatchObject({ clientId: id, kind: 'mustReport', key: 'positive:2026-11-20', raisedOn: toDbDate('2026-11-20'), state: 'pending' });
    expect(notice!.detail).toEqual({ testDate: '2026-11-20' });
    // November's window was closed by the test; December's is open until its end.
    expect(await listed()).toMatchObject([{ clientId: id, checkOn: toDbDate('2027-01-01') }]);

    // Nothing changed: not checked again before that day, and never raised twice.
    expect(await checkFlags(prisma(), DEFAULT_RULES, TODAY)).toEqual({ raised: 0, withdrawn: 0, checked: 0 });
    expect(await checkFlags(prisma(), DEFAULT_RULES, '2027-01-01')).toEqual({ raised: 0, withdrawn: 0, checked: 1 });
    expect(await notices()).toHaveLength(1);
  });

  it('withdraws a notice never posted silently, and one posted with a correction to send', async () => {
    const quiet = await seedClient('MH-010', [{ date: '2026-11-20', result: 'positive' }]);
    const told = await seedClient('MH-011', [{ date: '2026-11-19', result: 'positive' }]);
    await checkFlags(prisma(), DEFAULT_RULES, TODAY);
    await prisma().legalFlagNotice.updateMany({ where: { clientId: told }, data: { state: 'posted', channelId: 'C0MANAGERS', messageTs: '1.1', postedAt: new Date(), claimedAt: new Date() } });

    await undo(quiet, '2026-11-20');
    await undo(told, '2026-11-19');
    expect(await checkFlags(prisma(), DEFAULT_RULES, TODAY)).toEqual({ raised: 0, withdrawn: 2, checked: 2 });
    const [a, b] = await notices();
    expect(a).toMatchObject({ clientId: quiet, state: 'retracted', claimedAt: null });
    expect(b).toMatchObject({ clientId: told, state: 'retracting', messageTs: '1.1', claimedAt: null });
    expect(a!.retractedAt).toBeInstanceOf(Date);
    expect(b!.retractedAt).toBeInstanceOf(Date);

    // A withdrawn notice is not withdrawn again.
    await prisma().$executeRaw`UPDATE "FlagCheck" SET "checkOn" = NULL`;
    await prisma().$executeRaw`INSERT INTO "FlagCheck" ("clientId") VALUES (${quiet}), (${told}) ON CONFLICT DO NOTHING`;
    expect(await checkFlags(prisma(), DEFAULT_RULES, TODAY)).toEqual({ raised: 0, withdrawn: 0, checked: 2 });
  });

  it('keeps the message of a notice restored before its correction went out, and posts anew one restored after', async () => {
    const pendingCorrection = await seedClient('MH-010', [{ date: '2026-11-20', result: 'positive' }]);
    const corrected = await seedClient('MH-011', [{ date: '2026-11-19', result: 'positive' }]);
    await checkFlags(prisma(), DEFAULT_RULES, TODAY);
    await prisma().legalFlagNotice.updateMany({ data: { state: 'posted', channelId: 'C0MANAGERS', messageTs: '1.1', postedAt: new Date() } });
    await undo(pendingCorrection, '2026-11-20');
    await undo(corrected, '2026-11-19');
    await checkFlags(prisma(), DEFAULT_RULES, TODAY);
    await prisma().legalFlagNotice.updateMany({ where: { clientId: corrected }, data: { state: 'retracted', correctionTs: '1.2' } });

    await restore(pendingCorrection, '2026-11-20');
    await restore(corrected, '2026-11-19');
    expect(await checkFlags(prisma(), DEFAULT_RULES, TODAY)).toEqual({ raised: 1, withdrawn: 0, checked: 2 });
    const [a, b] = await notices();
    expect(a).toMatchObject({ clientId: pendingCorrection, state: 'posted', messageTs: '1.1', retractedAt: null });
    expect(b).toMatchObject({
      clientId: corrected, state: 'pending', messageTs: null, channelId: null, correctionTs: null, claimedAt: null, postedAt: null, retractedAt: null,
    });
  });

  it('names the missed and refused dates of a serious violation', async () => {
    // Three refusals in the term make it serious (《戒毒条例》 Art. 20 (一)).
    const refusals = ['2026-11-03', '2026-12-02', '2027-01-04'];
    const id = await seedClient('MH-010', refusals.map((date) => ({ date, result: 'refused' as const })));
    await checkFlags(prisma(), DEFAULT_RULES, '2027-01-05');
    const [notice, ...others] = await notices();
    expect(others).toEqual([]);
    expect(notice).toMatchObject({ clientId: id, kind: 'seriousViolation', key: 'serious:2027-01-04', raisedOn: toDbDate('2027-01-04'), state: 'pending' });
    expect(notice!.detail).toEqual({ dates: refusals });
  });

  it('checks every listed client, however many, and stops between batches once told to', async () => {
    const meihua = await community(prisma(), '梅花碑社区', 'C0MEIHUA');
    const w1 = await staff(prisma(), W1, 'worker', [meihua]);
    await prisma().client.createMany({
      data: Array.from({ length: 201 }, (_, i) => ({
        caseNumber: `MH-${i}`, alias: '某', communityId: meihua, program: 'community_treatment' as const, caseworkerId: w1,
        termStart: toDbDate('2026-10-01'), plannedTermEnd: toDbDate('2028-10-01'), createdBy: 'U0ADMIN01',
      })),
    });
    // Each new client is listed (by a trigger) to be checked at once.
    expect(await listed()).toHaveLength(201);
    const stopped = new AbortController();
    stopped.abort();
    expect(await checkFlags(prisma(), DEFAULT_RULES, TODAY, stopped.signal)).toEqual({ raised: 0, withdrawn: 0, checked: 0 });
    expect(await checkFlags(prisma(), DEFAULT_RULES, TODAY)).toMatchObject({ checked: 201 });
  });

  it('raises a violation for absences over 30 days, and counts a test given at intake as closing its window', async () => {
    const id = await seedClient('MH-010');
    const w1 = (await prisma().staff.findFirstOrThrow()).id;
    await prisma().absence.create({ data: { clientId: id, startsOn: toDbDate('2026-10-10'), endsOn: toDbDate('2026-11-15'), recordedById: w1 } });
    // Two refusals, and October's window closed only by the test given at intake: not serious.
    const intake = await seedClient('MH-011', [{ date: '2026-11-03', result: 'refused' }, { date: '2026-12-02', result: 'refused' }]);
    await prisma().urineTest.deleteMany({ where: { clientId: intake, date: toDbDate('2026-10-05') } });
    await prisma().client.update({ where: { id: intake }, data: { priorTestOn: toDbDate('2026-10-05') } });
    await checkFlags(prisma(), DEFAULT_RULES, '2027-01-05');
    const all = await notices();
    expect(all.map((n) => [n.clientId, n.kind])).toEqual([[id, 'absenceViolation']]);
    expect(all[0]).toMatchObject({ key: 'absence:2026-11-09', raisedOn: toDbDate('2026-11-09') });
    expect(all[0]!.detail).toEqual({ absences: 1, days: 31 });
  });

  it('updates what a notice says when its facts change under the same flag: the late report-in, once reported', async () => {
    const id = await seedClient('MH-010');
    await prisma().client.update({ where: { id }, data: { decisionDate: toDbDate('2026-09-01'), awaitingReportIn: true } });
    await checkFlags(prisma(), DEFAULT_RULES, '2026-09-20');
    expect((await notices())[0]).toMatchObject({ kind: 'lateReportIn', key: 'late-report-in', raisedOn: toDbDate('2026-09-17'), detail: { decisionDate: '2026-09-01', reportedOn: null } });

    await prisma().client.update({ where: { id }, data: { awaitingReportIn: false, termStart: toDbDate('2026-09-25') } });
    await prisma().$executeRaw`INSERT INTO "FlagCheck" ("clientId") VALUES (${id}) ON CONFLICT ("clientId") DO UPDATE SET "checkOn" = NULL`;
    expect(await checkFlags(prisma(), DEFAULT_RULES, '2026-09-26')).toMatchObject({ raised: 0, withdrawn: 0 });
    const [notice, ...others] = await notices();
    expect(others).toEqual([]);
    expect(notice!.detail).toEqual({ decisionDate: '2026-09-01', reportedOn: '2026-09-25' });
  });

  it('takes a client whose term is over off the list for good', async () => {
    const meihua = await community(prisma(), '梅花碑社区', 'C0MEIHUA');
    const w1 = await staff(prisma(), W1, 'worker', [meihua]);
    await client(prisma(), { caseNumber: 'MH-001', alias: '赵某甲', communityId: meihua, caseworkerId: w1, termStart: '2023-06-01' });
    expect(await checkFlags(prisma(), DEFAULT_RULES, TODAY)).toMatchObject({ checked: 1 });
    expect(await listed()).toEqual([]);
    expect(await checkFlags(prisma(), DEFAULT_RULES, TODAY)).toMatchObject({ checked: 0 });
  });
});
