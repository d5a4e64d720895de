// A stand-in for Slack for `npm run bench`: the Web API the apps call
// (auth.test at start, users.info, conversations.open, chat.postMessage,
// views.publish, …: all answered ok) and the response_url endpoints, whose
// arrival times are the "answer" half of a command. `unreachable()` makes it
// stop answering anything (requests hang, as with a dropped network), for the
// SIGTERM measurement.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSlack {
  url: string;
  apiUrl: string;
  responseUrl(id: string): string;
  /** Resolves when the response_url with this id is posted to (performance.now() of arrival). */
  answered(id: string): Promise<number>;
  unreachable(): void;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const waiting = new Map<string, (at: number) => void>();
  const arrived = new Map<string, number>();
  let hang = false;
  const hung: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (hang) {
      hung.push(res);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      if (path.startsWith('/respond/')) {
        const id = path.slice('/respond/'.length);
        const at = performance.now();
        if (process.env.BENCH_DEBUG) console.error(`response_url: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`);
        const resolve = waiting.get(id);
        if (resolve) {
          waiting.delete(id);
          resolve(at);
        } else arrived.set(id, at);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '').split('?')[0];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(method ?? '', Buffer.concat(chunks).toString('utf8'))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (id) => `${url}/respond/${id}`,
    answered(id) {
      const at = arrived.get(id);
      if (at !== undefined) {
        arrived.delete(id);
        return Promise.resolve(at);
      }
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    unreachable() {
      hang = true;
    },
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function answer(method: string, body: string): Record<string, unknown> {
  const user = new URLSearchParams(body).get('user') ?? 'U0';
  switch (method) {
    case 'auth.test':
      return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'TBENCH', user: 'jobbot' };
    case 'users.info':
      return { ok: true, user: { id: user, deleted: false, is_bot: false, profile: {} } };
    case 'conversations.open':
      return { ok: true, channel: { id: `D${user}` } };
    case 'chat.postMessage':
    case 'chat.postEphemeral':
      return { ok: true, ts: `${Date.now() / 1000}`, channel: 'CBENCH' };
    default:
      return { ok: true };
  }
}
