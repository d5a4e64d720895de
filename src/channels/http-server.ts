// One HTTP server on PORT for every platform channel (Slack /slack/events,
// Teams /api/messages) plus GET /healthz (liveness: 200 once started) and
// GET /readyz (readiness: 200 while the database answers and is migrated,
// else 503 with a short JSON reason; see readiness.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Readiness } from './readiness.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServer {
  server: Server;
  /** Adds a handler for an exact path (any method). */
  route(path: string, handler: RouteHandler): void;
  markReady(): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  /** Checked on each GET /readyz after markReady(); without one, /readyz answers like /healthz. */
  readiness?: () => Promise<Readiness>;
  /** Called when /readyz changes its answer (not on every probe: load balancers poll often). */
  onReadinessChange?: (readiness: Readiness) => void;
}

export function createHttpServer(onError: (error: unknown) => void = () => {}, options: HttpServerOptions = {}): HttpServer {
  const routes = new Map<string, RouteHandler>();
  let ready = false;
  let lastReadiness: string | undefined;
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const readyz = async (res: ServerResponse) => {
    const readiness: Readiness = !ready ? { ready: false, reason: 'starting' } : options.readiness ? await options.readiness() : { ready: true };
    const key = JSON.stringify(readiness);
    if (ready && key !== lastReadiness) options.onReadinessChange?.(readiness);
    if (ready) lastReadiness = key;
    json(res, readiness.ready ? 200 : 503, readiness.ready ? { status: 'ready' } : { status: 'not ready', reason: readiness.reason });
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz') {
      json(res, ready ? 200 : 503, { status: ready ? 'ok' : 'starting' });
      return;
    }
    if (path === '/readyz') {
      readyz(res).catch((error: unknown) => {
        onError(error);
        if (!res.headersSent) json(res, 503, { status: 'not ready', reason: 'readiness check failed' });
        else res.end();
      });
      return;
    }
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return {
    server,
    route: (path, handler) => void routes.set(path, handler),
    markReady: () => void (ready = true),
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
