// The whole bot in-process for the fault tests: like test/support/test-bot.ts, with the settings
// a fault needs (a short Web API timeout for confirmations) and a clock the test moves.
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createBot, type Bot } from '../../src/bot.js';
import type { Database } from '../../src/db/client.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { createLogger } from '../../src/logger.js';
import { FAKE_TOKENS, FakeSlack, type Json } from '../support/fake-slack.js';
import { GENERAL, SlackDriver } from '../support/slack-driver.js';
import { ADMIN, SECRET } from '../support/test-bot.js';

export interface FaultBot {
  bot: Bot;
  port: number;
  fake: FakeSlack;
  driver: SlackDriver;
  logs: Json[];
  clock: { now: Date };
  stop(): Promise<void>;
}

export async function startFaultBot(db: Database, start: Date): Promise<FaultBot> {
  const fake = (await new FakeSlack().start()).join(GENERAL);
  const loaded = loadConfig({ SLACK_BOT_TOKEN: FAKE_TOKENS.bot, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '1', HOST: '127.0.0.1', ADMIN_USER_IDS: ADMIN });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const config = { ...loaded.config, http: { port: 0, host: '127.0.0.1' } };
  const logs: Json[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Json);
      done();
    },
  });
  const clock = { now: start };
  const log = createLogger({ level: 'info', destination });
  const bot = createBot({ config, db, log, rules: DEFAULT_RULES, now: () => clock.now });
  const { port } = await bot.start();
  return {
    bot,
    port,
    fake,
    driver: new SlackDriver(port, fake, SECRET),
    logs,
    clock,
    async stop() {
      await bot.stop();
      await fake.stop();
    },
  };
}

/** GET /healthz on `port`: its status and JSON body. */
export async function healthz(port: number): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: await res.json() };
}

/** Resolves once `test` holds, checking every 20 ms for up to `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T> | T, test: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (test(value)) return value;
    if (Date.now() > until) throw new Error(`still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
