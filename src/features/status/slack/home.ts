// App Home in Block Kit: the viewer's counts, buttons to log something, their caseload, and for
// managers and admins this week per community. Pure; stays well under Slack's 100 blocks:
// 6 above the caseload, at most 41 for it, 3 + OVERVIEW_SECTIONS for the overview, 3 for files
// past retention (admins), 1 below.
import type { Translate } from '../../../i18n/index.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import type { CaseloadCounts, CaseloadEntry } from '../caseload.js';
import { HOME_LOG_VISIT_ACTION, LOG_CHECKIN_ACTION } from '../ids.js';
import { caseloadBlocks } from './list.js';
import type { WeekOverview } from '../overview.js';
import { retentionBlocks } from '../../privacy/slack/home.js';
import type { RetentionReview } from '../../privacy/retention.js';
import { button, context, packLines, section } from '../../../slack/blocks.js';

/** Communities listed in the overview; the rest are counted. */
export const OVERVIEW_MAX = 60;
const OVERVIEW_SECTIONS = 4;
const CASELOAD_SECTIONS = 8;

export interface HomeInput {
  today: string;
  entries: CaseloadEntry[];
  counts: CaseloadCounts;
  /** Managers and admins only. */
  overview?: WeekOverview;
  /** Admins only, while MANAGERS_CHANNEL is not set: legal-flag notices waiting for it. */
  flagsWaiting?: number;
  /** Admins only: files past RETENTION_YEARS, to review for erasure. */
  retention?: RetentionReview;
}

export interface HomeView {
  type: 'home';
  blocks: unknown[];
}

const field = (label: string, value: number) => ({ type: 'mrkdwn', text: `*${label}*\n${value}` });

function overviewBlocks(t: Translate, overview: WeekOverview): unknown[] {
  const lines = overview.rows.map((r) =>
    t('status.home.overviewLine', { community: escapeMrkdwn(r.name), active: r.active, visited: r.visited, overdue: r.overdue }),
  );
  const { blocks, shown } = packLines(lines, OVERVIEW_SECTIONS);
  const hidden = overview.total - shown;
  return [
    { type: 'divider' },
    section(t('status.home.overview', { start: overview.week.start, end: overview.week.end })),
    ...blocks,
    ...(hidden > 0 ? [context(t('status.home.overviewMore', { count: hidden }))] : []),
  ];
}

export function buildHome(t: Translate, input: HomeInput): HomeView {
  const { counts } = input;
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: t('status.home.header') } },
    ...(input.flagsWaiting ? [section(t('flag.waiting', { count: input.flagsWaiting }))] : []),
    {
      type: 'section',
      fields: [
        field(t('status.home.active'), counts.active),
        field(t('status.home.overdue'), counts.overdue),
        field(t('status.home.dueThisWeek'), counts.dueThisWeek),
        field(t('status.home.visitsThisMonth'), counts.visitsThisMonth),
      ],
    },
    {
      type: 'actions',
      block_id: 'home_actions',
      elements: [button(HOME_LOG_VISIT_ACTION, t('status.card.logVisit')), button(LOG_CHECKIN_ACTION, t('status.card.logCheckIn'))],
    },
    { type: 'divider' },
    section(t('status.home.mine', { count: counts.active })),
    ...(input.entries.length === 0 ? [context(t('status.mine.empty'))] : caseloadBlocks(t, input.entries, CASELOAD_SECTIONS)),
  ];
  if (input.overview) blocks.push(...overviewBlocks(t, input.overview));
  if (input.retention) blocks.push(...retentionBlocks(t, input.retention));
  blocks.push(context(t('status.home.asOf', { date: input.today })));
  return { type: 'home', blocks };
}

/** For someone the bot does not know: who to ask, nothing else. */
export function buildUnknownHome(t: Translate, text: string): HomeView {
  return { type: 'home', blocks: [{ type: 'header', text: { type: 'plain_text', text: t('status.home.header') } }, section(text)] };
}
