// The SQL form of "active" (src/db/active.ts, read by the weekly counts and App Home's overview)
// agrees with the domain's definition (isActiveOn, applied by the caseload) on every kind of
// client, on every day around their term: one definition, whichever way it is counted.
import { describe, expect, it } from 'vitest';
import { activeByCommunity } from '../../src/db/active.js';
import { fromDbDate, toDbDate } from '../../src/db/dates.js';
import { isActiveOn } from '../../src/domain/active.js';
import { addDays } from '../../src/domain/dates.js';
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

describe('active clients in SQL and in the domain', () => {
  const t = useTestDatabase();

  it('count the same clients on every day from before the term to after its end', async () => {
    const prisma = t.db.prisma;
    const community = (await prisma.community.create({ data: { name: '梅花碑社区' } })).id;
    const staff = (await prisma.staff.create({ data: { slackUserId: 'U0WORKERA1', displayName: '张专干', role: 'worker' } })).id;
    for (const [i, c] of CASES.entries()) {
      const client = await prisma.client.create({
        data: {
          caseNumber: `MH-${i}`, alias: `某${i}`, communityId: community, caseworkerId: staff, program: 'community_rehab',
          status: c.status ?? 'active', awaitingReportIn: c.awaitingReportIn ?? false,
          termStart: toDbDate('2026-01-10'), plannedTermEnd: toDbDate('2026-03-31'), createdBy: 'U0ADMIN01',
        },
      });
      for (const p of c.periods) {
        await prisma.clientStatusPeriod.create({
          data: { clientId: client.id, status: p.status, startsOn: toDbDate(p.start), endsOn: p.end === null ? null : toDbDate(p.end), reason: '—', recordedById: staff },
        });
      }
    }
    const stored = await prisma.client.findMany({ include: { statusPeriods: true } });
    const facts = stored.map((c) => ({
      termStart: fromDbDate(c.termStart),
      plannedTermEnd: fromDbDate(c.plannedTermEnd),
      awaitingReportIn: c.awaitingReportIn,
      periods: c.statusPeriods.map((p) => ({ status: p.status, start: fromDbDate(p.startsOn), end: p.endsOn && fromDbDate(p.endsOn) })) as StatusPeriod[],
    }));
    let activeDays = 0;
    for (let day = '2026-01-05'; day <= '2026-04-30'; day = addDays(day, 5)) {
      const expected = facts.filter((f) => isActiveOn(f, day)).length;
      activeDays += expected;
      expect({ day, active: (await activeByCommunity(prisma, [community], day)).get(community) ?? 0 }).toEqual({ day, active: expected });
    }
    // The days compared include some with active clients and some without.
    expect(activeDays).toBeGreaterThan(0);
  });
});
