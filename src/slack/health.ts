// GET /healthz: 200 {"ok":true} while the bot serves and its database answers; 503 with the
// reason otherwise — {"ok":false,"reason":"database_unavailable"} while the database does not
// answer (at start, or later), {"ok":false,"reason":"starting"} while migrations run. Load
// balancers and container runtimes poll it; it carries no data.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Health = { ok: true } | { ok: false; reason: 'starting' | 'database_unavailable' };
export type HealthCheck = () => Promise<Health>;

export function healthHandler(check: HealthCheck) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const health = await check();
    res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(health));
  };
}

/** In Socket Mode nothing else listens on HTTP: a small server answers /healthz alone. */
export function startHealthServer(check: HealthCheck, port: number, host: string): Promise<Server> {
  const handle = healthHandler(check);
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
