// "Clients overdue" is read from the overdue days worked out per client (OverdueSpan). These
// check that every kind of change reaches the next count — a record logged, soft-deleted or
// back-dated, a status period, a moved term, other schedule rules — and that the background
// refresher leaves nothing waiting.
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/db/dates.js';
import { DEFAULT_RULES, type ScheduleRules } from '../../src/domain/rules.js';
import { weeklyCounts } from '../../src/features/reports/counts.js';
import { refreshOverdueSpans } from '../../src/features/reports/overdue-spans.js';
import { startOverdueRefresher } from '../../src/jobs/overdue.js';
import { createLogger } from '../../src/logger.js';
import { onPostgres, useTestDatabase } from '../support/db.js';
import { databaseUrl } from '../support/global-setup.js';
import { NOW, W14, WORKER_A, seedReportWorld } from './reports-fixtures.js';

const d = toDbDate;

/** Overdue at the end of W14 (Sunday 2026-04-05) in 梅花碑 and 大学路. */
function overdueIn(t: { readonly db: { prisma: Parameters<typeof weeklyCounts>[0] } }) {
  return async (rules: ScheduleRules = DEFAULT_RULES) => {
    const counts = (await weeklyCounts(t.db.prisma, { communityIds: 'all', week: W14, timeZone: 'Asia/Shanghai', rules, now: NOW }))!;
    return counts.communities.map((c) => c.current.overdue);
  };
}

describe('clients overdue at week end', () => {
  const t = useTestDatabase();
  const overdue = overdueIn(t);

  it('follows records logged, deleted and back-dated after an earlier count', async () => {
    const { clients, staff } = await seedReportWorld(t.db.prisma);
    const prisma = t.db.prisma;
    // MH-002 has no check-in in March; DX-001 has nothing but a phone call.
    expect(await overdue()).toEqual([1, 1]);
    const late = await prisma.checkIn.create({ data: { clientId: clients.A2!, date: d('2026-03-20'), recordedById: staff[WORKER_A]! } });
    expect(await overdue()).toEqual([0, 1]);
    await prisma.checkIn.update({ where: { id: late.id }, data: { deletedAt: NOW, deletedBy: WORKER_A } });
    expect(await overdue()).toEqual([1, 1]);
    // Suspended from 03-15 (back-dated): nothing is due while suspended.
    await prisma.clientStatusPeriod.create({
      data: { clientId: clients.A2!, status: 'suspended', startsOn: d('2026-03-15'), reason: '被拘留', recordedById: staff[WORKER_A]! },
    });
    expect(await overdue()).toEqual([0, 1]);
    // DX-001's report-in date corrected to after the week: nothing was due yet.
    await prisma.client.update({ where: { id: clients.B1! }, data: { termStart: d('2026-04-06'), plannedTermEnd: d('2029-04-05') } });
    expect(await overdue()).toEqual([0, 0]);
    expect(await prisma.overdueStale.count()).toBe(0);
  });

  it('is worked out again for every client when the schedule rules change', async () => {
    await seedReportWorld(t.db.prisma);
    expect(await overdue()).toEqual([1, 1]);
    // Two meetings a month: MH-006 (one in March) is overdue too.
    const twoMeetings: ScheduleRules = { ...DEFAULT_RULES, visit: { ...DEFAULT_RULES.visit, perCalendarMonth: 2 } };
    expect(await overdue(twoMeetings)).toEqual([2, 1]);
    expect(await overdue()).toEqual([1, 1]);
  });

  it('is kept current in the background, and says how many clients it worked out', async () => {
    await seedReportWorld(t.db.prisma);
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const refresher = startOverdueRefresher({ prisma: t.db.prisma, rules: DEFAULT_RULES, log: createLogger({ level: 'info', destination }) });
    try {
      await refresher.runNow();
      expect(await t.db.prisma.overdueStale.count()).toBe(0);
      expect(lines).toContainEqual(expect.objectContaining({ event: 'overdue.refreshed', trigger: 'start', clients: 7 }));
      // DX-001: nothing but a phone call since 2025-06-01, so overdue from July 2025 on.
      const spans = await t.db.prisma.overdueSpan.findMany({ where: { client: { caseNumber: 'DX-001' } } });
      expect(spans.map((s) => s.startsOn.toISOString().slice(0, 10))).toEqual(['2025-07-01']);
    } finally {
      await refresher.stop();
    }
  });
});

describe.skipIf(!onPostgres)('clients overdue, with someone saving at the same time (PostgreSQL)', () => {
  const t = useTestDatabase();
  const overdue = overdueIn(t);

  it('keeps a client listed when a record of theirs is saved while their overdue days are worked out', async () => {
    const { clients, staff } = await seedReportWorld(t.db.prisma);
    const prisma = t.db.prisma;
    expect(await overdue()).toEqual([1, 1]);
    // MH-002 listed by a first change (after the week: no effect on it)…
    await prisma.checkIn.create({ data: { clientId: clients.A2!, date: d('2026-04-20'), recordedById: staff[WORKER_A]! } });
    // …and a second one, the March check-in, saved by a writer that has not committed yet.
    const [{ name }] = await prisma.$queryRaw<[{ name: string }]>`SELECT current_database() AS name`;
    const writer = new pg.Client({ connectionString: databaseUrl(process.env.TEST_DATABASE_URL!, name) });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`INSERT INTO "CheckIn" ("clientId", date, "recordedById", "updatedAt") VALUES ($1, '2026-03-20', $2, now())`, [clients.A2, staff[WORKER_A]]);
      // The refresh reads MH-002 without the March check-in, then waits for the writer.
      const refreshing = refreshOverdueSpans(prisma, DEFAULT_RULES);
      const waiting = () => prisma.$queryRaw<[{ n: number }]>`
        SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      for (let i = 0; i < 200 && (await waiting())[0].n === 0; i++) await sleep(25);
      expect((await waiting())[0].n).toBe(1);
      await writer.query('COMMIT');
      expect(await refreshing).toBe(1);
    } finally {
      await writer.end();
    }
    // Its overdue days missed the March check-in, so it stays listed, and the next count has it.
    expect(await prisma.overdueStale.findMany()).toEqual([{ clientId: clients.A2, version: 2 }]);
    expect(await overdue()).toEqual([0, 1]);
  });
});
