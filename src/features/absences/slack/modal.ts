// The absence modal: Block Kit only, no I/O. Every input's action_id is its block_id. A new
// absence starts today; an open one comes back with its first day and notes, to be closed.
import type { ModalView, View } from '@slack/types';
import type { LocalDate } from '../../../domain/dates.js';
import type { Translate } from '../../../i18n/index.js';
import { clientMrkdwn, section } from '../../../slack/blocks.js';
import { ABSENCE_CALLBACK_ID, ABSENCE_FORM, MAX_NOTES } from '../ids.js';
import type { OpenAbsence } from '../record.js';
import { input, plain } from '../../../slack/modal-blocks.js';

export interface AbsencePrefill {
  client: { caseNumber: string; alias: string };
  today: LocalDate;
  /** The absence still going on, which the form closes; null for a new one. */
  open: OpenAbsence | null;
  /** Encoded private_metadata. */
  metadata: string;
}

export function buildAbsenceModal(t: Translate, prefill: AbsencePrefill): ModalView {
  const { open } = prefill;
  const intro = [
    t('absences.modal.client', { client: clientMrkdwn(prefill.client) }),
    ...(open ? [t('absences.modal.open', { from: open.from })] : []),
    t('absences.modal.rule'),
  ].join('\n');
  const notes = { type: 'plain_text_input', multiline: true, max_length: MAX_NOTES, ...(open?.notes ? { initial_value: open.notes } : {}) } as const;
  return {
    type: 'modal',
    callback_id: ABSENCE_CALLBACK_ID,
    private_metadata: prefill.metadata,
    title: plain(t('absences.modal.title')),
    submit: plain(t('absences.modal.submit')),
    close: plain(t('absences.modal.close')),
    blocks: [
      section(intro),
      input(t, ABSENCE_FORM.from, 'absences.from.label', { type: 'datepicker', initial_date: open?.from ?? prefill.today }),
      input(t, ABSENCE_FORM.until, 'absences.until.label', { type: 'datepicker' }, { optional: true, hint: plain(t('absences.until.hint')) }),
      input(t, ABSENCE_FORM.notes, 'absences.notes.label', notes, { optional: true, hint: plain(t('absences.notes.hint')) }),
    ] as View['blocks'],
  };
}
