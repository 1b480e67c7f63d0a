// Due lists in Block Kit: a community's daily message, someone's own list, and per-community
// counts. The daily message opens with the community and the day, lists what is due, then the
// terms ending within 30 days, and closes with how to read it (privacy, how days are counted).
// Within Slack's limits (≤ 50 blocks, section text ≤ 3000): one line and a "log visit" button
// per client while they fit; past that, compact sections of lines, and the tail summarised as
// "N more". Case number and alias only: nothing else about a client ever shows.
import { clientMrkdwn, MAX_SECTION } from '../../../slack/blocks.js';
import type { DueItem } from '../../../domain/schedule.js';
import type { Translate } from '../../../i18n/index.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { LOG_VISIT_ACTION } from '../ids.js';
import { byCaseworker, dueCounts, isLineDone, TERM_ENDING_DAYS, type Cleared, type CommunityCounts, type DueEntry, type TermEnding } from '../list.js';

const MAX_BLOCKS = 50;
const MAX_HEADER = 150;
const NOTHING_CLEARED: Cleared = new Map();

export interface DueMessage {
  /** The notification and fallback text. */
  text: string;
  blocks: unknown[];
}

export function itemText(t: Translate, item: DueItem): string {
  const kind = t(`due.kind.${item.kind}`);
  if (item.state === 'overdue') return t('due.state.overdue', { kind, count: item.daysOverdue, date: item.dueDate });
  if (item.state === 'dueToday') return t('due.state.dueToday', { kind });
  return t('due.state.dueSoon', { kind, date: item.dueDate });
}

/** One client's line; items logged since the list was made are struck through. */
export function entryLine(t: Translate, entry: DueEntry, cleared: Cleared = NOTHING_CLEARED): string {
  const who = clientMrkdwn(entry);
  if (isLineDone(entry, cleared)) return `~${who}~ ${t('due.done')}`;
  const done = cleared.get(entry.clientId);
  const items = entry.items.map((i) => (done?.has(i.kind) ? `~${itemText(t, i)}~ ✅` : itemText(t, i)));
  return `*${who}* — ${items.join(t('due.separator'))}`;
}

/** `soonDays`: the rules' dueSoonDays, what "due soon" means. */
export function summaryText(t: Translate, entries: readonly DueEntry[], soonDays: number): string {
  return t('due.summary', { ...dueCounts(entries), days: soonDays });
}

function termEndingText(t: Translate, ending: TermEnding): string {
  if (ending.daysLeft < 0) return t('due.termEnding.ended', { date: ending.termEnd });
  if (ending.daysLeft === 0) return t('due.termEnding.today');
  return t('due.termEnding.line', { date: ending.termEnd, count: ending.daysLeft });
}

/** The terms ending soon, one section: as many lines as fit, the rest counted. */
function termEndingSection(t: Translate, endings: readonly TermEnding[]) {
  const title = t('due.termEnding.title', { days: TERM_ENDING_DAYS });
  // Room for the "N more" line, whatever N.
  const room = MAX_SECTION - t('due.termEnding.more', { count: endings.length }).length - 1;
  let body = title;
  let shown = 0;
  for (const ending of endings) {
    const line = `\n• *${clientMrkdwn(ending)}* — ${termEndingText(t, ending)}`;
    if (body.length + line.length > room) break;
    body += line;
    shown += 1;
  }
  if (shown < endings.length) body += `\n${t('due.termEnding.more', { count: endings.length - shown })}`;
  return section(body);
}

const section = (text: string, accessory?: unknown) => ({ type: 'section', text: { type: 'mrkdwn', text }, ...(accessory ? { accessory } : {}) });
const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const header = (text: string) => ({ type: 'header', text: { type: 'plain_text', text: text.slice(0, MAX_HEADER) } });

export function logVisitButton(t: Translate, clientId: number) {
  return { type: 'button', action_id: LOG_VISIT_ACTION, value: String(clientId), text: { type: 'plain_text', text: t('due.logVisit') } };
}

interface Group {
  /** A line above the group's clients (the caseworker's @mention), if any. */
  heading?: string;
  entries: DueEntry[];
}

interface ListInput {
  title: string;
  /** A line under the title (the daily message's greeting), if any. */
  opening?: string;
  text: string;
  entries: DueEntry[];
  soonDays: number;
  groups: Group[];
  cleared: Cleared;
  /** The line after the clients when not every one fits. */
  more: (count: number) => string;
  /** Blocks after the clients (terms ending, the closing note). */
  tail: unknown[];
}

function renderList(t: Translate, input: ListInput): DueMessage {
  const head = [header(input.title), ...(input.opening ? [section(input.opening)] : []), context(summaryText(t, input.entries, input.soonDays))];
  const headings = input.groups.filter((g) => g.heading).length;
  if (head.length + headings + input.entries.length + input.tail.length <= MAX_BLOCKS) {
    const blocks: unknown[] = [...head];
    for (const group of input.groups) {
      if (group.heading) blocks.push(section(group.heading));
      for (const entry of group.entries) {
        const done = isLineDone(entry, input.cleared);
        blocks.push({ ...section(entryLine(t, entry, input.cleared), done ? undefined : logVisitButton(t, entry.clientId)), block_id: `client-${entry.clientId}` });
      }
    }
    return { text: input.text, blocks: [...blocks, ...input.tail] };
  }
  // Condensed: one section per group with as many lines as fit; blocks kept for "N more" and the tail.
  const blocks: unknown[] = [...head];
  const last = MAX_BLOCKS - 1 - input.tail.length;
  let shown = 0;
  for (const group of input.groups) {
    let rest = group.entries;
    while (rest.length > 0 && blocks.length < last) {
      let body = group.heading && rest === group.entries ? group.heading : '';
      let listed = 0;
      for (const entry of rest) {
        const line = `${body ? '\n' : ''}• ${entryLine(t, entry, input.cleared)}`;
        if (body.length + line.length > MAX_SECTION) break;
        body += line;
        listed += 1;
      }
      if (listed === 0) break; // a single line longer than a section: cannot happen with our texts
      blocks.push(section(body));
      shown += listed;
      rest = rest.slice(listed);
    }
  }
  const hidden = input.entries.length - shown;
  if (hidden > 0) blocks.push(context(input.more(hidden)));
  return { text: input.text, blocks: [...blocks, ...input.tail] };
}

export interface DueMessageInput {
  communityName: string;
  date: string;
  entries: DueEntry[];
  /** Clients whose term ends within TERM_ENDING_DAYS (or has ended with the file still open). */
  termEnding?: TermEnding[];
  /** The rules' dueSoonDays. */
  soonDays: number;
  /** Items logged since the message was posted: struck through; a line all done loses its button. */
  cleared?: Cleared;
}

/**
 * A community's daily message: the community and the day, its clients grouped by caseworker (each
 * group under an @mention), the terms ending soon, and a closing note on how to read it.
 */
export function buildDueMessage(t: Translate, input: DueMessageInput): DueMessage {
  const termEnding = input.termEnding ?? [];
  if (input.entries.length === 0 && termEnding.length === 0) return allClearMessage(t, input.communityName, input.date, input.soonDays);
  // The community escaped: a name cannot ping the channel from the opening line.
  const community = escapeMrkdwn(input.communityName);
  return renderList(t, {
    title: t('due.header', { community: input.communityName, date: input.date }),
    opening: t('due.greeting', { community, date: input.date }),
    text: t('due.fallback', { community: input.communityName, date: input.date, count: input.entries.length }),
    entries: input.entries,
    soonDays: input.soonDays,
    groups: byCaseworker(input.entries).map((g) => ({ heading: `<@${g.caseworkerUserId}>`, entries: g.entries })),
    cleared: input.cleared ?? NOTHING_CLEARED,
    more: (count) => t('due.more', { count }),
    tail: [...(termEnding.length > 0 ? [termEndingSection(t, termEnding)] : []), context(t('due.footer'))],
  });
}

/** DUE_POST_EMPTY: a community with nothing due gets a short all-clear. */
export function allClearMessage(t: Translate, communityName: string, date: string, soonDays: number): DueMessage {
  const text = t('due.allClear', { community: communityName, date, days: soonDays });
  return { text, blocks: [section(escapeMrkdwn(text))] };
}

/** A caseworker's own list (`/caseload due`): the same lines, without the grouping. */
export function buildMyDueMessage(t: Translate, input: { date: string; entries: DueEntry[]; soonDays: number }): DueMessage {
  if (input.entries.length === 0) return { text: t('due.mine.none', { date: input.date }), blocks: [] };
  return renderList(t, {
    title: t('due.mine.header', { date: input.date }),
    text: t('due.mine.fallback', { date: input.date, count: input.entries.length }),
    entries: input.entries,
    soonDays: input.soonDays,
    groups: [{ entries: input.entries }],
    cleared: NOTHING_CLEARED,
    more: (count) => t('due.mine.more', { count }),
    tail: [],
  });
}

/** A manager's view (`/caseload due`): per community, how many clients are overdue, due today, due soon. */
export function buildCountsMessage(t: Translate, input: { date: string; communities: CommunityCounts[]; soonDays: number }): DueMessage {
  const rows = input.communities
    .filter((c) => c.entries.length > 0)
    .map((c) => ({ name: c.name, ...dueCounts(c.entries) }))
    .sort((a, b) => b.overdue - a.overdue || b.today - a.today || b.soon - a.soon || a.name.localeCompare(b.name));
  const quiet = input.communities.length - rows.length;
  const all = input.communities.flatMap((c) => c.entries);
  const text = t('due.counts.fallback', { date: input.date, count: rows.length });
  if (input.communities.length === 0) return { text: t('due.counts.noCommunities'), blocks: [] };
  const blocks: unknown[] = [header(t('due.counts.header', { date: input.date })), context(summaryText(t, all, input.soonDays))];
  let body = '';
  let shown = 0;
  for (const row of rows) {
    const line = `• *${escapeMrkdwn(row.name)}* — ${t('due.summary', { ...row, days: input.soonDays })}`;
    if (body.length + line.length + 1 > MAX_SECTION) {
      if (blocks.length >= MAX_BLOCKS - 2) break;
      blocks.push(section(body));
      body = '';
    }
    body += `${body ? '\n' : ''}${line}`;
    shown += 1;
  }
  if (body) blocks.push(section(body));
  const tail = [
    ...(rows.length > shown ? [t('due.counts.more', { count: rows.length - shown })] : []),
    ...(quiet > 0 ? [t('due.counts.quiet', { count: quiet })] : []),
  ];
  if (tail.length > 0) blocks.push(context(tail.join(' ')));
  return { text, blocks };
}
