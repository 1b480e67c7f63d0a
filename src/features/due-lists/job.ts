// The daily job: for every community with a linked channel, post (once) the list of clients
// overdue, due today or due soon. A function of (database, Slack client, now) so tests run it
// for any date; the cron wiring lives in src/jobs/.
import type { WebClient } from '@slack/web-api';
import type { Config } from '../../config.js';
import type { Prisma } from '../../db/client.js';
import { todayIn, type LocalDate } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import type { WorkingCalendar } from '../../domain/working-days.js';
import { translator, type Translate } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { claimDuePost } from './claims.js';
import { loadDueClients } from './facts.js';
import { notifyLegalFlags } from './flags.js';
import { dueEntries, type DueEntry } from './list.js';
import { buildDueMessage } from './message.js';
import { eachLimited } from './pool.js';
import { isPermanentSlackError, slackErrorCode } from './slack-errors.js';

export interface DueJobDeps {
  prisma: Prisma;
  /** Posts with bounded retries: 429 waits Retry-After, 5xx and network errors back off. */
  slack: WebClient;
  config: Pick<Config, 'timeZone' | 'defaultLocale' | 'duePostEmpty' | 'adminUserIds' | 'managersChannel'>;
  rules: ScheduleRules;
  calendar: WorkingCalendar;
  log: Logger;
  /** Names this bot instance in claims. */
  instanceId: string;
  now: () => Date;
  /** Channels posted to at once (default 4). */
  concurrency?: number;
}

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
}

type Outcome = 'posted' | 'refreshed' | 'empty' | 'skipped' | 'failed';

export async function runDailyDueLists(deps: DueJobDeps, options: DueRunOptions = {}): Promise<DueRunSummary> {
  const now = deps.now();
  const today = todayIn(deps.config.timeZone, now);
  const workingDay = deps.calendar.isWorkingDay(today);
  const summary: DueRunSummary = { date: today, workingDay, posted: 0, refreshed: 0, empty: 0, skipped: 0, failed: 0 };
  if (!workingDay && !options.explicit) {
    deps.log.info({ event: 'due.not_working_day', date: today });
    return summary;
  }
  const communities = await deps.prisma.community.findMany({
    where: { channelId: { not: null }, ...(options.communityIds ? { id: { in: options.communityIds } } : {}) },
    select: { id: true, name: true, channelId: true },
    orderBy: { id: 'asc' },
  });
  const clients = await loadDueClients(deps.prisma, communities.map((c) => c.id), today, deps.rules);
  const entries = new Map<number, DueEntry[]>();
  for (const community of communities) entries.set(community.id, []);
  const listed = dueEntries(clients, today, deps.rules);
  const communityOf = new Map(clients.map((c) => [c.id, c.communityId]));
  for (const entry of listed) entries.get(communityOf.get(entry.clientId)!)!.push(entry);

  const t = translator(deps.config.defaultLocale);
  await eachLimited(communities, deps.concurrency ?? 4, async (community) => {
    let outcome: Outcome;
    try {
      outcome = await postCommunity(deps, t, { id: community.id, name: community.name, channelId: community.channelId! }, entries.get(community.id)!, today, options);
    } catch (error) {
      deps.log.error({ event: 'due.community_failed', communityId: community.id, err: error });
      outcome = 'failed';
    }
    summary[outcome] += 1;
  });
  try {
    await notifyLegalFlags(deps, clients, today);
  } catch (error) {
    deps.log.error({ event: 'due.flags_failed', err: error });
  }
  deps.log.info({ event: 'due.run', ...summary, communities: communities.length, explicit: options.explicit === true });
  return summary;
}

interface Target {
  id: number;
  name: string;
  channelId: string;
}

async function postCommunity(deps: DueJobDeps, t: Translate, community: Target, entries: DueEntry[], today: LocalDate, options: DueRunOptions): Promise<Outcome> {
  if (entries.length === 0 && !deps.config.duePostEmpty) return 'empty';
  const message =
    entries.length > 0
      ? buildDueMessage(t, { communityName: community.name, date: today, entries })
      : { text: t('due.allClear', { community: community.name, date: today }), blocks: [] as unknown[] };
  const claim = await claimDuePost(deps.prisma, {
    communityId: community.id, localDate: today, channelId: community.channelId, instanceId: deps.instanceId, now: deps.now(), retryFailed: options.explicit,
  });
  if (claim.kind === 'busy' || claim.kind === 'failed') return 'skipped';
  if (claim.kind === 'posted') {
    if (!options.explicit) return 'skipped';
    // A refresh keeps what was already marked done today.
    const row = await deps.prisma.dailyPost.findUniqueOrThrow({ where: { id: claim.postId } });
    const done = new Set(row.doneClientIds);
    const redrawn = entries.length > 0 ? buildDueMessage(t, { communityName: community.name, date: today, entries, done }) : message;
    await deps.slack.chat.update({ channel: claim.channelId, ts: claim.messageTs, text: redrawn.text, blocks: redrawn.blocks as never });
    await deps.prisma.dailyPost.update({ where: { id: claim.postId }, data: { entries: entries as never } });
    return 'refreshed';
  }
  try {
    const posted = await deps.slack.chat.postMessage({
      channel: community.channelId, text: message.text, blocks: message.blocks as never, unfurl_links: false, unfurl_media: false,
    });
    await deps.prisma.dailyPost.update({
      where: { id: claim.postId },
      data: { state: 'posted', messageTs: String(posted.ts), postedAt: deps.now(), entries: entries as never, error: null },
    });
    return 'posted';
  } catch (error) {
    const code = slackErrorCode(error);
    const permanent = isPermanentSlackError(error);
    deps.log.warn({ event: 'due.post_failed', communityId: community.id, error: code, permanent });
    // A transient failure leaves a claim that is stale at once: the next run (restart catch-up,
    // retry sweep or an admin's `/caseload due post`) takes it over.
    await deps.prisma.dailyPost.update({
      where: { id: claim.postId },
      data: permanent ? { state: 'failed', error: code } : { state: 'claimed', error: code, claimedAt: new Date(0) },
    });
    if (permanent) await tellAdminsOnce(deps, t, community, code, claim.postId);
    return 'failed';
  }
}

/** DMs every admin about a channel the bot cannot post to — once, not every morning. */
async function tellAdminsOnce(deps: DueJobDeps, t: Translate, community: Target, code: string, postId: number): Promise<void> {
  const previous = await deps.prisma.dailyPost.findFirst({
    where: { communityId: community.id, kind: 'due_list', id: { not: postId } },
    orderBy: { localDate: 'desc' },
  });
  if (previous && previous.state === 'failed' && previous.error === code && previous.channelId === community.channelId) return;
  const staffAdmins = await deps.prisma.staff.findMany({ where: { role: 'admin', active: true }, select: { slackUserId: true } });
  const admins = new Set([...deps.config.adminUserIds, ...staffAdmins.map((s) => s.slackUserId)]);
  const text = t('due.adminFailure', { community: community.name, channel: `<#${community.channelId}>`, error: code });
  for (const admin of admins) {
    await deps.slack.chat.postMessage({ channel: admin, text }).catch((error: unknown) => {
      deps.log.warn({ event: 'due.admin_dm_failed', error: slackErrorCode(error) });
    });
  }
}
