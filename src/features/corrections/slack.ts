// Slack handlers of corrections: `/caseload records <case number>` lists a client's latest
// records; "Edit" opens one in its modal (saved by the visits feature's submission handler,
// which hands edits to editRecord); "Restore" brings a deleted one back, for managers. Every
// button is checked again on the server: its value may be forged.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isKnown } from '../../domain/access.js';
import type { CommandRequest, Subcommand } from '../../slack/caseload.js';
import type { MessageKey } from '../../i18n/index.js';
import { askerFor, type BoltApp, type BotContext } from '../../slack/context.js';
import { unknownUserText } from '../../slack/replies.js';
import { escapeMrkdwn } from '../../slack/text.js';
import { lookupClient } from '../clients/search.js';
import { replier } from '../lifecycle/reply.js';
import { parseRef } from '../visits/undo.js';
import { EDIT_RECORD_ACTION, RESTORE_RECORD_ACTION } from './ids.js';
import { recordsMessage } from './message.js';
import { openEditModal } from './open.js';
import { clientRecords } from './records.js';
import { restoreRecord } from './restore.js';

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
  allowed: isKnown,
  run: listRecords,
};

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

async function edit({ ack, body, action, respond, client }: ButtonArgs, ctx: BotContext): Promise<void> {
  await ack();
  const reply = replier(body, respond, client);
  const asker = await askerFor(ctx, body.user.id);
  if (!isKnown(asker.actor)) return reply(unknownUserText(asker.t, ctx.config.adminUserIds));
  const ref = parseRef(action.value);
  if (!ref) return reply(asker.t('corrections.error.gone'));
  const channelId = body.channel?.id;
  await openEditModal(ctx, client, asker, ref, { triggerId: body.trigger_id, ...(channelId ? { channelId } : {}) }, reply);
}

async function restore({ ack, body, action, respond, client }: ButtonArgs, ctx: BotContext): Promise<void> {
  await ack();
  const reply = replier(body, respond, client);
  const { actor, t } = await askerFor(ctx, body.user.id);
  if (!isKnown(actor)) return reply(unknownUserText(t, ctx.config.adminUserIds));
  const ref = parseRef(action.value);
  if (!ref) return reply(t('corrections.error.gone'));
  const result = await restoreRecord(ctx.prisma, actor, ref, ctx.now());
  if (!result.ok) {
    ctx.log.info({ event: 'corrections.restore_refused', kind: ref.kind, id: ref.id, reason: result.reason });
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

export function registerCorrections(app: BoltApp, ctx: BotContext): void {
  const handle = (run: (args: ButtonArgs, ctx: BotContext) => Promise<void>, event: string, failed: MessageKey) => async (args: ButtonArgs) => {
    try {
      await run(args, ctx);
    } catch (error) {
      ctx.log.error({ event, err: error });
      const { t } = await askerFor(ctx, args.body.user.id);
      await replier(args.body, args.respond, args.client)(t(failed));
    }
  };
  app.action<BlockAction<ButtonAction>>(EDIT_RECORD_ACTION, handle(edit, 'corrections.edit_failed', 'common.error.load'));
  app.action<BlockAction<ButtonAction>>(RESTORE_RECORD_ACTION, handle(restore, 'corrections.restore_failed', 'common.error.save'));
}
