// When a caseworker logs something for a client on today's list, redraw the day's message with
// that line marked done — once nothing the list showed is still overdue or due for them.
import type { Prisma } from '../../db/client.js';
import { toDbDate } from '../../db/dates.js';
import { todayIn } from '../../domain/dates.js';
import { translator } from '../../i18n/index.js';
import type { DueJobDeps } from './job.js';
import { loadDueClients } from './facts.js';
import { dueEntries, type DueEntry } from './list.js';
import { buildDueMessage } from './message.js';
import { slackErrorCode } from './slack-errors.js';

export interface Recorded {
  clientId: number;
  communityId: number;
}

async function stillDue(prisma: Prisma, deps: DueJobDeps, recorded: Recorded, today: string): Promise<boolean> {
  const clients = await loadDueClients(prisma, [recorded.communityId], today, deps.rules);
  return dueEntries(clients.filter((c) => c.id === recorded.clientId), today, deps.rules).length > 0;
}

export async function markDone(deps: DueJobDeps, recorded: Recorded): Promise<boolean> {
  const today = todayIn(deps.config.timeZone, deps.now());
  const post = await deps.prisma.dailyPost.findUnique({
    where: { communityId_localDate_kind: { communityId: recorded.communityId, localDate: toDbDate(today), kind: 'due_list' } },
    include: { community: { select: { name: true } } },
  });
  const entries = (post?.entries ?? []) as unknown as DueEntry[];
  if (!post || post.state !== 'posted' || !post.messageTs || post.doneClientIds.includes(recorded.clientId)) return false;
  if (!entries.some((e) => e.clientId === recorded.clientId)) return false;
  if (await stillDue(deps.prisma, deps, recorded, today)) return false;
  const updated = await deps.prisma.dailyPost.update({ where: { id: post.id }, data: { doneClientIds: { push: recorded.clientId } } });
  const t = translator(deps.config.defaultLocale);
  const message = buildDueMessage(t, { communityName: post.community.name, date: today, entries, done: new Set(updated.doneClientIds) });
  try {
    await deps.slack.chat.update({ channel: post.channelId, ts: post.messageTs, text: message.text, blocks: message.blocks as never });
  } catch (error) {
    deps.log.warn({ event: 'due.mark_done_failed', communityId: recorded.communityId, error: slackErrorCode(error) });
    return false;
  }
  return true;
}
