// `/caseload <subcommand …>`: one router for every feature's subcommands. It acknowledges at
// once, learns who is asking, refuses unknown users politely, and sends a malformed command
// its usage line. Features declare their subcommands; help lists the ones this user may use.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../domain/access.js';
import { translator, type MessageKey, type Translate } from '../i18n/index.js';
import { askerFor, type BoltApp, type BotContext } from './context.js';
import { unknownUserText } from './replies.js';

export interface CommandRequest {
  /** The database, settings and clock, as every handler gets them. */
  ctx: BotContext;
  actor: Actor;
  t: Translate;
  /** Words after the subcommand; `<@U…|name>` mentions stay whole. */
  args: string[];
  /** The raw text after the subcommand. */
  rest: string;
  channelId: string;
  triggerId: string;
  client: WebClient;
  /** An ephemeral reply to the person who typed the command. */
  reply: (text: string, blocks?: unknown[]) => Promise<void>;
  /** The subcommand's own usage line, translated. */
  usage: () => Promise<void>;
}

export interface Subcommand {
  /** The words that select it, e.g. ['staff', 'add']. */
  words: string[];
  /** Catalog key of its usage line (shown in help and on malformed input). */
  usage: MessageKey;
  /** Catalog key of a one-line description for help. */
  help: MessageKey;
  /** Who may use it; help lists only these. */
  allowed: (actor: Actor) => boolean;
  /** What staff who may not use it are told (default: common.notAllowed). */
  refused?: MessageKey;
  /** Whether people the bot does not know may use it (help does its own explaining). */
  openToUnknown?: boolean;
  /** Whether it changes data: a failure then says nothing was saved; otherwise, that loading failed. */
  changes?: boolean;
  run: (request: CommandRequest) => Promise<void>;
}

const TOKEN = /<[^>]*>|\S+/g;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function match(subcommands: Subcommand[], tokens: string[]): Subcommand | undefined {
  const lower = tokens.map((t) => t.toLowerCase());
  return [...subcommands]
    .sort((a, b) => b.words.length - a.words.length)
    .find((s) => s.words.every((w, i) => lower[i] === w));
}

/** Help: what this user may do, in their language. */
export function helpText(t: Translate, actor: Actor, subcommands: Subcommand[]): string {
  const lines = subcommands.filter((s) => s.allowed(actor)).map((s) => `• \`${t(s.usage)}\` — ${t(s.help)}`);
  return [t('caseload.help.title'), ...lines].join('\n');
}

export function registerCaseload(app: BoltApp, ctx: BotContext, subcommands: Subcommand[]): void {
  const all = [...subcommands];
  app.command('/caseload', async (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const { ack, command, respond, client } = args;
    await ack();
    const reply = async (text: string, blocks?: unknown[]) => {
      await respond({ response_type: 'ephemeral', text, ...(blocks ? { blocks: blocks as never } : {}) });
    };
    const tokens = tokenize(command.text ?? '');
    const chosen = tokens.length === 0 ? undefined : match(all, tokens);
    // Until the asker is known (the database may be what failed), the default language.
    let t = translator(ctx.config.defaultLocale);
    try {
      const asker = await askerFor(ctx, command.user_id);
      const { actor } = asker;
      t = asker.t;
      if (!actor.staffId && !chosen?.openToUnknown) return await reply(unknownUserText(t, ctx.config.adminUserIds));
      if (!chosen) return await reply(helpText(t, actor, all));
      if (!chosen.allowed(actor)) return await reply(t(chosen.refused ?? 'common.notAllowed'));
      const rest = tokens.slice(chosen.words.length);
      await chosen.run({
        ctx,
        actor,
        t,
        args: rest,
        rest: rest.join(' '),
        channelId: command.channel_id,
        triggerId: command.trigger_id,
        client,
        reply,
        usage: () => reply(t('common.usage', { usage: t(chosen.usage) })),
      });
    } catch (error) {
      ctx.log.error({ event: 'command.failed', command: chosen?.words.join(' ') ?? 'help', err: error });
      await reply(t(chosen?.changes ? 'common.error.save' : 'common.error.load'));
    }
  });
}
