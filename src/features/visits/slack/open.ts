// `/visit [case number or alias]` and `/checkin [case number or alias]` (also as `/caseload visit`
// and `/caseload checkin`): open the modal — with the
// client preselected when the text names exactly one client the user may see (otherwise the
// modal opens empty and the picker searches).
import type { WebClient } from '@slack/web-api';
import { canRecord } from '../../../domain/access.js';
import { todayIn } from '../../../domain/dates.js';
import type { Subcommand } from '../../../slack/caseload.js';
import type { Asker, BotContext } from '../../../slack/context.js';
import type { Listeners } from '../../../slack/listeners.js';
import { encodeMetadata } from '../../../slack/metadata.js';
import { openModal } from '../../../slack/replies.js';
import { lookupClient } from '../../clients/search.js';
import { buildCheckInModal, buildVisitModal, type ClientChoice } from './modal.js';
import type { RecordKind } from '../record.js';

const KINDS = ['visit', 'checkin'] as const;
const COMMANDS: Record<RecordKind, string> = { visit: '/visit', checkin: '/checkin' };

const BUILDERS = { visit: buildVisitModal, checkin: buildCheckInModal };

export interface OpenRequest {
  triggerId: string;
  /** Where the confirmation goes later (ephemeral there, else a DM). */
  channelId?: string;
  client?: ClientChoice;
}

/**
 * Opens the visit or check-in modal. Answers false (after telling the user) when Slack refused
 * the trigger because it came too late. Exported for other entry points (App Home, status cards).
 */
export async function openRecordModal(ctx: BotContext, web: WebClient, kind: RecordKind, asker: Asker, request: OpenRequest, reply: (text: string) => Promise<void>): Promise<boolean> {
  const view = BUILDERS[kind](asker.t, {
    today: todayIn(ctx.config.timeZone, ctx.now()),
    countingKinds: ctx.rules.visit.countingKinds,
    ...(request.client ? { client: request.client } : {}),
    metadata: encodeMetadata(request.channelId ? { channelId: request.channelId } : {}),
  });
  if (await openModal(web, request.triggerId, view)) return true;
  ctx.log.warn({ event: 'visits.trigger_expired', kind });
  await reply(asker.t('common.triggerExpired'));
  return false;
}

/** Opens the modal for a command's text: the client preselected when it names exactly one. */
async function openFromText(ctx: BotContext, web: WebClient, kind: RecordKind, asker: Asker, text: string, request: OpenRequest, reply: (text: string) => Promise<void>): Promise<void> {
  const found = text ? (await lookupClient(ctx.prisma, asker.actor, text)).client : undefined;
  await openRecordModal(ctx, web, kind, asker, { ...request, ...(found ? { client: found } : {}) }, reply);
}

/** `/caseload visit …` and `/caseload checkin …` do the same as the commands, and help lists them. */
export const subcommands: Subcommand[] = KINDS.map((kind) => ({
  words: [kind],
  usage: `visits.${kind}.usage`,
  help: `visits.${kind}.help`,
  allowed: canRecord,
  run: ({ ctx, actor, t, rest, channelId, triggerId, client, reply }) =>
    openFromText(ctx, client, kind, { actor, t }, rest.trim(), { triggerId, channelId }, reply),
}));

export function registerCommands(on: Listeners): void {
  for (const kind of KINDS) {
    on.command(COMMANDS[kind], { allowed: canRecord }, ({ ctx, actor, t, command, client, reply }) =>
      openFromText(ctx, client, kind, { actor, t }, (command.text ?? '').trim(), { triggerId: command.trigger_id, channelId: command.channel_id }, reply),
    );
  }
}
