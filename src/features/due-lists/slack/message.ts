// Due lists in Block Kit: a community's daily message, someone's own list, and per-community
// counts. Within Slack's limits (≤ 50 blocks, section text ≤ 3000): one line and a "log visit"
// button per client while they fit; past that, compact sections of lines, and the tail
// summarised as "N more". Case number and alias only: nothing else about a client ever shows.
import { clientMrkdwn } from '../../../slack/blocks.js';
import type { DueItem } from '../../../domain/schedule.js';
import type { Translate } from '../../../i18n/index.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { LOG_VISIT_ACTION } from '../ids.js';
import { byCaseworker, dueCounts, isLineDone, type Cleared, type CommunityCounts, type DueEntry } from '../list.js';

const MAX_BLOCKS = 50;
const MAX_SECTION = 3000;
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

export function summaryText(t: Translate, entries: readonly DueEntry[]): string {
  return t('due.summary', dueCounts(entries));
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
  text: string;
  entries: DueEntry[];
  groups: Group[];
  cleared: Cleared;
  /** The last line when not every client fits. */
  more: (count: number) => string;
}

function renderList(t: Translate, input: ListInput): DueMessage {
  const head = [header(input.title), context(summaryText(t, input.entries))];
  const headings = input.groups.filter((g) => g.heading).length;
  if (head.length + headings + input.entries.length <= MAX_BLOCKS) {
    const blocks: unknown[] = [...head];
    for (const group of input.groups) {
      if (group.heading) blocks.push(section(group.heading));
      for (const entry of group.entries) {
        const done = isLineDone(entry, input.cleared);
        blocks.push({ ...section(entryLine(t, entry, input.cleared), done ? undefined : logVisitButton(t, entry.clientId)), block_id: `client-${entry.clientId}` });
      }
    }
    return { text: input.text, blocks };
  }
  // Condensed: one section per group with as many lines as fit; one block kept for the tail.
  const blocks: unknown[] = [...head];
  let shown = 0;
  for (const group of input.groups) {
    let rest = group.entries;
    while (rest.length > 0 && blocks.length < MAX_BLOCKS - 1) {
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
  return { text: input.text, blocks };
}

export interface DueMessageInput {
  communityName: string;
  date: string;
  entries: DueEntry[];
  /** Items logged since the message was posted: struck through; a line all done loses its button. */
  cleared?: Cleared;
}

/** A community's daily message: its clients grouped by caseworker, each group under an @mention. */
export function buildDueMessage(t: Translate, input: DueMessageInput): DueMessage {
  if (input.entries.length === 0) return allClearMessage(t, input.communityName, input.date);
  return renderList(t, {
    title: t('due.header', { community: input.communityName, date: input.date }),
    text: t('due.fallback', { community: input.communityName, date: input.date, count: input.entries.length }),
    entries: input.entries,
    groups: byCaseworker(input.entries).map((g) => ({ heading: `<@${g.caseworkerUserId}>`, entries: g.entries })),
    cleared: input.cleared ?? NOTHING_CLEARED,
    more: (count) => t('due.more', { count }),
  });
}

/** DUE_POST_EMPTY: a community with nothing due gets a short all-clear. */
export function allClearMessage(t: Translate, communityName: string, date: string): DueMessage {
  const text = t('due.allClear', { community: communityName, date });
  return { text, blocks: [section(escapeMrkdwn(text))] };
}

/** A caseworker's own list (`/caseload due`): the same lines, without the grouping. */
export function buildMyDueMessage(t: Translate, input: { date: string; entries: DueEntry[] }): DueMessage {
  if (input.entries.length === 0) return { text: t('due.mine.none', { date: input.date }), blocks: [] };
  return renderList(t, {
    title: t('due.mine.header', { date: input.date }),
    text: t('due.mine.fallback', { date: input.date, count: input.entries.length }),
    entries: input.entries,
    groups: [{ entries: input.entries }],
    cleared: NOTHING_CLEARED,
    more: (count) => t('due.mine.more', { count }),
  });
}

/** A manager's view (`/caseload due`): per community, how many clients are overdue, due today, due soon. */
export function buildCountsMessage(t: Translate, input: { date: string; communities: CommunityCounts[] }): DueMessage {
  const rows = input.communities
    .filter((c) => c.entries.length > 0)
    .map((c) => ({ name: c.name, ...dueCounts(c.entries) }))
    .sort((a, b) => b.overdue - a.overdue || b.today - a.today || b.soon - a.soon || a.name.localeCompare(b.name));
  const quiet = input.communities.length - rows.length;
  const all = input.communities.flatMap((c) => c.entries);
  const text = t('due.counts.fallback', { date: input.date, count: rows.length });
  if (input.communities.length === 0) return { text: t('due.counts.noCommunities'), blocks: [] };
  const blocks: unknown[] = [header(t('due.counts.header', { date: input.date })), context(summaryText(t, all))];
  let body = '';
  let shown = 0;
  for (const row of rows) {
    const line = `• *${escapeMrkdwn(row.name)}* — ${t('due.summary', row)}`;
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
