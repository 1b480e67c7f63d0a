// "My caseload": the clients whose responsible caseworker is the actor, most urgent first, and
// the counts App Home shows. The schedule facts come from the due-lists loader (latest events
// only), so a caseload costs what one community's daily list costs.
import { OPEN_FILE } from '../../db/active.js';
import { isActiveOn } from '../../domain/active.js';
import type { Prisma } from '../../db/client.js';
import { toDbDate } from '../../db/dates.js';
import { readScope, type Actor } from '../../domain/access.js';
import { isoWeekOf, isoWeekRange, startOfMonth, type LocalDate } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import { compareUrgency, dueItems, statusOn, type DueItem } from '../../domain/schedule.js';
import type { ClientStatus } from '../../domain/types.js';
import { loadDueClients } from '../due-lists/facts.js';
import type { DueClient } from '../due-lists/list.js';

export interface CaseloadEntry {
  clientId: number;
  caseNumber: string;
  alias: string;
  communityId: number;
  /** On `today`, from the status history. */
  status: ClientStatus;
  /** Most urgent first, upcoming included; the first is "what is next". */
  items: DueItem[];
  /** Active (在册) today: listed clients include the suspended and those whose term is served. */
  active: boolean;
}

export interface CaseloadCounts {
  /** Clients on the caseload active today (src/domain/active.ts). */
  active: number;
  /** Clients with something overdue. */
  overdue: number;
  /** Clients with something (not yet overdue) due by the end of this ISO week. */
  dueThisWeek: number;
  /** Visits (any kind) to these clients dated this calendar month. */
  visitsThisMonth: number;
}

export const hasOverdue = (items: DueItem[]) => items.some((i) => i.state === 'overdue');

/** Schedule entries of clients, most urgent first (then by case number). */
export function caseloadEntries(clients: DueClient[], today: LocalDate, rules: ScheduleRules): CaseloadEntry[] {
  return clients
    .map((c) => ({
      clientId: c.id,
      caseNumber: c.caseNumber,
      alias: c.alias,
      communityId: c.communityId,
      status: statusOn(c.facts, today),
      items: dueItems(c.facts, today, rules),
      active: isActiveOn(c.facts, today),
    }))
    .sort((a, b) => compareUrgency(a.items, b.items) || a.caseNumber.localeCompare(b.caseNumber));
}

/** The actor's own clients that they may still read, most urgent first. */
export async function myCaseload(prisma: Prisma, actor: Actor, today: LocalDate, rules: ScheduleRules): Promise<CaseloadEntry[]> {
  const scope = readScope(actor);
  if (actor.staffId === null || (scope !== 'all' && scope.length === 0)) return [];
  const communities = await prisma.client.findMany({
    where: {
      caseworkerId: actor.staffId,
      ...OPEN_FILE,
      ...(scope === 'all' ? {} : { communityId: { in: scope } }),
    },
    select: { communityId: true },
    distinct: ['communityId'],
  });
  const clients = await loadDueClients(prisma, communities.map((c) => c.communityId), today, rules);
  return caseloadEntries(clients.filter((c) => c.caseworkerUserId === actor.userId), today, rules);
}

export async function caseloadCounts(prisma: Prisma, entries: CaseloadEntry[], today: LocalDate): Promise<CaseloadCounts> {
  const week = isoWeekOf(today);
  const weekEnd = isoWeekRange(week.year, week.week).end;
  const visitsThisMonth =
    entries.length === 0
      ? 0
      : await prisma.visit.count({
          where: {
            clientId: { in: entries.map((e) => e.clientId) },
            deletedAt: null,
            date: { gte: toDbDate(startOfMonth(today)), lte: toDbDate(today) },
          },
        });
  return {
    active: entries.filter((e) => e.active).length,
    overdue: entries.filter((e) => hasOverdue(e.items)).length,
    dueThisWeek: entries.filter((e) => e.items.some((i) => i.state !== 'overdue' && i.dueDate <= weekEnd)).length,
    visitsThisMonth,
  };
}
