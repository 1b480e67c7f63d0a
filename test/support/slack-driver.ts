// Speaks to the bot the way Slack does: signed slash commands, modal submissions, button
// clicks and option requests into its HTTP endpoint, and reads what it sent back through the
// fake Web API. Works the same for a bot in the test process and for `npm start`.
import { optionsProblems } from './block-kit.js';
import { answerOf, type Call, type FakeSlack, type Json } from './fake-slack.js';
import { form, interactionBody, postSigned, type HttpAnswer } from './slack-http.js';

export const TEAM = { id: 'T0TEAM', domain: 'xiaoying' };
/** The channel commands are typed in unless a test says otherwise. */
export const GENERAL = 'C0GENERAL';

type ValueSpec = string | string[] | null;

/** Builds `view.state.values` from simple values, shaped by each input's element type. */
export function stateValues(view: Json, values: Record<string, ValueSpec>): Json {
  const state: Json = {};
  for (const block of (view.blocks as Json[]) ?? []) {
    if (block.type !== 'input') continue;
    const element = block.element as Json;
    const id = String(block.block_id);
    const given = id in values ? values[id] : undefined;
    const type = String(element.type);
    const single = (v: ValueSpec | undefined) => (Array.isArray(v) ? v[0] : v);
    let entry: Json;
    switch (type) {
      case 'datepicker':
        entry = { selected_date: given === undefined ? (element.initial_date ?? null) : single(given) };
        break;
      case 'users_select':
        entry = { selected_user: given === undefined ? (element.initial_user ?? null) : single(given) };
        break;
      case 'static_select':
      case 'external_select':
      case 'radio_buttons': {
        const value = given === undefined ? ((element.initial_option as Json | undefined)?.value ?? null) : single(given);
        const option = ((element.options as Json[] | undefined) ?? []).find((o) => o.value === value);
        entry = { selected_option: value === null ? null : { value, text: option?.text ?? { type: 'plain_text', text: String(value) } } };
        break;
      }
      case 'checkboxes': {
        const chosen = given === undefined ? ((element.initial_options as Json[] | undefined) ?? []).map((o) => o.value) : (given ?? []);
        entry = { selected_options: (Array.isArray(chosen) ? chosen : [chosen]).map((value) => ({ value })) };
        break;
      }
      default:
        entry = { value: given === undefined ? (element.initial_value ?? null) : single(given) };
    }
    state[id] = { [String(element.action_id)]: { type, ...entry } };
  }
  return state;
}

/** A modal as Slack sends it back: its blocks, the state of its inputs, its id and hash. */
const openView = (view: Json, values: Record<string, ValueSpec>): Json => ({
  ...view, type: 'modal', state: { values: stateValues(view, values) }, hash: view.hash ?? 'h1', team_id: TEAM.id, app_id: 'A0APP', bot_id: 'BBOT',
});

/**
 * The view Slack answered a views.open or views.push with `triggerId` (its id and hash): the
 * first attempt Slack took, a retry after a 5xx included; or why it refused the last attempt.
 */
async function heldView(fake: FakeSlack, method: 'views.open' | 'views.push', triggerId: string): Promise<Json> {
  const attempts = new Set<Call>();
  for (;;) {
    const last = [...attempts].at(-1);
    const call = await fake.waitFor(method, (c) => c.args.trigger_id === triggerId && !attempts.has(c), last ? 2000 : 5000).catch((error: unknown) => {
      if (last) return last;
      throw error;
    });
    const answer = await answerOf(call);
    if (answer.ok === true) return { ...(call.args.view as Json), id: (answer.view as Json).id, hash: (answer.view as Json).hash };
    if (call === last) throw new Error(`${method} was refused: ${String(answer.error ?? answer.status)}`);
    attempts.add(call);
  }
}

const button = (actionId: string, value: string, blockId: string): Json => ({ type: 'button', action_id: actionId, block_id: blockId, value, action_ts: '1700000001.000001' });

export class SlackDriver {
  private events = 0;
  constructor(
    readonly port: number,
    readonly fake: FakeSlack,
    private readonly secret: string,
  ) {}

  send(body: string, timestamp?: number): Promise<HttpAnswer> {
    return postSigned(this.port, body, { secret: this.secret, timestamp });
  }

  /**
   * Types a slash command; answers the HTTP ack and the response_url the bot will reply to.
   * `triggerId` stands in for the one Slack would give (an old one: the request reached the bot late).
   */
  async command(user: string, command: string, text = '', channel = GENERAL, triggerId = this.fake.issueTrigger()): Promise<{ ack: HttpAnswer; responseUrl: string; triggerId: string }> {
    const responseUrl = this.fake.responseUrl();
    const ack = await this.send(
      form({
        token: 'legacy', team_id: TEAM.id, team_domain: TEAM.domain, channel_id: channel, channel_name: 'general',
        user_id: user, user_name: user.toLowerCase(), command, text, api_app_id: 'A0APP', response_url: responseUrl, trigger_id: triggerId,
      }),
    );
    return { ack, responseUrl, triggerId };
  }

  /** The ephemeral reply sent to a response_url. */
  async reply(responseUrl: string): Promise<Json> {
    const path = new URL(responseUrl).pathname;
    return (await this.fake.waitFor('response_url', (c) => c.args.response_url === path)).args;
  }

  /** Types a command and returns the bot's reply text. */
  async ask(user: string, command: string, text = '', channel?: string): Promise<string> {
    const { responseUrl } = await this.command(user, command, text, channel);
    return String((await this.reply(responseUrl)).text);
  }

  /** The modal opened with `triggerId`, with the id and hash Slack gave it. */
  async openedView(triggerId: string): Promise<Json> {
    return heldView(this.fake, 'views.open', triggerId);
  }

  /** Submits a modal with values keyed by block_id; answers the HTTP ack (errors live there). */
  submit(user: string, view: Json, values: Record<string, ValueSpec>, viewId?: string): Promise<HttpAnswer> {
    return this.interaction('view_submission', user, {
      trigger_id: this.fake.issueTrigger(),
      view: { ...openView(view, values), id: viewId ?? view.id ?? 'V0VIEW' },
      response_urls: [],
    });
  }

  /** Clicks a button; `message` is where it was (for response_url and chat.update). */
  click(user: string, actionId: string, value: string, where: { channel?: string; messageTs?: string; blockId?: string; triggerId?: string } = {}): Promise<{ ack: HttpAnswer; responseUrl: string; triggerId: string }> {
    const responseUrl = this.fake.responseUrl();
    const triggerId = where.triggerId ?? this.fake.issueTrigger();
    const channel = where.channel ?? GENERAL;
    return this.interaction('block_actions', user, {
      trigger_id: triggerId,
      container: { type: 'message', message_ts: where.messageTs ?? '1700000000.000001', channel_id: channel, is_ephemeral: true },
      channel: { id: channel, name: 'general' },
      response_url: responseUrl,
      actions: [button(actionId, value, where.blockId ?? 'actions')],
    }).then((ack) => ({ ack, responseUrl, triggerId }));
  }

  /** Types into an external_select: answers the options Slack would show. */
  async suggest(user: string, view: Json, actionId: string, query: string): Promise<Json> {
    const answer = await this.interaction('block_suggestion', user, {
      action_id: actionId,
      block_id: actionId,
      value: query,
      view: { ...view, id: view.id ?? 'V0VIEW', type: 'modal' },
    });
    const options = answer.json() as Json;
    // What Slack would refuse to show is the bot's mistake, as for views and messages.
    if (options) this.fake.problems.push(...optionsProblems(options, `options for ${actionId}`));
    return options;
  }

  /** An interaction payload (the fields every kind carries, then `fields`), signed and sent. */
  private interaction(type: string, user: string, fields: Json): Promise<HttpAnswer> {
    return this.send(interactionBody({ type, team: TEAM, user: { id: user, name: user.toLowerCase(), team_id: TEAM.id }, api_app_id: 'A0APP', ...fields }));
  }

  /** Delivers an Events API callback (app_mention, app_home_opened…) as Slack does: signed JSON. */
  event(event: Json, eventId = `Ev${++this.events}`): Promise<HttpAnswer> {
    const body = JSON.stringify({
      token: 'legacy', team_id: TEAM.id, api_app_id: 'A0APP', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000),
      event, authorizations: [{ team_id: TEAM.id, user_id: 'UBOT', is_bot: true }],
    });
    return postSigned(this.port, body, { secret: this.secret, contentType: 'application/json' });
  }

  /**
   * Clicks a button inside an open modal, as Slack sends it: the view in the payload, no channel
   * and no response_url. Answers the trigger id (for views.push).
   */
  async clickInView(user: string, view: Json, actionId: string, value: string): Promise<string> {
    const triggerId = this.fake.issueTrigger();
    const ack = await this.interaction('block_actions', user, {
      trigger_id: triggerId,
      container: { type: 'view', view_id: view.id },
      view: { ...openView(view, {}), state: { values: {} } },
      actions: [button(actionId, value, 'client_file_actions')],
    });
    if (ack.status !== 200) throw new Error(`click answered ${ack.status}`);
    return triggerId;
  }

  /** The modal pushed with `triggerId`, with the id and hash Slack gave it. */
  async pushedView(triggerId: string): Promise<Json> {
    return heldView(this.fake, 'views.push', triggerId);
  }

  /** Submits a modal and expects it accepted (an empty ack). */
  async accepted(user: string, view: Json, values: Record<string, ValueSpec>): Promise<void> {
    const answer = await this.submit(user, view, values);
    if (answer.status !== 200 || answer.text !== '') throw new Error(`expected acceptance, got ${answer.status} ${answer.text}`);
  }

  /** Submits a modal and answers the errors it was refused with, keyed by block_id. */
  async refusal(user: string, view: Json, values: Record<string, ValueSpec>): Promise<Record<string, string>> {
    const answer = await this.submit(user, view, values);
    const body = answer.json() as Json | undefined;
    if (body?.response_action !== 'errors') throw new Error(`expected a refusal, got ${answer.status} ${answer.text}`);
    return body.errors as Record<string, string>;
  }
}
