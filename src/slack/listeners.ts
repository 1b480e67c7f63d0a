// Every Slack listener of the bot is registered here, and every request passes through one
// step before a feature sees it: who is asking (their Actor and language, loaded once), an
// answer for people the bot does not know or no longer knows (removed staff), an answer for
// people not allowed, and — should the handler fail — a polite answer ("loading failed" for a
// read, "nothing was saved" for a change) and a log line without personal data. Features only
// declare who may use a listener; the answers are the same on every surface:
//   commands and buttons: a private reply (ephemeral, or a DM for a button inside a modal);
//   modal submissions: the message under the modal's first input, nothing saved;
//   option requests: no options;
//   events: the handler is given the asker and answers unknown people itself (App Home shows
//   them whom to ask).
import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { AppHomeOpenedEvent, AppMentionEvent, FileSharedEvent, MessageEvent } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { isKnown, type Actor } from '../domain/access.js';
import { SLACK_USER_ID } from '../domain/slack-ids.js';
import { translator, type MessageKey, type Translate } from '../i18n/index.js';
import { errorFields, type Logger } from '../logger.js';

import type { BoltApp, BotContext } from './context.js';
import { tellUser } from './notify.js';
import { unknownUserText } from './replies.js';

/** Who may use a listener, among the staff the bot knows (unknown people never may). */
export type Allowed = (actor: Actor) => boolean;

export const anyStaff: Allowed = () => true;

export interface Asked {
  ctx: BotContext;
  actor: Actor;
  t: Translate;
  /** The Web API with the bot token. */
  client: WebClient;
}

export interface Replying extends Asked {
  /** A private answer to the person: ephemeral where they clicked or typed, else a DM. */
  reply: (text: string, blocks?: unknown[]) => Promise<void>;
}

export type SlashRequest = Replying & Pick<SlackCommandMiddlewareArgs, 'command' | 'respond'>;
export type ActionRequest = Replying & Pick<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, 'body' | 'action' | 'respond'>;
export type ViewRequest = Asked & Pick<SlackViewMiddlewareArgs<ViewSubmitAction>, 'body' | 'view' | 'ack'>;
export type OptionsRequest = Asked & Pick<SlackOptionsMiddlewareArgs<'block_suggestion'>, 'body' | 'payload'>;

interface EventTypes {
  app_home_opened: AppHomeOpenedEvent;
  app_mention: AppMentionEvent;
  file_shared: FileSharedEvent;
  message: MessageEvent;
}
export type EventRequest<E extends keyof EventTypes> = Asked & { event: EventTypes[E]; eventId: string };

export interface Spec {
  allowed: Allowed;
  /** Shown instead of common.notAllowed to staff who may not. */
  refused?: MessageKey;
  /** Whether a failure means something was not saved (else: loading failed). */
  changes?: boolean;
  /** What is being done, for the log line of a failure (a /caseload subcommand). */
  name?: string;
}

export interface Registered {
  kind: 'command' | 'action' | 'view' | 'options' | 'event';
  id: string;
}

/** The answer for a failure, by what was being done. */
const failedKey = (changes: boolean | undefined): MessageKey => (changes ? 'common.error.save' : 'common.error.load');

export function logFailure(log: Logger, event: string, error: unknown, extra: Record<string, unknown> = {}, level: 'error' | 'warn' = 'error'): void {
  log[level]({ event, ...extra, ...errorFields(error) });
}

/** The block_id of a modal's first input: where a refusal of the whole form is shown. */
function firstInput(view: ViewSubmitAction['view']): string | undefined {
  return (view.blocks as { type: string; block_id?: string }[]).find((b) => b.type === 'input')?.block_id;
}

export class Listeners {
  readonly registered: Registered[] = [];

  constructor(
    private readonly app: BoltApp,
    private readonly ctx: BotContext,
  ) {}

  private async asker(userId: string): Promise<{ actor: Actor; t: Translate }> {
    const actor = await this.ctx.actorFor(userId);
    return { actor, t: translator(actor.locale) };
  }

  /** Whether the person may go on; when not, the answer they get, in their language. */
  private refusal(actor: Actor, t: Translate, spec: Spec): string | undefined {
    if (!isKnown(actor)) return unknownUserText(t, this.ctx.config.adminUserIds);
    if (!spec.allowed(actor)) return t(spec.refused ?? 'common.notAllowed');
    return undefined;
  }

  /**
   * Runs a handler that answers through `reply` (commands, buttons): acknowledged at once, the
   * asker loaded, refusals and failures answered the same way everywhere.
   */
  private async replying(
    event: string,
    spec: Spec,
    userId: string,
    reply: (text: string, blocks?: unknown[]) => Promise<void>,
    client: WebClient,
    run: (request: Replying) => Promise<void>,
  ): Promise<void> {
    // Until the asker is known (the database may be what failed), the default language.
    let t = translator(this.ctx.config.defaultLocale);
    try {
      const asked = await this.asker(userId);
      t = asked.t;
      const refused = this.refusal(asked.actor, t, spec);
      if (refused !== undefined) return await reply(refused);
      await run({ ctx: this.ctx, ...asked, client, reply });
    } catch (error) {
      logFailure(this.ctx.log, event, error, spec.name ? { command: spec.name } : {});
      await reply(t(failedKey(spec.changes))).catch(() => undefined);
    }
  }

  /**
   * A slash command. `spec` may depend on what was typed (the /caseload router: each subcommand
   * has its own).
   */
  command(name: string, spec: Spec | ((command: SlackCommandMiddlewareArgs['command']) => Spec), run: (request: SlashRequest) => Promise<void>): void {
    this.registered.push({ kind: 'command', id: name });
    this.app.command(name, async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
      await ack();
      const reply = async (text: string, blocks?: unknown[]) => {
        await respond({ response_type: 'ephemeral', text, ...(blocks ? { blocks: blocks as never } : {}) });
      };
      const resolved = typeof spec === 'function' ? spec(command) : spec;
      await this.replying('command.failed', { name, ...resolved }, command.user_id, reply, client, (asked) => run({ ...asked, command, respond }));
    });
  }

  /** A button. */
  action(actionId: string, spec: Spec, run: (request: ActionRequest) => Promise<void>): void {
    this.registered.push({ kind: 'action', id: actionId });
    this.app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
      await ack();
      // Ephemeral under the message clicked; a modal or App Home has no response_url, so a DM.
      const reply = async (text: string, blocks?: unknown[]) => {
        const message = { text, ...(blocks ? { blocks: blocks as never } : {}) };
        if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, ...message });
        // No user id, no direct message: a request Slack did not make has nobody to answer.
        else if (SLACK_USER_ID.test(body.user.id)) await tellUser(client, body.user.id, undefined, message);
      };
      await this.replying(`${actionId}.failed`, spec, body.user.id, reply, client, (asked) => run({ ...asked, body, action, respond }));
    });
  }

  /**
   * A modal submission. The handler acknowledges it itself (with errors, or empty and then goes
   * on); a refusal or a failure before that is shown under the modal's first input.
   */
  view(callbackId: string, spec: Spec, run: (request: ViewRequest) => Promise<void>): void {
    this.registered.push({ kind: 'view', id: callbackId });
    this.app.view<ViewSubmitAction>(callbackId, async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
      let acked = false;
      const once: typeof ack = async (answer?: unknown) => {
        acked = true;
        await ack(answer as never);
      };
      const refuse = async (text: string) => {
        const field = firstInput(view);
        await once(field ? { response_action: 'errors', errors: { [field]: text } } : { response_action: 'clear' });
      };
      let t = translator(this.ctx.config.defaultLocale);
      try {
        const asked = await this.asker(body.user.id);
        t = asked.t;
        const refused = this.refusal(asked.actor, t, spec);
        if (refused !== undefined) return await refuse(refused);
        await run({ ctx: this.ctx, ...asked, client, body, view, ack: once });
      } catch (error) {
        logFailure(this.ctx.log, `${callbackId}.failed`, error, { viewId: view.id });
        if (!acked) await refuse(t(failedKey(true)));
      }
    });
  }

  /** An external select's options: none for people who may not see them, or on a failure. */
  options(actionId: string, spec: Spec, run: (request: OptionsRequest) => Promise<unknown[]>, callbackId?: string): void {
    // Two modals may name an input alike (`community`): the modal tells their listeners apart.
    this.registered.push({ kind: 'options', id: callbackId ? `${callbackId}/${actionId}` : actionId });
    const constraints = { type: 'block_suggestion' as const, action_id: actionId, ...(callbackId ? { callback_id: callbackId } : {}) };
    this.app.options<'block_suggestion'>(constraints, async ({ ack, body, payload, client }) => {
      let options: unknown[] = [];
      try {
        const asked = await this.asker(body.user.id);
        if (this.refusal(asked.actor, asked.t, spec) === undefined) options = await run({ ctx: this.ctx, ...asked, client, body, payload });
      } catch (error) {
        logFailure(this.ctx.log, `${actionId}.options_failed`, error);
      }
      await ack({ options: options as never });
    });
  }

  /** An event: the handler gets the asker, known or not, and answers as it sees fit. */
  event<E extends keyof EventTypes>(type: E, userOf: (event: EventTypes[E]) => string | undefined, run: (request: EventRequest<E>) => Promise<void>): void {
    this.registered.push({ kind: 'event', id: type });
    this.app.event(type, async ({ event, body, client }: SlackEventMiddlewareArgs<E> & AllMiddlewareArgs) => {
      const typed = event as unknown as EventTypes[E];
      const userId = userOf(typed);
      if (userId === undefined || !SLACK_USER_ID.test(userId)) return;
      try {
        const asked = await this.asker(userId);
        await run({ ctx: this.ctx, ...asked, client, event: typed, eventId: body.event_id });
      } catch (error) {
        logFailure(this.ctx.log, `${type}.failed`, error);
      }
    });
  }
}

/** A feature wires its commands, actions, views, options and events, through the one access step. */
export type Register = (on: Listeners, ctx: BotContext) => void;
