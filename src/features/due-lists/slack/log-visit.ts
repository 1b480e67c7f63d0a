// The "log visit" button on a due list (action_id `log_visit`, value = client id): opens the
// visit modal with that client preselected — for someone who may record for the client's
// community, checked here and again when the modal is submitted.
import { canRecord } from '../../../domain/access.js';
import type { Listeners } from '../../../slack/listeners.js';
import { idFrom, lookUpWritable } from '../../clients/writable.js';
import { openRecordModal } from '../../visits/index.js';
import { LOG_VISIT_ACTION } from '../ids.js';

export function registerLogVisit(on: Listeners): void {
  on.action(LOG_VISIT_ACTION, { allowed: canRecord }, async ({ ctx, actor, t, body, action, client, reply }) => {
    const found = await lookUpWritable(ctx.prisma, actor, idFrom(action.value), 'due_list');
    if (!found) return reply(t('visits.error.clientNotAllowed'));
    const choice = { id: found.id, caseNumber: found.caseNumber, alias: found.alias };
    await openRecordModal(ctx, client, 'visit', { actor, t }, { triggerId: body.trigger_id, channelId: body.channel?.id, client: choice }, reply);
  });
}
