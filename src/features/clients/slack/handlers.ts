// Slack handlers of client intake: `/caseload client add` opens the modal, its submission is
// checked and saved (refusals keep the modal open with an error under each input), and the
// author gets a confirmation after the ack.
import { z } from 'zod';
import { canRecord } from '../../../domain/access.js';
import { addDays, todayIn } from '../../../domain/dates.js';
import { LAW } from '../../../domain/rules.js';
import type { Translate } from '../../../i18n/index.js';
import type { CommandRequest, Subcommand } from '../../../slack/caseload.js';
import type { BotContext } from '../../../slack/context.js';
import type { Listeners } from '../../../slack/listeners.js';
import { decodeMetadata, encodeMetadata } from '../../../slack/metadata.js';
import { confirm } from '../../../slack/confirmations.js';
import { openModal } from '../../../slack/replies.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { viewErrors } from '../../../slack/view-errors.js';
import { STATIC_OPTIONS_MAX, writableCommunities } from '../communities.js';
import { INTAKE, INTAKE_CALLBACK_ID } from '../ids.js';
import { buildIntakeModal, communityOption } from './modal.js';
import { createClient, type SavedClient } from '../record.js';
import { formValues } from '../../../slack/form.js';

const Metadata = z.object({ channelId: z.string().min(1).max(20) });

const today = (ctx: BotContext) => todayIn(ctx.config.timeZone, ctx.now());

async function openIntake({ ctx, actor, t, args, channelId, triggerId, client, reply, usage }: CommandRequest): Promise<void> {
  if (args.length > 0) return usage();
  const found = await writableCommunities(ctx.prisma, actor, STATIC_OPTIONS_MAX + 1);
  if (found.length === 0) {
    // Only an admin can see none: staff belong to at least one community.
    await reply(t('clients.add.noCommunity.admin'));
    return;
  }
  const view = buildIntakeModal(t, {
    communities: found.length > STATIC_OPTIONS_MAX ? null : found,
    today: today(ctx),
    ...(actor.role === 'worker' ? { caseworker: actor.userId } : {}),
    metadata: encodeMetadata({ channelId }),
  });
  if (await openModal(client, triggerId, view)) return;
  ctx.log.warn({ event: 'clients.intake.trigger_expired' });
  await reply(t('common.triggerExpired'));
}

export const addClient: Subcommand = {
  words: ['client', 'add'],
  usage: 'clients.add.usage',
  help: 'clients.add.help',
  allowed: canRecord,
  run: openIntake,
};



/** Text from people inside mrkdwn: escaped, so an alias cannot become a mention or a link. */
const shown = escapeMrkdwn;

export function confirmationText(t: Translate, client: SavedClient): string {
  const awaiting = client.awaitingSince;
  const lines = [
    ...(awaiting === null ? [] : [t('clients.intake.done.awaiting', { decided: awaiting, by: addDays(awaiting, LAW.reportInDays) })]),
    ...(client.reportedOn !== null && client.reportedOn !== client.termStart ? [t('clients.intake.done.transfer', { date: client.reportedOn, start: client.termStart })] : []),
    ...(client.trackedFrom === null ? [] : [t('clients.intake.done.trackedFrom', { date: client.trackedFrom })]),
  ];
  return t('clients.intake.done', {
    caseNumber: client.caseNumber,
    alias: shown(client.alias),
    community: shown(client.communityName),
    program: t(`program.${client.program}`),
    // Not reported in yet: no term runs.
    start: awaiting === null ? client.termStart : '—',
    end: awaiting === null ? client.plannedTermEnd : '—',
    count: client.termMonths,
  }) + lines.map((line) => `\n${line}`).join('');
}

export function registerIntake(on: Listeners): void {
  on.view(INTAKE_CALLBACK_ID, { allowed: canRecord }, async ({ ctx, actor, t, ack, view }) => {
    const result = await createClient(ctx.prisma, actor, formValues(view.state.values), today(ctx), `view:${view.id}`);
    if (!result.ok) {
      ctx.log.info({ event: 'clients.intake.refused', fields: result.problems.map((p) => p.field) });
      await ack(viewErrors(t, result.problems));
      return;
    }
    await ack();
    if (result.duplicate) return;
    ctx.log.info({ event: 'clients.intake.created', clientId: result.client.id });
    const metadata = decodeMetadata(Metadata, view.private_metadata);
    await confirm(ctx.confirmations, { userId: actor.userId, channelId: metadata?.channelId }, { text: confirmationText(t, result.client) });
    // The report-in is a check-in, and a late one a legal flag: the rest of the bot hears of it now.
    await ctx.recorded({ clientId: result.client.id, communityId: result.client.communityId, userId: actor.userId });
  });

  // More communities than one list holds (an admin of a whole city): they are searched by name.
  on.options(
    INTAKE.community,
    { allowed: canRecord },
    async ({ ctx, actor, payload }) => (await writableCommunities(ctx.prisma, actor, STATIC_OPTIONS_MAX, payload.value.trim())).map(communityOption),
    INTAKE_CALLBACK_ID,
  );
}
