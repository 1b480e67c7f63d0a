// The visit and check-in modals: Block Kit only, no I/O. Every input's action_id is its block_id.
import { clientLabel } from '../../../slack/blocks.js';
import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import type { LocalDate } from '../../../domain/dates.js';
import { HELP_KINDS, VISIT_KINDS, type HelpKind, type VisitKind } from '../../../domain/types.js';
import type { MessageKey, Translate } from '../../../i18n/index.js';
import { countingKindsText } from '../counting.js';
import { CHECKIN, CHECKIN_CALLBACK_ID, CLIENT_ACTION, MAX_NOTES, URINE_CHOICES, VISIT, VISIT_CALLBACK_ID, type UrineChoice } from '../ids.js';
import { input, plain } from '../../../slack/modal-blocks.js';

/** A client as the picker shows it: case number and alias, nothing else. */
export interface ClientChoice {
  id: number;
  caseNumber: string;
  alias: string;
}

/** A saved record's values, to correct it in the same modal (src/features/corrections). */
export interface RecordValues {
  date: LocalDate;
  urine: UrineChoice;
  notes: string | null;
  kind?: VisitKind;
  help?: HelpKind[];
  next?: LocalDate | null;
}

export interface RecordPrefill {
  today: LocalDate;
  /** Preselected when the command named exactly one client. */
  client?: ClientChoice;
  /** Encoded private_metadata. */
  metadata: string;
  /** Every input filled in, when the modal corrects a saved record. */
  values?: RecordValues;
  /** The visit kinds that count as the monthly meeting (the rules), named in the kind's hint. */
  countingKinds: readonly VisitKind[];
}


/** Option text is limited to 75 characters. */
export function clientOption(client: ClientChoice): PlainTextOption {
  return { text: plain(clientLabel(client).slice(0, 75)), value: String(client.id) };
}

const options = (t: Translate, codes: readonly string[], prefix: string): PlainTextOption[] =>
  codes.map((code) => ({ text: plain(t(`${prefix}.${code}` as MessageKey)), value: code }));

/** Initial options must be the very option objects offered. */
const chosen = (choices: PlainTextOption[], codes: readonly string[]) => choices.filter((o) => codes.includes(o.value!));

function clientInput(t: Translate, client: ClientChoice | undefined): InputBlock {
  return input(t, CLIENT_ACTION, 'visits.client.label', {
    type: 'external_select',
    placeholder: plain(t('visits.client.placeholder')),
    // Chinese aliases are two or three characters: search from the first one.
    min_query_length: 1,
    ...(client ? { initial_option: clientOption(client) } : {}),
  });
}

function urineInput(t: Translate, urine: UrineChoice = 'none'): InputBlock {
  const choices = options(t, URINE_CHOICES, 'visits.urine');
  return input(t, VISIT.urine, 'visits.urine.label', { type: 'static_select', options: choices, initial_option: chosen(choices, [urine])[0] });
}

function notesInput(t: Translate, notes: string | null | undefined): InputBlock {
  const element = { type: 'plain_text_input', multiline: true, max_length: MAX_NOTES, ...(notes ? { initial_value: notes } : {}) } as const;
  return input(t, VISIT.notes, 'visits.notes.label', element, { optional: true, hint: plain(t('visits.notes.hint')) });
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
  const v = prefill.values;
  // A phone call's option says it is not the monthly meeting, unless these rules count it.
  // Everywhere else (the hint, confirmations, the card, the CSV) it is plainly 电话联系.
  const kinds = options(t, VISIT_KINDS, 'visits.kind').map((o) => (o.value === 'phone' && !prefill.countingKinds.includes('phone') ? { ...o, text: plain(t('visits.kind.phone.notCounted')) } : o));
  const helps = options(t, HELP_KINDS, 'visits.help');
  const kind = chosen(kinds, v?.kind ? [v.kind] : [])[0];
  const help = chosen(helps, v?.help ?? []);
  return modal(t, VISIT_CALLBACK_ID, 'visits.visit', prefill.metadata, [
    clientInput(t, prefill.client),
    input(t, VISIT.date, 'visits.visit.date.label', { type: 'datepicker', initial_date: v?.date ?? prefill.today }),
    input(
      t,
      VISIT.kind,
      'visits.kind.label',
      { type: 'static_select', options: kinds, ...(kind ? { initial_option: kind } : {}) },
      { hint: plain(t('visits.kind.hint', { kinds: countingKindsText(t, prefill.countingKinds) })) },
    ),
    input(t, VISIT.help, 'visits.help.label', { type: 'checkboxes', options: helps, ...(help.length > 0 ? { initial_options: help } : {}) }, { optional: true }),
    urineInput(t, v?.urine),
    notesInput(t, v?.notes),
    input(t, VISIT.next, 'visits.next.label', { type: 'datepicker', ...(v?.next ? { initial_date: v.next } : {}) }, { optional: true }),
  ]);
}

export function buildCheckInModal(t: Translate, prefill: RecordPrefill): ModalView {
  const v = prefill.values;
  return modal(t, CHECKIN_CALLBACK_ID, 'visits.checkin', prefill.metadata, [
    clientInput(t, prefill.client),
    input(t, CHECKIN.date, 'visits.checkin.date.label', { type: 'datepicker', initial_date: v?.date ?? prefill.today }),
    urineInput(t, v?.urine),
    notesInput(t, v?.notes),
  ]);
}
