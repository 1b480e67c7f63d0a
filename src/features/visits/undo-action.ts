// The confirmation's Undo button. Checked again on the server (the author only, within the
// window, still allowed): a refusal is an ephemeral note and nothing changes; success replaces
// the confirmation, through the action's response_url, with what was undone.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isKnown } from '../../domain/access.js';
import { askerFor, type BoltApp, type BotContext } from '../../slack/context.js';
import { unknownUserText } from '../../slack/replies.js';
import { UNDO_ACTION, UNDO_MINUTES } from './ids.js';
import { undoneMessage } from './message.js';
import { parseRef, undoRecord } from './undo.js';

export function registerUndo(app: BoltApp, ctx: BotContext): void {
  app.action<BlockAction<ButtonAction>>(UNDO_ACTION, async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const { actor, t } = await askerFor(ctx, body.user.id);
    const refuse = async (text: string) => {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    };
    if (!isKnown(actor)) return refuse(unknownUserText(t, ctx.config.adminUserIds));
    const ref = parseRef(action.value);
    if (!ref) return refuse(t('visits.undo.notFound'));
    try {
      const result = await undoRecord(ctx.prisma, actor, ref, ctx.now());
      if (!result.ok) {
        ctx.log.info({ event: 'visits.undo_refused', kind: ref.kind, id: ref.id, reason: result.reason });
        return refuse(t(`visits.undo.${result.reason}`, { minutes: UNDO_MINUTES }));
      }
      ctx.log.info({ event: 'visits.undone', kind: ref.kind, id: ref.id });
      const { text, blocks } = undoneMessage(t, result.record);
      await respond({ replace_original: true, text, blocks: blocks as never });
      // What is due may have changed back (the due list redraws from the records).
      const { client } = result.record;
      await ctx.recorded({ clientId: client.id, communityId: client.communityId, userId: actor.userId });
    } catch (error) {
      ctx.log.error({ event: 'visits.undo_failed', kind: ref.kind, id: ref.id, err: error });
      await refuse(t('common.error.save'));
    }
  });
}
