// The visit and check-in modals' submissions: checked and saved before the ack (a refusal keeps
// the modal open with a translated error under each input, and nothing is written); the author
// gets a confirmation with an Undo button after the ack, and the other features hear of it
// (the day's due list marks the client done). The confirmation is kept until Slack accepts it
// (src/slack/confirmations.ts). A modal whose private_metadata names a record and
// its version is a correction of that record (src/features/corrections): the same form, saved
// by editRecord, confirmed without an Undo.
import { z } from 'zod';
import { canRecord, type Actor } from '../../domain/access.js';
import { todayIn } from '../../domain/dates.js';
import type { Prisma } from '../../db/client.js';
import type { Listeners } from '../../slack/listeners.js';
import { decodeMetadata } from '../../slack/metadata.js';
import { confirm } from '../../slack/confirmations.js';
import { viewErrors } from '../../slack/view-errors.js';
import { EditMetadata, editRecord, editedMessage, type EditedRecord } from '../corrections/index.js';
import { CHECKIN_CALLBACK_ID, VISIT_CALLBACK_ID } from './ids.js';
import { savedMessage } from './message.js';
import { recordCheckIn, recordVisit, type RecordKind, type RecordOptions, type RecordResult } from './record.js';
import type { FormInput } from './schema.js';
import { formValues } from '../../slack/form.js';

const Metadata = z.object({ channelId: z.string().min(1).max(20).optional(), record: EditMetadata.optional() });

type Recorder = (prisma: Prisma, actor: Actor, input: FormInput, options: RecordOptions) => Promise<RecordResult>;

const RECORDERS: Record<RecordKind, { callbackId: string; record: Recorder }> = {
  visit: { callbackId: VISIT_CALLBACK_ID, record: recordVisit },
  checkin: { callbackId: CHECKIN_CALLBACK_ID, record: recordCheckIn },
};


export function registerSubmissions(on: Listeners): void {
  for (const [kind, { callbackId, record }] of Object.entries(RECORDERS)) {
    on.view(callbackId, { allowed: canRecord }, async ({ ctx, actor, t, ack, view }) => {
      const options = { today: todayIn(ctx.config.timeZone, ctx.now()), now: ctx.now(), key: `view:${view.id}` };
      const metadata = decodeMetadata(Metadata, view.private_metadata);
      const edit = metadata?.record;
      const input = formValues(view.state.values);
      const result = edit
        ? await editRecord(ctx.prisma, actor, { kind: kind as RecordKind, ...edit }, input, options)
        : await record(ctx.prisma, actor, input, options);
      if (!result.ok) {
        ctx.log.info({ event: 'visits.refused', kind, fields: result.problems.map((p) => p.field) });
        await ack(viewErrors(t, result.problems));
        return;
      }
      await ack();
      if (result.duplicate) return;
      ctx.log.info({ event: edit ? 'visits.edited' : 'visits.created', kind, id: result.record.id, clientId: result.record.client.id });
      // An edit's result is an EditedRecord (editRecord's own type, widened by `result`).
      const counting = ctx.rules.visit.countingKinds;
      const message = edit ? editedMessage(t, result.record as EditedRecord, counting) : savedMessage(t, result.record, counting);
      // Kept until Slack accepts it: the record is saved whatever Slack does now.
      await confirm(ctx.confirmations, { userId: actor.userId, channelId: metadata?.channelId }, message);
      const { client: saved } = result.record;
      await ctx.recorded({ clientId: saved.id, communityId: saved.communityId, userId: actor.userId });
    });
  }
}
