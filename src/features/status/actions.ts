// Buttons of the status card, the pick list and App Home. Each is checked again on the server:
// a click is a request like any other, and its value may be forged.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { audit } from '../../db/audit.js';
import { canRecord, canWriteCommunity, isKnown } from '../../domain/access.js';
import { askerFor, type Asker, type BoltApp, type BotContext } from '../../slack/context.js';
import { tellUser } from '../../slack/notify.js';
import { unknownUserText } from '../../slack/replies.js';
import { openRecordModal } from '../visits/index.js';
import type { RecordKind } from '../visits/record.js';
import { statusMessage } from './card.js';
import { clientStatus } from './client-status.js';
import { today } from './commands.js';
import { HOME_LOG_VISIT_ACTION, LOG_CHECKIN_ACTION, STATUS_PICK_ACTION } from './ids.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Ephemeral under the message clicked; App Home has no response_url, so a DM from there. */
function replier(body: BlockAction, respond: RespondFn | undefined, web: WebClient) {
  return async (text: string) => {
    if (body.response_url) await respond!({ response_type: 'ephemeral', replace_original: false, text });
    else await tellUser(web, body.user.id, undefined, { text });
  };
}

const clientId = (value: string | undefined) => (value && /^\d{1,9}$/.test(value) ? Number(value) : null);

/** Shows the card of the client picked from an ambiguous `/caseload status`, in its place. */
async function pick({ ack, body, action, respond, client }: ButtonArgs, ctx: BotContext): Promise<void> {
  await ack();
  const reply = replier(body, respond, client);
  const { actor, t } = await askerFor(ctx, body.user.id);
  if (!isKnown(actor)) return reply(unknownUserText(t, ctx.config.adminUserIds));
  const id = clientId(action.value);
  const result = id === null ? null : await clientStatus(ctx.prisma, actor, id, today(ctx), ctx.rules);
  if (!result?.ok) return reply(t(result?.reason === 'notAllowed' ? 'common.notAllowed' : 'status.gone'));
  await respond({ response_type: 'ephemeral', replace_original: true, ...statusMessage(t, result.status) } as never);
}

/** The client a log button names, if the asker may record for it (audited as a lookup). */
async function writableClient(ctx: BotContext, asker: Asker, id: number, via: string) {
  const found = await ctx.prisma.client.findUnique({ where: { id }, select: { id: true, caseNumber: true, alias: true, communityId: true } });
  if (!found || !canWriteCommunity(asker.actor, found.communityId)) return null;
  await audit(ctx.prisma, { actor: asker.actor.userId, action: 'client.lookup', entity: 'client', entityId: id, communityId: found.communityId, detail: { via } });
  return found;
}

/** Opens the visit or check-in modal, with the button's client preselected if it names one. */
async function openModal(kind: RecordKind, args: ButtonArgs, ctx: BotContext): Promise<void> {
  const { ack, body, action, respond, client } = args;
  await ack();
  const reply = replier(body, respond, client);
  const asker = await askerFor(ctx, body.user.id);
  const { actor, t } = asker;
  if (!isKnown(actor)) return reply(unknownUserText(t, ctx.config.adminUserIds));
  if (!canRecord(actor)) return reply(t('common.notAllowed'));
  const id = clientId(action.value);
  const chosen = id === null ? undefined : await writableClient(ctx, asker, id, action.action_id);
  if (chosen === null) return reply(t('common.notAllowed'));
  const channelId = body.channel?.id;
  await openRecordModal(ctx, client, kind, asker, { triggerId: body.trigger_id, ...(channelId ? { channelId } : {}), ...(chosen ? { client: chosen } : {}) }, reply);
}

export function registerActions(app: BoltApp, ctx: BotContext): void {
  const handle = (run: (args: ButtonArgs) => Promise<void>, event: string) => async (args: ButtonArgs) => {
    try {
      await run(args);
    } catch (error) {
      ctx.log.error({ event, err: error });
      const { t } = await askerFor(ctx, args.body.user.id);
      await replier(args.body, args.respond, args.client)(t('common.error.load'));
    }
  };
  app.action<BlockAction<ButtonAction>>(STATUS_PICK_ACTION, handle((args) => pick(args, ctx), 'status.pick_failed'));
  app.action<BlockAction<ButtonAction>>(LOG_CHECKIN_ACTION, handle((args) => openModal('checkin', args, ctx), 'status.log_checkin_failed'));
  app.action<BlockAction<ButtonAction>>(HOME_LOG_VISIT_ACTION, handle((args) => openModal('visit', args, ctx), 'status.home_log_visit_failed'));
}
