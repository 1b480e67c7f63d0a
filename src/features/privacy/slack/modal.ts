// The erasure confirmation modal: what will go, the case number typed again, the legal basis
// and an explanation. Block Kit only, no I/O.
import type { ModalView } from '@slack/types';
import type { Translate } from '../../../i18n/index.js';
import { clientMrkdwn, section } from '../../../slack/blocks.js';
import { ERASE_BASES, ERASE_CALLBACK_ID, ERASE_FORM, MAX_ERASE_REASON } from '../ids.js';
import { plain } from '../../../slack/modal-blocks.js';


export function buildEraseModal(t: Translate, client: { caseNumber: string; alias: string }, metadata: string): ModalView {
  return {
    type: 'modal',
    callback_id: ERASE_CALLBACK_ID,
    private_metadata: metadata,
    title: plain(t('privacy.erase.modal.title')),
    submit: plain(t('privacy.erase.modal.submit')),
    close: plain(t('privacy.erase.modal.close')),
    blocks: [
      section(t('privacy.erase.modal.warning', { client: clientMrkdwn(client) })),
      {
        type: 'input',
        block_id: ERASE_FORM.caseNumber,
        label: plain(t('privacy.erase.caseNumber.label')),
        hint: plain(t('privacy.erase.caseNumber.hint')),
        element: { type: 'plain_text_input', action_id: ERASE_FORM.caseNumber, max_length: 100 },
      },
      {
        type: 'input',
        block_id: ERASE_FORM.basis,
        label: plain(t('privacy.erase.basis.label')),
        element: {
          type: 'static_select',
          action_id: ERASE_FORM.basis,
          options: ERASE_BASES.map((b) => ({ text: plain(t(`privacy.erase.basis.${b}`)), value: b })),
        },
      },
      {
        type: 'input',
        block_id: ERASE_FORM.reason,
        label: plain(t('privacy.erase.reason.label')),
        hint: plain(t('privacy.erase.reason.hint')),
        element: { type: 'plain_text_input', action_id: ERASE_FORM.reason, multiline: true, max_length: MAX_ERASE_REASON },
      },
    ],
  } as ModalView;
}
