// Opens a saved visit or check-in in its own modal, every input filled in, for its author or a
// manager to correct. private_metadata names the record and the version shown; the visits
// feature's submission handler sends such a submission to editRecord. A record more than
// REASON_AFTER_HOURS old gets a required reason input.
import type { InputBlock, ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { auditRead } from '../../../db/audit.js';
import { canCorrect } from '../../../domain/access.js';
import { todayIn } from '../../../domain/dates.js';
import type { VisitKind } from '../../../domain/types.js';
import type { Translate } from '../../../i18n/index.js';
import type { Asker, BotContext } from '../../../slack/context.js';
import { encodeMetadata } from '../../../slack/metadata.js';
import { openModal } from '../../../slack/replies.js';
import { buildCheckInModal, buildVisitModal } from '../../visits/slack/modal.js';
import type { RecordRef } from '../../visits/undo.js';
import { needsReason } from '../edit.js';
import { MAX_REASON, REASON_FIELD } from '../ids.js';
import { loadRecord, type StoredRecord } from '../records.js';
import { plain } from '../../../slack/modal-blocks.js';


function reasonInput(t: Translate): InputBlock {
  return {
    type: 'input',
    block_id: REASON_FIELD,
    label: plain(t('corrections.reason.label')),
    hint: plain(t('corrections.reason.hint')),
    element: { type: 'plain_text_input', action_id: REASON_FIELD, multiline: true, max_length: MAX_REASON },
  };
}

export function buildEditModal(
  t: Translate,
  record: StoredRecord,
  options: { today: string; channelId?: string; late: boolean; countingKinds: readonly VisitKind[] },
): ModalView {
  const build = record.kind === 'visit' ? buildVisitModal : buildCheckInModal;
  const view = build(t, {
    today: options.today,
    countingKinds: options.countingKinds,
    client: record.client,
    metadata: encodeMetadata({ ...(options.channelId ? { channelId: options.channelId } : {}), record: { id: record.id, version: record.version } }),
    values: {
      date: record.date,
      urine: record.test?.result ?? 'none',
      notes: record.notes,
      ...(record.visitKind ? { kind: record.visitKind, help: record.help, next: record.next } : {}),
    },
  });
  return {
    ...view,
    title: plain(t(record.kind === 'visit' ? 'corrections.visit.modal.title' : 'corrections.checkin.modal.title')),
    blocks: options.late ? [...view.blocks, reasonInput(t)] : view.blocks,
  };
}

export async function openEditModal(
  ctx: BotContext,
  web: WebClient,
  { actor, t }: Asker,
  ref: RecordRef,
  request: { triggerId: string; channelId?: string },
  reply: (text: string) => Promise<void>,
): Promise<void> {
  const record = await loadRecord(ctx.prisma, ref);
  if (!record || record.deletedAt) return reply(t('corrections.error.gone'));
  if (!canCorrect(actor, record.client.communityId, record.recordedById)) return reply(t('corrections.error.notAllowed'));
  const { client } = record;
  // The modal shows the notes: a read of the client file.
  await auditRead(ctx.prisma, {
    actor: actor.userId,
    action: 'client.read',
    entity: 'client',
    entityId: client.id,
    communityId: client.communityId,
    detail: { clientId: client.id, communityId: client.communityId, via: 'edit_record', record: ref.kind, recordId: ref.id },
  });
  const view = buildEditModal(t, record, {
    today: todayIn(ctx.config.timeZone, ctx.now()),
    late: needsReason(record, ctx.now()),
    countingKinds: ctx.rules.visit.countingKinds,
    ...(request.channelId ? { channelId: request.channelId } : {}),
  });
  if (await openModal(web, request.triggerId, view)) return;
  ctx.log.warn({ event: 'corrections.trigger_expired', kind: ref.kind });
  await reply(t('common.triggerExpired'));
}
