// The counts as a Slack message: a header, what is compared with what, then a section of
// fields per community (the total first) — a table that reads on a phone — then prevention
// outreach (src/features/outreach/slack/report.ts), and a plain-text fallback. Within Slack's limits:
// ≤ 50 blocks (past 41 communities, those with the most overdue clients are shown and the rest
// counted), ≤ 10 fields per section, text ≤ 3000.
// Counts only: no client is named anywhere in it.
import { signed, type Translate } from '../../../i18n/index.js';
import { showName } from '../../admin/slack/args.js';
import { OUTREACH_BLOCKS, outreachBlocks, outreachText } from '../../outreach/slack/report.js';
import { coverage, type CommunityCounts, type Counts, type Figures } from '../counts.js';

/** Header and legend, total and divider, the "more" line, and outreach's blocks: the rest of Slack's 50. */
const MAX_COMMUNITY_SECTIONS = 50 - 2 - 2 - 1 - OUTREACH_BLOCKS;
const MAX_FALLBACK = 3000;

export interface CountsMessage {
  text: string;
  blocks: unknown[];
}

function fields(t: Translate, now: Figures, before: Figures): { type: 'mrkdwn'; text: string }[] {
  // 3（+1） in Chinese, 3 (+1) in English.
  const value = (a: number, b: number) => t('reports.figure', { value: a, delta: signed(a - b) });
  const field = (label: string, text: string) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${text}` });
  const pair = (a: keyof Figures, b: keyof Figures) => `${value(now[a], before[a])} / ${value(now[b], before[b])}`;
  return [
    field(t('reports.field.active'), value(now.active, before.active)),
    field(
      t('reports.field.coverage'),
      t('reports.coverage', { visited: now.visitedThisMonth, active: now.active, percent: coverage(now), delta: signed(coverage(now) - coverage(before)) }),
    ),
    field(t('reports.field.faceToFace'), value(now.faceToFace, before.faceToFace)),
    field(t('reports.field.phoneOther'), pair('phone', 'otherContacts')),
    field(t('reports.field.checkIns'), value(now.checkIns, before.checkIns)),
    field(t('reports.field.tests'), `${pair('negative', 'positive')} / ${value(now.refused, before.refused)}`),
    field(t('reports.field.overdue'), value(now.overdue, before.overdue)),
    field(t('reports.field.intakesExits'), pair('intakes', 'exits')),
    field(t('reports.field.legalFlags'), value(now.legalFlags, before.legalFlags)),
  ];
}

/** One line of the plain-text fallback. */
export function figuresLine(t: Translate, name: string, f: Figures): string {
  return t('reports.line', {
    name, active: f.active, visited: f.visitedThisMonth, percent: coverage(f), faceToFace: f.faceToFace, phone: f.phone, other: f.otherContacts,
    checkIns: f.checkIns, negative: f.negative, positive: f.positive, refused: f.refused, overdue: f.overdue, intakes: f.intakes, exits: f.exits,
    legalFlags: f.legalFlags,
  });
}

export function periodTitle(t: Translate, counts: Counts): string {
  const { key, counted } = counts.period;
  return t(counts.period.toDate ? 'reports.title.toDate' : 'reports.title', { key, start: counted.start, end: counted.end });
}

export function buildCountsMessage(t: Translate, counts: Counts): CountsMessage {
  const many = counts.communities.length > 1;
  const totalName = t('reports.total', { count: counts.communities.length });
  const section = (name: string, now: Figures, before: Figures) => ({ type: 'section', text: { type: 'mrkdwn', text: `*${name}*` }, fields: fields(t, now, before) });
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: periodTitle(t, counts).slice(0, 150) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: t('reports.legend', { start: counts.period.previous.start, end: counts.period.previous.end }) }] },
  ];
  if (many) blocks.push(section(totalName, counts.total.current, counts.total.previous), { type: 'divider' });
  // Too many for one message: the communities needing attention first, the rest counted.
  const shown: CommunityCounts[] =
    counts.communities.length <= MAX_COMMUNITY_SECTIONS
      ? counts.communities
      : [...counts.communities].sort((a, b) => b.current.overdue - a.current.overdue || a.communityId - b.communityId).slice(0, MAX_COMMUNITY_SECTIONS);
  for (const c of shown) blocks.push(section(showName(c.name), c.current, c.previous));
  const hidden = counts.communities.length - shown.length;
  if (hidden > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t('reports.more', { count: hidden }) }] });
  if (counts.communities.length === 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: t('reports.noCommunities') } });
  blocks.push(...outreachBlocks(t, counts.outreach));
  return { text: fallback(t, counts, many ? totalName : undefined), blocks };
}

/** Room kept in the fallback for outreach's lines. */
const OUTREACH_TEXT = 800;

function fallback(t: Translate, counts: Counts, totalName: string | undefined): string {
  const lines = [periodTitle(t, counts)];
  if (totalName) lines.push(figuresLine(t, totalName, counts.total.current));
  let length = lines.join('\n').length;
  let listed = 0;
  for (const c of counts.communities) {
    const line = figuresLine(t, showName(c.name), c.current);
    if (length + line.length + 100 + OUTREACH_TEXT > MAX_FALLBACK) break;
    lines.push(line);
    length += line.length + 1;
    listed += 1;
  }
  if (listed < counts.communities.length) lines.push(t('reports.more', { count: counts.communities.length - listed }));
  lines.push(...outreachText(t, counts.outreach, OUTREACH_TEXT));
  return lines.join('\n');
}
