// Slack handlers of the client file: `/caseload client <case number>` opens it; its buttons push
// the status and team modals (or open them, clicked anywhere else); their submissions are
// checked and saved before the ack (refusals keep the modal open, translated, nothing written),
// then the author is told and the file underneath is redrawn.
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { fromDbDate } from '../../../db/dates.js';
import { canRecord, type Actor } from '../../../domain/access.js';
import { todayIn } from '../../../domain/dates.js';
import type { CommandRequest, Subcommand } from '../../../slack/caseload.js';
import type { BotContext } from '../../../slack/context.js';
import { decodeMetadata, encodeMetadata } from '../../../slack/metadata.js';
import { confirm } from '../../../slack/confirmations.js';
import { openModal } from '../../../slack/replies.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { viewErrors } from '../../../slack/view-errors.js';
import type { Problem } from '../../../problems.js';
import type { Translate } from '../../../i18n/index.js';
import { lookupClient } from '../../clients/search.js';
import { idFrom, lookUpWritable, type writableClient } from '../../clients/writable.js';
import { clientFile } from '../file.js';
import {
  CHANGE_STATUS_ACTION, CHANGE_TEAM_ACTION, CHANGE_TERM_ACTION, CLIENT_STATUS_CALLBACK_ID, CLIENT_TEAM_CALLBACK_ID, CLIENT_TERM_CALLBACK_ID,
  STATUS_FORM, TEAM_FORM, TERM_FORM,
} from '../ids.js';
import { statusChangedText, teamChangedText, termChangedText } from './message.js';
import { buildClientFileModal, buildStatusModal, buildTeamModal, buildTermModal } from './modal.js';
import { changeTerm } from '../term.js';
import type { FormInput } from '../schema.js';
import { changeStatus, historyOf, type ClientTarget } from '../status.js';
import { effectiveEndOf, statusAt } from '../transitions.js';
import { changeTeam } from '../team.js';
import { anyStaff, logFailure, type ActionRequest, type Listeners } from '../../../slack/listeners.js';
import { formValues } from '../../../slack/form.js';

const today = (ctx: BotContext) => todayIn(ctx.config.timeZone, ctx.now());

const ChannelId = z.string().min(1).max(20);
/** The file modal's private_metadata: whose file, and where the command was typed. */
const FileMetadata = z.object({ clientId: z.number().int().positive(), channelId: ChannelId.optional() });
/** The status and team modals': the client and the version the form is based on, and the file to redraw. */
const FormMetadata = z.object({
  clientId: z.number().int().positive(),
  version: z.number().int().positive(),
  fileViewId: z.string().min(1).max(40).optional(),
  channelId: ChannelId.optional(),
});

/** Opens the file of a client the asker may read, or says why not. */
async function openFile(ctx: BotContext, web: WebClient, t: Translate, request: { actor: Actor; clientId: number; triggerId: string; channelId?: string }, reply: (text: string) => Promise<void>) {
  const result = await clientFile(ctx.prisma, request.actor, request.clientId, today(ctx), ctx.rules);
  if (!result.ok) return reply(t(result.reason === 'notAllowed' ? 'common.notAllowed' : 'status.gone'));
  const metadata = encodeMetadata({ clientId: request.clientId, ...(request.channelId ? { channelId: request.channelId } : {}) });
  if (await openModal(web, request.triggerId, buildClientFileModal(t, result.file, metadata))) return;
  ctx.log.warn({ event: 'lifecycle.file.trigger_expired' });
  await reply(t('common.triggerExpired'));
}

async function fileCommand({ ctx, actor, t, rest, channelId, triggerId, client, reply, usage }: CommandRequest): Promise<void> {
  const query = rest.trim();
  if (query === '') return usage();
  const { client: found, matches } = await lookupClient(ctx.prisma, actor, query);
  if (matches === 0) return reply(t('common.clientNotFound', { query: escapeMrkdwn(query) }));
  if (!found) return reply(t('common.clientAmbiguous', { query: escapeMrkdwn(query) }));
  await openFile(ctx, client, t, { actor, clientId: found.id, triggerId, channelId }, reply);
}

export const fileSubcommand: Subcommand = {
  words: ['client'],
  usage: 'lifecycle.file.usage',
  help: 'lifecycle.file.help',
  allowed: anyStaff,
  run: fileCommand,
};

type FormClient = NonNullable<Awaited<ReturnType<typeof writableClient>>>;
type FormBuilder = (ctx: BotContext, t: Translate, client: FormClient, metadata: string) => Promise<ModalView>;

type FormKind = 'status' | 'team' | 'term';

const FORMS: Record<FormKind, FormBuilder> = {
  term: async (_ctx, t, client, metadata) =>
    buildTermModal(t, { client, termStart: fromDbDate(client.termStart), months: client.termMonths, metadata }),
  status: async (ctx, t, client, metadata) => {
    const history = { termStart: fromDbDate(client.termStart), plannedTermEnd: fromDbDate(client.plannedTermEnd), recorded: client.status, history: historyOf(client.statusPeriods) };
    const current = statusAt(history, today(ctx));
    return buildStatusModal(t, { client, current, today: today(ctx), termEnd: effectiveEndOf(history), metadata });
  },
  team: async (ctx, t, client, metadata) => {
    const caseworker = await ctx.prisma.staff.findUniqueOrThrow({ where: { id: client.caseworkerId }, select: { slackUserId: true } });
    const member = (userId: string | null, name: string | null) => (userId ? { userId } : name ? { name } : null);
    return buildTeamModal(t, {
      client,
      caseworkerUserId: caseworker.slackUserId,
      team: {
        police: member(client.policeUserId, client.policeName),
        gridWorker: member(client.gridWorkerUserId, client.gridWorkerName),
        volunteer: member(client.volunteerUserId, client.volunteerName),
      },
      metadata,
    });
  },
};

/** The status or team modal for the client a file button names, pushed over the file when clicked in it. */
async function openForm(kind: FormKind, { ctx, actor, t, body, action, client: web, reply }: ActionRequest): Promise<void> {
  const client = await lookUpWritable(ctx.prisma, actor, idFrom(action.value), action.action_id);
  if (!client) return reply(t('lifecycle.error.notAllowed'));
  const fileView = body.view;
  const channelId = decodeMetadata(FileMetadata, fileView?.private_metadata)?.channelId ?? body.channel?.id;
  const metadata = encodeMetadata({ clientId: client.id, version: client.version, ...(fileView ? { fileViewId: fileView.id } : {}), ...(channelId ? { channelId } : {}) });
  const view = await FORMS[kind](ctx, t, client, metadata);
  if (await openModal(web, body.trigger_id, view, fileView ? 'push' : 'open')) return;
  await reply(t('common.triggerExpired'));
}



type Saved = { ok: true; duplicate: false; text: (t: Translate) => string; clientId: number } | { ok: true; duplicate: true } | { ok: false; problems: Problem[] };

type Save = (ctx: BotContext, actor: Actor, target: ClientTarget, input: FormInput, key: string) => Promise<Saved>;

const SAVES: Record<FormKind, { callbackId: string; field: string; save: Save }> = {
  term: {
    callbackId: CLIENT_TERM_CALLBACK_ID,
    field: TERM_FORM.termMonths,
    save: async (ctx, actor, target, input, key) => {
      const result = await changeTerm(ctx.prisma, actor, target, input, { today: today(ctx), now: ctx.now(), key });
      return result.ok && !result.duplicate ? { ok: true, duplicate: false, clientId: target.clientId, text: (t) => termChangedText(t, result.term) } : result;
    },
  },
  status: {
    callbackId: CLIENT_STATUS_CALLBACK_ID,
    field: STATUS_FORM.status,
    save: async (ctx, actor, target, input, key) => {
      const result = await changeStatus(ctx.prisma, actor, target, input, { today: today(ctx), now: ctx.now(), key });
      return result.ok && !result.duplicate ? { ok: true, duplicate: false, clientId: target.clientId, text: (t) => statusChangedText(t, result.change) } : result;
    },
  },
  team: {
    callbackId: CLIENT_TEAM_CALLBACK_ID,
    field: TEAM_FORM.caseworker,
    save: async (ctx, actor, target, input, key) => {
      const result = await changeTeam(ctx.prisma, actor, target, input, { today: today(ctx), now: ctx.now(), key });
      return result.ok && !result.duplicate ? { ok: true, duplicate: false, clientId: target.clientId, text: (t) => teamChangedText(t, result.team) } : result;
    },
  },
};

function registerSubmission(on: Listeners, kind: FormKind): void {
  const { callbackId, field, save } = SAVES[kind];
  on.view(callbackId, { allowed: canRecord }, async ({ ctx, actor, t, ack, view, client: web }) => {
    const metadata = decodeMetadata(FormMetadata, view.private_metadata);
    const result: Saved = metadata
      ? await save(ctx, actor, { clientId: metadata.clientId, version: metadata.version }, formValues(view.state.values), `view:${view.id}`)
      : { ok: false, problems: [{ field, key: 'lifecycle.error.notAllowed' }] };
    if (!result.ok) {
      ctx.log.info({ event: 'lifecycle.refused', kind, fields: result.problems.map((p) => p.field) });
      await ack(viewErrors(t, result.problems));
      return;
    }
    await ack();
    if (result.duplicate || !metadata) return;
    ctx.log.info({ event: 'lifecycle.changed', kind, clientId: result.clientId });
    await confirm(ctx.confirmations, { userId: actor.userId, channelId: metadata.channelId }, { text: result.text(t) });
    try {
      if (metadata.fileViewId) {
        const file = await clientFile(ctx.prisma, actor, result.clientId, today(ctx), ctx.rules);
        const fileMetadata = encodeMetadata({ clientId: result.clientId, ...(metadata.channelId ? { channelId: metadata.channelId } : {}) });
        if (file.ok) await web.views.update({ view_id: metadata.fileViewId, view: buildClientFileModal(t, file.file, fileMetadata) });
      }
    } catch (error) {
      // Saved; only the redrawn file was lost (the file may have been closed).
      logFailure(ctx.log, 'lifecycle.redraw_failed', error, { kind, clientId: result.clientId }, 'warn');
    }
  });
}

export function registerLifecycle(on: Listeners): void {
  on.action(CHANGE_STATUS_ACTION, { allowed: canRecord }, (request) => openForm('status', request));
  on.action(CHANGE_TEAM_ACTION, { allowed: canRecord }, (request) => openForm('team', request));
  registerSubmission(on, 'status');
  registerSubmission(on, 'team');
  on.action(CHANGE_TERM_ACTION, { allowed: canRecord }, (request) => openForm('term', request));
  registerSubmission(on, 'term');
}
