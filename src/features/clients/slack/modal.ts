// The intake modal: Block Kit only, no I/O. Every input's action_id is its block_id.
import type { InputBlock, ModalView, PlainTextOption, UsersSelect } from '@slack/types';
import type { LocalDate } from '../../../domain/dates.js';
import { PROGRAMS } from '../../../domain/types.js';
import type { MessageKey, Translate } from '../../../i18n/index.js';
import type { CommunityChoice } from '../communities.js';
import { INTAKE, INTAKE_CALLBACK_ID, MAX_ALIAS, MAX_CASE_NUMBER, MAX_NOTES, MAX_TERM_MONTHS, type IntakeField } from '../ids.js';
import { input, plain } from '../../../slack/modal-blocks.js';

export interface IntakePrefill {
  /** The communities to offer; null when there are too many for one list (then they are searched). */
  communities: CommunityChoice[] | null;
  today: LocalDate;
  /** Preselected caseworker (the author, when they are a caseworker). */
  caseworker?: string;
  /** Encoded private_metadata. */
  metadata: string;
}

export function communityOption(community: CommunityChoice): PlainTextOption {
  // Option text is limited to 75 characters.
  return { text: plain(community.name.slice(0, 75)), value: String(community.id) };
}

function person(t: Translate, field: IntakeField, label: MessageKey): InputBlock {
  const element: UsersSelect = { type: 'users_select', action_id: field, placeholder: plain(t('clients.intake.person.placeholder')) };
  return input(t, field, label, element, { optional: true });
}

/** An optional date of the history before registration. */
function priorDate(t: Translate, field: IntakeField, label: MessageKey): InputBlock {
  return input(t, field, label, { type: 'datepicker', placeholder: plain(t('clients.intake.lastDate.placeholder')) }, { optional: true });
}

/** An optional date with a hint. */
function optionalDate(t: Translate, field: IntakeField, label: MessageKey, hint: MessageKey): InputBlock {
  return input(t, field, label, { type: 'datepicker', placeholder: plain(t('clients.intake.lastDate.placeholder')) }, { optional: true, hint: plain(t(hint)) });
}

/** Whole months, 1–36, three years unless a 社区康复 decision says less. */
export function termMonthsElement(initial: number = MAX_TERM_MONTHS): InputBlock['element'] {
  return { type: 'number_input', is_decimal_allowed: false, min_value: '1', max_value: String(MAX_TERM_MONTHS), initial_value: String(initial) } as InputBlock['element'];
}

function communityElement(t: Translate, communities: CommunityChoice[] | null): InputBlock['element'] {
  const placeholder = plain(t('clients.intake.community.placeholder'));
  if (communities === null) return { type: 'external_select', action_id: INTAKE.community, placeholder, min_query_length: 0 };
  const options = communities.map(communityOption);
  return { type: 'static_select', action_id: INTAKE.community, placeholder, options, ...(options.length === 1 ? { initial_option: options[0] } : {}) };
}

export function buildIntakeModal(t: Translate, prefill: IntakePrefill): ModalView {
  const programs: PlainTextOption[] = PROGRAMS.map((p) => ({ text: plain(t(`program.${p}`)), value: p }));
  return {
    type: 'modal',
    callback_id: INTAKE_CALLBACK_ID,
    private_metadata: prefill.metadata,
    title: plain(t('clients.intake.modal.title')),
    submit: plain(t('clients.intake.modal.submit')),
    close: plain(t('clients.intake.modal.close')),
    blocks: [
      input(t, INTAKE.caseNumber, 'clients.intake.caseNumber.label', { type: 'plain_text_input', max_length: MAX_CASE_NUMBER }, {
        hint: plain(t('clients.intake.caseNumber.hint')),
      }),
      input(t, INTAKE.alias, 'clients.intake.alias.label', { type: 'plain_text_input', max_length: MAX_ALIAS }, {
        hint: plain(t('clients.intake.alias.hint')),
      }),
      input(t, INTAKE.community, 'clients.intake.community.label', communityElement(t, prefill.communities)),
      input(t, INTAKE.program, 'clients.intake.program.label', { type: 'radio_buttons', options: programs }),
      input(t, INTAKE.startDate, 'clients.intake.startDate.label', { type: 'datepicker', initial_date: prefill.today }, {
        hint: plain(t('clients.intake.startDate.hint')),
      }),
      input(t, INTAKE.termMonths, 'clients.intake.termMonths.label', termMonthsElement(), { hint: plain(t('clients.intake.termMonths.hint')) }),
      optionalDate(t, INTAKE.originalStartDate, 'clients.intake.originalStartDate.label', 'clients.intake.originalStartDate.hint'),
      optionalDate(t, INTAKE.decisionDate, 'clients.intake.decisionDate.label', 'clients.intake.decisionDate.hint'),
      input(
        t,
        INTAKE.notReportedYet,
        'clients.intake.notReportedYet.label',
        { type: 'checkboxes', options: [{ text: plain(t('clients.intake.notReportedYet.option')), value: 'yes' }] },
        { optional: true, hint: plain(t('clients.intake.notReportedYet.hint')) },
      ),
      input(t, INTAKE.caseworker, 'clients.intake.caseworker.label', {
        type: 'users_select',
        placeholder: plain(t('clients.intake.person.placeholder')),
        ...(prefill.caseworker ? { initial_user: prefill.caseworker } : {}),
      }),
      person(t, INTAKE.police, 'clients.intake.police.label'),
      person(t, INTAKE.gridWorker, 'clients.intake.gridWorker.label'),
      person(t, INTAKE.volunteer, 'clients.intake.volunteer.label'),
      { type: 'section', block_id: 'history', text: { type: 'mrkdwn', text: t('clients.intake.history.intro') } },
      priorDate(t, INTAKE.lastVisit, 'clients.intake.lastVisit.label'),
      priorDate(t, INTAKE.lastCheckIn, 'clients.intake.lastCheckIn.label'),
      priorDate(t, INTAKE.lastTest, 'clients.intake.lastTest.label'),
      input(t, INTAKE.notes, 'clients.intake.notes.label', { type: 'plain_text_input', multiline: true, max_length: MAX_NOTES }, {
        optional: true,
        hint: plain(t('clients.intake.notes.hint')),
      }),
    ],
  };
}
