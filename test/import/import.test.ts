// The file import, called as the CLI calls it: a file's bytes read, planned and applied to a
// migrated database. Files are built in the test: GBK bytes with iconv-lite, XLSX with exceljs.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fromDbDate } from '../../src/db/dates.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { loadDueClients } from '../../src/features/due-lists/facts.js';
import { checkFlags } from '../../src/features/legal-flags/check.js';
import { importSheet, type ImportResult } from '../../src/import/apply.js';
import { IMPORT_REASON } from '../../src/import/clients.js';
import type { Kind } from '../../src/import/headers.js';
import { readSheet, type Encoding } from '../../src/import/read.js';
import { importReport } from '../../src/import/report.js';
import { useTestDatabase } from '../support/db.js';

const t = useTestDatabase();
const TODAY = '2026-03-20';

async function importBytes(kind: Kind, bytes: Uint8Array, options: { dryRun?: boolean; encoding?: Encoding; fileName?: string } = {}): Promise<ImportResult> {
  const read = await readSheet(bytes, options.encoding);
  if (!read.ok) throw new Error(`unreadable: ${read.reason}`);
  return importSheet(t.db.prisma, {
    kind,
    sheet: read.sheet,
    fileName: options.fileName ?? `/home/someone/${kind}.csv`,
    actor: 'cli:tester',
    today: TODAY,
    dryRun: options.dryRun ?? false,
  });
}

const csv = (text: string) => Buffer.from(text, 'utf8');

const COMMUNITIES = '名称,代码,频道ID\n梅花碑,330102001,C0MEIHUA\n大学路,,\n';
const STAFF = 'Slack用户ID,姓名,社区,角色\nU0XUJIAN,徐坚,梅花碑,专干\nU0WANG,王芳,大学路,负责人\nU0XUJIAN,徐坚,大学路,\n';
const CLIENTS =
  '档案号,化名,社区,类别,报到日期,原报到日期,期限（月）,状态,专干,决定日期,最近走访,最近报到,最近尿检,民警\n' +
  'MHB-001,赵某甲,梅花碑,社区康复,2025-03-01,,24,在册,徐坚,2025/2/20,2026年3月2日,2026.3.5,2026/3/5,U0POLICE\n' +
  'MHB-002,钱某乙,梅花碑,社区戒毒,2026/1/5,,,,U0XUJIAN,,,,,李警官\n' +
  'DXL-003,孙某丙,大学路,community_rehab,2026.2.1,2025年8月1日,12,active,徐坚,,,,,\n';

async function setUp(): Promise<void> {
  expect(await importBytes('communities', csv(COMMUNITIES))).toMatchObject({ ok: true });
  expect(await importBytes('staff', csv(STAFF))).toMatchObject({ ok: true });
}

describe('npm run import', () => {
  it('imports communities, staff and clients from UTF-8 CSV with Chinese headers and mixed date formats', async () => {
    expect(await importBytes('communities', csv(COMMUNITIES))).toEqual({ ok: true, dryRun: false, counts: { created: 2, updated: 0, unchanged: 0 }, ignored: [] });
    expect(await importBytes('staff', csv(STAFF))).toEqual({ ok: true, dryRun: false, counts: { created: 2, updated: 1, unchanged: 0 }, ignored: [] });
    expect(await importBytes('clients', csv(CLIENTS))).toEqual({ ok: true, dryRun: false, counts: { created: 3, updated: 0, unchanged: 0 }, ignored: [] });

    const meihua = await t.db.prisma.community.findUniqueOrThrow({ where: { name: '梅花碑' } });
    expect(meihua).toMatchObject({ code: '330102001', channelId: 'C0MEIHUA' });
    const xu = await t.db.prisma.staff.findUniqueOrThrow({ where: { slackUserId: 'U0XUJIAN' }, include: { memberships: true } });
    expect(xu).toMatchObject({ displayName: '徐坚', role: 'worker' });
    expect(xu.memberships).toHaveLength(2);
    expect((await t.db.prisma.staff.findUniqueOrThrow({ where: { slackUserId: 'U0WANG' } })).role).toBe('manager');

    const clients = await t.db.prisma.client.findMany({ orderBy: { id: 'asc' }, include: { checkIns: true } });
    const [a, b, c] = clients;
    expect(a).toMatchObject({ caseNumber: 'MHB-001', alias: '赵某甲', aliasPinyin: 'zhaomoujia', aliasInitials: 'zmj', program: 'community_rehab', termMonths: 24, policeUserId: 'U0POLICE', createdBy: 'cli:tester' });
    expect(fromDbDate(a!.termStart)).toBe('2025-03-01');
    expect(fromDbDate(a!.plannedTermEnd)).toBe('2027-02-28');
    expect(fromDbDate(a!.decisionDate!)).toBe('2025-02-20');
    expect([a!.priorVisitOn, a!.priorCheckInOn, a!.priorTestOn].map((d) => fromDbDate(d!))).toEqual(['2026-03-02', '2026-03-05', '2026-03-05']);
    expect(b).toMatchObject({ program: 'community_treatment', termMonths: 36, policeName: '李警官', policeUserId: null });
    // A transfer: the term continues from the original report-in; the report-in here is the first check-in.
    expect(fromDbDate(c!.termStart)).toBe('2025-08-01');
    expect(fromDbDate(c!.reportedOn!)).toBe('2026-02-01');
    for (const client of clients) {
      expect(fromDbDate(client.trackedFrom!)).toBe(TODAY);
      expect(client.checkIns.map((ci) => fromDbDate(ci.date))).toEqual([fromDbDate(client.reportedOn!)]);
    }
  });

  it('reads GBK-encoded CSV as Chinese Excel saves it, detected or named', async () => {
    const gbk = iconv.encode(COMMUNITIES, 'gbk');
    expect(await importBytes('communities', gbk, { dryRun: true })).toMatchObject({ ok: true, counts: { created: 2 } });
    expect(await importBytes('communities', gbk, { encoding: 'gb18030' })).toMatchObject({ ok: true, counts: { created: 2 } });
    expect((await t.db.prisma.community.findMany({ orderBy: { id: 'asc' } })).map((c) => c.name)).toEqual(['梅花碑', '大学路']);
  });

  it('reads UTF-8 with a BOM and English headers in any case', async () => {
    await importBytes('communities', csv('\ufeffName,Code,CHANNEL_ID\n梅花碑,,C0MEIHUA\n'));
    await importBytes('staff', csv('\ufeff slack_user_id ,NAME,community,role\nU0XUJIAN,徐坚,梅花碑,worker\n'));
    const result = await importBytes(
      'clients',
      csv('\ufeffcase_number,alias,community,program,start_date,term_months,status,caseworker,last_visit\nab-9,周某丁,梅花碑,community_rehab,2026/3/1,6,Active,U0XUJIAN,2026-03-10\n'),
    );
    expect(result).toMatchObject({ ok: true, counts: { created: 1 } });
    expect(await t.db.prisma.client.findFirstOrThrow()).toMatchObject({ caseNumber: 'ab-9', termMonths: 6 });
  });

  it('reads the first sheet of an XLSX file, date cells included', async () => {
    await setUp();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('对象');
    workbook.addWorksheet('其他').addRow(['ignored']);
    sheet.addRow(['案件编号', '化名', '社区', '类别', '报到日期', '期限(月)', '专干', '最近报到']);
    sheet.addRow(['X-1', '吴某戊', '梅花碑', '社区康复', new Date(Date.UTC(2026, 0, 15)), 12, '徐坚', '2026年3月1日']);
    sheet.addRow(['X-2', '郑某己', '大学路', '社区戒毒', '2026/2/1', null, 'U0XUJIAN', new Date(Date.UTC(2026, 2, 2))]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await importBytes('clients', bytes, { fileName: 'caseload.xlsx' })).toMatchObject({ ok: true, counts: { created: 2 } });
    const [x1, x2] = await t.db.prisma.client.findMany({ orderBy: { id: 'asc' } });
    expect(fromDbDate(x1!.reportedOn!)).toBe('2026-01-15');
    expect(x1!.termMonths).toBe(12);
    expect(fromDbDate(x2!.priorCheckInOn!)).toBe('2026-03-02');
  });

  it('reports every bad row with its line, column and reason, and writes nothing', async () => {
    await setUp();
    const file =
      '档案号,化名,社区,类别,报到日期,期限（月）,专干\n' +
      'OK-1,赵某甲,梅花碑,社区康复,2026-01-01,12,徐坚\n' +
      'OK-2,钱某乙,梅花碑,社区康复,2026/13/01,12,徐坚\n' +
      '\n' +
      'OK-3,孙某丙,不存在,社区康复,2026-01-01,12,徐坚\n' +
      'OK-4,李某丁,梅花碑,社区戒毒,2026-01-01,24,徐坚\n' +
      'OK-5,周某戊,梅花碑,社区康复,2026-02-01,6,徐坚\n';
    const result = await importBytes('clients', csv(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(({ line, column, key }) => ({ line, column, key }))).toEqual([
      { line: 3, column: '报到日期', key: 'import.error.date' },
      { line: 5, column: '社区', key: 'import.error.community.unknown' },
      { line: 6, column: '期限（月）', key: 'clients.intake.error.termMonths.treatment' },
    ]);
    expect(await t.db.prisma.client.count()).toBe(0);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'import.clients' } })).toBe(0);
    const zh = importReport('zh-CN', 'clients', result).split('\n');
    expect(zh[0]).toBe('帮教对象导入被拒绝：3 行有问题（共 3 处），没有写入任何数据。请改正后重新导入。');
    expect(zh[1]).toBe('第 3 行，报到日期：“2026/13/01”不是有效日期。请写成 2026-03-01、2026/3/1、2026.3.1 或 2026年3月1日。');
    expect(importReport('en', 'clients', result).split('\n')[2]).toMatch(/^Line 5, 社区: No community is named "不存在"/);
  });

  it('refuses missing and duplicate columns on line 1; ignores unknown ones and names them', async () => {
    const result = await importBytes('communities', csv('社区名,代码,序号\n梅花碑,1,1\n'));
    expect(result).toEqual({ ok: false, problems: [{ line: 1, column: '名称', key: 'import.error.header.missing' }], ignored: ['社区名', '序号'] });
    expect(importReport('zh-CN', 'communities', result).split('\n').slice(1)).toEqual(['已忽略不认识的列：社区名、序号（支持的列名见 README）', '第 1 行，名称：缺少这一必填列。']);
    expect(await importBytes('communities', csv('名称,社区,代码\n梅花碑,大学路,1\n'))).toEqual({
      ok: false,
      problems: [{ line: 1, column: '社区', key: 'import.error.header.duplicate' }],
      ignored: [],
    });
  });

  it('a second import of the same file changes nothing and says so; a changed alias is an update', async () => {
    await setUp();
    await importBytes('clients', csv(CLIENTS));
    const before = await t.db.prisma.client.findMany({ orderBy: { id: 'asc' } });
    const again = await importBytes('clients', csv(CLIENTS));
    expect(again).toEqual({ ok: true, dryRun: false, counts: { created: 0, updated: 0, unchanged: 3 }, ignored: [] });
    expect(importReport('en', 'clients', again).split('\n')[0]).toBe('Clients imported: nothing changed (0 created, 0 updated, 3 unchanged).');
    expect(await importBytes('communities', csv(COMMUNITIES))).toMatchObject({ counts: { created: 0, updated: 0, unchanged: 2 } });
    expect(await importBytes('staff', csv(STAFF))).toMatchObject({ counts: { created: 0, updated: 0, unchanged: 3 }, ignored: [] });
    expect(await t.db.prisma.client.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await t.db.prisma.checkIn.count()).toBe(3);

    const renamed = await importBytes('clients', csv(CLIENTS.replace('赵某甲', '赵某乙')));
    expect(renamed).toMatchObject({ counts: { created: 0, updated: 1, unchanged: 2 } });
    // Case numbers are one file whatever their letter case.
    expect(await importBytes('clients', csv(CLIENTS.replace('MHB-002', 'mhb-002')))).toMatchObject({ counts: { created: 0 } });
    // The term is not a file's to change.
    const moved = await importBytes('clients', csv(CLIENTS.replace('2026/1/5', '2026/1/6')));
    expect(moved).toMatchObject({ ok: false, problems: [{ line: 3, column: '报到日期', key: 'import.error.client.fixed' }] });
  });

  it('a dry run reports what would change and writes nothing', async () => {
    await setUp();
    const audits = await t.db.prisma.auditLog.count();
    expect(await importBytes('clients', csv(CLIENTS), { dryRun: true })).toEqual({ ok: true, dryRun: true, counts: { created: 3, updated: 0, unchanged: 0 }, ignored: [] });
    expect(await t.db.prisma.client.count()).toBe(0);
    expect(await t.db.prisma.checkIn.count()).toBe(0);
    expect(await t.db.prisma.auditLog.count()).toBe(audits);
    expect(importReport('zh-CN', 'clients', { ok: true, dryRun: true, counts: { created: 3, updated: 0, unchanged: 0 }, ignored: [] })).toBe(
      '试运行，未写入任何数据。帮教对象：将新建 3，将更新 0，不变 0。',
    );
  });

  it('imported clients raise no legal flag for the time before the import', async () => {
    await setUp();
    // A year and more in the term, no test on record: followed from today, nothing is missed yet.
    await importBytes('clients', csv(CLIENTS));
    const outcome = await checkFlags(t.db.prisma, DEFAULT_RULES, TODAY);
    expect(outcome.raised).toBe(0);
    expect(await t.db.prisma.legalFlagNotice.count()).toBe(0);
    // The same clients followed from their term start would be flagged for the tests missed before.
    await t.db.prisma.client.updateMany({ data: { trackedFrom: null, priorTestOn: null } });
    await t.db.prisma.$executeRaw`INSERT INTO "FlagCheck" ("clientId") SELECT id FROM "Client" ON CONFLICT ("clientId") DO UPDATE SET "checkOn" = NULL`;
    expect((await checkFlags(t.db.prisma, DEFAULT_RULES, TODAY)).raised).toBeGreaterThan(0);
  });

  // A sub-district's roster as Chinese Excel saves it: every status, the columns it carries for
  // its own use (序号, 备注) and the status period's columns.
  const ROSTER =
    '序号,档案号,化名,社区,类别,报到日期,期限（月）,状态,状态起始,请假至,接收地,终止原因,专干,决定日期,备注\n' +
    '1,S-1,赵某甲,梅花碑,社区康复,2025-06-01,24,在册,,,,,徐坚,,按时报到\n' +
    '2,S-2,钱某乙,梅花碑,社区康复,2025-06-01,24,外出请假,2026-03-01,2026-04-15,,,徐坚,,外出务工\n' +
    '3,S-3,孙某丙,梅花碑,社区戒毒,2025-01-10,,中止,2026-02-01,,,,徐坚,,\n' +
    '4,S-4,李某丁,梅花碑,社区康复,2025-09-01,24,转出,2026-01-15,,西湖区北山街道,,徐坚,,\n' +
    '5,S-5,周某戊,梅花碑,社区康复,2024-05-01,12,期满解除,2025-05-01,,,,徐坚,,\n' +
    '6,S-6,吴某己,梅花碑,社区戒毒,2025-04-01,,终止,,,,判处刑罚,徐坚,,\n' +
    '7,S-7,郑某庚,梅花碑,社区戒毒,,,未报到,,,,,徐坚,2026-03-10,\n' +
    '8,S-8,王某辛,梅花碑,社区康复,2025-06-01,24,请假,2024-01-01,,,,徐坚,,\n';

  it('imports a roster of every status from GBK CSV: each client with its status and period, no flag, nothing due of a closed file', async () => {
    await setUp();
    const result = await importBytes('clients', iconv.encode(ROSTER, 'gbk'));
    expect(result).toEqual({ ok: true, dryRun: false, counts: { created: 8, updated: 0, unchanged: 0 }, ignored: ['序号', '备注'] });
    expect(importReport('zh-CN', 'clients', result).split('\n')[1]).toBe('已忽略不认识的列：序号、备注（支持的列名见 README）');
    expect(importReport('en', 'clients', result).split('\n')[1]).toBe('Ignored unknown columns: 序号, 备注 (the README lists the names supported).');

    const xu = await t.db.prisma.staff.findUniqueOrThrow({ where: { slackUserId: 'U0XUJIAN' } });
    const clients = await t.db.prisma.client.findMany({ orderBy: { caseNumber: 'asc' }, include: { statusPeriods: true, checkIns: true } });
    const day = (d: Date | null) => (d ? fromDbDate(d) : null);
    expect(
      clients.map((c) => [
        c.caseNumber,
        c.status,
        c.awaitingReportIn,
        ...c.statusPeriods.map((p) => ({ status: p.status, startsOn: day(p.startsOn), endsOn: day(p.endsOn), receivingPlace: p.receivingPlace, terminationReason: p.terminationReason })),
      ]),
    ).toEqual([
      ['S-1', 'active', false],
      ['S-2', 'on_leave', false, { status: 'on_leave', startsOn: '2026-03-01', endsOn: '2026-04-15', receivingPlace: null, terminationReason: null }],
      ['S-3', 'suspended', false, { status: 'suspended', startsOn: '2026-02-01', endsOn: null, receivingPlace: null, terminationReason: null }],
      ['S-4', 'transferred_out', false, { status: 'transferred_out', startsOn: '2026-01-15', endsOn: null, receivingPlace: '西湖区北山街道', terminationReason: null }],
      ['S-5', 'completed', false, { status: 'completed', startsOn: '2025-05-01', endsOn: null, receivingPlace: null, terminationReason: null }],
      // No start given: the import day.
      ['S-6', 'terminated', false, { status: 'terminated', startsOn: TODAY, endsOn: null, receivingPlace: null, terminationReason: 'prison_sentence' }],
      ['S-7', 'active', true],
      // Leave without a return date is taken; a start before the term is the term's start.
      ['S-8', 'on_leave', false, { status: 'on_leave', startsOn: '2025-06-01', endsOn: null, receivingPlace: null, terminationReason: null }],
    ]);
    for (const period of clients.flatMap((c) => c.statusPeriods)) {
      expect(period).toMatchObject({ previousStatus: 'active', reason: IMPORT_REASON, recordedById: xu.id });
    }
    // Not reported in yet: registered on the decision, with no report-in and so no check-in.
    const awaiting = clients.find((c) => c.caseNumber === 'S-7')!;
    expect(awaiting).toMatchObject({ reportedOn: null, trackedFrom: null });
    expect(fromDbDate(awaiting.termStart)).toBe('2026-03-10');
    expect(awaiting.checkIns).toEqual([]);
    // The notes column is not read: notes never come from a file.
    expect(clients.every((c) => c.notes === null)).toBe(true);

    expect((await checkFlags(t.db.prisma, DEFAULT_RULES, TODAY)).raised).toBe(0);
    expect(await t.db.prisma.legalFlagNotice.count()).toBe(0);
    // A closed file (转出, 解除, 终止) and one not reported in are on no due list.
    const due = await loadDueClients(t.db.prisma, [clients[0]!.communityId], TODAY, DEFAULT_RULES);
    expect(due.map((c) => c.caseNumber).sort()).toEqual(['S-1', 'S-2', 'S-3', 'S-8']);

    // The same roster again changes nothing; a status or its start differing from the file is Slack's to change.
    expect(await importBytes('clients', iconv.encode(ROSTER, 'gbk'))).toMatchObject({ ok: true, counts: { created: 0, updated: 0, unchanged: 8 } });
    const changed = ROSTER.replace('中止,2026-02-01', '中止,2026-02-02').replace('S-1,赵某甲,梅花碑,社区康复,2025-06-01,24,在册', 'S-1,赵某甲,梅花碑,社区康复,2025-06-01,24,请假');
    expect(await importBytes('clients', iconv.encode(changed, 'gbk'))).toMatchObject({
      ok: false,
      problems: [
        { line: 2, column: '状态', key: 'import.error.client.fixed' },
        { line: 4, column: '状态起始', key: 'import.error.client.fixed' },
      ],
    });
  });

  it('refuses a bad status or status column with its line and column, and writes nothing', async () => {
    await setUp();
    const file =
      '档案号,化名,社区,类别,报到日期,期限（月）,状态,状态起始,请假至,接收地,终止原因,专干,决定日期\n' +
      'B-1,赵某甲,梅花碑,社区康复,2025-06-01,24,休眠,,,,,徐坚,\n' +
      'B-2,钱某乙,梅花碑,社区康复,2025-06-01,24,请假,2026-03-21,,,,徐坚,\n' +
      'B-3,孙某丙,梅花碑,社区康复,2025-06-01,24,请假,2026-03-10,2026-03-05,,,徐坚,\n' +
      'B-4,李某丁,梅花碑,社区康复,2025-06-01,24,在册,,,西湖区,,徐坚,\n' +
      'B-5,周某戊,梅花碑,社区戒毒,,,未报到,,,,,徐坚,\n' +
      'B-6,吴某己,梅花碑,社区戒毒,2025-04-01,,终止,,,,病故,徐坚,\n' +
      'B-7,郑某庚,梅花碑,社区戒毒,2026-03-12,,未报到,,,,,徐坚,2026-03-10\n' +
      'B-8,王某辛,梅花碑,社区康复,2025-06-01,24,在册,,2026-04-01,,,徐坚,\n' +
      'B-9,冯某壬,梅花碑,社区康复,2025-06-01,24,中止,2026-01-01,2026-02-01,,,徐坚,\n' +
      'B-10,陈某癸,梅花碑,社区康复,2025-06-01,24,在册,,,,,徐坚,\n';
    const result = await importBytes('clients', csv(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(({ line, column, key }) => ({ line, column, key }))).toEqual([
      { line: 2, column: '状态', key: 'import.error.status' },
      { line: 3, column: '状态起始', key: 'import.error.statusFrom.future' },
      { line: 4, column: '请假至', key: 'import.error.statusUntil.before' },
      { line: 5, column: '接收地', key: 'import.error.receivingPlace.only' },
      { line: 6, column: '决定日期', key: 'clients.intake.error.notReportedYet.decision' },
      { line: 7, column: '终止原因', key: 'import.error.terminationReason' },
      { line: 8, column: '报到日期', key: 'import.error.awaiting.startDate' },
      { line: 9, column: '请假至', key: 'import.error.statusUntil.only' },
      { line: 10, column: '请假至', key: 'import.error.statusUntil.past' },
    ]);
    expect(await t.db.prisma.client.count()).toBe(0);
    expect(await t.db.prisma.clientStatusPeriod.count()).toBe(0);
    const zh = importReport('zh-CN', 'clients', result).split('\n');
    expect(zh).toContain('第 2 行，状态：不认识的状态“休眠”。状态须为 在册、请假、中止、转出、期满解除、终止 或 未报到（active、on_leave、suspended、transferred_out、completed、terminated、awaiting_report_in），留空即在册。');
    expect(zh).toContain('第 3 行，状态起始：状态起始不能晚于今天（2026-03-20）。');
    expect(zh).toContain('第 4 行，请假至：早于状态起始日期 2026-03-10。');
    expect(importReport('en', 'clients', result).split('\n')).toContain('Line 5, 接收地: Only a client transferred out has a receiving place.');
  });

  it('audits each import with one row: who, what, the file name and the counts', async () => {
    await importBytes('communities', csv(COMMUNITIES), { fileName: '/home/someone/私人/社区.csv' });
    await importBytes('communities', csv(COMMUNITIES), { fileName: '/home/someone/私人/社区.csv' });
    const rows = await t.db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => ({ actor: r.actor, action: r.action, detail: r.detail }))).toEqual([
      { actor: 'cli:tester', action: 'import.communities', detail: { file: '社区.csv', created: 2, updated: 0, unchanged: 0 } },
      { actor: 'cli:tester', action: 'import.communities', detail: { file: '社区.csv', created: 0, updated: 0, unchanged: 2 } },
    ]);
  });
});
