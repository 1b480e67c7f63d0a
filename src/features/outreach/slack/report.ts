// Outreach in the weekly counts message: the total, all ten settings as fields (so a manager sees
// which settings had nothing), and a line per community with events in either week — each as
// "this period (change)". Four blocks at most; the fallback text gets the same figures.
import { signed, type Translate } from '../../../i18n/index.js';
import { communityName } from './message.js';
import type { Compared, OutreachCounts, OutreachFigures } from '../counts.js';

/** Blocks this section adds to a message at most. */
export const OUTREACH_BLOCKS = 4;
const MAX_TEXT = 2900;

/** "3 (+1) events, 450 (-50) people" in the reader's language. */
export function comparedText(t: Translate, figures: Compared): string {
  const { current: now, previous: before } = figures;
  const change = (key: keyof OutreachFigures) => signed(now[key] - before[key]);
  return t('outreach.report.figures', { count: now.events, eventsDelta: change('events'), audience: now.audience, audienceDelta: change('audience') });
}

const hasAny = (counts: OutreachCounts) => counts.total.current.events + counts.total.previous.events > 0;

/** Community lines that fit in `budget` characters, and how many did not. */
function communityLines(t: Translate, counts: OutreachCounts, budget: number): { lines: string[]; hidden: number } {
  const lines: string[] = [];
  let length = 0;
  for (const { community, figures } of counts.communities) {
    const line = t('outreach.report.community', { community: communityName(t, community), figures: comparedText(t, figures) });
    if (length + line.length + 1 > budget) break;
    lines.push(line);
    length += line.length + 1;
  }
  return { lines, hidden: counts.communities.length - lines.length };
}

export function outreachBlocks(t: Translate, counts: OutreachCounts): unknown[] {
  const title = t('outreach.report.title', { figures: comparedText(t, counts.total) });
  const blocks: unknown[] = [{ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: `*${title}*` } }];
  if (!hasAny(counts)) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t('outreach.report.none') }] });
    return blocks;
  }
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: t('outreach.report.bySetting') },
    fields: counts.settings.map(({ setting, figures }) => ({ type: 'mrkdwn', text: `*${t(`outreach.setting.${setting}`)}*\n${comparedText(t, figures)}` })),
  });
  const { lines, hidden } = communityLines(t, counts, MAX_TEXT);
  if (hidden > 0) lines.push(t('outreach.report.more', { count: hidden }));
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: [t('outreach.report.byCommunity'), ...lines].join('\n') } });
  return blocks;
}

/** The plain-text fallback's outreach lines, within `budget` characters. */
export function outreachText(t: Translate, counts: OutreachCounts, budget: number): string[] {
  const lines = [t('outreach.report.title', { figures: comparedText(t, counts.total) })];
  if (!hasAny(counts)) return lines;
  const settings = counts.settings
    .filter(({ figures }) => figures.current.events + figures.previous.events > 0)
    .map(({ setting, figures }) => `${t(`outreach.setting.${setting}`)} ${comparedText(t, figures)}`);
  lines.push(settings.join(t('outreach.report.separator')));
  const used = lines.join('\n').length;
  const { lines: communities, hidden } = communityLines(t, counts, Math.max(0, budget - used - 100));
  lines.push(...communities);
  if (hidden > 0) lines.push(t('outreach.report.more', { count: hidden }));
  return lines;
}
