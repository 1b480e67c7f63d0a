// The "log visit" button on a due list (action_id `log_visit`, value = client id): opens the
// visit modal with that client preselected — for someone who may record for the client's
// community, checked here and again when the modal is submitted.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { canRecord, canWriteCommunity, isKnown } from '../../domain/access.js';
import { audit } from '../../db/audit.js';
import { askerFor, type BoltApp, type BotContext } from '../../slack/context.js';
import { unknownUserText } from '../../slack/replies.js';
import { openRecordModal } from '../visits/index.js';
import { LOG_VISIT_ACTION } from './message.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** A client id as the button carries it; anything else (a forged payload) finds nobody. */
function clientIdOf(value: string | undefined): number | undefined {
  const id = Number(value);
  return /^\d{1,9}$/.test(value ?? '') && id > 0 ? id : undefined;
}

export function registerLogVisit(app: BoltApp, ctx: BotContext): void {
  app.action<BlockAction<ButtonAction>>(LOG_VISIT_ACTION, async ({ ack, body, action, respond, client }: Args) => {
    await ack();
    const asker = await askerFor(ctx, body.user.id);
    const { actor, t } = asker;
    // Ephemeral and never replacing the channel's list the button sits in.
    const reply = async (text: string) => {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    };
    try {
      if (!isKnown(actor)) return await reply(unknownUserText(t, ctx.config.adminUserIds));
      const id = clientIdOf(action.value);
      const found = id === undefined ? null : await ctx.prisma.client.findUnique({ where: { id }, select: { id: true, caseNumber: true, alias: true, communityId: true } });
      const allowed = found !== null && canRecord(actor) && canWriteCommunity(actor, found.communityId);
      await audit(ctx.prisma, {
        actor: actor.userId,
        action: 'client.lookup',
        entity: 'client',
        entityId: found?.id ?? null,
        communityId: found?.communityId ?? null,
        detail: { via: 'due_list', allowed },
      });
      if (!found) return await reply(t('due.logVisit.gone'));
      if (!allowed) return await reply(t('common.notAllowed'));
      const choice = { id: found.id, caseNumber: found.caseNumber, alias: found.alias };
      await openRecordModal(ctx, client, 'visit', asker, { triggerId: body.trigger_id, channelId: body.channel?.id, client: choice }, reply);
    } catch (error) {
      ctx.log.error({ event: 'due.log_visit_failed', err: error });
      await reply(t('common.error.load'));
    }
  });
}
