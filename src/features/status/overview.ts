// This week per community, for managers and admins on App Home: clients on the books, clients
// met face to face since Monday, clients overdue today. At most `limit` communities (the
// viewer's own first): the full figures are `/caseload week`'s job.
import { activeByCommunity } from '../../db/active.js';
import type { Prisma } from '../../db/client.js';
import { toDbDate } from '../../db/dates.js';
import { readScope, type Actor } from '../../domain/access.js';
import { isoWeekOf, isoWeekRange, type DateRange, type LocalDate } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import { dueItems } from '../../domain/schedule.js';
import { loadDueClients } from '../due-lists/facts.js';
import { hasOverdue } from './caseload.js';

export interface CommunityWeek {
  communityId: number;
  name: string;
  active: number;
  /** Clients with a counting (face-to-face) visit this week, up to today. */
  visited: number;
  overdue: number;
}

export interface WeekOverview {
  week: DateRange;
  rows: CommunityWeek[];
  /** Communities the viewer may read, shown or not. */
  total: number;
}

export const seesOverview = (actor: Actor) => actor.staffId !== null && (actor.isAdmin || actor.role === 'manager');

export async function weekOverview(prisma: Prisma, actor: Actor, today: LocalDate, rules: ScheduleRules, limit: number): Promise<WeekOverview> {
  const { year, week: number } = isoWeekOf(today);
  const week = isoWeekRange(year, number);
  const scope = readScope(actor);
  const all = await prisma.community.findMany({
    where: scope === 'all' ? {} : { id: { in: scope } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
  const own = new Set(actor.communityIds);
  const shown = [...all.filter((c) => own.has(c.id)), ...all.filter((c) => !own.has(c.id))].slice(0, limit);
  const ids = shown.map((c) => c.id);
  if (ids.length === 0) return { week, rows: [], total: all.length };
  const kinds = rules.visit.countingKinds as string[];
  const [active, visited, clients] = await Promise.all([
    activeByCommunity(prisma, ids, today),
    prisma.$queryRaw<{ communityId: number; visited: number }[]>`
      SELECT c."communityId", COUNT(DISTINCT v."clientId")::int AS visited
      FROM "Visit" v JOIN "Client" c ON c.id = v."clientId"
      WHERE c."communityId" = ANY(${ids}) AND v."deletedAt" IS NULL
        AND v.date >= ${toDbDate(week.start)} AND v.date <= ${toDbDate(today)} AND v.kind::text = ANY(${kinds})
      GROUP BY c."communityId"`,
    loadDueClients(prisma, ids, today, rules),
  ]);
  const overdue = new Map<number, number>();
  for (const c of clients) {
    if (hasOverdue(dueItems(c.facts, today, rules))) overdue.set(c.communityId, (overdue.get(c.communityId) ?? 0) + 1);
  }
  const visitedOf = new Map(visited.map((v) => [Number(v.communityId), Number(v.visited)]));
  return {
    week,
    total: all.length,
    rows: shown.map((c) => ({
      communityId: c.id,
      name: c.name,
      active: active.get(c.id) ?? 0,
      visited: visitedOf.get(c.id) ?? 0,
      overdue: overdue.get(c.id) ?? 0,
    })),
  };
}
