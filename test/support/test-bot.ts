// The whole bot, in-process, against a test database and the fake Slack Web API, driven by
// signed HTTP requests. Tests speak to it only the way Slack does.
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { createBot, type Bot } from '../../src/bot.js';
import type { Database } from '../../src/db/client.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { createLogger } from '../../src/logger.js';
import { FAKE_TOKENS, FakeSlack, type Json } from './fake-slack.js';
import { form, interactionBody, postSigned, type HttpAnswer } from './slack-http.js';

export const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const TEAM = { id: 'T0TEAM', domain: 'xiaoying' };
export const ADMIN = 'U0ADMIN01';

export interface TestBot {
  bot: Bot;
  port: number;
  fake: FakeSlack;
  config: Config;
  driver: SlackDriver;
  /** Log lines the bot wrote (JSON objects). */
  logs: Json[];
  stop(): Promise<void>;
}

export interface TestBotOptions {
  env?: Record<string, string>;
  now?: () => Date;
  /** Prepares the fake Web API before the bot connects (e.g. the Socket Mode URL). */
  beforeStart?: (fake: FakeSlack) => void;
}

export async function startTestBot(db: Database, options: TestBotOptions = {}): Promise<TestBot> {
  const fake = await new FakeSlack().start();
  options.beforeStart?.(fake);
  const result = loadConfig({
    SLACK_BOT_TOKEN: FAKE_TOKENS.bot,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '1',
    HOST: '127.0.0.1',
    ADMIN_USER_IDS: ADMIN,
    ...options.env,
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const config = { ...result.config, http: { port: 0, host: '127.0.0.1' } };
  const logs: Json[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Json);
      done();
    },
  });
  const log = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'info', destination });
  const bot = createBot({ config, db, log, rules: DEFAULT_RULES, now: options.now, retries: 0 });
  const { port } = await bot.start();
  const driver = new SlackDriver(port, fake);
  return {
    bot,
    port,
    fake,
    config,
    driver,
    logs,
    async stop() {
      await bot.stop();
      await fake.stop();
    },
  };
}

/**
 * One bot for a test file, with a clock the tests may move: before each test the clock is back
 * at `start` and the fake Web API forgets its calls; after each, every view and message the bot
 * sent must have kept within Block Kit limits. `app` stands for the bot once it has started.
 */
export function useTestBot(t: { readonly db: Database }, start: Date, options: Omit<TestBotOptions, 'now'> = {}): { app: TestBot; clock: { now: Date } } {
  const clock = { now: start };
  let started: TestBot | undefined;
  beforeAll(async () => {
    started = await startTestBot(t.db, { ...options, now: () => clock.now });
  });
  afterAll(async () => started?.stop());
  beforeEach(() => {
    started!.fake.clear();
    clock.now = start;
  });
  afterEach(() => expect(started!.fake.problems).toEqual([]));
  const app = new Proxy({} as TestBot, { get: (_target, property) => Reflect.get(started!, property) });
  return { app, clock };
}

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

export class SlackDriver {
  private trigger = 0;
  constructor(
    readonly port: number,
    readonly fake: FakeSlack,
  ) {}

  send(body: string, timestamp?: number): Promise<HttpAnswer> {
    return postSigned(this.port, body, { secret: SECRET, timestamp });
  }

  /** Types a slash command; answers the HTTP ack and the response_url the bot will reply to. */
  async command(user: string, command: string, text = '', channel = 'C0GENERAL'): Promise<{ ack: HttpAnswer; responseUrl: string; triggerId: string }> {
    const responseUrl = this.fake.responseUrl();
    const triggerId = `trigger-${++this.trigger}`;
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

  /** The modal opened with `triggerId`. */
  async openedView(triggerId: string): Promise<Json> {
    const call = await this.fake.waitFor('views.open', (c) => c.args.trigger_id === triggerId);
    return { ...(call.args.view as Json), id: `V-${triggerId}` };
  }

  /** Submits a modal with values keyed by block_id; answers the HTTP ack (errors live there). */
  submit(user: string, view: Json, values: Record<string, ValueSpec>, viewId?: string): Promise<HttpAnswer> {
    return this.send(
      interactionBody({
        type: 'view_submission',
        team: TEAM,
        user: { id: user, name: user.toLowerCase(), team_id: TEAM.id },
        api_app_id: 'A0APP',
        trigger_id: `trigger-${++this.trigger}`,
        view: {
          ...view,
          id: viewId ?? view.id ?? 'V0VIEW',
          type: 'modal',
          state: { values: stateValues(view, values) },
          hash: 'h1',
          team_id: TEAM.id,
          app_id: 'A0APP',
          bot_id: 'BBOT',
        },
        response_urls: [],
      }),
    );
  }

  /** Clicks a button; `message` is where it was (for response_url and chat.update). */
  click(user: string, actionId: string, value: string, where: { channel?: string; messageTs?: string; blockId?: string } = {}): Promise<{ ack: HttpAnswer; responseUrl: string; triggerId: string }> {
    const responseUrl = this.fake.responseUrl();
    const triggerId = `trigger-${++this.trigger}`;
    const channel = where.channel ?? 'C0GENERAL';
    return this.send(
      interactionBody({
        type: 'block_actions',
        team: TEAM,
        user: { id: user, name: user.toLowerCase(), team_id: TEAM.id },
        api_app_id: 'A0APP',
        trigger_id: triggerId,
        container: { type: 'message', message_ts: where.messageTs ?? '1700000000.000001', channel_id: channel, is_ephemeral: true },
        channel: { id: channel, name: 'general' },
        response_url: responseUrl,
        actions: [{ type: 'button', action_id: actionId, block_id: where.blockId ?? 'actions', value, action_ts: '1700000001.000001' }],
      }),
    ).then((ack) => ({ ack, responseUrl, triggerId }));
  }

  /** Types into an external_select: answers the options Slack would show. */
  async suggest(user: string, view: Json, actionId: string, query: string): Promise<Json> {
    const answer = await this.send(
      interactionBody({
        type: 'block_suggestion',
        team: TEAM,
        user: { id: user, name: user.toLowerCase(), team_id: TEAM.id },
        api_app_id: 'A0APP',
        action_id: actionId,
        block_id: actionId,
        value: query,
        view: { ...view, id: view.id ?? 'V0VIEW', type: 'modal' },
      }),
    );
    return answer.json() as Json;
  }
}
