// Outreach's Slack handlers: `/outreach` (also `/caseload outreach`, so help lists it) opens the
// modal; its submission is checked and saved before the ack (a refusal keeps the modal open with
// a translated error under each input); the author gets a confirmation with an Undo button.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { canLogOutreach } from '../../../domain/access.js';
import { todayIn } from '../../../domain/dates.js';
import type { Subcommand } from '../../../slack/caseload.js';
import type { Asker, BotContext } from '../../../slack/context.js';
import { confirm } from '../../../slack/confirmations.js';
import { formValues } from '../../../slack/form.js';
import type { Listeners } from '../../../slack/listeners.js';
import { decodeMetadata, encodeMetadata } from '../../../slack/metadata.js';
import { openModal } from '../../../slack/replies.js';
import { viewErrors } from '../../../slack/view-errors.js';
import { STATIC_OPTIONS_MAX, writableCommunities } from '../../clients/communities.js';
import { communityOption } from '../../clients/slack/modal.js';
import { idFrom } from '../../clients/writable.js';
import { OUTREACH_CALLBACK_ID, OUTREACH_FORM, UNDO_MINUTES, UNDO_OUTREACH_ACTION } from '../ids.js';
import { savedMessage, undoneMessage } from './message.js';
import { buildOutreachModal, subdistrictOption } from './modal.js';
import { recordOutreach, undoOutreach } from '../record.js';

const Metadata = z.object({ channelId: z.string().min(1).max(20).optional() });

/** Anyone the bot knows as staff. */
const allowed = (actor: Parameters<typeof canLogOutreach>[0]) => canLogOutreach(actor);

async function openOutreachModal(ctx: BotContext, web: WebClient, asker: Asker, request: { triggerId: string; channelId?: string }, reply: (text: string) => Promise<void>): Promise<void> {
  // One option is kept for the whole sub-district; past that, the communities are searched.
  const found = await writableCommunities(ctx.prisma, asker.actor, STATIC_OPTIONS_MAX);
  const view = buildOutreachModal(asker.t, {
    communities: found.length < STATIC_OPTIONS_MAX ? found : null,
    today: todayIn(ctx.config.timeZone, ctx.now()),
    metadata: encodeMetadata(request.channelId ? { channelId: request.channelId } : {}),
  });
  if (await openModal(web, request.triggerId, view)) return;
  ctx.log.warn({ event: 'outreach.trigger_expired' });
  await reply(asker.t('common.triggerExpired'));
}

export const outreachSubcommand: Subcommand = {
  words: ['outreach'],
  usage: 'outreach.usage',
  help: 'outreach.help',
  allowed,
  run: ({ ctx, actor, t, channelId, triggerId, client, reply }) => openOutreachModal(ctx, client, { actor, t }, { triggerId, channelId }, reply),
};

export function registerOutreach(on: Listeners): void {
  on.command('/outreach', { allowed }, ({ ctx, actor, t, command, client, reply }) =>
    openOutreachModal(ctx, client, { actor, t }, { triggerId: command.trigger_id, channelId: command.channel_id }, reply),
  );

  on.view(OUTREACH_CALLBACK_ID, { allowed }, async ({ ctx, actor, t, ack, view }) => {
    const options = { today: todayIn(ctx.config.timeZone, ctx.now()), now: ctx.now(), key: `view:${view.id}` };
    const result = await recordOutreach(ctx.prisma, actor, formValues(view.state.values), options);
    if (!result.ok) {
      ctx.log.info({ event: 'outreach.refused', fields: result.problems.map((p) => p.field) });
      await ack(viewErrors(t, result.problems));
      return;
    }
    await ack();
    if (result.duplicate) return;
    ctx.log.info({ event: 'outreach.created', id: result.event.id, communityId: result.event.community?.id ?? null });
    const metadata = decodeMetadata(Metadata, view.private_metadata);
    // Kept until Slack accepts it: the event is saved whatever Slack does now.
    await confirm(ctx.confirmations, { userId: actor.userId, channelId: metadata?.channelId }, savedMessage(t, result.event));
  });

  // More communities than one list holds (an admin of a whole city): searched by name, the whole sub-district first.
  on.options(
    OUTREACH_FORM.community,
    { allowed },
    async ({ ctx, actor, t, payload }) => {
      const query = payload.value.trim();
      const communities = (await writableCommunities(ctx.prisma, actor, STATIC_OPTIONS_MAX - 1, query)).map(communityOption);
      return query ? communities : [subdistrictOption(t), ...communities];
    },
    OUTREACH_CALLBACK_ID,
  );

  on.action(UNDO_OUTREACH_ACTION, { allowed, changes: true }, async ({ ctx, actor, t, action, respond, reply }) => {
    const id = idFrom(action.value);
    if (id === null) return reply(t('outreach.undo.notFound'));
    const result = await undoOutreach(ctx.prisma, actor, id, ctx.now());
    if (!result.ok) {
      ctx.log.info({ event: 'outreach.undo_refused', id, refusal: result.reason });
      return reply(t(`outreach.undo.${result.reason}`, { minutes: UNDO_MINUTES }));
    }
    ctx.log.info({ event: 'outreach.undone', id });
    const { text, blocks } = undoneMessage(t, result.event);
    await respond({ replace_original: true, text, blocks: blocks as never });
  });
}
