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
import { GENERAL, SlackDriver } from './slack-driver.js';

export { GENERAL, TEAM } from './slack-driver.js';
export const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
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
  /** The log level (default TEST_LOG_LEVEL, else info). */
  logLevel?: string;
  /** Channels besides #general the bot was invited to (a community's, MANAGERS_CHANNEL). */
  channels?: string[];
}

export async function startTestBot(db: Database, options: TestBotOptions = {}): Promise<TestBot> {
  // The workspace: the bot was invited to #general, where the driver types its commands; a test
  // adds it to the other channels it posts in (fake.join), as an admin invites it to each.
  const fake = (await new FakeSlack().start()).join(GENERAL, ...(options.channels ?? []));
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
  const log = createLogger({ level: options.logLevel ?? process.env.TEST_LOG_LEVEL ?? 'info', destination });
  const bot = createBot({ config, db, log, rules: DEFAULT_RULES, now: options.now });
  const { port } = await bot.start();
  const driver = new SlackDriver(port, fake, SECRET);
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
 * at `start` and the fake Web API forgets its calls; after each, once the bot is idle, every call
 * it made must have been one Slack takes (token, method, arguments, Block Kit limits). `app`
 * stands for the bot once it has started.
 */
export function useTestBot(t: { readonly db: Database }, start: Date, options: Omit<TestBotOptions, 'now'> = {}): { app: TestBot; clock: { now: Date } } {
  const clock = { now: start };
  let started: TestBot | undefined;
  beforeAll(async () => {
    started = await startTestBot(t.db, { ...options, now: () => clock.now });
  });
  afterAll(async () => started?.stop());
  beforeEach(() => {
    started!.fake.reset();
    clock.now = start;
  });
  // Work a test left running after its last ack ends before the next test's reset.
  afterEach(async () => {
    await started!.bot.idle();
    expect(started!.fake.problems).toEqual([]);
  });
  const app = new Proxy({} as TestBot, { get: (_target, property) => Reflect.get(started!, property) });
  return { app, clock };
}
