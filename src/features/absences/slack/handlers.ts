// Slack handlers of absences: `/caseload absence <case number or alias>` opens the modal — for
// the client's open absence when there is one, so it is closed rather than recorded twice; its
// submission is checked and saved before the ack (refusals keep the modal open, translated,
// nothing written), then the author is told and the flag check runs at once.
import { z } from 'zod';
import { canRecord } from '../../../domain/access.js';
import { todayIn } from '../../../domain/dates.js';
import type { CommandRequest, Subcommand } from '../../../slack/caseload.js';
import type { BotContext } from '../../../slack/context.js';
import type { Listeners } from '../../../slack/listeners.js';
import { decodeMetadata, encodeMetadata } from '../../../slack/metadata.js';
import { confirm } from '../../../slack/confirmations.js';
import { openModal } from '../../../slack/replies.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { viewErrors } from '../../../slack/view-errors.js';
import { lookupClient } from '../../clients/search.js';
import { writableClient } from '../../clients/writable.js';
import { ABSENCE_CALLBACK_ID, ABSENCE_FORM } from '../ids.js';
import { savedText } from './message.js';
import { buildAbsenceModal } from './modal.js';
import { openAbsenceOf, recordAbsence, type AbsenceResult, type AbsenceTarget } from '../record.js';
import { formValues } from '../../../slack/form.js';

const today = (ctx: BotContext) => todayIn(ctx.config.timeZone, ctx.now());

const Id = z.number().int().positive();
/** The modal's private_metadata: whose absence, the open one it closes, where the command was typed. */
const Metadata = z.object({
  clientId: Id,
  absence: z.object({ id: Id, version: Id }).optional(),
  channelId: z.string().min(1).max(20).optional(),
});

async function absenceCommand({ ctx, actor, t, rest, channelId, triggerId, client: web, reply, usage }: CommandRequest): Promise<void> {
  const query = rest.trim();
  if (query === '') return usage();
  const { client: found, matches } = await lookupClient(ctx.prisma, actor, query);
  if (matches === 0) return reply(t('common.clientNotFound', { query: escapeMrkdwn(query) }));
  if (!found) return reply(t('absences.ambiguous', { query: escapeMrkdwn(query) }));
  // A manager reads every community but records only in their own.
  const client = await writableClient(ctx.prisma, actor, found.id);
  if (!client) return reply(t('absences.error.notAllowed'));
  const open = await openAbsenceOf(ctx.prisma, client.id);
  const metadata = encodeMetadata({ clientId: client.id, ...(open ? { absence: { id: open.id, version: open.version } } : {}), channelId });
  if (await openModal(web, triggerId, buildAbsenceModal(t, { client, today: today(ctx), open, metadata }))) return;
  ctx.log.warn({ event: 'absences.trigger_expired' });
  await reply(t('common.triggerExpired'));
}

export const absenceSubcommand: Subcommand = {
  words: ['absence'],
  usage: 'absences.usage',
  help: 'absences.help',
  allowed: canRecord,
  run: absenceCommand,
};


export function registerAbsences(on: Listeners): void {
  on.view(ABSENCE_CALLBACK_ID, { allowed: canRecord }, async ({ ctx, actor, t, ack, view }) => {
    const metadata = decodeMetadata(Metadata, view.private_metadata);
    const target: AbsenceTarget | undefined = metadata && { clientId: metadata.clientId, ...(metadata.absence ? { absence: metadata.absence } : {}) };
    const result: AbsenceResult = target
      ? await recordAbsence(ctx.prisma, actor, target, formValues(view.state.values), { today: today(ctx), key: `view:${view.id}` })
      : { ok: false, problems: [{ field: ABSENCE_FORM.from, key: 'absences.error.notAllowed' }] };
    if (!result.ok) {
      ctx.log.info({ event: 'absences.refused', fields: result.problems.map((p) => p.field) });
      await ack(viewErrors(t, result.problems));
      return;
    }
    await ack();
    if (result.duplicate) return;
    const { absence } = result;
    ctx.log.info({ event: absence.created ? 'absences.created' : 'absences.updated', id: absence.id, clientId: absence.client.id });
    await confirm(ctx.confirmations, { userId: actor.userId, channelId: metadata?.channelId }, { text: savedText(t, absence) });
    await ctx.recorded({ clientId: absence.client.id, communityId: absence.client.communityId, userId: actor.userId });
  });
}
