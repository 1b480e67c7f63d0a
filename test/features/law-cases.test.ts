// The rules as the national texts state them — 《禁毒法》 arts. 33, 48 and 《戒毒条例》 arts. 14,
// 20, 22–24, 37–40 — one case each, written from the law rather than from the code, and each run
// through the modals of a running bot over signed HTTP: the intake, the check-in and visit
// forms, the absence form and the status form; checked on the status card and in
// MANAGERS_CHANNEL. Today is Friday 2026-12-04.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchFlags, type FlagWatch } from '../../src/jobs/flags.js';
import { translator } from '../../src/i18n/index.js';
import { block, buttonsOf, textsOf } from '../support/blocks.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { useTestBot } from '../support/test-bot.js';
import { W1, community, staff } from './due-fixtures.js';

const zh = translator('zh-CN');
const MANAGERS = 'C0MANAGERS';
const CHANNEL = 'C0MEIHUA';
/** Friday 2026-12-04, 10:00 in Asia/Shanghai. */
const NOW = new Date('2026-12-04T02:00:00Z');
const TODAY = '2026-12-04';

describe('the rules of the law, through the modals', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, NOW, { env: { MANAGERS_CHANNEL: MANAGERS }, channels: [MANAGERS, CHANNEL] });
  let watch: FlagWatch | undefined;

  beforeEach(async () => {
    const meihua = await community(t.db.prisma, '梅花碑社区', CHANNEL);
    await staff(t.db.prisma, W1, 'worker', [meihua]);
    watch = watchFlags(app.bot.ctx);
  });
  afterEach(async () => {
    await watch?.stop();
    expect(app.fake.problems).toEqual([]);
  });

  /** Registers through `/caseload client add`; answers the confirmation's text. */
  async function register(values: Record<string, string | null>): Promise<string> {
    const { triggerId } = await app.driver.command(W1, '/caseload', 'client add', CHANNEL);
    expect((await app.driver.submit(W1, await app.driver.openedView(triggerId), values)).text).toBe('');
    const confirmation = await app.fake.waitFor('chat.postEphemeral', (c) => String(c.args.text).includes(String(values.case_number)));
    return String(confirmation.args.text);
  }

  /** The status card's texts. */
  async function card(caseNumber: string): Promise<string> {
    const { responseUrl } = await app.driver.command(W1, '/caseload', `status ${caseNumber}`, CHANNEL);
    return textsOf((await app.driver.reply(responseUrl)).blocks).join('\n');
  }

  /** Opens `command` for `caseNumber` and submits `values`. */
  async function record(command: '/visit' | '/checkin', caseNumber: string, values: Record<string, string | null>): Promise<void> {
    const { triggerId } = await app.driver.command(W1, command, caseNumber, CHANNEL);
    await app.driver.accepted(W1, await app.driver.openedView(triggerId), values);
  }

  /** What the flag check posts to managers now. */
  async function flagsPosted(): Promise<string[]> {
    await watch!.runNow();
    return app.fake.messagesIn(MANAGERS).map((m) => String(m.text));
  }

  it('社区康复 decided for two years ends two years after the report-in (条例 Art. 37)', async () => {
    const told = await register({ case_number: 'KF-001', alias: '甲某', program: 'community_rehab', term_months: '24', start_date: TODAY });
    expect(told).toContain('期限：2026-12-04 至 2028-12-03（24 个月）');
    const shown = await card('KF-001');
    expect(shown).toContain('*期限*\n2026-12-04 至 2028-12-03');
    // The report-in is the first check-in: December's is met.
    expect(shown).toContain('*最近报到*\n2026-12-04');
    expect(shown).toMatch(/报到须于 2027-01-31 前完成/);
  });

  it('a transfer that began 19 months earlier elsewhere continues its term (条例 Art. 22)', async () => {
    const told = await register({
      case_number: 'ZR-001', alias: '乙某', program: 'community_treatment', start_date: TODAY, original_start_date: '2025-05-04', last_test: '2026-11-20',
    });
    expect(told).toContain(zh('clients.intake.done.transfer', { date: TODAY, start: '2025-05-04' }));
    const shown = await card('ZR-001');
    expect(shown).toContain('*期限*\n2025-05-04 至 2028-05-03');
    expect(shown).toContain('*期内年度*\n第 2 年');
    // Year 2 tests every two months from 2026-05-04: the test of 11-20 closed 11-04 … 2027-01-03.
    expect(shown).toMatch(/尿检须于 2027-03-03 前完成/);
    expect(shown).toContain('*期内未按时检测*\n无');
    expect(await flagsPosted()).toEqual([]);
  });

  it('a report-in on 29 February ends the day before its third anniversary, 28 February', async () => {
    await register({ case_number: 'RN-001', alias: '丙某', program: 'community_treatment', start_date: '2024-02-29' });
    expect(await card('RN-001')).toContain('*期限*\n2024-02-29 至 2027-02-27');
  });

  it('a refused test still owes the test; a test later in the same window closes it and the refusal counts once (条例 Art. 20)', async () => {
    // 社区戒毒 since 2026-10-20, tested then: monthly windows, the second 11-20 … 12-19.
    await register({ case_number: 'JJ-001', alias: '丁某', program: 'community_treatment', start_date: '2026-10-20', last_test: '2026-10-20' });
    expect(await card('JJ-001')).toMatch(/尿检须于 2026-12-19 前完成/);
    await record('/checkin', 'JJ-001', { urine: 'refused' });
    let shown = await card('JJ-001');
    expect(shown).toMatch(/尿检须于 2026-12-19 前完成/);
    expect(shown).toContain('*期内拒检*\n2026-12-04');
    await record('/visit', 'JJ-001', { kind: 'home', urine: 'negative' });
    shown = await card('JJ-001');
    expect(shown).toMatch(/尿检须于 2027-01-19 前完成/);
    expect(shown).toContain('*期内未按时检测*\n无');
    expect(await flagsPosted()).toEqual([]);
  });

  it('three short unauthorised absences are a serious violation, told to managers once (条例 Art. 20)', async () => {
    await register({ case_number: 'LK-001', alias: '戊某', program: 'community_treatment', start_date: '2026-06-01' });
    for (const [from, until] of [['2026-09-01', '2026-09-02'], ['2026-10-01', '2026-10-02']] as const) {
      await absence('LK-001', { from, until });
    }
    expect(await flagsPosted()).toEqual([]);
    await absence('LK-001', { from: '2026-11-01', until: '2026-11-02' });
    const posted = await flagsPosted();
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain('LK-001 戊某');
    // Counted on the day the third began: 2 + 2 + its first day.
    expect(posted[0]).toContain('截至 11月1日（星期日），已登记擅自离开所在县（市、区）3 次，累计 5 日');
    expect(await flagsPosted()).toHaveLength(1);
  });

  it('completion a month before the term end is refused; termination is offered (条例 Art. 23, 40)', async () => {
    await register({ case_number: 'QM-001', alias: '己某', program: 'community_rehab', term_months: '24', start_date: '2025-01-05' });
    const { triggerId } = await app.driver.command(W1, '/caseload', 'client QM-001', CHANNEL);
    const file = await app.driver.openedView(triggerId);
    const change = buttonsOf(file.blocks as Json[]).find((b) => b.action_id === 'change_status')!;
    const modal = await app.driver.pushedView(await app.driver.clickInView(W1, file, 'change_status', change.value!));
    expect(block(modal, 'status')!.element.options.map((o: Json) => o.value)).not.toContain('completed');
    expect(await app.driver.refusal(W1, modal, { status: 'completed', from: TODAY, reason: '期满' })).toEqual({
      status: zh('lifecycle.status.error.completedEarly', { end: '2027-01-04' }),
    });
    expect(await t.db.prisma.clientStatusPeriod.count()).toBe(0);
  });

  it('a report-in 20 days after the decision is told to managers (条例 Art. 14)', async () => {
    await register({ case_number: 'BD-001', alias: '庚某', program: 'community_treatment', start_date: TODAY, decision_date: '2026-11-14' });
    const posted = await flagsPosted();
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain('BD-001 庚某');
    expect(posted[0]).toContain('社区戒毒决定日期为 11月14日（星期六），登记的报到日期为 12月4日（星期五），超过 15 日');
    expect(await card('BD-001')).toContain('未按时报到');
  });

  it('registered on the decision and not reported in 15 days later is told to managers; the report-in starts the term (条例 Art. 14)', async () => {
    // The decision date is required to register a client not reported in yet.
    const { triggerId } = await app.driver.command(W1, '/caseload', 'client add', CHANNEL);
    const form = await app.driver.openedView(triggerId);
    const values = { case_number: 'WB-001', alias: '辛某', program: 'community_treatment', not_reported_yet: 'yes' };
    expect(await app.driver.refusal(W1, form, values)).toEqual({ decision_date: zh('clients.intake.error.notReportedYet.decision') });
    await app.driver.accepted(W1, form, { ...values, decision_date: '2026-11-10' });
    const saved = await t.db.prisma.client.findFirstOrThrow({ where: { caseNumber: 'WB-001' } });
    expect(saved).toMatchObject({ awaitingReportIn: true, reportedOn: null });
    expect(await t.db.prisma.checkIn.count({ where: { clientId: saved.id } })).toBe(0);
    expect(await card('WB-001')).toContain(zh('status.card.awaitingReportIn', { decided: '2026-11-10', by: '2026-11-25' }));
    // Nothing of a term is due before the report-in; the deadline passed on 11-25.
    const { responseUrl } = await app.driver.command(W1, '/caseload', 'due', CHANNEL);
    expect(JSON.stringify(await app.driver.reply(responseUrl))).not.toContain('WB-001');
    const posted = await flagsPosted();
    expect(posted).toEqual([expect.stringContaining('社区戒毒决定日期为 11月10日（星期二），已超过 15 日仍未登记报到')]);
    expect(posted[0]).toContain('WB-001 辛某');

    // The client reports in today: the first check-in starts the three-year term.
    app.fake.clear();
    await record('/checkin', 'WB-001', { urine: 'negative' });
    const told = await app.fake.waitFor('chat.postEphemeral', (c) => String(c.args.text).includes('WB-001'));
    expect(String(told.args.text)).toContain(zh('visits.saved.termStarted', { start: TODAY, end: '2029-12-03' }));
    const started = await t.db.prisma.client.findUniqueOrThrow({ where: { id: saved.id } });
    expect(started.awaitingReportIn).toBe(false);
    expect([started.termStart, started.reportedOn, started.plannedTermEnd].map((d) => d?.toISOString().slice(0, 10))).toEqual([TODAY, TODAY, '2029-12-03']);
    expect(await card('WB-001')).toContain('*期限*\n2026-12-04 至 2029-12-03');
    // Told once: the late report-in stands, no second message and no correction.
    await watch!.runNow();
    expect(app.fake.messagesIn(MANAGERS).map((m) => String(m.text))).toEqual(posted);
    expect(app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === MANAGERS)).toEqual([]);
    expect((await t.db.prisma.legalFlagNotice.findMany()).map((n) => [n.kind, n.state])).toEqual([['lateReportIn', 'posted']]);
  });

  /** Records an unauthorised absence through `/caseload absence`. */
  async function absence(caseNumber: string, values: Record<string, string | null>): Promise<void> {
    const { triggerId } = await app.driver.command(W1, '/caseload', `absence ${caseNumber}`, CHANNEL);
    const view = await app.driver.openedView(triggerId);
    expect(view.callback_id).toBe('absence');
    await app.driver.accepted(W1, view, values);
  }
});
