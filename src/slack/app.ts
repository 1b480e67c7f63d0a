// The Bolt app: Socket Mode when an app-level token is configured (no public URL needed),
// otherwise HTTP mode on HOST:PORT with POST /slack/events and GET /healthz.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, AuthorizationError, HTTPModuleFunctions, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { errorFields, type Logger } from '../logger.js';
import { InFlight } from '../in-flight.js';
import { boltLogger } from './logger.js';
import { webClientOptions } from './web-clients.js';
import { healthHandler, startHealthServer, type HealthCheck } from './health.js';
import { createIdentity } from './identity.js';

export type BoltApp = App;

export interface SlackAppOptions {
  slack: Config['slack'];
  http: Config['http'];
  log: Logger;
  health: HealthCheck;
}

export interface SlackApp {
  app: BoltApp;
  /**
   * The Web API with the bot token, for calls outside a Slack request (a listener's `client`
   * carries the token; `app.client` does not, because authorisation is per request).
   */
  web: WebClient;
  /** Starts listening; answers where (HTTP) or that Socket Mode is connected. */
  start(): Promise<{ mode: 'socket' | 'http'; port: number }>;
  /**
   * Stops taking requests (the HTTP server closes, idle keep-alive connections with it; Socket
   * Mode disconnects), then waits for the work listeners still do after their ack.
   */
  stop(): Promise<void>;
  /** Resolves once no request is being worked on, acknowledged or not (tests wait for it). */
  idle(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { slack, http, log, health } = options;
  const logger = boltLogger(log);
  const clientOptions = webClientOptions('interactive', slack.apiUrl, log);
  const receiver = slack.socketMode
    ? new SocketModeReceiver({
        appToken: slack.appToken as string,
        logger,
        // The Socket Mode client opens its connection (apps.connections.open) through its own
        // Web API client: it must honour SLACK_API_URL too.
        installerOptions: { clientOptions },
      })
    : new HTTPReceiver({
        signingSecret: slack.signingSecret as string,
        logger,
        endpoints: '/slack/events',
        customRoutes: [{ path: '/healthz', method: ['GET'], handler: healthHandler(health) }],
        // Unacknowledged requests are answered by Bolt after 3 s, as Slack expects.
        unhandledRequestTimeoutMillis: 3001,
        // Listeners' failures end in app.error; what reaches here is Bolt itself failing on a
        // signed payload without the fields every Slack request has: the sender's fault, so 400.
        processEventErrorHandler: async (args) => {
          if (args.response.headersSent || args.error instanceof AuthorizationError) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
          log.warn({ event: 'slack.malformed_request', ...errorFields(args.error) });
          args.response.writeHead(400);
          args.response.end();
          return true;
        },
      });
  const web = new WebClient(slack.botToken, clientOptions);
  const { identity, resolve: resolveIdentity } = createIdentity(slack.botToken, slack.apiUrl, log);
  const app = new App({
    receiver,
    logger,
    clientOptions,
    // Custom authorisation: no auth.test round trip per request (and none needed to start).
    authorize: async () => {
      if (!identity.botUserId) void resolveIdentity();
      return { botToken: slack.botToken, botId: identity.botId, botUserId: identity.botUserId, teamId: identity.teamId };
    },
  });

  // Registered before every listener: each request's whole run is counted until it ends.
  const inFlight = new InFlight();
  app.use(({ next }) => inFlight.run(next));

  let healthServer: Server | undefined;
  return {
    app,
    web,
    async start() {
      void resolveIdentity();
      if (slack.socketMode) {
        // Health first: it answers while Socket Mode connects and while the database is awaited.
        healthServer = await startHealthServer(health, http.port, http.host);
        await app.start();
        return { mode: 'socket', port: (healthServer.address() as AddressInfo).port };
      }
      const server = (await app.start({ port: http.port, host: http.host })) as Server;
      return { mode: 'http', port: (server.address() as AddressInfo).port };
    },
    async stop() {
      // On Node ≥ 19 closing the server also closes its idle keep-alive connections.
      await app.stop();
      await new Promise<void>((resolve) => (healthServer ? healthServer.close(() => resolve()) : resolve()));
      await inFlight.settled();
    },
    idle: () => inFlight.settled(),
  };
}
