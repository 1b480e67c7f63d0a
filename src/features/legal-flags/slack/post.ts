// Posting legal-flag notices to MANAGERS_CHANNEL, and corrections under those whose record was
// undone or corrected. A notice is "told" only once Slack accepted the message; until then it is
// pending — also while MANAGERS_CHANNEL is not set, so that flags raised before it was configured
// are posted once it is. Each post is claimed first (several bot instances share the work; a
// claim older than its lease, left by a crash, is taken over) and, when an earlier attempt may
// have reached Slack, the channel is searched for it before posting again.
import { clientMrkdwn } from '../../../slack/blocks.js';
import type { WebClient } from '@slack/web-api';
import type { Prisma } from '../../../db/client.js';
import { fromDbDate } from '../../../db/dates.js';
import { LAW } from '../../../domain/rules.js';
import type { Config } from '../../../config.js';
import { translator, type Translate } from '../../../i18n/index.js';
import type { Logger } from '../../../logger.js';
import { errorFields } from '../../../logger.js';
import { postOnce } from '../../../slack/post-once.js';
import { STALE_CLAIM_MS } from '../../../db/claims.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { isPermanentSlackError } from '../../due-lists/slack/errors.js';

/** Longer than the longest post (rate-limit waits included): a live poster keeps its claim. */
const NOTICE_LEASE_MS = STALE_CLAIM_MS;
/** After a failed attempt, tried again this much later (a claim dated so that it expires then). */
const RETRY_AFTER_MS = 60 * 1000;
/** Notices handled per run. */
const BATCH = 50;

export const FLAG_MARKER = 'sunshine_legal_flag';
export const CORRECTION_MARKER = 'sunshine_legal_flag_correction';

export interface FlagPostDeps {
  prisma: Prisma;
  /** Without automatic retries: see post-once.ts. */
  once: WebClient;
  config: Pick<Config, 'managersChannel' | 'defaultLocale'>;
  log: Logger;
  now: () => Date;
}

const NOTICE = {
  id: true, kind: true, key: true, state: true, detail: true, raisedOn: true, channelId: true, messageTs: true, claimedAt: true, retractedAt: true, createdAt: true,
  client: { select: { caseNumber: true, alias: true, program: true, community: { select: { name: true } } } },
} as const;

type Notice = Awaited<ReturnType<typeof pendingNotices>>[number];

async function pendingNotices(prisma: Prisma, now: Date) {
  return prisma.legalFlagNotice.findMany({
    where: {
      state: { in: ['pending', 'retracting'] },
      OR: [{ claimedAt: null }, { claimedAt: { lt: new Date(now.getTime() - NOTICE_LEASE_MS) } }],
    },
    orderBy: { id: 'asc' },
    take: BATCH,
    select: NOTICE,
  });
}

/** A notice's detail as ../check.ts stores it: the flag's own facts by name, a serious violation's cause dates. */
interface NoticeDetail {
  testDate?: string;
  dates?: string[];
  absences?: number;
  days?: number;
  decisionDate?: string;
  reportedOn?: string;
}

/** The flag's text: case number and alias only, as everywhere outside the client file. */
export function flagText(t: Translate, notice: Pick<Notice, 'kind' | 'key' | 'detail' | 'client'>): string {
  const client = clientMrkdwn(notice.client);
  const community = escapeMrkdwn(notice.client.community.name);
  const detail = (notice.detail ?? {}) as NoticeDetail;
  // Dated keys carry the test date (`positive:<date>`, which older notices' detail lacks) or the
  // day the flag was raised (`absence:<date>`).
  const keyDate = notice.key.slice(notice.key.indexOf(':') + 1);
  switch (notice.kind) {
    case 'mustReport':
      return t('flag.mustReport', { client, community, date: detail.testDate ?? keyDate });
    case 'absenceViolation':
      return t('flag.absenceViolation', { client, community, date: keyDate, count: detail.absences ?? '', days: detail.days ?? '' });
    case 'lateReportIn':
      return detail.reportedOn
        ? t(`flag.lateReportIn.${notice.client.program}`, { client, community, decisionDate: detail.decisionDate ?? '', reportedOn: detail.reportedOn, limit: LAW.reportInDays })
        : t(`flag.notReportedIn.${notice.client.program}`, { client, community, decisionDate: detail.decisionDate ?? '', limit: LAW.reportInDays });
    default: {
      const dates = detail.dates ?? [];
      return t('flag.seriousViolation', { client, community, count: dates.length, dates: dates.join(t('due.dateSeparator')) });
    }
  }
}

/** Takes the notice for this instance, unless another took it meanwhile; answers whether an earlier attempt may have reached Slack. */
async function claim(prisma: Prisma, notice: Notice, now: Date): Promise<{ taken: boolean; tried: boolean }> {
  const { count } = await prisma.legalFlagNotice.updateMany({ where: { id: notice.id, claimedAt: notice.claimedAt, state: notice.state }, data: { claimedAt: now } });
  return { taken: count === 1, tried: notice.claimedAt !== null };
}

async function post(deps: FlagPostDeps, t: Translate, channel: string, notice: Notice, tried: boolean): Promise<void> {
  const ts = await postOnce(deps.once, { channel, text: flagText(t, notice) }, { type: FLAG_MARKER, id: notice.id }, { tried });
  await deps.prisma.legalFlagNotice.update({
    where: { id: notice.id },
    data: { state: 'posted', channelId: channel, messageTs: ts, postedAt: deps.now(), claimedAt: null },
  });
}

async function correct(deps: FlagPostDeps, t: Translate, notice: Notice, tried: boolean): Promise<void> {
  const text = t('flag.retracted', { client: clientMrkdwn(notice.client), date: fromDbDate(notice.raisedOn) });
  const ts = await postOnce(
    deps.once,
    { channel: notice.channelId!, text, thread_ts: notice.messageTs! },
    { type: CORRECTION_MARKER, id: notice.id },
    { tried },
  );
  await deps.prisma.legalFlagNotice.update({ where: { id: notice.id }, data: { state: 'retracted', correctionTs: ts, claimedAt: null } });
}

/**
 * Posts what is pending: new notices to MANAGERS_CHANNEL, corrections under withdrawn ones.
 * Answers how many went out and how many wait (for the channel, or for a retry).
 */
export async function postFlags(deps: FlagPostDeps): Promise<{ posted: number; corrected: number; waiting: number }> {
  const channel = deps.config.managersChannel;
  const result = { posted: 0, corrected: 0, waiting: 0 };
  const t = translator(deps.config.defaultLocale);
  for (const notice of await pendingNotices(deps.prisma, deps.now())) {
    // A new notice needs MANAGERS_CHANNEL; a correction goes where its notice is.
    if (notice.state === 'pending' && !channel) {
      result.waiting += 1;
      continue;
    }
    const { taken, tried } = await claim(deps.prisma, notice, deps.now());
    if (!taken) continue;
    try {
      if (notice.state === 'pending') {
        await post(deps, t, channel!, notice, tried);
        result.posted += 1;
      } else {
        await correct(deps, t, notice, tried);
        result.corrected += 1;
      }
    } catch (error) {
      result.waiting += 1;
      deps.log.warn({ event: 'flags.post_failed', noticeId: notice.id, permanent: isPermanentSlackError(error), ...errorFields(error) });
      // Tried again in a minute; its claim, dated back, says an attempt was made.
      await deps.prisma.legalFlagNotice.update({
        where: { id: notice.id },
        data: { claimedAt: new Date(deps.now().getTime() - NOTICE_LEASE_MS + RETRY_AFTER_MS) },
      });
    }
  }
  return result;
}

/** Notices not yet in the channel: shown to admins while MANAGERS_CHANNEL is not set. */
export function waitingNotices(prisma: Prisma): Promise<number> {
  return prisma.legalFlagNotice.count({ where: { state: 'pending' } });
}
