// A caseload as Block Kit, shared by `/caseload mine` and App Home: one line per client (case
// number, alias, what is next) with the daily list's "log visit" button while they fit; past
// that, lines packed into a few sections and the tail counted.
import type { Translate } from '../../../i18n/index.js';
import { itemText, logVisitButton } from '../../due-lists/slack/message.js';
import type { CaseloadEntry } from '../caseload.js';
import { clientMrkdwn, context, packLines, section } from '../../../slack/blocks.js';

/** Clients shown one section each; past this the list is condensed. */
export const PER_CLIENT_MAX = 40;

export function entryLine(t: Translate, entry: CaseloadEntry): string {
  const next = entry.items[0];
  const status = entry.status === 'active' ? '' : `（${t(`status.${entry.status}`)}）`;
  const what = next ? itemText(t, next) : t('status.mine.nothingDue');
  return `*${clientMrkdwn(entry)}*${status} — ${what}`;
}

/** At most PER_CLIENT_MAX + 1 blocks, or maxSections + 1 when condensed. */
export function caseloadBlocks(t: Translate, entries: CaseloadEntry[], maxSections: number): unknown[] {
  if (entries.length <= PER_CLIENT_MAX) {
    return entries.map((entry) =>
      section(entryLine(t, entry), {
        block_id: `client-${entry.clientId}`,
        accessory: logVisitButton(t, entry.clientId),
      }),
    );
  }
  const { blocks, shown } = packLines(entries.map((e) => `• ${entryLine(t, e)}`), maxSections);
  if (shown < entries.length) blocks.push(context(t('status.mine.more', { count: entries.length - shown })));
  return blocks;
}
