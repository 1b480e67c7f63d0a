// The author's confirmation of a logged outreach event, with its Undo button, and what it becomes
// once undone. The notes are never shown.
import type { Translate } from '../../../i18n/index.js';
import type { Message } from '../../../slack/notify.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { UNDO_MINUTES, UNDO_OUTREACH_ACTION } from '../ids.js';
import type { OutreachCommunity, SavedOutreach } from '../record.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** A community's name as mrkdwn, or "the whole sub-district". */
export const communityName = (t: Translate, community: OutreachCommunity): string =>
  community ? escapeMrkdwn(community.name) : t('outreach.community.subdistrict');

export function savedMessage(t: Translate, event: SavedOutreach): Message {
  const text = t('outreach.saved', {
    title: escapeMrkdwn(event.title),
    date: event.date,
    community: communityName(t, event.community),
    setting: t(`outreach.setting.${event.setting}`),
    formats: event.formats.map((f) => t(`outreach.format.${f}`)).join(t('common.listSeparator')),
    audience: event.audience,
  });
  return {
    text,
    blocks: [
      section(text),
      { type: 'context', elements: [{ type: 'mrkdwn', text: t('outreach.saved.undoHint', { minutes: UNDO_MINUTES }) }] },
      {
        type: 'actions',
        block_id: 'undo',
        elements: [{ type: 'button', action_id: UNDO_OUTREACH_ACTION, text: { type: 'plain_text', text: t('outreach.undo.button') }, value: String(event.id) }],
      },
    ],
  };
}

export function undoneMessage(t: Translate, event: SavedOutreach): Message {
  const text = t('outreach.undone', { title: escapeMrkdwn(event.title), date: event.date, community: communityName(t, event.community) });
  return { text, blocks: [section(text)] };
}
