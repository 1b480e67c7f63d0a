// The records list (`/caseload records`) and the confirmation of a correction. Case number,
// alias, dates, kinds and who — never notes or reasons: this is outside the client file.
import type { ClientRef } from '../../../domain/types.js';
import { todayIn } from '../../../domain/dates.js';
import type { Translate } from '../../../i18n/index.js';
import type { Message } from '../../../slack/notify.js';
import { button, clientMrkdwn, context, section } from '../../../slack/blocks.js';
import type { VisitKind } from '../../../domain/types.js';
import { notCountingNote } from '../../visits/counting.js';
import { refValue } from '../../visits/undo.js';

import type { EditedRecord } from '../edit.js';
import { EDIT_RECORD_ACTION, REASON_AFTER_HOURS, RESTORE_RECORD_ACTION } from '../ids.js';
import type { RecordLine } from '../records.js';

function lineText(t: Translate, line: RecordLine, timeZone: string): string {
  const what = line.visitKind ? t('corrections.line.visit', { kind: t(`visits.kind.${line.visitKind}`) }) : t('corrections.line.checkin');
  const parts = [`*${line.date}* ${what}`, t('corrections.line.urine', { result: t(`visits.urine.${line.urine ?? 'none'}`) }), t('corrections.line.author', { who: `<@${line.authorUserId}>` })];
  if (line.lastEdit) {
    parts.push(t('corrections.line.edited', { count: line.edits, date: todayIn(timeZone, line.lastEdit.at), who: `<@${line.lastEdit.byUserId}>` }));
  }
  if (line.deleted) parts.push(t('corrections.line.deleted'));
  return parts.join(' · ');
}

export function recordsMessage(t: Translate, client: ClientRef, lines: RecordLine[], timeZone: string): Message {
  const who = clientMrkdwn(client);
  if (lines.length === 0) return { text: t('corrections.list.empty', { client: who }) };
  const text = t('corrections.list.title', { client: who, count: lines.length });
  const blocks: unknown[] = [section(text)];
  for (const line of lines) {
    const accessory = line.canEdit
      ? button(EDIT_RECORD_ACTION, t('corrections.edit.button'), refValue(line))
      : line.canRestore
        ? button(RESTORE_RECORD_ACTION, t('corrections.restore.button'), refValue(line))
        : undefined;
    blocks.push(section(lineText(t, line, timeZone), { block_id: `record-${refValue(line).replace(':', '-')}`, ...(accessory ? { accessory } : {}) }));
  }
  blocks.push(context(t('corrections.list.hint', { hours: REASON_AFTER_HOURS })));
  return { text, blocks };
}

export function editedMessage(t: Translate, record: EditedRecord, countingKinds: readonly VisitKind[]): Message {
  const client = clientMrkdwn(record.client);
  if (record.changed.length === 0) return { text: t('corrections.edited.unchanged', { client, date: record.date }) };
  const what = record.visitKind ? t('corrections.line.visit', { kind: t(`visits.kind.${record.visitKind}`) }) : t('corrections.line.checkin');
  const text = t('corrections.edited', {
    client,
    date: record.date,
    what,
    result: t(`visits.urine.${record.urine ?? 'none'}`),
    version: record.version,
  });
  const note = notCountingNote(t, record.visitKind, countingKinds);
  return { text: note ? `${text} ${note}` : text };
}
