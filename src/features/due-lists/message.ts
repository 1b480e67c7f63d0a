// The daily message of one community, in Block Kit. Within Slack's limits (≤ 50 blocks,
// section text ≤ 3000): one line and a "log visit" button per client while they fit; past
// that, one compact section per caseworker, and the tail summarised as "N more — /caseload due".
// Case number and alias only: nothing else about a client ever reaches a channel.
import type { Translate } from '../../i18n/index.js';
import type { DueItem } from '../../domain/schedule.js';
import { byCaseworker, type DueEntry } from './list.js';

export const LOG_VISIT_ACTION = 'log_visit';
const MAX_BLOCKS = 50;
const MAX_SECTION = 3000;

export interface DueMessageInput {
  communityName: string;
  date: string;
  entries: DueEntry[];
  /** Clients logged since the message was posted: shown as done, without a button. */
  done?: ReadonlySet<number>;
}

export function itemText(t: Translate, item: DueItem): string {
  const kind = t(`due.kind.${item.kind}`);
  if (item.state === 'overdue') return t('due.state.overdue', { kind, days: item.daysOverdue, date: item.dueDate });
  if (item.state === 'dueToday') return t('due.state.dueToday', { kind });
  return t('due.state.dueSoon', { kind, date: item.dueDate });
}

export function entryLine(t: Translate, entry: DueEntry, done: boolean): string {
  const who = `*${entry.caseNumber} ${entry.alias}*`;
  return done ? `~${entry.caseNumber} ${entry.alias}~ ${t('due.done')}` : `${who} — ${entry.items.map((i) => itemText(t, i)).join('；')}`;
}

function summary(t: Translate, entries: DueEntry[]): string {
  const count = (state: DueItem['state']) => entries.filter((e) => e.items.some((i) => i.state === state)).length;
  return t('due.summary', { overdue: count('overdue'), today: count('dueToday'), soon: count('dueSoon') });
}

const section = (text: string, accessory?: unknown) => ({ type: 'section', text: { type: 'mrkdwn', text }, ...(accessory ? { accessory } : {}) });

export function buildDueMessage(t: Translate, input: DueMessageInput): { text: string; blocks: unknown[] } {
  const done = input.done ?? new Set<number>();
  const groups = byCaseworker(input.entries);
  const head = [
    { type: 'header', text: { type: 'plain_text', text: t('due.header', { community: input.communityName, date: input.date }).slice(0, 150) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: summary(t, input.entries) }] },
  ];
  const text = t('due.fallback', { community: input.communityName, date: input.date, count: input.entries.length });
  const full = head.length + groups.length + input.entries.length;
  if (full <= MAX_BLOCKS) {
    const blocks: unknown[] = [...head];
    for (const group of groups) {
      blocks.push(section(`<@${group.caseworkerUserId}>`));
      for (const entry of group.entries) {
        const isDone = done.has(entry.clientId);
        const button = { type: 'button', action_id: LOG_VISIT_ACTION, value: String(entry.clientId), text: { type: 'plain_text', text: t('due.logVisit') } };
        blocks.push({ ...section(entryLine(t, entry, isDone), isDone ? undefined : button), block_id: `client-${entry.clientId}` });
      }
    }
    return { text, blocks };
  }
  // Condensed: one section per caseworker with as many lines as fit; one block kept for the tail.
  const blocks: unknown[] = [...head];
  let shown = 0;
  for (const group of groups) {
    if (blocks.length >= MAX_BLOCKS - 1) break;
    let body = `<@${group.caseworkerUserId}>`;
    let listed = 0;
    for (const entry of group.entries) {
      const line = `\n• ${entryLine(t, entry, done.has(entry.clientId))}`;
      const more = `\n${t('due.groupMore', { count: group.entries.length - listed - 1 })}`;
      if (body.length + line.length + more.length > MAX_SECTION) break;
      body += line;
      listed += 1;
    }
    if (listed < group.entries.length) body += `\n${t('due.groupMore', { count: group.entries.length - listed })}`;
    blocks.push(section(body));
    shown += listed;
  }
  const hidden = input.entries.length - shown;
  if (hidden > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t('due.more', { count: hidden }) }] });
  return { text, blocks };
}
