// "Clients overdue" is read from the overdue days worked out per client (OverdueSpan). These
// check that every kind of change reaches the next count — a record logged, soft-deleted or
// back-dated, a status period, a moved term, other schedule rules — and that the background
// refresher leaves nothing waiting.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/db/dates.js';
import { DEFAULT_RULES, type ScheduleRules } from '../../src/domain/rules.js';
import { weeklyCounts } from '../../src/features/reports/counts.js';
import { startOverdueRefresher } from '../../src/jobs/overdue.js';
import { createLogger } from '../../src/logger.js';
import { useTestDatabase } from '../support/db.js';
import { NOW, W14, WORKER_A, seedReportWorld } from './reports-fixtures.js';

const d = toDbDate;

describe('clients overdue at week end', () => {
  const t = useTestDatabase();
  /** Overdue at the end of W14 (Sunday 2026-04-05) in 梅花碑 and 大学路. */
  const overdue = async (rules: ScheduleRules = DEFAULT_RULES) => {
    const counts = (await weeklyCounts(t.db.prisma, { communityIds: 'all', week: W14, timeZone: 'Asia/Shanghai', rules, now: NOW }))!;
    return counts.communities.map((c) => c.current.overdue);
  };

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
