// The two Block Kit pieces every modal is made of: a plain_text object, and an input block whose
// element's action_id is its block_id (how every form of the bot names its inputs).
import type { InputBlock } from '@slack/types';
import type { MessageKey, Translate } from '../i18n/index.js';

export const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** An input block labelled from the catalog; `field` is both its block_id and its element's action_id. */
export function input(t: Translate, field: string, label: MessageKey, element: InputBlock['element'], extra: Partial<InputBlock> = {}): InputBlock {
  return { type: 'input', block_id: field, label: plain(t(label)), element: { ...element, action_id: field } as InputBlock['element'], ...extra };
}
