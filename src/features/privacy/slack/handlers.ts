// Slack handlers of the access log and erasure, for admins only (the listeners' one access
// check, again on every button and submission): `/caseload audit <case number>` answers with
// the first page and an "earlier entries" button; `/caseload erase <case number>` opens the
// confirmation modal, whose submission erases (refusals keep it open, nothing erased) and tells
// the admin. A client is named by its exact case number, in any case: an erased client keeps it.
import type { Prisma } from '../../../db/client.js';
import { auditRead } from '../../../db/audit.js';
import type { Actor } from '../../../domain/access.js';
import { translate, type Translate } from '../../../i18n/index.js';
import type { CommandRequest, Subcommand } from '../../../slack/caseload.js';
import type { BotContext } from '../../../slack/context.js';
import { formValues } from '../../../slack/form.js';
import { logFailure, type Listeners } from '../../../slack/listeners.js';
import { decodeMetadata, encodeMetadata } from '../../../slack/metadata.js';
import { tellUser } from '../../../slack/notify.js';
import { openModal } from '../../../slack/replies.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { viewErrors } from '../../../slack/view-errors.js';
import { z } from 'zod';
import { markDone } from '../../due-lists/slack/done.js';
import { clientMrkdwn } from '../../../slack/blocks.js';
import { accessLog } from '../access-log.js';
import { eraseClient } from '../erase.js';
import { AUDIT_MORE_ACTION, ERASE_CALLBACK_ID, ERASE_FORM } from '../ids.js';
import { accessLogMessage, localTime } from './message.js';
import { buildEraseModal } from './modal.js';
import { parseErase } from '../schema.js';

const isAdmin = (actor: Actor) => actor.isAdmin;
const ADMINS = { allowed: isAdmin, refused: 'privacy.refused' } as const;

/** The client whose exact case number (any case: the database's upper-case key) was typed. */
const byCaseNumber = (prisma: Prisma, text: string) =>
  prisma.client.findUnique({
    where: { caseNumberKey: text.trim().toUpperCase() },
    select: { id: true, caseNumber: true, alias: true, communityId: true, erasedAt: true },
  });

async function showLog(ctx: BotContext, actor: Actor, t: Translate, clientId: number, before: bigint | null, reply: (text: string, blocks?: unknown[]) => Promise<void>) {
  const page = await accessLog(ctx.prisma, actor, clientId, before);
  if (!page) return reply(t('privacy.audit.gone'));
  const message = accessLogMessage(t, page, ctx.config.timeZone);
  await reply(message.text, message.blocks);
}

async function auditCommand({ ctx, actor, t, rest, reply, usage }: CommandRequest): Promise<void> {
  if (rest.trim() === '') return usage();
  // Not audited as a lookup: reading the log is audited (client.audit).
  const client = await byCaseNumber(ctx.prisma, rest);
  if (!client) return reply(t('common.clientNotFound', { query: escapeMrkdwn(rest.trim()) }));
  await showLog(ctx, actor, t, client.id, null, reply);
}

const alreadyErased = (t: Translate, ctx: BotContext, client: { caseNumber: string; alias: string }, erasedAt: Date) =>
  t('privacy.erase.already', { client: clientMrkdwn(client), date: localTime(erasedAt, ctx.config.timeZone).slice(0, 10) });

async function eraseCommand({ ctx, actor, t, rest, channelId, triggerId, client: web, reply, usage }: CommandRequest): Promise<void> {
  if (rest.trim() === '') return usage();
  const client = await byCaseNumber(ctx.prisma, rest);
  // The modal names the client: a lookup, audited like any other.
  await auditRead(ctx.prisma, {
    actor: actor.userId,
    action: 'client.lookup',
    entity: 'client',
    entityId: client?.id ?? null,
    communityId: client?.communityId ?? null,
    detail: { queryLength: rest.trim().length, results: client ? 1 : 0, via: 'erase' },
  });
  if (!client) return reply(t('common.clientNotFound', { query: escapeMrkdwn(rest.trim()) }));
  if (client.erasedAt) return reply(alreadyErased(t, ctx, client, client.erasedAt));
  if (await openModal(web, triggerId, buildEraseModal(t, client, encodeMetadata({ clientId: client.id, channelId })))) return;
  await reply(t('common.triggerExpired'));
}

export const auditSubcommand: Subcommand = { words: ['audit'], usage: 'privacy.audit.usage', help: 'privacy.audit.help', ...ADMINS, run: auditCommand };
export const eraseSubcommand: Subcommand = { words: ['erase'], usage: 'privacy.erase.usage', help: 'privacy.erase.help', ...ADMINS, changes: true, run: eraseCommand };

/** The "earlier entries" button's value: whose log, and the last entry shown. */
const MORE_VALUE = /^(\d{1,9}):(\d{1,19})$/;
const EraseMetadata = z.object({ clientId: z.number().int().positive(), channelId: z.string().min(1).max(20).optional() });

export function registerPrivacy(on: Listeners): void {
  on.action(AUDIT_MORE_ACTION, ADMINS, async ({ ctx, actor, t, action, reply }) => {
    const match = MORE_VALUE.exec(action.value ?? '');
    if (!match) return reply(t('privacy.audit.gone'));
    await showLog(ctx, actor, t, Number(match[1]), BigInt(match[2]!), reply);
  });

  on.view(ERASE_CALLBACK_ID, { ...ADMINS, changes: true }, async ({ ctx, actor, t, ack, view, client: web }) => {
    const metadata = decodeMetadata(EraseMetadata, view.private_metadata);
    if (!metadata) return ack(viewErrors(t, [{ field: ERASE_FORM.caseNumber, key: 'privacy.erase.error.gone' }]));
    const { values, problems } = parseErase(formValues(view.state.values));
    if (problems.length > 0) return ack(viewErrors(t, problems));
    const result = await eraseClient(ctx.prisma, actor, {
      clientId: metadata.clientId,
      typedCaseNumber: values.case_number!,
      basis: values.basis!,
      reason: values.reason!,
      placeholder: (id) => translate(ctx.config.defaultLocale, 'privacy.erase.placeholder', { id }),
      removed: translate(ctx.config.defaultLocale, 'privacy.erase.removed'),
      now: ctx.now(),
    });
    if (!result.ok) {
      ctx.log.info({ event: 'privacy.erase_refused', reason: result.reason });
      const text = result.reason === 'already' ? alreadyErased(t, ctx, result.client, result.erasedAt) : t(result.reason === 'gone' ? 'privacy.erase.error.gone' : 'privacy.erase.error.mismatch');
      return ack({ response_action: 'errors', errors: { [ERASE_FORM.caseNumber]: text } });
    }
    await ack();
    ctx.log.info({ event: 'privacy.erased', clientId: result.client.id });
    try {
      await tellUser(web, actor.userId, metadata.channelId, { text: t('privacy.erase.done', { caseNumber: escapeMrkdwn(result.client.caseNumber), alias: escapeMrkdwn(result.client.alias) }) });
      // Today's due list of the community, if it names the client, shows the placeholder too.
      await markDone(ctx.dueJob, { clientId: result.client.id, communityId: result.client.communityId });
    } catch (error) {
      // Erased; only the confirmation or the redrawn list was lost.
      logFailure(ctx.log, 'privacy.erase_confirm_failed', error, { clientId: result.client.id }, 'warn');
    }
  });
}
