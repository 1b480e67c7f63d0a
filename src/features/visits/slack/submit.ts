// The visit and check-in modals' submissions: checked and saved before the ack (a refusal keeps
// the modal open with a translated error under each input, and nothing is written); the author
// gets a confirmation with an Undo button after the ack, and the other features hear of it
// (the day's due list marks the client done). The confirmation is kept until Slack accepts it
// (src/slack/confirmations.ts). A modal whose private_metadata names a record and
// its version is a correction of that record: the same form, saved and confirmed by the editor
// the corrections feature gives (features/index.ts wires it in, so visits never imports it).
import { z } from 'zod';
import { canRecord, type Actor } from '../../../domain/access.js';
import { todayIn } from '../../../domain/dates.js';
import type { Prisma } from '../../../db/client.js';
import type { Listeners } from '../../../slack/listeners.js';
import { decodeMetadata } from '../../../slack/metadata.js';
import { confirm } from '../../../slack/confirmations.js';
import { viewErrors } from '../../../slack/view-errors.js';
import type { Message } from '../../../slack/notify.js';
import type { Translate } from '../../../i18n/index.js';
import type { VisitKind } from '../../../domain/types.js';
import type { Problem } from '../../../problems.js';
import { CHECKIN_CALLBACK_ID, EditMetadata, VISIT_CALLBACK_ID } from '../ids.js';
import { savedMessage } from './message.js';
import { recordCheckIn, recordVisit, type RecordKind, type RecordOptions, type EditTarget, type RecordResult, type SavedRecord } from '../record.js';
import type { FormInput } from '../schema.js';
import { formValues } from '../../../slack/form.js';

const Metadata = z.object({ channelId: z.string().min(1).max(20).optional(), record: EditMetadata.optional() });

type Recorder = (prisma: Prisma, actor: Actor, input: FormInput, options: RecordOptions) => Promise<RecordResult>;

const RECORDERS: Record<RecordKind, { callbackId: string; record: Recorder }> = {
  visit: { callbackId: VISIT_CALLBACK_ID, record: recordVisit },
  checkin: { callbackId: CHECKIN_CALLBACK_ID, record: recordCheckIn },
};

/** Saves a correction of a saved record and words its confirmation (the corrections feature). */
export interface RecordEditor<R extends SavedRecord> {
  save(prisma: Prisma, actor: Actor, target: EditTarget, input: FormInput, options: RecordOptions): Promise<{ ok: true; duplicate: false; record: R } | { ok: true; duplicate: true } | { ok: false; problems: Problem[] }>;
  confirmation(t: Translate, record: R, countingKinds: readonly VisitKind[]): Message;
}

export function registerSubmissions(on: Listeners, editor: RecordEditor<SavedRecord>): void {
  for (const [kind, { callbackId, record }] of Object.entries(RECORDERS)) {
    on.view(callbackId, { allowed: canRecord }, async ({ ctx, actor, t, ack, view }) => {
      const options = { today: todayIn(ctx.config.timeZone, ctx.now()), now: ctx.now(), key: `view:${view.id}` };
      const metadata = decodeMetadata(Metadata, view.private_metadata);
      const edit = metadata?.record;
      const input = formValues(view.state.values);
      const result = edit
        ? await editor.save(ctx.prisma, actor, { kind: kind as RecordKind, ...edit }, input, options)
        : await record(ctx.prisma, actor, input, options);
      if (!result.ok) {
        ctx.log.info({ event: 'visits.refused', kind, fields: result.problems.map((p) => p.field) });
        await ack(viewErrors(t, result.problems));
        return;
      }
      await ack();
      if (result.duplicate) return;
      ctx.log.info({ event: edit ? 'visits.edited' : 'visits.created', kind, id: result.record.id, clientId: result.record.client.id });
      const counting = ctx.rules.visit.countingKinds;
      const message = edit ? editor.confirmation(t, result.record, counting) : savedMessage(t, result.record, counting);
      // Kept until Slack accepts it: the record is saved whatever Slack does now.
      await confirm(ctx.confirmations, { userId: actor.userId, channelId: metadata?.channelId }, message);
      const { client: saved } = result.record;
      await ctx.recorded({ clientId: saved.id, communityId: saved.communityId, userId: actor.userId });
    });
  }
}
