// The daily job: for every community with a linked channel, post (once) the list of clients
// overdue, due today or due soon. A function of (database, Slack client, now) so tests run it
// for any date; the cron wiring lives in src/jobs/. Communities are loaded and posted a batch at
// a time (../batches.ts), so a city-wide run holds only a few thousand clients in memory.
import { toDbDate } from '../../../db/dates.js';
import { todayIn, type LocalDate } from '../../../domain/dates.js';
import { translator, type Translate } from '../../../i18n/index.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { claimDuePost } from '../claims.js';
import { redrawPost, serialized } from './done.js';
import { dueListsInBatches } from '../batches.js';
import { byUrgency, type DueEntry, type TermEnding } from '../list.js';
import { buildDueMessage } from './message.js';
import { eachLimited } from '../pool.js';
import { isPermanentSlackError, slackErrorCode } from './errors.js';
import { postOnce } from '../../../slack/post-once.js';
import type { DueJobDeps } from '../../../job-deps.js';

/** The metadata type of a daily list (its id: the DailyPost row). */
export const DUE_LIST_MARKER = 'sunshine_due_list';


export interface DueRunOptions {
  /** Only these communities (default: every linked one). */
  communityIds?: number[];
  /** Asked for by an admin: runs on any day and refreshes today's message if it exists. */
  explicit?: boolean;
}

export interface DueRunSummary {
  date: LocalDate;
  workingDay: boolean;
  posted: number;
  refreshed: number;
  empty: number;
  skipped: number;
  failed: number;
  /** The bot began to stop before every community was reached; the next run does the rest. */
  interrupted: boolean;
}

type Outcome = 'posted' | 'refreshed' | 'empty' | 'skipped' | 'failed';

export async function runDailyDueLists(deps: DueJobDeps, options: DueRunOptions = {}): Promise<DueRunSummary> {
  const now = deps.now();
  const today = todayIn(deps.config.timeZone, now);
  const workingDay = deps.calendar.isWorkingDay(today);
  const summary: DueRunSummary = { date: today, workingDay, posted: 0, refreshed: 0, empty: 0, skipped: 0, failed: 0, interrupted: false };
  if (!workingDay && !options.explicit) {
    deps.log.info({ event: 'due.not_working_day', date: today });
    return summary;
  }
  // A community without a channel has nowhere to post (legal flags go out on their own: jobs/flags.ts).
  const linked = (await deps.prisma.community.findMany({
    where: { channelId: { not: null }, ...(options.communityIds ? { id: { in: options.communityIds } } : {}) },
    select: { id: true, name: true, channelId: true },
    orderBy: { id: 'asc' },
  })) as Target[];
  const t = translator(deps.config.defaultLocale);
  const failures: Failure[] = [];
  try {
    const lists = dueListsInBatches(deps.prisma, linked, today, deps.rules, deps.batchSize);
    await eachLimited(lists, deps.concurrency ?? 4, async ({ community, entries, termEnding, onSchedule }) => {
      let outcome: Outcome;
      try {
        outcome = await postCommunity(deps, t, community, { entries, termEnding }, onSchedule, today, options, failures);
      } catch (error) {
        deps.log.error({ event: 'due.community_failed', communityId: community.id, err: error });
        outcome = 'failed';
      }
      summary[outcome] += 1;
    }, deps.signal);
  } finally {
    // Also when a later batch could not be loaded: the admins hear of a failing channel once only.
    await tellAdmins(deps, t, failures);
  }
  summary.interrupted = deps.signal?.aborted === true;
  deps.log.info({ event: 'due.run', ...summary, communities: linked.length, explicit: options.explicit === true });
  return summary;
}

interface Target {
  id: number;
  name: string;
  channelId: string;
}

/** A channel the bot cannot post to, for the admins' DM. */
interface Failure {
  community: Target;
  error: string;
}

async function postCommunity(
  deps: DueJobDeps,
  t: Translate,
  community: Target,
  { entries, termEnding }: { entries: DueEntry[]; termEnding: TermEnding[] },
  onSchedule: ReadonlySet<number>,
  today: LocalDate,
  options: DueRunOptions,
  failures: Failure[],
): Promise<Outcome> {
  if (options.explicit) {
    const posted = await deps.prisma.dailyPost.findUnique({
      where: { communityId_localDate_kind: { communityId: community.id, localDate: toDbDate(today), kind: 'due_list' } },
    });
    if (posted?.state === 'posted' && posted.messageTs) {
      await refresh(deps, community, { id: posted.id, channelId: posted.channelId, messageTs: posted.messageTs, entries: posted.entries }, entries, onSchedule, today);
      return 'refreshed';
    }
  }
  // A term ending soon is worth a message of its own: its 期满解除 papers take time.
  if (entries.length === 0 && termEnding.length === 0 && !deps.config.duePostEmpty) return 'empty';
  const claim = await claimDuePost(deps.prisma, {
    communityId: community.id, localDate: today, channelId: community.channelId, instanceId: deps.instanceId, now: deps.now(), retryFailed: options.explicit,
  });
  // Someone else is posting, it failed for good today, or it was posted meanwhile.
  if (claim.kind !== 'claimed') return 'skipped';
  const message = buildDueMessage(t, { communityName: community.name, date: today, entries, termEnding, soonDays: deps.rules.dueSoonDays });
  try {
    const ts = await postOnce(deps.once, { channel: community.channelId, text: message.text, blocks: message.blocks }, { type: DUE_LIST_MARKER, id: claim.postId }, {
      tried: claim.takenOver,
      // Still ours after waiting out a rate limit: the claim is renewed, unless another instance took it.
      stillMine: async () =>
        (await deps.prisma.dailyPost.updateMany({ where: { id: claim.postId, state: 'claimed', claimedBy: deps.instanceId }, data: { claimedAt: deps.now() } })).count === 1,
    });
    await deps.prisma.dailyPost.update({
      where: { id: claim.postId },
      data: { state: 'posted', messageTs: ts, postedAt: deps.now(), entries: entries as never, doneClientIds: [], error: null },
    });
    return 'posted';
  } catch (error) {
    const code = slackErrorCode(error);
    const permanent = isPermanentSlackError(error);
    deps.log.warn({ event: 'due.post_failed', communityId: community.id, error: code, permanent });
    // A transient failure leaves a claim that is stale at once: the next run (restart catch-up,
    // retry sweep or an admin's `/caseload due post`) takes it over, and first looks for the
    // message in case this attempt reached Slack after all.
    await deps.prisma.dailyPost.update({
      where: { id: claim.postId },
      data: permanent ? { state: 'failed', error: code } : { state: 'claimed', error: code, claimedAt: new Date(0) },
    });
    if (permanent && claim.previousError !== code && !(await failedTheSameBefore(deps, community, code, claim.postId))) {
      failures.push({ community, error: code });
    }
    return 'failed';
  }
}

/**
 * An admin's `/caseload due post` when today's message exists: the same message, redrawn with
 * today's list as it is now. Lines already logged today stay, struck through.
 */
async function refresh(
  deps: DueJobDeps,
  community: Target,
  post: { id: number; channelId: string; messageTs: string; entries: unknown },
  fresh: DueEntry[],
  onSchedule: ReadonlySet<number>,
  today: LocalDate,
): Promise<void> {
  const listed = new Set(fresh.map((e) => e.clientId));
  const before = (post.entries ?? []) as DueEntry[];
  const kept = before.filter((e) => !listed.has(e.clientId) && onSchedule.has(e.clientId));
  const entries = [...fresh, ...kept].sort(byUrgency);
  const posted = { id: post.id, communityId: community.id, communityName: community.name, channelId: post.channelId, messageTs: post.messageTs };
  await serialized(deps, post.id, () => redrawPost(deps, posted, entries, today));
}

/** Whether the community's previous post failed the same way (the admins were told then). */
async function failedTheSameBefore(deps: DueJobDeps, community: Target, code: string, postId: number): Promise<boolean> {
  const previous = await deps.prisma.dailyPost.findFirst({
    where: { communityId: community.id, kind: 'due_list', id: { not: postId } },
    orderBy: { localDate: 'desc' },
  });
  return previous !== null && previous.state === 'failed' && previous.error === code && previous.channelId === community.channelId;
}

/** One DM per admin listing the channels the bot cannot post to — once, not every morning. */
async function tellAdmins(deps: DueJobDeps, t: Translate, failures: Failure[]): Promise<void> {
  if (failures.length === 0) return;
  const staffAdmins = await deps.prisma.staff.findMany({ where: { role: 'admin', active: true }, select: { slackUserId: true } });
  const admins = new Set([...deps.config.adminUserIds, ...staffAdmins.map((s) => s.slackUserId)]);
  const lines = failures
    .sort((a, b) => a.community.id - b.community.id)
    .map((f) => t('due.adminFailure.line', { community: escapeMrkdwn(f.community.name), channel: `<#${f.community.channelId}>`, error: f.error }));
  const text = [t('due.adminFailure.title'), ...lines].join('\n').slice(0, 39_000);
  for (const admin of admins) {
    await deps.slack.chat.postMessage({ channel: admin, text }).catch((error: unknown) => {
      deps.log.warn({ event: 'due.admin_dm_failed', error: slackErrorCode(error) });
    });
  }
}
