// The reports' Slack handlers: `/caseload week`, `/caseload export`, and the same weekly
// question asked by mentioning the bot.
//
// A mention is answered ephemerally to the person who asked, in the channel where they asked
// (their DM with the bot if it cannot post there): the counts follow the asker's scope — a
// manager's answer covers every community — and the other people in a community channel may
// not be allowed to see them. Slack retries events, so each event_id is answered once
// (a SubmissionKey row, shared by every bot instance).
import type { WebClient } from '@slack/web-api';
import { isKnown, type Actor } from '../../../domain/access.js';
import { todayIn } from '../../../domain/dates.js';
import { auditRead } from '../../../db/audit.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { exportCsv } from '../../../import/export.js';
import { KINDS, type Kind } from '../../../import/headers.js';
import type { Translate } from '../../../i18n/index.js';
import type { CommandRequest, Subcommand } from '../../../slack/caseload.js';
import type { BotContext } from '../../../slack/context.js';
import { tellUser, type Message } from '../../../slack/notify.js';
import { unknownUserText } from '../../../slack/replies.js';
import { readName, showName } from '../../admin/slack/args.js';
import { periodCounts } from '../counts.js';
import { canExport, exportReport } from '../export.js';
import { parseMention, type WeekQuestion } from '../mention.js';
import { buildCountsMessage } from './message.js';
import { monthPeriod, parseMonthWord, parseWeekWord, weekPeriod, type Period } from '../period.js';
import { reportScope, type ReportScope } from '../scope.js';
import { anyStaff, logFailure, type Listeners } from '../../../slack/listeners.js';

/** "this week" / "last week" typed in English as two words: the same as `this` / `last`. */
function joinWeekWords(args: string[]): string[] {
  return args.length >= 2 && /^(this|last)$/i.test(args[0]!) && args[1]!.toLowerCase() === 'week' ? [args[0]!, ...args.slice(2)] : args;
}

/** `[本周|上周|this [week]|last [week]|YYYY-Www] [<community>]`; null when the week is malformed. */
export function parseWeekArgs(typed: string[]): WeekQuestion | null {
  const args = joinWeekWords(typed);
  const first = args[0] === undefined ? undefined : parseWeekWord(args[0]);
  if (first === 'invalid') return null;
  const community = readName(first ? args.slice(1) : args);
  return { week: first ?? { kind: 'this' }, ...(community ? { community } : {}) };
}

export interface ExportQuestion {
  unit: 'week' | 'month';
  period: (today: string) => Period | null;
  community?: string;
}

/** `week|month [period] [<community>]`; null when malformed. */
export function parseExportArgs(args: string[]): ExportQuestion | null {
  const unit = args[0]?.toLowerCase();
  const word = args[1] ?? '';
  let period: ExportQuestion['period'];
  let named: boolean;
  if (unit === 'week') {
    const choice = parseWeekWord(word);
    if (choice === 'invalid') return null;
    period = (today) => weekPeriod(choice ?? { kind: 'this' }, today);
    named = choice !== undefined;
  } else if (unit === 'month') {
    const choice = parseMonthWord(word);
    if (choice === 'invalid') return null;
    period = (today) => monthPeriod(choice ?? { kind: 'this' }, today);
    named = choice !== undefined;
  } else {
    return null;
  }
  const community = readName(args.slice(named ? 2 : 1));
  return { unit, period, ...(community ? { community } : {}) };
}

function scopeRefusal(t: Translate, scope: Exclude<ReportScope, { kind: 'ok' }>): string {
  if (scope.kind === 'none') return t('reports.scope.none');
  return t(scope.kind === 'unknown' ? 'reports.scope.unknown' : 'reports.scope.notYours', { name: showName(scope.name) });
}

/** The weekly counts this person may see, as a message; null for a week that has not started. */
async function weekAnswer(ctx: BotContext, actor: Actor, t: Translate, question: WeekQuestion): Promise<Message | null> {
  const period = weekPeriod(question.week, todayIn(ctx.config.timeZone, ctx.now()));
  if (!period) return null;
  const scope = await reportScope(ctx.prisma, actor, question.community);
  if (scope.kind !== 'ok') return { text: scopeRefusal(t, scope) };
  // Outreach of the whole sub-district counts unless one community was asked for.
  return buildCountsMessage(t, await periodCounts(ctx.prisma, { communities: scope.communities, period, rules: ctx.rules, subdistrict: !question.community }));
}

export const week: Subcommand = {
  words: ['week'],
  usage: 'reports.week.usage',
  help: 'reports.week.help',
  allowed: anyStaff,
  async run(request) {
    const question = parseWeekArgs(request.args);
    const answer = question && (await weekAnswer(request.ctx, request.actor, request.t, question));
    if (!answer) return request.usage();
    await request.reply(answer.text, answer.blocks);
  },
};

async function sendFiles(client: WebClient, userId: string, comment: string, files: { filename: string; content: Buffer }[]): Promise<void> {
  const dm = await client.conversations.open({ users: userId });
  await client.filesUploadV2({
    channel_id: dm.channel?.id ?? userId,
    initial_comment: comment,
    file_uploads: files.map((f) => ({ file: f.content, filename: f.filename, title: f.filename })),
  });
}

/** `/caseload export clients|staff|communities` (admins): the roster as `npm run import` reads it, to their DM; audited. */
async function exportRoster(request: CommandRequest, kind: Kind): Promise<void> {
  const { ctx, actor, t } = request;
  if (!actor.isAdmin) return request.reply(t('reports.export.roster.refused'));
  const today = todayIn(ctx.config.timeZone, ctx.now());
  const { csv, rows } = await exportCsv(ctx.prisma, kind);
  await auditRead(ctx.prisma, { actor: actor.userId, action: `${kind}.export`, entity: kind, entityId: 'roster', communityId: null, detail: { rows } });
  const name = t(`import.kind.${kind}`);
  try {
    await sendFiles(request.client, actor.userId, t('reports.export.roster.comment', { kind: name, date: today }), [{ filename: `${kind}-${today}.csv`, content: csv }]);
  } catch (error) {
    logFailure(ctx.log, 'report.roster_upload_failed', error, { kind }, 'warn');
    return request.reply(t('reports.export.failed'));
  }
  await request.reply(t('reports.export.roster.sent', { kind: name, count: rows }));
}

export const exportCommand: Subcommand = {
  words: ['export'],
  usage: 'reports.export.usage',
  help: 'reports.export.help',
  allowed: canExport,
  refused: 'reports.export.refused',
  async run(request) {
    const { ctx, actor, t } = request;
    const roster = request.args.length === 1 ? KINDS.find((k) => k === request.args[0]!.toLowerCase()) : undefined;
    if (roster) return exportRoster(request, roster);
    const question = parseExportArgs(request.args);
    const period = question?.period(todayIn(ctx.config.timeZone, ctx.now()));
    if (!question || !period) return request.usage();
    const scope = await reportScope(ctx.prisma, actor, question.community);
    if (scope.kind !== 'ok') return request.reply(scopeRefusal(t, scope));
    const files = await exportReport(ctx.prisma, actor, t, { period, communities: scope.communities, rules: ctx.rules, subdistrict: !question.community });
    const where = scope.communities === 'all' ? t('reports.export.all') : scope.communities.map((c) => showName(c.name)).join(', ');
    try {
      await sendFiles(request.client, actor.userId, t('reports.export.comment', { key: period.key, start: period.counted.start, end: period.counted.end, scope: where }), files);
    } catch (error) {
      ctx.log.warn({ event: 'report.export_upload_failed', err: error });
      return request.reply(t('reports.export.failed'));
    }
    await request.reply(t('reports.export.sent', { key: period.key }));
  },
};

/** True the first time an event id is seen, by any instance. */
async function firstDelivery(ctx: BotContext, eventId: string): Promise<boolean> {
  try {
    await ctx.prisma.submissionKey.create({ data: { key: `event:${eventId}`, entity: 'event', entityId: eventId } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export function registerMentions(on: Listeners): void {
  // Answered to everyone who mentions the bot: people it does not know are told whom to ask.
  on.event('app_mention', (event) => (event.bot_id ? undefined : event.user), async ({ ctx, actor, t, event, eventId, client }) => {
    if (!(await firstDelivery(ctx, eventId))) {
      ctx.log.info({ event: 'mention.duplicate', eventId });
      return;
    }
    let message: Message;
    try {
      const question = parseMention(event.text);
      if (!isKnown(actor)) message = { text: unknownUserText(t, ctx.config.adminUserIds) };
      else message = (question && (await weekAnswer(ctx, actor, t, question))) || { text: t('reports.mention.help') };
    } catch (error) {
      logFailure(ctx.log, 'mention.failed', error, { eventId });
      message = { text: t('reports.error') };
    }
    await tellUser(client, actor.userId, event.channel, message);
  });
}
