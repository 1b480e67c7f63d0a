// The confirmation's Undo button. Checked again on the server (the author only, within the
// window, still allowed): a refusal is an ephemeral note and nothing changes; success replaces
// the confirmation, through the action's response_url, with what was undone.
import { anyStaff, type Listeners } from '../../../slack/listeners.js';
import { UNDO_ACTION, UNDO_MINUTES } from '../ids.js';
import { undoneMessage } from './message.js';
import { parseRef, undoRecord } from '../undo.js';

export function registerUndo(on: Listeners): void {
  on.action(UNDO_ACTION, { allowed: anyStaff, changes: true }, async ({ ctx, actor, t, action, respond, reply }) => {
    const ref = parseRef(action.value);
    if (!ref) return reply(t('visits.undo.notFound'));
    const result = await undoRecord(ctx.prisma, actor, ref, ctx.now());
    if (!result.ok) {
      ctx.log.info({ event: 'visits.undo_refused', kind: ref.kind, id: ref.id, refusal: result.reason });
      return reply(t(`visits.undo.${result.reason}`, { minutes: UNDO_MINUTES }));
    }
    ctx.log.info({ event: 'visits.undone', kind: ref.kind, id: ref.id });
    const { text, blocks } = undoneMessage(t, result.record);
    await respond({ replace_original: true, text, blocks: blocks as never });
    // What is due may have changed back (the due list redraws from the records).
    const { client } = result.record;
    await ctx.recorded({ clientId: client.id, communityId: client.communityId, userId: actor.userId });
  });
}
