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
  private connected: Promise<void> | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.server!.once('listening', () => resolve()));
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    this.connected = new Promise((resolve) => {
      this.server!.on('connection', (socket) => {
        this.socket = socket;
        socket.on('message', (data) => {
          const ack = JSON.parse(data.toString()) as Ack;
          this.acks.get(ack.envelope_id)?.(ack);
        });
        socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'local' }, connection_info: { app_id: 'A0APP' } }));
        resolve();
      });
    });
    return this;
  }

  waitForConnection(): Promise<void> {
    return this.connected!;
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
