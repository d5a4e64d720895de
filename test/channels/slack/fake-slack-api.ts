// A local stand-in for Slack: the Web API (slackApiUrl points here) and the
// response_url endpoints. Records every call; can answer 429 with Retry-After.
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface RecordedCall {
  /** Web API method ("chat.postMessage") or "response_url". */
  method: string;
  path: string;
  body: Record<string, unknown>;
  status: number;
}

export interface FakeSlackApi {
  url: string;
  apiUrl: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** A response_url the app may post to. */
  responseUrl(id: string): string;
  /** Slack user id → e-mail on the profile (users.info). */
  users: Map<string, string>;
  /** Answers the next `count` calls of `method` with 429 and Retry-After. */
  rateLimitNext(method: string, retryAfterSeconds: number, count?: number): void;
  /** Answers calls of `method` with { ok: false, error } until cleared. */
  failWith(method: string, error: string | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The WebClient sends nested arguments (blocks, view) as JSON strings.
    body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return body;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const users = new Map<string, string>();
  const rateLimits = new Map<string, { seconds: number; count: number }>();
  const failures = new Map<string, string>();
  let ts = 1_700_000_000;

  const answer = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    const failure = failures.get(method);
    if (failure) return { ok: false, error: failure };
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://jobcenter.slack.com/', team: 'Jobcenter', user: 'jobbot', team_id: 'T0JOBCTR', user_id: 'U0JOBBOT', bot_id: 'B0JOBBOT' };
      case 'users.info': {
        const user = String(body.user ?? '');
        const email = users.get(user);
        return email ? { ok: true, user: { id: user, deleted: false, is_bot: false, profile: { email } } } : { ok: false, error: 'user_not_found' };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users ?? '').slice(1)}` } };
      case 'chat.postMessage':
        ts++;
        return { ok: true, channel: body.channel, ts: `${ts}.000100`, message: {} };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${ts}.000200` };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: 'V0VIEW1', hash: 'h1' } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const body = await readBody(req);
      if (path.startsWith('/response/')) {
        calls.push({ method: 'response_url', path, body, status: 200 });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      const limit = rateLimits.get(method);
      if (limit && limit.count > 0) {
        limit.count--;
        calls.push({ method, path, body, status: 429 });
        res.writeHead(429, { 'retry-after': String(limit.seconds), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      calls.push({ method, path, body, status: 200 });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(method, body)));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    users,
    callsTo: (method) => calls.filter((c) => c.method === method && c.status === 200),
    responseUrl: (id) => `${url}/response/${id}`,
    rateLimitNext: (method, seconds, count = 1) => void rateLimits.set(method, { seconds, count }),
    failWith: (method, error) => void (error ? failures.set(method, error) : failures.delete(method)),
    reset: () => {
      calls.length = 0;
      rateLimits.clear();
      failures.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
