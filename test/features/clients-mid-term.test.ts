// Clients who arrive mid-term (an existing caseload, a transfer), registered through the intake
// modal over signed HTTP: the bot follows them from the day of registration and invents no
// history — no legal flag, nothing overdue in the card, the due list or the weekly counts —
// and, given the last visit, check-in and test, carries the schedule on from them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshOverdueSpans } from '../../src/features/reports/overdue-spans.js';
import { watchFlags, type FlagWatch } from '../../src/jobs/flags.js';
import { translator } from '../../src/i18n/index.js';
import { textsOf } from '../support/blocks.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { useTestBot } from '../support/test-bot.js';
import { W1, community, staff } from './due-fixtures.js';

const zh = translator('zh-CN');
const MANAGERS = 'C0MANAGERS';
/** Friday 2026-12-04, 10:00 in Asia/Shanghai. */
const NOW = new Date('2026-12-04T02:00:00Z');
const TODAY = '2026-12-04';

/** 社区戒毒, reported in two years ago. */
const TWO_YEARS_IN = { case_number: 'MH-100', alias: '韩某子', program: 'community_treatment', start_date: '2024-12-04' };

describe('a client registered mid-term', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, NOW, { env: { MANAGERS_CHANNEL: MANAGERS }, channels: [MANAGERS, 'C0MEIHUA'] });
  let watch: FlagWatch | undefined;

  beforeEach(async () => {
    const meihua = await community(t.db.prisma, '梅花碑社区', 'C0MEIHUA');
    await staff(t.db.prisma, W1, 'worker', [meihua]);
    watch = watchFlags(app.bot.ctx);
  });
  afterEach(async () => {
    await watch?.stop();
    expect(app.fake.problems).toEqual([]);
  });

  /** Registers through `/caseload client add` and answers the confirmation's text. */
  async function register(values: Record<string, string | null>): Promise<string> {
    const { triggerId } = await app.driver.command(W1, '/caseload', 'client add', 'C0MEIHUA');
    expect((await app.driver.submit(W1, await app.driver.openedView(triggerId), values)).text).toBe('');
    const confirmation = await app.fake.waitFor('chat.postEphemeral', (c) => String(c.args.text).includes(String(values.case_number)));
    return String(confirmation.args.text);
  }

  async function card(caseNumber: string): Promise<string[]> {
    const { responseUrl } = await app.driver.command(W1, '/caseload', `status ${caseNumber}`);
    return textsOf((await app.driver.reply(responseUrl)).blocks);
  }

  async function dueList(): Promise<Json> {
    const { responseUrl } = await app.driver.command(W1, '/caseload', 'due');
    return app.driver.reply(responseUrl);
  }

  it('with a two-year-old report-in date and no history: no flag, nothing overdue anywhere', async () => {
    const confirmation = await register(TWO_YEARS_IN);
    expect(confirmation).toContain(zh('clients.intake.done.trackedFrom', { date: TODAY }));
    const saved = await t.db.prisma.client.findFirstOrThrow();
    expect(saved.trackedFrom).toEqual(new Date(`${TODAY}T00:00:00Z`));

    // The flag check runs on the record at once: it finds nothing to tell managers.
    await watch!.runNow();
    expect(await t.db.prisma.legalFlagNotice.count()).toBe(0);
    expect(app.fake.messagesIn(MANAGERS)).toEqual([]);

    // The first obligations fall due one period on: a month for visits; in term year 3, whose
    // first 3-month test window opens on the day of registration, the whole window. The
    // report-in two years ago is a check-in on record, so this month's check-in is due.
    const texts = await card('MH-100');
    expect(texts).toContain('*接下来要做*\n• 报到须于 2026-12-31 前完成\n• 走访须于 2027-01-31 前完成\n• 尿检须于 2027-03-03 前完成');
    expect(texts).toContain('*期内未按时检测*\n无');
    expect(texts.join('\n')).not.toContain(zh('status.card.flags'));
    expect(texts).toContain(zh('status.card.trackedFrom', { date: TODAY }));
    expect(texts).toContain('*最近报到*\n2024-12-04');

    expect((await dueList()).text).toBe(zh('due.mine.none', { date: TODAY }));
    // The weekly counts read the overdue days: none up to today, the first after December's check-in deadline.
    await refreshOverdueSpans(t.db.prisma, app.bot.ctx.rules);
    const spans = await t.db.prisma.overdueSpan.findMany();
    expect(spans.map((s) => s.startsOn)).toEqual([new Date('2027-01-01T00:00:00Z')]);
  });

  it('given the last visit, check-in and test, carries the schedule on from them', async () => {
    await register({ ...TWO_YEARS_IN, last_visit: '2026-11-20', last_checkin: '2026-10-15', last_test: '2026-11-30' });
    const saved = await t.db.prisma.client.findFirstOrThrow();
    expect(saved).toMatchObject({
      priorVisitOn: new Date('2026-11-20T00:00:00Z'),
      priorCheckInOn: new Date('2026-10-15T00:00:00Z'),
      priorTestOn: new Date('2026-11-30T00:00:00Z'),
    });
    const texts = await card('MH-100');
    for (const shown of [
      '*最近走访*\n2026-11-20 · 登记时填写',
      '*最近报到*\n2026-10-15 · 登记时填写',
      '*最近尿检*\n2026-11-30 · 登记时填写',
      // December is owed already; the test given closed the last window of year 2.
      '*接下来要做*\n• 走访须于 2026-12-31 前完成\n• 报到须于 2026-12-31 前完成\n• 尿检须于 2027-03-03 前完成',
    ]) {
      expect(texts).toContain(shown);
    }
    await watch!.runNow();
    expect(await t.db.prisma.legalFlagNotice.count()).toBe(0);
  });

  it('refuses history dated after today or before the report-in date, and writes nothing', async () => {
    const { triggerId } = await app.driver.command(W1, '/caseload', 'client add', 'C0MEIHUA');
    const answer = await app.driver.submit(W1, await app.driver.openedView(triggerId), {
      ...TWO_YEARS_IN,
      last_visit: '2026-12-05',
      last_test: '2024-12-03',
    });
    expect(answer.json()).toEqual({
      response_action: 'errors',
      errors: {
        last_visit: zh('clients.intake.error.lastDate.future', { today: TODAY }),
        last_test: zh('clients.intake.error.lastDate.beforeStart', { start: '2024-12-04' }),
      },
    });
    expect(await t.db.prisma.client.count()).toBe(0);
  });

  it('a client reporting in today is followed from the term start', async () => {
    await register({ ...TWO_YEARS_IN, start_date: TODAY });
    expect((await t.db.prisma.client.findFirstOrThrow()).trackedFrom).toBeNull();
  });
});
