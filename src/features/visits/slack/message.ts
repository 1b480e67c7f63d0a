// The author's confirmation of a saved visit or check-in, with its Undo button, and what it
// becomes once undone. Case number and alias only; the notes never leave the record.
import type { ClientRef } from '../../../domain/types.js';
import { clientMrkdwn } from '../../../slack/blocks.js';
import type { Translate } from '../../../i18n/index.js';
import type { Message } from '../../../slack/notify.js';
import type { VisitKind } from '../../../domain/types.js';
import { notCountingNote } from '../counting.js';
import { UNDO_ACTION, UNDO_MINUTES } from '../ids.js';
import type { SavedRecord } from '../record.js';
import { refValue, type UndoneRecord } from '../undo.js';

/** The client inside mrkdwn: escaped, so an alias cannot become a mention or a link. */
const who = (client: ClientRef) => clientMrkdwn(client);

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

export function savedText(t: Translate, record: SavedRecord, countingKinds: readonly VisitKind[]): string {
  const client = who(record.client);
  const parts = [
    record.visitKind
      ? t('visits.saved.visit', { client, date: record.date, kind: t(`visits.kind.${record.visitKind}`) })
      : t('visits.saved.checkin', { client, date: record.date }),
    t('visits.saved.urine', { result: t(`visits.urine.${record.urine ?? 'none'}`) }),
    ...(record.next ? [t('visits.saved.next', { date: record.next })] : []),
  ];
  if (record.termStarted) parts.push(t('visits.saved.termStarted', record.termStarted));
  const note = notCountingNote(t, record.visitKind, countingKinds);
  if (note) parts.push(note);
  return parts.join(' ');
}

export function savedMessage(t: Translate, record: SavedRecord, countingKinds: readonly VisitKind[]): Message {
  const text = savedText(t, record, countingKinds);
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: t('visits.saved.undoHint', { minutes: UNDO_MINUTES }) }],
      },
      {
        type: 'actions',
        block_id: 'undo',
        elements: [{ type: 'button', action_id: UNDO_ACTION, text: { type: 'plain_text', text: t('visits.undo.button') }, value: refValue(record) }],
      },
    ],
  };
}

export function undoneMessage(t: Translate, record: UndoneRecord): Message {
  const text = t(record.kind === 'visit' ? 'visits.undone.visit' : 'visits.undone.checkin', { client: who(record.client), date: record.date });
  return { text, blocks: [section(text)] };
}
