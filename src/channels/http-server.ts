// One HTTP server on PORT for every platform channel (Slack /slack/events,
// Teams /api/messages) plus GET /healthz, which answers 200 once ready.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServer {
  server: Server;
  /** Adds a handler for an exact path (any method). */
  route(path: string, handler: RouteHandler): void;
  markReady(): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export function createHttpServer(onError: (error: unknown) => void = () => {}): HttpServer {
  const routes = new Map<string, RouteHandler>();
  let ready = false;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz') {
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ready ? 'ok' : 'starting' }));
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
