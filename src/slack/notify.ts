// Private messages to one person: ephemeral in the channel they were working in when the bot
// can post there, otherwise in their direct messages with the bot. Returns where the message
// went, so it can be updated later (an Undo, a correction).
import type { WebClient } from '@slack/web-api';

export interface Message {
  text: string;
  blocks?: unknown[];
}

export type Delivered = { kind: 'ephemeral'; channel: string } | { kind: 'dm'; channel: string; ts: string };

export async function tellUser(client: WebClient, userId: string, channelId: string | undefined, message: Message): Promise<Delivered> {
  if (channelId) {
    try {
      await client.chat.postEphemeral({ channel: channelId, user: userId, text: message.text, blocks: message.blocks as never });
      return { kind: 'ephemeral', channel: channelId };
    } catch {
      // not_in_channel, channel_not_found, a DM with someone else…: fall back to our own DM.
    }
  }
  const posted = await client.chat.postMessage({ channel: userId, text: message.text, blocks: message.blocks as never });
  return { kind: 'dm', channel: String(posted.channel), ts: String(posted.ts) };
}
