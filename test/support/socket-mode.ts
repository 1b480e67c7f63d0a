// A local Socket Mode endpoint: the bot's Socket Mode client connects here (the fake Web API
// answers apps.connections.open with this URL); tests push envelopes and read the acks.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Ack {
  envelope_id: string;
  payload?: Record<string, any>;
}

export class SocketModeServer {
  private server: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private readonly acks = new Map<string, (ack: Ack) => void>();
  private readonly connectionWaiters: { count: number; resolve: () => void }[] = [];
  /** How many times the app has connected (a reconnect counts again). */
  connections = 0;
  url = '';

  async start(): Promise<this> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.server!.once('listening', () => resolve()));
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    this.server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const ack = JSON.parse(data.toString()) as Ack;
        this.acks.get(ack.envelope_id)?.(ack);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'local' }, connection_info: { app_id: 'A0APP' } }));
      this.connections += 1;
      for (const waiter of this.connectionWaiters.filter((w) => w.count <= this.connections)) {
        this.connectionWaiters.splice(this.connectionWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
    return this;
  }

  /** Resolves once the app has connected `count` times in all (1: the first connection). */
  waitForConnection(count = 1, timeoutMs = 20_000): Promise<void> {
    if (this.connections >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`connected ${this.connections} times, not ${count}, within ${timeoutMs} ms`)), timeoutMs);
      this.connectionWaiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** Slack asks the app to reconnect (as it does every few hours, or before a deploy). */
  requestReconnect(): void {
    this.socket?.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'local' } }));
  }

  /** The connection drops without a word (a network failure, a proxy timeout). */
  dropConnection(): void {
    this.socket?.terminate();
  }

  /** Sends one envelope and resolves with the app's ack. */
  send(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, timeoutMs = 5000): Promise<Ack> {
    const envelopeId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${type} within ${timeoutMs} ms`)), timeoutMs);
      this.acks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      this.socket!.send(JSON.stringify({ envelope_id: envelopeId, type, accepts_response_payload: type !== 'events_api', payload }));
    });
  }

  async stop(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
