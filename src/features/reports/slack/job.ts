// The scheduled weekly report: last week's counts for every community and the total, posted to
// MANAGERS_CHANNEL once per week, whichever instance or restart gets there first. A function of
// (database, Slack client, now) so tests run it for any date; the cron lives in src/jobs/weekly.ts.
import type { WebClient } from '@slack/web-api';
import type { Config } from '../../../config.js';
import type { Prisma } from '../../../db/client.js';
import { todayIn } from '../../../domain/dates.js';
import type { ScheduleRules } from '../../../domain/rules.js';
import { translator } from '../../../i18n/index.js';
import type { Logger } from '../../../logger.js';
import { isPermanentSlackError, slackErrorCode } from '../../due-lists/slack/errors.js';
import { claimReportPost } from '../claims.js';
import { periodCounts } from '../counts.js';
import { buildCountsMessage } from './message.js';
import { weekPeriod } from '../period.js';
import { errorFields } from '../../../logger.js';
import { postOnce } from '../../../slack/post-once.js';

/** The metadata type of a weekly report (its id: the ReportPost row). */
const WEEKLY_MARKER = 'sunshine_weekly_report';

export interface WeeklyReportDeps {
  prisma: Prisma;
  /** Posts that must appear once: without automatic retries (post-once.ts). */
  once: WebClient;
  config: Pick<Config, 'timeZone' | 'defaultLocale' | 'managersChannel'>;
  rules: ScheduleRules;
  log: Logger;
  /** Names this bot instance in claims. */
  instanceId: string;
  now: () => Date;
}

export type WeeklyOutcome = 'posted' | 'already' | 'busy' | 'failed' | 'noChannel';

/** The week a run at `now` reports: the last full ISO week. */
export function reportedWeek(timeZone: string, now: Date): string {
  return weekPeriod({ kind: 'last' }, todayIn(timeZone, now))!.key;
}

export async function runWeeklyReport(deps: WeeklyReportDeps): Promise<{ outcome: WeeklyOutcome; week: string }> {
  const now = deps.now();
  const period = weekPeriod({ kind: 'last' }, todayIn(deps.config.timeZone, now))!;
  const week = period.key;
  const channel = deps.config.managersChannel;
  if (!channel) {
    deps.log.info({ event: 'weekly.no_channel', week }, 'MANAGERS_CHANNEL is not set: the weekly report is not posted.');
    return { outcome: 'noChannel', week };
  }
  const claim = await claimReportPost(deps.prisma, { kind: 'weekly_counts', periodKey: week, channelId: channel, instanceId: deps.instanceId, now });
  if (claim.kind !== 'claimed') {
    const outcome = claim.kind === 'posted' ? 'already' : claim.kind === 'failed' ? 'failed' : 'busy';
    deps.log.info({ event: 'weekly.skipped', week, outcome });
    return { outcome, week };
  }
  try {
    const counts = await periodCounts(deps.prisma, { communities: 'all', period, rules: deps.rules });
    const message = buildCountsMessage(translator(deps.config.defaultLocale), counts);
    const ts = await postOnce(deps.once, { channel, text: message.text, blocks: message.blocks }, { type: WEEKLY_MARKER, id: claim.postId }, {
      tried: claim.takenOver,
    });
    await deps.prisma.reportPost.update({
      where: { id: claim.postId },
      data: { state: 'posted', messageTs: ts, postedAt: deps.now(), error: null },
    });
    deps.log.info({ event: 'weekly.posted', week, communities: counts.communities.length });
    return { outcome: 'posted', week };
  } catch (error) {
    const code = slackErrorCode(error);
    const permanent = isPermanentSlackError(error);
    deps.log.warn({ event: 'weekly.post_failed', week, slackError: code, permanent, ...errorFields(error) });
    // A transient failure (an outage, the database) leaves a claim that is stale at once, so
    // the next sweep takes it over; a permanent one waits for someone to fix the channel.
    await deps.prisma.reportPost.update({
      where: { id: claim.postId },
      data: permanent ? { state: 'failed', error: code } : { state: 'claimed', error: code, claimedAt: new Date(0) },
    });
    return { outcome: 'failed', week };
  }
}
