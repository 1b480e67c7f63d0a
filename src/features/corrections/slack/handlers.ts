// Slack handlers of corrections: `/caseload records <case number>` lists a client's latest
// records; "Edit" opens one in its modal (saved by the visits feature's submission handler,
// which hands edits to editRecord); "Restore" brings a deleted one back, for managers. Every
// button is checked again on the server: its value may be forged.
import { canRecord } from '../../../domain/access.js';
import type { CommandRequest, Subcommand } from '../../../slack/caseload.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { lookupClient } from '../../clients/search.js';
import { parseRef } from '../../visits/undo.js';
import { EDIT_RECORD_ACTION, RESTORE_RECORD_ACTION } from '../ids.js';
import { recordsMessage } from './message.js';
import { openEditModal } from './open.js';
import { clientRecords } from '../records.js';
import { restoreRecord } from '../restore.js';
import { anyStaff, type ActionRequest, type Listeners } from '../../../slack/listeners.js';

async function listRecords({ ctx, actor, t, rest, reply, usage }: CommandRequest): Promise<void> {
  const query = rest.trim();
  if (query === '') return usage();
  const { client, matches } = await lookupClient(ctx.prisma, actor, query);
  if (matches === 0) return reply(t('common.clientNotFound', { query: escapeMrkdwn(query) }));
  if (!client) return reply(t('common.clientAmbiguous', { query: escapeMrkdwn(query) }));
  const result = await clientRecords(ctx.prisma, actor, client.id);
  if (!result.ok) return reply(t(result.reason === 'notAllowed' ? 'common.notAllowed' : 'status.gone'));
  const message = recordsMessage(t, result.client, result.lines, ctx.config.timeZone);
  await reply(message.text, message.blocks);
}

export const recordsSubcommand: Subcommand = {
  words: ['records'],
  usage: 'corrections.records.usage',
  help: 'corrections.records.help',
  allowed: anyStaff,
  run: listRecords,
};

async function edit({ ctx, actor, t, body, action, client, reply }: ActionRequest): Promise<void> {
  const ref = parseRef(action.value);
  if (!ref) return reply(t('corrections.error.gone'));
  const channelId = body.channel?.id;
  await openEditModal(ctx, client, { actor, t }, ref, { triggerId: body.trigger_id, ...(channelId ? { channelId } : {}) }, reply);
}

async function restore({ ctx, actor, t, body, action, respond, reply }: ActionRequest): Promise<void> {
  const ref = parseRef(action.value);
  if (!ref) return reply(t('corrections.error.gone'));
  const result = await restoreRecord(ctx.prisma, actor, ref, ctx.now());
  if (!result.ok) {
    ctx.log.info({ event: 'corrections.restore_refused', kind: ref.kind, id: ref.id, refusal: result.reason });
    return reply(t(`corrections.restore.${result.reason}`));
  }
  ctx.log.info({ event: 'corrections.restored', kind: ref.kind, id: ref.id });
  const { client: owner } = result.record;
  // The list it was clicked in, redrawn: the line is live again.
  const list = await clientRecords(ctx.prisma, actor, owner.id);
  if (list.ok && body.response_url) {
    const message = recordsMessage(t, list.client, list.lines, ctx.config.timeZone);
    await respond({ response_type: 'ephemeral', replace_original: true, text: message.text, ...(message.blocks ? { blocks: message.blocks as never } : {}) });
  }
  await reply(t('corrections.restored', { date: result.record.date }));
  await ctx.recorded({ clientId: owner.id, communityId: owner.communityId, userId: actor.userId });
}

export function registerCorrections(on: Listeners): void {
  on.action(EDIT_RECORD_ACTION, { allowed: canRecord }, edit);
  on.action(RESTORE_RECORD_ACTION, { allowed: canRecord, changes: true }, restore);
}
