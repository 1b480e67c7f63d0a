// Redrawing the day's message (chat.update) with what has been logged since struck through:
// an item the line showed that is no longer due, and the whole line once every item is. Worked
// out from the records each time, never from a stored tally, so a second record or an undo
// redraws correctly too.
import { toDbDate } from '../../../db/dates.js';
import { todayIn, type LocalDate } from '../../../domain/dates.js';
import type { DueItem } from '../../../domain/schedule.js';
import { translator } from '../../../i18n/index.js';
import type { DueJobDeps } from '../../../job-deps.js';
import { loadDueClients } from '../facts.js';
import { clearedItems, isLineDone, listedItems, termEndingBy, termsEnding, type DueEntry } from '../list.js';
import { buildDueMessage } from './message.js';
import { slackErrorCode } from './errors.js';

export interface Recorded {
  clientId: number;
  communityId: number;
}

export interface PostedList {
  id: number;
  communityId: number;
  communityName: string;
  channelId: string;
  messageTs: string;
}

/** What each of `clientIds` has listed today; clients no longer on a schedule are absent. */
export async function currentItems(deps: DueJobDeps, communityId: number, clientIds: number[], today: LocalDate): Promise<Map<number, DueItem[]>> {
  const clients = await loadDueClients(deps.prisma, [communityId], today, deps.rules, { clientIds });
  return new Map(clients.map((c) => [c.id, listedItems(c.facts, today, deps.rules)]));
}

/** Replaces the posted message with `entries`, each marked with what is done by now. */
export async function redrawPost(deps: DueJobDeps, post: PostedList, entries: DueEntry[], today: LocalDate): Promise<void> {
  const current = await currentItems(deps, post.communityId, entries.map((e) => e.clientId), today);
  const cleared = clearedItems(entries, current);
  // Terms ending soon as they are now (a status change may have closed a file since the post).
  const ending = await loadDueClients(deps.prisma, [post.communityId], today, deps.rules, { termEndsBy: termEndingBy(today) });
  const t = translator(deps.config.defaultLocale);
  const message = buildDueMessage(t, { communityName: post.communityName, date: today, entries, termEnding: termsEnding(ending, today), soonDays: deps.rules.dueSoonDays, cleared });
  await deps.slack.chat.update({ channel: post.channelId, ts: post.messageTs, text: message.text, blocks: message.blocks as never });
  await deps.prisma.dailyPost.update({
    where: { id: post.id },
    data: { entries: entries as never, doneClientIds: entries.filter((e) => isLineDone(e, cleared)).map((e) => e.clientId) },
  });
}

/** One redraw of a message at a time per database client, so an older drawing never lands last. */
const queues = new WeakMap<object, Map<number, Promise<unknown>>>();
export function serialized<T>(deps: DueJobDeps, postId: number, work: () => Promise<T>): Promise<T> {
  const queue = queues.get(deps.prisma) ?? new Map<number, Promise<unknown>>();
  queues.set(deps.prisma, queue);
  const run = (queue.get(postId) ?? Promise.resolve()).catch(() => undefined).then(work);
  queue.set(postId, run);
  void run.finally(() => queue.get(postId) === run && queue.delete(postId)).catch(() => undefined);
  return run;
}

/** After a visit, check-in or test for a client on today's list of its community: redraw it. */
export async function markDone(deps: DueJobDeps, recorded: Recorded): Promise<boolean> {
  const today = todayIn(deps.config.timeZone, deps.now());
  const post = await deps.prisma.dailyPost.findUnique({
    where: { communityId_localDate_kind: { communityId: recorded.communityId, localDate: toDbDate(today), kind: 'due_list' } },
    include: { community: { select: { name: true } } },
  });
  if (!post || post.state !== 'posted' || !post.messageTs) return false;
  const posted = { id: post.id, communityId: post.communityId, communityName: post.community.name, channelId: post.channelId, messageTs: post.messageTs };
  try {
    return await serialized(deps, post.id, async () => {
      // Read again inside the queue: a refresh may have replaced the lines meanwhile.
      const row = await deps.prisma.dailyPost.findUniqueOrThrow({ where: { id: post.id }, select: { entries: true } });
      const entries = (row.entries ?? []) as unknown as DueEntry[];
      if (!entries.some((e) => e.clientId === recorded.clientId)) return false;
      await redrawPost(deps, posted, entries, today);
      return true;
    });
  } catch (error) {
    deps.log.warn({ event: 'due.mark_done_failed', communityId: recorded.communityId, postId: post.id, error: slackErrorCode(error) });
    return false;
  }
}
