// "Active" counted in the database agrees with the domain's definition (isActiveOn, applied by
// the caseload) on every kind of client, on every day around their term: the SQL form
// (src/db/active.ts, App Home's overview) and the weekly counts, which read the active days the
// refresh worked out (ActiveSpan) — with, for the counts, the clients met face to face this
// month. One definition, whichever way it is counted.
import { describe, expect, it } from 'vitest';
import { activeByCommunity } from '../../src/db/active.js';
import type { Prisma } from '../../src/db/client.js';
import { fromDbDate, toDbDate } from '../../src/db/dates.js';
import { isActiveOn } from '../../src/domain/active.js';
import { addDays, startOfMonth } from '../../src/domain/dates.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { periodCounts } from '../../src/features/reports/counts.js';
import type { StatusPeriod } from '../../src/domain/periods.js';
import type { ClientStatus } from '../../src/domain/types.js';
import { useTestDatabase } from '../support/db.js';

interface Case {
  periods: StatusPeriod[];
  awaitingReportIn?: boolean;
  status?: ClientStatus;
}

const CASES: Case[] = [
  { periods: [] },
  { periods: [], awaitingReportIn: true },
  { periods: [{ status: 'on_leave', start: '2026-02-01', end: '2026-02-10' }] },
  { periods: [{ status: 'suspended', start: '2026-02-01', end: '2026-02-10' }] },
  { periods: [{ status: 'suspended', start: '2026-03-25', end: null }], status: 'suspended' },
  { periods: [{ status: 'suspended', start: '2025-12-20', end: '2026-01-15' }] },
  { periods: [{ status: 'completed', start: '2026-03-01', end: null }], status: 'completed' },
  { periods: [{ status: 'transferred_out', start: '2026-02-01', end: '2026-02-02' }], status: 'transferred_out' },
];

/** Visits every client has: before the term, in a suspension, in March, and a phone call (not a meeting). */
const VISITS = [['home', '2026-01-05'], ['office', '2026-02-05'], ['home', '2026-03-15'], ['phone', '2026-04-02']] as const;

/** The clients of CASES in a new community; their facts as the domain reads them. */
async function seed(prisma: Prisma, prefix: string) {
  const community = (await prisma.community.create({ data: { name: `${prefix}社区` } })).id;
  const staff = (await prisma.staff.create({ data: { slackUserId: `U0${prefix}WORKER`, displayName: '张专干', role: 'worker' } })).id;
  for (const [i, c] of CASES.entries()) {
    const client = await prisma.client.create({
      data: {
        caseNumber: `${prefix}-${i}`, alias: `某${i}`, communityId: community, caseworkerId: staff, program: 'community_rehab',
        status: c.status ?? 'active', awaitingReportIn: c.awaitingReportIn ?? false,
        termStart: toDbDate('2026-01-10'), plannedTermEnd: toDbDate('2026-03-31'), createdBy: 'U0ADMIN01',
      },
    });
    for (const p of c.periods) {
      await prisma.clientStatusPeriod.create({
        data: { clientId: client.id, status: p.status, startsOn: toDbDate(p.start), endsOn: p.end === null ? null : toDbDate(p.end), reason: '—', recordedById: staff },
      });
    }
    for (const [kind, date] of VISITS) await prisma.visit.create({ data: { clientId: client.id, kind, date: toDbDate(date), recordedById: staff } });
  }
  const stored = await prisma.client.findMany({ where: { communityId: community }, include: { statusPeriods: true } });
  const facts = stored.map((c) => ({
    termStart: fromDbDate(c.termStart),
    plannedTermEnd: fromDbDate(c.plannedTermEnd),
    awaitingReportIn: c.awaitingReportIn,
    periods: c.statusPeriods.map((p) => ({ status: p.status, start: fromDbDate(p.startsOn), end: p.endsOn && fromDbDate(p.endsOn) })) as StatusPeriod[],
  }));
  return { community, facts };
}

/** Every fifth day from before the term to after its end. */
function* days(): Generator<string> {
  for (let day = '2026-01-05'; day <= '2026-04-30'; day = addDays(day, 5)) yield day;
}

describe('active clients in the database and in the domain', () => {
  const t = useTestDatabase();

  it('count the same clients in SQL on every day from before the term to after its end', async () => {
    const prisma = t.db.prisma;
    const { community, facts } = await seed(prisma, 'SQL');
    let activeDays = 0;
    for (const day of days()) {
      const expected = facts.filter((f) => isActiveOn(f, day)).length;
      activeDays += expected;
      expect({ day, active: (await activeByCommunity(prisma, [community], day)).get(community) ?? 0 }).toEqual({ day, active: expected });
    }
    // The days compared include some with active clients and some without.
    expect(activeDays).toBeGreaterThan(0);
  });

  it('count the same clients in the weekly counts, and of them the same met face to face this month, in the community they are in', async () => {
    const prisma = t.db.prisma;
    const { community, facts } = await seed(prisma, 'WEEK');
    const met = (day: string) =>
      VISITS.some(([kind, date]) => DEFAULT_RULES.visit.countingKinds.includes(kind) && startOfMonth(day) <= date && date <= day);
    let [activeDays, metDays] = [0, 0];
    for (const day of days()) {
      const before = addDays(day, -5);
      const expected = (d: string) => {
        const active = facts.filter((f) => isActiveOn(f, d)).length;
        return { active, visitedThisMonth: met(d) ? active : 0 };
      };
      const period = { unit: 'week' as const, key: day, range: { start: day, end: day }, counted: { start: day, end: day }, previous: { start: before, end: before }, toDate: false };
      const counts = await periodCounts(prisma, { communities: [{ id: community, name: 'WEEK社区' }], period, rules: DEFAULT_RULES });
      const { current, previous } = counts.communities[0]!;
      const found = (f: typeof current) => ({ active: f.active, visitedThisMonth: f.visitedThisMonth });
      expect({ day, now: found(current), before: found(previous) }).toEqual({ day, now: expected(day), before: expected(before) });
      activeDays += expected(day).active;
      metDays += expected(day).visitedThisMonth;
    }
    expect(activeDays).toBeGreaterThan(0);
    expect(metDays).toBeGreaterThan(0);

    // The clients move to another community: their active, met and overdue days go with them.
    const day = '2026-03-20';
    const period = { unit: 'week' as const, key: day, range: { start: day, end: day }, counted: { start: day, end: day }, previous: { start: day, end: day }, toDate: false };
    const figures = async (communities: { id: number; name: string }[]) => {
      const counts = await periodCounts(prisma, { communities, period, rules: DEFAULT_RULES });
      return counts.communities.map(({ current: f }) => ({ active: f.active, visitedThisMonth: f.visitedThisMonth, overdue: f.overdue }));
    };
    const [moved] = await figures([{ id: community, name: 'WEEK社区' }]);
    expect(moved!.active * moved!.visitedThisMonth * moved!.overdue).toBeGreaterThan(0);
    const other = (await prisma.community.create({ data: { name: '大学路社区' } })).id;
    await prisma.client.updateMany({ where: { communityId: community }, data: { communityId: other } });
    const none = { active: 0, visitedThisMonth: 0, overdue: 0 };
    expect(await figures([{ id: community, name: 'WEEK社区' }, { id: other, name: '大学路社区' }])).toEqual([none, moved]);
  });
});
