// `/caseload status <case number or alias>` and `/caseload mine`: ephemeral answers to the
// person who asked. A status query names one client the asker may see (the card), several
// (a pick list), or none (said so).
import { todayIn } from '../../../domain/dates.js';
import type { CommandRequest, Subcommand } from '../../../slack/caseload.js';
import type { BotContext } from '../../../slack/context.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { lookupClient, searchClients } from '../../clients/search.js';
import { hasOverdue, myCaseload } from '../caseload.js';
import { pickList, statusMessage } from './card.js';
import { clientStatus } from '../client-status.js';
import { caseloadBlocks } from './list.js';
import { section } from '../../../slack/blocks.js';
import { anyStaff } from '../../../slack/listeners.js';

/** Sections of a condensed `/caseload mine` (a message holds ≤ 50 blocks). */
const MINE_SECTIONS = 8;

export const today = (ctx: BotContext) => todayIn(ctx.config.timeZone, ctx.now());

async function showStatus({ ctx, actor, t, rest, reply, usage }: CommandRequest): Promise<void> {
  const query = rest.trim();
  if (query === '') return usage();
  const { client, matches } = await lookupClient(ctx.prisma, actor, query);
  if (matches === 0) return reply(t('common.clientNotFound', { query: escapeMrkdwn(query) }));
  if (!client) {
    const list = pickList(t, query, await searchClients(ctx.prisma, actor, query));
    return reply(list.text, list.blocks);
  }
  const result = await clientStatus(ctx.prisma, actor, client.id, today(ctx), ctx.rules);
  // Search only returns clients the actor may read: a refusal here means it changed meanwhile.
  if (!result.ok) return reply(t(result.reason === 'notAllowed' ? 'common.notAllowed' : 'status.gone'));
  const message = statusMessage(t, result.status);
  await reply(message.text, message.blocks);
}

async function showMine({ ctx, actor, t, args, reply, usage }: CommandRequest): Promise<void> {
  if (args.length > 0) return usage();
  const day = today(ctx);
  const entries = await myCaseload(ctx.prisma, actor, day, ctx.rules);
  if (entries.length === 0) return reply(t('status.mine.empty'));
  const overdue = entries.filter((e) => hasOverdue(e.items)).length;
  const title = t('status.mine.title', { count: entries.length, overdue });
  await reply(title, [section(title), ...caseloadBlocks(t, entries, MINE_SECTIONS)]);
}

export const statusCommand: Subcommand = {
  words: ['status'],
  usage: 'status.cmd.usage',
  help: 'status.cmd.help',
  allowed: anyStaff,
  run: showStatus,
};

export const mineCommand: Subcommand = {
  words: ['mine'],
  usage: 'status.mine.usage',
  help: 'status.mine.help',
  allowed: anyStaff,
  run: showMine,
};
