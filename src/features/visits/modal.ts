// The visit and check-in modals: Block Kit only, no I/O. Every input's action_id is its block_id.
import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import type { LocalDate } from '../../domain/dates.js';
import { HELP_KINDS, VISIT_KINDS } from '../../domain/types.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { CHECKIN, CHECKIN_CALLBACK_ID, CLIENT_ACTION, MAX_NOTES, URINE_CHOICES, VISIT, VISIT_CALLBACK_ID, type VisitField } from './ids.js';

/** A client as the picker shows it: case number and alias, nothing else. */
export interface ClientChoice {
  id: number;
  caseNumber: string;
  alias: string;
}

export interface RecordPrefill {
  today: LocalDate;
  /** Preselected when the command named exactly one client. */
  client?: ClientChoice;
  /** Encoded private_metadata. */
  metadata: string;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** Option text is limited to 75 characters. */
export function clientOption(client: ClientChoice): PlainTextOption {
  return { text: plain(`${client.caseNumber} ${client.alias}`.slice(0, 75)), value: String(client.id) };
}

function input(t: Translate, field: VisitField, label: MessageKey, element: InputBlock['element'], extra: Partial<InputBlock> = {}): InputBlock {
  return { type: 'input', block_id: field, label: plain(t(label)), element: { ...element, action_id: field } as InputBlock['element'], ...extra };
}

const options = (t: Translate, codes: readonly string[], prefix: string): PlainTextOption[] =>
  codes.map((code) => ({ text: plain(t(`${prefix}.${code}` as MessageKey)), value: code }));

function clientInput(t: Translate, client: ClientChoice | undefined): InputBlock {
  return input(t, CLIENT_ACTION, 'visits.client.label', {
    type: 'external_select',
    placeholder: plain(t('visits.client.placeholder')),
    // Chinese aliases are two or three characters: search from the first one.
    min_query_length: 1,
    ...(client ? { initial_option: clientOption(client) } : {}),
  });
}

function urineInput(t: Translate): InputBlock {
  const choices = options(t, URINE_CHOICES, 'visits.urine');
  return input(t, VISIT.urine, 'visits.urine.label', { type: 'static_select', options: choices, initial_option: choices[0] });
}

function notesInput(t: Translate): InputBlock {
  return input(t, VISIT.notes, 'visits.notes.label', { type: 'plain_text_input', multiline: true, max_length: MAX_NOTES }, {
    optional: true,
    hint: plain(t('visits.notes.hint')),
  });
}

function modal(t: Translate, callbackId: string, prefix: 'visits.visit' | 'visits.checkin', metadata: string, blocks: InputBlock[]): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: metadata,
    title: plain(t(`${prefix}.modal.title`)),
    submit: plain(t(`${prefix}.modal.submit`)),
    close: plain(t(`${prefix}.modal.close`)),
    blocks,
  };
}

export function buildVisitModal(t: Translate, prefill: RecordPrefill): ModalView {
  return modal(t, VISIT_CALLBACK_ID, 'visits.visit', prefill.metadata, [
    clientInput(t, prefill.client),
    input(t, VISIT.date, 'visits.visit.date.label', { type: 'datepicker', initial_date: prefill.today }),
    input(t, VISIT.kind, 'visits.kind.label', { type: 'static_select', options: options(t, VISIT_KINDS, 'visits.kind') }),
    input(t, VISIT.help, 'visits.help.label', { type: 'checkboxes', options: options(t, HELP_KINDS, 'visits.help') }, { optional: true }),
    urineInput(t),
    notesInput(t),
    input(t, VISIT.next, 'visits.next.label', { type: 'datepicker' }, { optional: true }),
  ]);
}

export function buildCheckInModal(t: Translate, prefill: RecordPrefill): ModalView {
  return modal(t, CHECKIN_CALLBACK_ID, 'visits.checkin', prefill.metadata, [
    clientInput(t, prefill.client),
    input(t, CHECKIN.date, 'visits.checkin.date.label', { type: 'datepicker', initial_date: prefill.today }),
    urineInput(t),
    notesInput(t),
  ]);
}
