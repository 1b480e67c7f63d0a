// `/caseload due`, `/caseload due here` and `/caseload due post [<community>|all]`: read the
// words, check access, call the queries or the job, reply ephemerally in the asker's language.
import { canReadCommunity, type Actor } from '../../../domain/access.js';
import { todayIn } from '../../../domain/dates.js';
import { audit } from '../../../db/audit.js';
import type { CommandRequest, Subcommand } from '../../../slack/caseload.js';
import { findCommunity } from '../../admin/communities.js';
import { unknownCommunity } from '../../admin/slack/handlers.js';
import { readName, showName } from '../../admin/slack/args.js';
import { runDailyDueLists } from './job.js';
import { buildCountsMessage, buildDueMessage, buildMyDueMessage, type DueMessage } from './message.js';
import { communityList, dueByCommunity, myDueList } from '../queries.js';
import { anyStaff } from '../../../slack/listeners.js';

const seesCounts = (actor: Actor) => actor.isAdmin || actor.role === 'manager';
const today = (request: CommandRequest) => todayIn(request.ctx.config.timeZone, request.ctx.now());
const send = (request: CommandRequest, message: DueMessage) => request.reply(message.text, message.blocks.length > 0 ? message.blocks : undefined);

export const dueMine: Subcommand = {
  words: ['due'],
  usage: 'due.mine.usage',
  help: 'due.mine.help',
  allowed: anyStaff,
  async run(request) {
    if (request.args.length > 0) return request.usage();
    const { ctx, actor, t } = request;
    const date = today(request);
    if (seesCounts(actor)) {
      return send(request, buildCountsMessage(t, { date, communities: await dueByCommunity(ctx.dueJob, actor, date), soonDays: ctx.dueJob.rules.dueSoonDays }));
    }
    await send(request, buildMyDueMessage(t, { date, entries: await myDueList(ctx.dueJob, actor, date), soonDays: ctx.dueJob.rules.dueSoonDays }));
  },
};

export const dueHere: Subcommand = {
  words: ['due', 'here'],
  usage: 'due.here.usage',
  help: 'due.here.help',
  allowed: anyStaff,
  async run(request) {
    if (request.args.length > 0) return request.usage();
    const { ctx, actor, t } = request;
    const community = await ctx.prisma.community.findUnique({ where: { channelId: request.channelId }, select: { id: true, name: true } });
    if (!community) return request.reply(t('due.here.notLinked'));
    if (!canReadCommunity(actor, community.id)) return request.reply(t('common.notAllowed'));
    const date = today(request);
    const { entries, termEnding } = await communityList(ctx.dueJob, actor, community.id, date);
    await send(request, buildDueMessage(t, { communityName: community.name, date, entries, termEnding, soonDays: ctx.dueJob.rules.dueSoonDays }));
  },
};

export const duePost: Subcommand = {
  words: ['due', 'post'],
  usage: 'due.post.usage',
  help: 'due.post.help',
  changes: true,
  allowed: (actor) => actor.isAdmin,
  async run(request) {
    const { ctx, actor, t } = request;
    const name = readName(request.args);
    let communityIds: number[] | undefined;
    if (name === '' || name.toLowerCase() === 'all') {
      if ((await ctx.prisma.community.count({ where: { channelId: { not: null } } })) === 0) return request.reply(t('due.post.noneLinked'));
    } else {
      const community = await findCommunity(ctx.prisma, name);
      if (!community) return unknownCommunity(request, name);
      if (!community.channelId) return request.reply(t('due.post.notLinked', { name: showName(community.name) }));
      communityIds = [community.id];
    }
    const summary = await runDailyDueLists(ctx.dueJob, { explicit: true, ...(communityIds ? { communityIds } : {}) });
    await audit(ctx.prisma, {
      actor: actor.userId,
      action: 'due.post',
      entity: 'due_list',
      communityId: communityIds?.[0] ?? null,
      detail: { date: summary.date, posted: summary.posted, refreshed: summary.refreshed, failed: summary.failed },
    });
    const { date, posted, refreshed, empty, skipped, failed } = summary;
    await request.reply(t('due.post.done', { date, posted, refreshed, empty, skipped, failed }));
  },
};

