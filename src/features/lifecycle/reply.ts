// Answering a button click privately: ephemeral under the message clicked, or — for a button
// inside a modal, which has no response_url — a direct message from the bot.
import type { BlockAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { tellUser } from '../../slack/notify.js';

export type Reply = (text: string) => Promise<void>;

export function replier(body: BlockAction, respond: RespondFn, web: WebClient): Reply {
  return async (text: string) => {
    if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text });
    else await tellUser(web, body.user.id, undefined, { text });
  };
}

/** A button's value naming a row id, or null for anything else (values can be forged). */
export const idFrom = (value: string | undefined): number | null => (value && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null);
