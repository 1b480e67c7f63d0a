// A TCP proxy in front of the real PostgreSQL server that a test controls, to play a database
// outage without stopping the server others use: closed, it refuses connections (the server is
// down); `cut()` drops every connection at once (a restart, a network failure); `closeWhen`
// closes the proxy as soon as a client sends bytes matching a test (a query in the middle of a
// transaction); open again, it passes bytes both ways.
import { createServer, connect, type Server, type Socket } from 'node:net';

export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private trigger: { test: (chunk: Buffer) => boolean; fired: () => void } | undefined;
  /** How many connections reached the server through the proxy. */
  connections = 0;
  port = 0;

  constructor(
    private readonly target: { host: string; port: number },
  ) {}

  /** A proxy (not yet open) to the server of a postgres:// URL. */
  static toServerOf(url: string | URL): TcpProxy {
    const server = new URL(url);
    return new TcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  }

  /** Starts listening on a free port, or on the port it had before (reopening after `close`). */
  async open(): Promise<this> {
    if (this.server) return this;
    const server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
    return this;
  }

  /** Refuses new connections (nothing listens) and drops the open ones. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.cut();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Drops every open connection, both sides, at once. */
  cut(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /**
   * Closes the proxy as soon as a client sends bytes satisfying `test` (before they reach the
   * server); resolves when that has happened.
   */
  closeWhen(test: (chunk: Buffer) => boolean): Promise<void> {
    return new Promise((fired) => (this.trigger = { test, fired }));
  }

  /** A database URL like `url` but through the proxy. */
  url(url: string): string {
    const through = new URL(url);
    through.hostname = '127.0.0.1';
    through.port = String(this.port);
    return through.toString();
  }

  private pipe(client: Socket): void {
    const server = connect(this.target.port, this.target.host);
    this.connections += 1;
    for (const socket of [client, server]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        server.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      const trigger = this.trigger;
      if (trigger?.test(chunk)) {
        this.trigger = undefined;
        void this.close().then(trigger.fired);
        return;
      }
      server.write(chunk);
    });
    server.on('data', (chunk: Buffer) => client.write(chunk));
  }
}
