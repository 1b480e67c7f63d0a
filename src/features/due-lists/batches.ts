// The daily job's communities with their due lists, worked out a batch of communities at a time:
// a city's 47,500 clients are never in memory at once, so the job's memory no longer grows with
// the city (issue 15). A batch's clients are turned into due lists as soon as they are read and
// then dropped; only the lists (a third of the clients, a few fields each) wait for their turn to
// be posted, and the next batch is read (PostgreSQL, on another core) while this one is posted.
import type { Prisma } from '../../db/client.js';
import type { LocalDate } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import { loadDueClients } from './facts.js';
import { clientsByCommunity, dueEntries, termsEnding, type DueEntry, type TermEnding } from './list.js';

/** Communities read at once (about 2,400 clients in a city). */
export const BATCH_SIZE = 100;

export interface CommunityDue<C> {
  community: C;
  /** Its due list today. */
  entries: DueEntry[];
  /** Its clients whose term ends within 30 days. */
  termEnding: TermEnding[];
  /** Its clients still on a schedule. */
  onSchedule: ReadonlySet<number>;
}

/** Each of `communities`, in order, with its due list; a batch is read when the previous one starts. */
export async function* dueListsInBatches<C extends { id: number }>(
  prisma: Prisma,
  communities: readonly C[],
  today: LocalDate,
  rules: ScheduleRules,
  size = BATCH_SIZE,
): AsyncGenerator<CommunityDue<C>> {
  const batchAt = (start: number) => communities.slice(start, start + size);
  const load = async (start: number): Promise<CommunityDue<C>[]> => {
    const batch = batchAt(start);
    const clientsOf = clientsByCommunity(batch.map((c) => c.id), await loadDueClients(prisma, batch.map((c) => c.id), today, rules));
    return batch.map((community) => {
      const clients = clientsOf.get(community.id)!;
      return { community, entries: dueEntries(clients, today, rules), termEnding: termsEnding(clients, today), onSchedule: new Set(clients.map((c) => c.id)) };
    });
  };
  const prefetch = (start: number) => {
    const loading = load(start);
    // Awaited below, unless the run stops first: its failure must not go unhandled then.
    loading.catch(() => undefined);
    return loading;
  };
  let next = communities.length > 0 ? prefetch(0) : undefined;
  for (let start = 0; next; start += size) {
    const batch = await next;
    next = start + size < communities.length ? prefetch(start + size) : undefined;
    yield* batch;
  }
}
