// Buttons of the status card, the pick list and App Home. Each is checked again on the server:
// a click is a request like any other, and its value may be forged.
import { canRecord } from '../../../domain/access.js';
import { anyStaff, type ActionRequest, type Listeners } from '../../../slack/listeners.js';
import { idFrom, lookUpWritable } from '../../clients/writable.js';
import { openRecordModal } from '../../visits/index.js';
import type { RecordKind } from '../../visits/record.js';
import { statusMessage } from './card.js';
import { clientStatus } from '../client-status.js';
import { today } from './commands.js';
import { HOME_LOG_VISIT_ACTION, LOG_CHECKIN_ACTION, STATUS_PICK_ACTION } from '../ids.js';

/** Shows the card of the client picked from an ambiguous `/caseload status`, in its place. */
async function pick({ ctx, actor, t, action, respond, reply }: ActionRequest): Promise<void> {
  const id = idFrom(action.value);
  const result = id === null ? null : await clientStatus(ctx.prisma, actor, id, today(ctx), ctx.rules);
  if (!result?.ok) return reply(t(result?.reason === 'notAllowed' ? 'common.notAllowed' : 'status.gone'));
  await respond({ response_type: 'ephemeral', replace_original: true, ...statusMessage(t, result.status) } as never);
}

/** Opens the visit or check-in modal, with the button's client preselected if it names one. */
async function openModal(kind: RecordKind, { ctx, actor, t, body, action, client, reply }: ActionRequest): Promise<void> {
  // App Home's buttons carry no client: the modal opens with none chosen.
  const named = action.value !== undefined && action.value !== '';
  const chosen = named ? await lookUpWritable(ctx.prisma, actor, idFrom(action.value), action.action_id) : undefined;
  if (chosen === null) return reply(t('visits.error.clientNotAllowed'));
  const channelId = body.channel?.id;
  const choice = chosen ? { id: chosen.id, caseNumber: chosen.caseNumber, alias: chosen.alias } : undefined;
  await openRecordModal(ctx, client, kind, { actor, t }, { triggerId: body.trigger_id, ...(channelId ? { channelId } : {}), ...(choice ? { client: choice } : {}) }, reply);
}

export function registerActions(on: Listeners): void {
  on.action(STATUS_PICK_ACTION, { allowed: anyStaff }, pick);
  on.action(LOG_CHECKIN_ACTION, { allowed: canRecord }, (request) => openModal('checkin', request));
  on.action(HOME_LOG_VISIT_ACTION, { allowed: canRecord }, (request) => openModal('visit', request));
}
