// The lists `/caseload due …` shows, from the database: an actor and a date in, plain data out.
// Every look is audited with counts only (which list, how many clients), never who was listed.
import { readScope, writeScope, type Actor, type CommunityScope } from '../../domain/access.js';
import type { LocalDate } from '../../domain/dates.js';
import { audit } from '../../db/audit.js';
import type { DueJobDeps } from '../../job-deps.js';
import { loadDueClients } from './facts.js';
import { clientsByCommunity, dueEntries, termsEnding, type DueEntry, type TermEnding } from './list.js';
import type { CommunityCounts } from './list.js';

type Deps = Pick<DueJobDeps, 'prisma' | 'rules'>;

async function communitiesIn(deps: Deps, scope: CommunityScope): Promise<{ id: number; name: string }[]> {
  if (scope !== 'all' && scope.length === 0) return [];
  return deps.prisma.community.findMany({
    where: scope === 'all' ? {} : { id: { in: scope } },
    select: { id: true, name: true },
    orderBy: { id: 'asc' },
  });
}

/** The actor's own caseload (clients whose caseworker they are) in the communities they write in. */
export async function myDueList(deps: Deps, actor: Actor, today: LocalDate): Promise<DueEntry[]> {
  if (actor.staffId === null) return [];
  const communities = await communitiesIn(deps, writeScope(actor));
  const clients = await loadDueClients(deps.prisma, communities.map((c) => c.id), today, deps.rules, { caseworkerId: actor.staffId });
  const entries = dueEntries(clients, today, deps.rules);
  await audit(deps.prisma, { actor: actor.userId, action: 'due.view', entity: 'due_list', detail: { list: 'mine', date: today, clients: entries.length } });
  return entries;
}

/** Per community the actor may read, its due list (a manager's counts). */
export async function dueByCommunity(deps: Deps, actor: Actor, today: LocalDate): Promise<CommunityCounts[]> {
  const communities = await communitiesIn(deps, readScope(actor));
  const ids = communities.map((c) => c.id);
  const clientsOf = clientsByCommunity(ids, await loadDueClients(deps.prisma, ids, today, deps.rules));
  const counts = communities.map((c) => ({ name: c.name, entries: dueEntries(clientsOf.get(c.id)!, today, deps.rules) }));
  await audit(deps.prisma, {
    actor: actor.userId,
    action: 'due.view',
    entity: 'due_list',
    detail: { list: 'counts', date: today, communities: communities.length, clients: counts.reduce((n, c) => n + c.entries.length, 0) },
  });
  return counts;
}

/** One community's list and its terms ending soon, as the daily message shows them (the caller checked access). */
export async function communityList(deps: Deps, actor: Actor, communityId: number, today: LocalDate): Promise<{ entries: DueEntry[]; termEnding: TermEnding[] }> {
  const clients = await loadDueClients(deps.prisma, [communityId], today, deps.rules);
  const entries = dueEntries(clients, today, deps.rules);
  await audit(deps.prisma, {
    actor: actor.userId,
    action: 'due.view',
    entity: 'due_list',
    communityId,
    detail: { list: 'community', date: today, clients: entries.length },
  });
  return { entries, termEnding: termsEnding(clients, today) };
}
