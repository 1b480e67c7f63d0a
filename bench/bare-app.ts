/**
 * The yardstick of bench/latency.ts: a bare Bolt app (the same @slack/bolt as the bot) that only
 * acknowledges `/visit` and opens a fixed modal — the least any Slack app can do for a command.
 * It runs as its own process, configured like the bot (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET,
 * SLACK_API_URL, PORT, HOST), in HTTP mode with GET /healthz, and stops on SIGTERM.
 *
 *   node --import tsx bench/bare-app.ts
 */
import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const receiver = new HTTPReceiver({
  signingSecret: env('SLACK_SIGNING_SECRET'),
  endpoints: '/slack/events',
  customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => res.writeHead(200).end('ok') }],
});
const app = new App({
  receiver,
  token: env('SLACK_BOT_TOKEN'),
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: env('SLACK_API_URL') },
});

const MODAL = {
  type: 'modal' as const,
  callback_id: 'visit',
  title: { type: 'plain_text' as const, text: '记录走访' },
  submit: { type: 'plain_text' as const, text: '保存' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'notes',
      label: { type: 'plain_text' as const, text: '备注' },
      element: { type: 'plain_text_input' as const, action_id: 'notes', multiline: true },
    },
  ],
};

app.command('/visit', async ({ ack, body, client }) => {
  await ack();
  await client.views.open({ trigger_id: body.trigger_id, view: MODAL });
});

const server = (await app.start({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' })) as Server;
process.on('SIGTERM', () => {
  void app.stop().then(() => {
    server.close();
    process.exit(0);
  });
});
