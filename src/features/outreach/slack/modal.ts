// The outreach modal: Block Kit only, no I/O. Every input's action_id is its block_id.
import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import type { LocalDate } from '../../../domain/dates.js';
import { OUTREACH_FORMATS, OUTREACH_SETTINGS } from '../../../domain/types.js';
import type { MessageKey, Translate } from '../../../i18n/index.js';
import { communityOption } from '../../clients/slack/modal.js';
import type { CommunityChoice } from '../../clients/communities.js';
import { MAX_AUDIENCE, MAX_NOTES, MAX_PARTNERS, MAX_TITLE, OUTREACH_CALLBACK_ID, OUTREACH_FORM, SUBDISTRICT } from '../ids.js';
import { input, plain } from '../../../slack/modal-blocks.js';

export interface OutreachPrefill {
  /** The communities the person may log for; null when there are too many for one list (then they are searched). */
  communities: CommunityChoice[] | null;
  today: LocalDate;
  /** Encoded private_metadata. */
  metadata: string;
}

export const subdistrictOption = (t: Translate): PlainTextOption => ({ text: plain(t('outreach.community.subdistrict')), value: SUBDISTRICT });

const options = (t: Translate, codes: readonly string[], prefix: 'outreach.setting' | 'outreach.format'): PlainTextOption[] =>
  codes.map((code) => ({ text: plain(t(`${prefix}.${code}` as MessageKey)), value: code }));

/** Their own communities, then the whole sub-district; a person with one community has it chosen. */
function communityElement(t: Translate, communities: CommunityChoice[] | null): InputBlock['element'] {
  const placeholder = plain(t('outreach.community.placeholder'));
  if (communities === null) return { type: 'external_select', placeholder, min_query_length: 0 };
  const choices = [...communities.map(communityOption), subdistrictOption(t)];
  return { type: 'static_select', placeholder, options: choices, ...(communities.length === 1 ? { initial_option: choices[0] } : {}) };
}

export function buildOutreachModal(t: Translate, prefill: OutreachPrefill): ModalView {
  return {
    type: 'modal',
    callback_id: OUTREACH_CALLBACK_ID,
    private_metadata: prefill.metadata,
    title: plain(t('outreach.modal.title')),
    submit: plain(t('outreach.modal.submit')),
    close: plain(t('outreach.modal.close')),
    blocks: [
      input(t, OUTREACH_FORM.community, 'outreach.community.label', communityElement(t, prefill.communities)),
      input(t, OUTREACH_FORM.setting, 'outreach.setting.label', {
        type: 'static_select',
        placeholder: plain(t('outreach.setting.placeholder')),
        options: options(t, OUTREACH_SETTINGS, 'outreach.setting'),
      }),
      input(t, OUTREACH_FORM.date, 'outreach.date.label', { type: 'datepicker', initial_date: prefill.today }),
      input(t, OUTREACH_FORM.title, 'outreach.title.label', { type: 'plain_text_input', max_length: MAX_TITLE, placeholder: plain(t('outreach.title.placeholder')) }),
      input(t, OUTREACH_FORM.format, 'outreach.format.label', { type: 'checkboxes', options: options(t, OUTREACH_FORMATS, 'outreach.format') }),
      input(
        t,
        OUTREACH_FORM.audience,
        'outreach.audience.label',
        { type: 'number_input', is_decimal_allowed: false, min_value: '0', max_value: String(MAX_AUDIENCE) } as InputBlock['element'],
        { hint: plain(t('outreach.audience.hint')) },
      ),
      input(t, OUTREACH_FORM.partners, 'outreach.partners.label', { type: 'plain_text_input', max_length: MAX_PARTNERS, placeholder: plain(t('outreach.partners.placeholder')) }, { optional: true }),
      input(t, OUTREACH_FORM.notes, 'outreach.notes.label', { type: 'plain_text_input', multiline: true, max_length: MAX_NOTES }, { optional: true, hint: plain(t('outreach.notes.hint')) }),
    ],
  };
}
