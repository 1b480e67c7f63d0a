// GET /healthz: 200 {"ok":true} while the database answers, 503 otherwise. Load balancers and
// container runtimes poll it; it carries no data.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Ping = () => Promise<boolean>;

export function healthHandler(ping: Ping) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const ok = await ping();
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ ok }));
  };
}

/** In Socket Mode nothing else listens on HTTP: a small server answers /healthz alone. */
export function startHealthServer(ping: Ping, port: number, host: string): Promise<Server> {
  const handle = healthHandler(ping);
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/healthz') void handle(req, res);
    else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
