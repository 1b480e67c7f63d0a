// Importing a roster from Slack, for admins: `/caseload import clients|staff|communities`, then
// the file (CSV or XLSX) sent to the bot in a DM. The bot downloads it with its own token,
// answers with the dry run's report (every refused cell, or what would be created, updated and
// left alone) and an Apply button valid for 30 minutes; Apply writes it once, as `npm run import`
// does (one transaction, audited under the admin's user id and the file's name).
//
// Slack reports a shared file twice (a `message` with the file, and `file_shared`) and retries
// events: the file's id makes the second report a no-op (../pending.ts).
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../../domain/access.js';
import { isKnown } from '../../../domain/access.js';
import { todayIn } from '../../../domain/dates.js';
import type { Translate } from '../../../i18n/index.js';
import { importSheet } from '../../../import/apply.js';
import { KINDS, type Kind } from '../../../import/headers.js';
import { readSheet } from '../../../import/read.js';
import { importReport } from '../../../import/report.js';
import type { Subcommand } from '../../../slack/caseload.js';
import type { BotContext } from '../../../slack/context.js';
import { logFailure, type Listeners } from '../../../slack/listeners.js';
import { unknownUserText } from '../../../slack/replies.js';
import { downloadFile, MAX_FILE_BYTES } from './download.js';
import { IMPORT_APPLY } from '../ids.js';
import { reportMessage, type ReportMessage } from './message.js';
import { attachFile, claimFile, requestImport, saveCheck, settleClaim, WINDOW_MS } from '../pending.js';

const isAdmin = (actor: Actor) => actor.isAdmin;
const MINUTES = WINDOW_MS / 60_000;
const READABLE = /\.(csv|xlsx)$/i;

export const importCommand: Subcommand = {
  words: ['import'],
  usage: 'imports.usage',
  help: 'imports.help',
  allowed: isAdmin,
  refused: 'imports.refused',
  changes: true,
  async run(request) {
    const kind = request.args.length === 1 ? KINDS.find((k) => k === request.args[0]!.toLowerCase()) : undefined;
    if (!kind) return request.usage();
    await requestImport(request.ctx.prisma, request.actor.userId, kind, request.ctx.now());
    await request.reply(request.t('imports.waiting', { kind: request.t(`import.kind.${kind}`), minutes: MINUTES }));
  },
};

async function post(client: WebClient, channel: string, message: ReportMessage, t: Translate): Promise<void> {
  await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never });
  if (message.full) {
    await client.filesUploadV2({ channel_id: channel, initial_comment: t('imports.report.file'), file_uploads: [{ file: Buffer.from(message.full, 'utf8'), filename: 'import-report.txt', title: 'import-report.txt' }] });
  }
}

const say = (client: WebClient, channel: string, text: string) => client.chat.postMessage({ channel, text });

/** A file shared in the bot's DM: tied to the person's open request, downloaded, dry-run, reported. */
async function fileShared(ctx: BotContext, client: WebClient, actor: Actor, t: Translate, fileId: string, channel: string): Promise<void> {
  if (!isKnown(actor)) return void (await say(client, channel, unknownUserText(t, ctx.config.adminUserIds)));
  if (!actor.isAdmin) return void (await say(client, channel, t('imports.refused')));
  const now = ctx.now();
  const attached = await attachFile(ctx.prisma, actor.userId, fileId, now);
  if (attached.kind === 'duplicate') return;
  if (attached.kind === 'none') return void (await say(client, channel, t('imports.noRequest')));
  const kind: Kind = attached.importKind;
  const info = (await client.files.info({ file: fileId })).file;
  const name = info?.name ?? fileId;
  const url = info?.url_private_download ?? info?.url_private;
  if (!READABLE.test(name)) return void (await say(client, channel, t('imports.file.type', { file: name })));
  if ((info?.size ?? 0) > MAX_FILE_BYTES || !url) {
    return void (await say(client, channel, t(url ? 'imports.file.tooLarge' : 'imports.file.failed', { file: name, mb: MAX_FILE_BYTES / 1024 / 1024 })));
  }
  const download = await downloadFile(url, ctx.config.slack.botToken, ctx.config.slack.apiUrl);
  if (!download.ok) return void (await say(client, channel, t(download.reason === 'tooLarge' ? 'imports.file.tooLarge' : 'imports.file.failed', { file: name, mb: MAX_FILE_BYTES / 1024 / 1024 })));
  const read = await readSheet(download.bytes);
  if (!read.ok) return void (await say(client, channel, t(read.reason === 'empty' ? 'import.summary.empty' : 'import.summary.unreadable', { file: name })));
  const result = await importSheet(ctx.prisma, { kind, sheet: read.sheet, fileName: name, actor: actor.userId, today: todayIn(ctx.config.timeZone, now), dryRun: true });
  const writes = result.ok && result.counts.created + result.counts.updated > 0;
  await saveCheck(ctx.prisma, attached.id, actor.userId, name, writes ? download.bytes : null, now);
  const report = importReport(actor.locale, kind, result);
  await post(client, channel, reportMessage(t, report, writes && result.ok ? { pendingId: attached.id, counts: result.counts, fileName: name } : undefined), t);
}

/** Apply: the checked file written for real, once; the report message becomes the result. */
async function apply(ctx: BotContext, client: WebClient, actor: Actor, t: Translate, pendingId: number, where: { channel?: string; ts?: string }, reply: (text: string) => Promise<void>): Promise<void> {
  const now = ctx.now();
  const claim = await claimFile(ctx.prisma, pendingId, actor.userId, now);
  if (claim.kind !== 'claimed') return reply(t(`imports.apply.${claim.kind}`, { minutes: MINUTES }));
  const read = await readSheet(claim.content);
  let report: string;
  try {
    if (!read.ok) throw new Error('a checked file no longer reads');
    const result = await importSheet(ctx.prisma, { kind: claim.importKind, sheet: read.sheet, fileName: claim.fileName, actor: actor.userId, today: todayIn(ctx.config.timeZone, now), dryRun: false });
    report = importReport(actor.locale, claim.importKind, result);
  } catch (error) {
    await settleClaim(ctx.prisma, pendingId, true);
    throw error;
  }
  await settleClaim(ctx.prisma, pendingId, false);
  const message = reportMessage(t, report);
  if (where.channel && where.ts) {
    try {
      await client.chat.update({ channel: where.channel, ts: where.ts, text: message.text, blocks: message.blocks as never });
      if (message.full) await post(client, where.channel, { ...message, blocks: [] }, t);
      return;
    } catch (error) {
      logFailure(ctx.log, 'import.report_update_failed', error, {}, 'warn');
    }
  }
  await reply(report.split('\n')[0]!);
}

export function registerImports(on: Listeners): void {
  // Files shared in a direct message with the bot: the answer goes back to that conversation.
  const inDm = (channel: unknown) => typeof channel === 'string' && channel.startsWith('D');
  on.event('message', (event) => ('subtype' in event && event.subtype === 'file_share' && event.channel_type === 'im' && inDm(event.channel) && !('bot_id' in event && event.bot_id) ? event.user : undefined), async ({ ctx, actor, t, event, client }) => {
    if (event.subtype !== 'file_share') return;
    for (const file of event.files ?? []) await fileShared(ctx, client, actor, t, file.id, event.channel);
  });
  on.event('file_shared', (event) => (inDm(event.channel_id) ? event.user_id : undefined), async ({ ctx, actor, t, event, client }) => {
    await fileShared(ctx, client, actor, t, event.file_id, event.channel_id);
  });
  on.action(IMPORT_APPLY, { allowed: isAdmin, refused: 'imports.refused', changes: true }, async ({ ctx, actor, t, body, action, client, reply }) => {
    const id = Number(action.value);
    if (!Number.isSafeInteger(id) || id <= 0) return reply(t('imports.apply.notYours'));
    const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
    await apply(ctx, client, actor, t, id, { channel: container?.channel_id ?? body.channel?.id, ts: container?.message_ts ?? body.message?.ts }, reply);
  });
}
