// A local stand-in for Slack: the Web API (slackApiUrl points here), the
// response_url endpoints, private file downloads (url_private, bot token
// required) and the external upload URL of files.getUploadURLExternal.
// Records every call, and every method ever called (methodsUsed, kept across
// reset(): what the manifest's scopes must cover); can answer 429 with
// Retry-After.
import { createServer, type IncomingMessage, type Server } from 'node:http';

export const FAKE_BOT_TOKEN = 'xoxb-test-token';

/** A file a user shared, as Slack serves it at url_private. */
export interface HostedFile {
  id: string;
  name: string;
  content: string | Uint8Array;
  filetype?: string;
  mimetype?: string;
}

/** A file the app uploaded (files.getUploadURLExternal → POST → files.completeUploadExternal). */
export interface UploadedFile {
  id: string;
  filename: string;
  /** Set once files.completeUploadExternal shared it. */
  channel?: string;
  initialComment?: string;
  bytes: Buffer;
}

export interface RecordedCall {
  /** Web API method ("chat.postMessage"), "response_url", "file_download", "file_upload" or "internal_error" (answered 500). */
  method: string;
  path: string;
  body: Record<string, unknown>;
  status: number;
  /** What the fake answered (Web API methods), e.g. the ts of a posted message. */
  response?: Record<string, unknown>;
}

export interface FakeSlackApi {
  url: string;
  apiUrl: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** The Web API methods the fake answers (any other: unknown_method): the ones the app calls. */
  webApiMethods: readonly string[];
  /** Every method called since the fake started (Web API methods, "response_url", "file_download", "file_upload"); reset() keeps it. */
  methodsUsed(): Set<string>;
  /** A response_url the app may post to. */
  responseUrl(id: string): string;
  /** Slack user id → e-mail on the profile (users.info). */
  users: Map<string, string>;
  /** Answers the next `count` calls of `method` with 429 and Retry-After. */
  rateLimitNext(method: string, retryAfterSeconds: number, count?: number): void;
  /** Answers calls of `method` with { ok: false, error } until cleared ("response_url": 404 with the error as text). */
  failWith(method: string, error: string | undefined): void;
  /** Hosts a file at url_private; returns the file object a file_share event carries. */
  hostFile(file: HostedFile): Record<string, unknown>;
  /** Files the app uploaded and shared, in order. */
  uploads(): UploadedFile[];
  reset(): void;
  close(): Promise<void>;
}

/** Arguments the WebClient sends as JSON strings in a form body; every other value is text, as typed. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata', 'unfurls', 'options']);

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The WebClient sends nested arguments (blocks, view) as JSON strings; a text like "[C-1042] …" stays text.
    body[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return body;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const used = new Set<string>();
  const record = (call: RecordedCall) => {
    calls.push(call);
    used.add(call.method);
  };
  const users = new Map<string, string>();
  const rateLimits = new Map<string, { seconds: number; count: number }>();
  const failures = new Map<string, string>();
  const hosted = new Map<string, HostedFile>();
  const uploaded = new Map<string, UploadedFile>();
  let ts = 1_700_000_000;
  let fileSeq = 0;
  let baseUrl = '';

  const fileObject = (file: HostedFile): Record<string, unknown> => {
    const url = `${baseUrl}/files-pri/T0JOBCTR-${file.id}/${encodeURIComponent(file.name)}`;
    const size = typeof file.content === 'string' ? Buffer.byteLength(file.content) : file.content.length;
    return { id: file.id, name: file.name, title: file.name, filetype: file.filetype ?? 'csv', mimetype: file.mimetype ?? 'text/csv', size, url_private: url, url_private_download: `${url}?download=1` };
  };

  type Json = Record<string, unknown>;
  /** The Web API methods the fake answers: every one the app calls. Any other gets unknown_method, as from Slack. */
  const webApi: Record<string, (body: Json) => Json> = {
    'auth.test': () => ({ ok: true, url: 'https://jobcenter.slack.com/', team: 'Jobcenter', user: 'jobbot', team_id: 'T0JOBCTR', user_id: 'U0JOBBOT', bot_id: 'B0JOBBOT' }),
    'users.info': (body) => {
      const user = String(body.user ?? '');
      const email = users.get(user);
      return email ? { ok: true, user: { id: user, deleted: false, is_bot: false, profile: { email } } } : { ok: false, error: 'user_not_found' };
    },
    'conversations.open': (body) => ({ ok: true, channel: { id: `D${String(body.users ?? '').slice(1)}` } }),
    'chat.postMessage': (body) => {
      ts++;
      return { ok: true, channel: body.channel, ts: `${ts}.000100`, message: {} };
    },
    'chat.postEphemeral': () => ({ ok: true, message_ts: `${ts}.000200` }),
    'chat.update': (body) => ({ ok: true, channel: body.channel, ts: body.ts }),
    'views.open': () => ({ ok: true, view: { id: 'V0VIEW1', hash: 'h1' } }),
    'views.update': (body) => ({ ok: true, view: { id: body.view_id, hash: 'h2' } }),
    'views.publish': () => ({ ok: true, view: { id: 'V0VIEW1', hash: 'h1' } }),
    'files.info': (body) => {
      const file = hosted.get(String(body.file ?? ''));
      return file ? { ok: true, file: fileObject(file) } : { ok: false, error: 'file_not_found' };
    },
    'files.getUploadURLExternal': (body) => {
      const id = `F0UP${String(++fileSeq).padStart(4, '0')}`;
      uploaded.set(id, { id, filename: String(body.filename ?? ''), bytes: Buffer.alloc(0) });
      return { ok: true, upload_url: `${baseUrl}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (body) => {
      const files = (Array.isArray(body.files) ? body.files : []) as Array<{ id?: string }>;
      for (const f of files) {
        const upload = uploaded.get(String(f.id ?? ''));
        if (!upload) return { ok: false, error: 'file_not_found' };
        upload.channel = typeof body.channel_id === 'string' ? body.channel_id : undefined;
        upload.initialComment = typeof body.initial_comment === 'string' ? body.initial_comment : undefined;
      }
      return { ok: true, files: files.map((f) => ({ id: f.id })) };
    },
  };

  const answer = (method: string, body: Json): Json => {
    const failure = failures.get(method);
    if (failure) return { ok: false, error: failure };
    return Object.hasOwn(webApi, method) ? webApi[method]!(body) : { ok: false, error: 'unknown_method' };
  };

  const server: Server = createServer((req, res) => {
    (async () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path.startsWith('/files-pri/')) {
        // url_private: only with the bot token; otherwise Slack answers with its login page.
        const id = path.split('/')[2]?.replace(/^T0JOBCTR-/, '') ?? '';
        const file = hosted.get(id);
        const authorized = req.headers.authorization === `Bearer ${FAKE_BOT_TOKEN}`;
        record({ method: 'file_download', path, body: { authorized }, status: authorized && file ? 200 : 404 });
        if (!authorized) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
        if (!file) return void res.writeHead(404).end();
        return void res.writeHead(200, { 'content-type': file.mimetype ?? 'text/csv' }).end(typeof file.content === 'string' ? file.content : Buffer.from(file.content));
      }
      if (path.startsWith('/upload/')) {
        // The external upload URL: multipart/form-data with the file's bytes.
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
        const upload = uploaded.get(path.slice('/upload/'.length));
        const part = [...form.values()].find((v) => typeof v !== 'string') as Blob | undefined;
        if (upload && part) upload.bytes = Buffer.from(await part.arrayBuffer());
        record({ method: 'file_upload', path, body: { bytes: upload?.bytes.length ?? 0 }, status: upload && part ? 200 : 400 });
        return void res.writeHead(upload && part ? 200 : 400, { 'content-type': 'text/plain' }).end(upload && part ? `OK - ${upload.bytes.length}` : 'bad upload');
      }
      const body = await readBody(req);
      if (path.startsWith('/response/')) {
        // failWith('response_url', 'expired_url'): a response_url past its 30 minutes.
        const failure = failures.get('response_url');
        record({ method: 'response_url', path, body, status: failure ? 404 : 200 });
        res.writeHead(failure ? 404 : 200, { 'content-type': 'text/plain' }).end(failure ?? 'ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      const limit = rateLimits.get(method);
      if (limit && limit.count > 0) {
        limit.count--;
        record({ method, path, body, status: 429 });
        res.writeHead(429, { 'retry-after': String(limit.seconds), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const response = answer(method, body);
      record({ method, path, body, status: 200, response });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
    })().catch((error: unknown) => {
      // A bug in the fake (or a body it cannot read) answers 500 instead of leaving the request hanging.
      record({ method: 'internal_error', path: req.url ?? '/', body: { error: error instanceof Error ? error.message : String(error) }, status: 500 });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('fake Slack API: internal error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  baseUrl = url;
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    users,
    callsTo: (method) => calls.filter((c) => c.method === method && c.status === 200),
    webApiMethods: Object.keys(webApi),
    methodsUsed: () => new Set(used),
    responseUrl: (id) => `${url}/response/${id}`,
    rateLimitNext: (method, seconds, count = 1) => void rateLimits.set(method, { seconds, count }),
    failWith: (method, error) => void (error ? failures.set(method, error) : failures.delete(method)),
    hostFile: (file) => {
      hosted.set(file.id, file);
      return fileObject(file);
    },
    uploads: () => [...uploaded.values()].filter((u) => u.channel !== undefined),
    reset: () => {
      calls.length = 0;
      rateLimits.clear();
      failures.clear();
      uploaded.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
