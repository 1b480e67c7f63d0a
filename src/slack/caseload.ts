// `/caseload <subcommand …>`: one router for every feature's subcommands. Who is asking, and
// whether they may use the subcommand typed, is decided in listeners.ts like for every other
// listener; here a malformed command gets its usage line, and no subcommand gets help, which
// lists what this person may use. Features declare their subcommands.
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../domain/access.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import type { BotContext } from './context.js';
import { anyStaff, type Listeners, type Spec } from './listeners.js';

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
  /** Every subcommand (help lists those the asker may use). */
  subcommands: Subcommand[];
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

export function registerCaseload(on: Listeners, subcommands: Subcommand[]): void {
  const all = [...subcommands];
  const chosenBy = (text: string | undefined) => {
    const tokens = tokenize(text ?? '');
    return { tokens, chosen: tokens.length === 0 ? undefined : match(all, tokens) };
  };
  // Who may, what refused staff are told, and what a failure means are the subcommand's own.
  const spec = (command: { text?: string }): Spec => {
    const { chosen } = chosenBy(command.text);
    if (!chosen) return { allowed: anyStaff, name: 'help' };
    return { allowed: chosen.allowed, ...(chosen.refused ? { refused: chosen.refused } : {}), changes: chosen.changes ?? false, name: chosen.words.join(' ') };
  };
  on.command('/caseload', spec, async ({ ctx, actor, t, command, client, reply }) => {
    const { tokens, chosen } = chosenBy(command.text);
    if (!chosen) return reply(helpText(t, actor, all));
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
      subcommands: all,
    });
  });
}
