// A local fake Bot Connector service (the activities' serviceUrl points at
// it; it records what the bot sends and can answer with scripted failures),
// activity fixtures from test/fixtures/teams, and the real HTTP endpoint of
// the Teams channel on the shared HTTP server with TEAMS_AUTH=off.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpServer, type HttpServer } from '../../../src/channels/http-server.js';
import { startTeams, type TeamsChannel, type TeamsChannelOptions } from '../../../src/channels/teams/teams-channel.js';
import type { RouterDeps } from '../../../src/handlers/context.js';
import type { Database } from '../../helpers/test-database.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/teams');

export interface ConnectorCall {
  method: string;
  /** create | send | reply | update | delete | member | upload | download */
  kind: string;
  conversationId?: string;
  activityId?: string;
  status?: number;
  /** The activity id the fake connector answered a send or reply with. */
  responseId?: string;
  body: any;
  /** Request headers (uploads: content-range, content-length). */
  headers?: Record<string, string | string[] | undefined>;
}

/** A file the bot PUT to an upload URL the fake connector served (FileConsentCard flow). */
export interface UploadedFile {
  id: string;
  bytes: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

interface Failure {
  status: number;
  code?: string;
  retryAfter?: string;
}

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Teams profiles by user id (29:…), for TeamsInfo.getMember. */
  readonly members = new Map<string, Record<string, string>>();
  /** Files PUT to uploadUrl(id), by id. */
  readonly uploads = new Map<string, UploadedFile>();
  /** Files a user sent the bot, served at downloadUrl(id) as OneDrive serves a file.download.info URL. */
  readonly files = new Map<string, Buffer>();
  private failures: Failure[] = [];
  private uploadFailures: number[] = [];
  private server: Server | undefined;
  private counter = 0;
  url = '';

  /** The next `times` activity sends/updates get this status instead of 200. */
  failNext(status: number, times = 1, extra: Omit<Failure, 'status'> = {}): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, ...extra });
  }

  /** The next `times` uploads get this status instead of 201. */
  failNextUpload(status: number, times = 1): void {
    for (let i = 0; i < times; i++) this.uploadFailures.push(status);
  }

  /** An upload URL as OneDrive would put into a fileConsent/invoke: the bot PUTs the bytes there. */
  uploadUrl(id: string): string {
    return `${this.url}upload/${encodeURIComponent(id)}`;
  }

  /** A pre-authorised download URL as Teams puts it into a file.download.info attachment (plain GET, no token). */
  downloadUrl(id: string): string {
    return `${this.url}download/${encodeURIComponent(id)}?tempauth=x`;
  }

  /** Attachments the bot sent or updated (all content types), optionally in one conversation. */
  attachments(conversationId?: string): any[] {
    return this.delivered(conversationId).flatMap((c) => c.body.attachments ?? []);
  }

  /** Cards the bot sent or updated (not the failed attempts), optionally in one conversation. */
  cards(conversationId?: string): any[] {
    return this.delivered(conversationId).flatMap((c) => (c.body.attachments ?? []).map((a: any) => a.content));
  }

  delivered(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => ['send', 'reply', 'update'].includes(c.kind) && c.status === 200 && (!conversationId || c.conversationId === conversationId));
  }

  reset(): void {
    this.calls.length = 0;
    this.failures = [];
    this.uploadFailures = [];
    this.uploads.clear();
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const path = (req.url ?? '').split('?')[0] ?? '';
        const parts = path.split('/').filter(Boolean).map(decodeURIComponent); // v3 conversations {id} activities {id}
        const json = (status: number, payload: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
        if (parts[0] === 'upload') {
          // The OneDrive upload session of a FileConsentCard: raw bytes, not JSON.
          const call: ConnectorCall = { method: req.method ?? '', kind: 'upload', body: undefined, headers: { ...req.headers } };
          this.calls.push(call);
          const failure = this.uploadFailures.shift();
          call.status = req.method !== 'PUT' ? 405 : (failure ?? 201);
          if (call.status === 201) this.uploads.set(parts[1] ?? '', { id: parts[1] ?? '', bytes, headers: { ...req.headers } });
          return json(call.status, call.status === 201 ? { id: parts[1], name: parts[1] } : { error: { code: 'UploadFailed' } });
        }
        if (parts[0] === 'download') {
          const call: ConnectorCall = { method: req.method ?? '', kind: 'download', body: undefined, headers: { ...req.headers } };
          this.calls.push(call);
          const file = req.method === 'GET' ? this.files.get(parts[1] ?? '') : undefined;
          call.status = file ? 200 : 404;
          res.writeHead(call.status, { 'content-type': 'application/octet-stream' });
          res.end(file ?? '');
          return;
        }
        const raw = bytes.toString('utf8');
        const body = raw ? JSON.parse(raw) : undefined;
        const call: ConnectorCall = { method: req.method ?? '', kind: 'unknown', body };
        this.calls.push(call);
        if (req.method === 'POST' && parts.length === 2) {
          call.kind = 'create';
          call.status = 200;
          return json(200, { id: `a:created-${++this.counter}` });
        }
        const conversationId = parts[2];
        call.conversationId = conversationId;
        if (req.method === 'GET' && parts[3] === 'members') {
          call.kind = 'member';
          const member = this.members.get(parts[4] ?? '');
          call.status = member ? 200 : 404;
          return member ? json(200, member) : json(404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
        }
        if (parts[3] === 'activities' && req.method === 'DELETE') {
          call.kind = 'delete';
          call.activityId = parts[4];
          call.status = 200;
          return json(200, {});
        }
        if (parts[3] === 'activities') {
          call.kind = req.method === 'PUT' ? 'update' : parts[4] ? 'reply' : 'send';
          call.activityId = parts[4];
          const failure = this.failures.shift();
          if (failure) {
            call.status = failure.status;
            res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}) });
            res.end(JSON.stringify({ error: { code: failure.code ?? 'ServiceError', message: 'scripted failure' } }));
            return;
          }
          call.status = 200;
          call.responseId = req.method === 'PUT' ? parts[4] : `activity-${++this.counter}`;
          return json(200, { id: call.responseId });
        }
        call.status = 404;
        json(404, {});
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** An activity from test/fixtures/teams/<name>.json with {{placeholders}} filled in. */
export function activity(name: string, vars: Record<string, string>, overrides: Record<string, unknown> = {}): Record<string, any> {
  const parsed = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as unknown;
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(/\{\{(\w+)\}\}/g, (_, key: string) => vars[key] ?? '');
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return { ...(fill(parsed) as Record<string, any>), ...overrides };
}

export interface TeamsHarness {
  http: HttpServer;
  teams: TeamsChannel;
  connector: FakeConnector;
  port: number;
  logs: Array<{ event: string; fields: Record<string, unknown> }>;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<TeamsChannelOptions, 'router' | 'log'>> {
  /** A connector kept across harnesses (a restart of the bot keeps the stored serviceUrl valid). */
  connector?: FakeConnector;
}

export async function startTeamsHarness(db: Database, router: Omit<RouterDeps, 'prisma'>, options: HarnessOptions = {}): Promise<TeamsHarness> {
  const { connector: shared, ...channelOptions } = options;
  const connector = shared ?? new FakeConnector();
  if (!shared) await connector.start();
  const http = createHttpServer();
  const logs: TeamsHarness['logs'] = [];
  const teams = await startTeams({
    http,
    router: { ...router, prisma: db.prisma },
    authOff: true,
    log: (event, fields = {}) => void logs.push({ event, fields }),
    retry: { baseDelayMs: 2, maxDelayMs: 10 },
    ...channelOptions,
  });
  const port = await http.listen(0, '127.0.0.1');
  return {
    http,
    teams,
    connector,
    port,
    logs,
    async post(body, headers = {}) {
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // plain text
      }
      return { status: res.status, body: parsed };
    },
    async close() {
      await http.close();
      if (!shared) await connector.stop();
    },
  };
}

export const TENANT = '8f0c6f1e-2a4b-4c1d-9e3f-5a6b7c8d9e0f';
export const CHANNEL = '19:vest-channel@thread.tacv2';
/** The personal chat the fixtures give a user. */
export const personalChat = (user: string) => `a:1personal-${user}`;

/**
 * Staff writing to the bot through the real endpoint, by name: personal chat
 * or @mention in the team channel; what the fake connector got back.
 */
export class TeamsUsers {
  private seq = 0;
  constructor(
    private readonly h: TeamsHarness,
    private readonly aad: Readonly<Record<string, string>>,
    private readonly idPrefix = 'q',
  ) {}

  /** A message activity from `user` (fixtures personal-message / channel-mention). */
  message(user: string, text: string, where: 'personal' | 'channel' = 'personal', overrides: Record<string, unknown> = {}): Record<string, any> {
    const id = `${this.idPrefix}-${++this.seq}`;
    const extra = where === 'channel' ? { conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: `${CHANNEL};messageid=${id}` } } : {};
    const fixture = where === 'personal' ? 'personal-message' : 'channel-mention';
    return activity(fixture, { serviceUrl: this.h.connector.url, user, aadObjectId: this.aad[user] ?? '', text }, { id, ...extra, ...overrides });
  }

  /** Posts an activity; returns the connector calls it caused. */
  async post(body: Record<string, any>): Promise<ConnectorCall[]> {
    const before = this.h.connector.calls.length;
    const res = await this.h.post(body);
    if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}`);
    return this.h.connector.calls.slice(before);
  }

  async send(user: string, text: string, where: 'personal' | 'channel' = 'personal'): Promise<ConnectorCall[]> {
    return this.post(this.message(user, text, where));
  }

  /** The one card the bot answered with in `user`'s personal chat. */
  async ask(user: string, text: string): Promise<any> {
    const calls = await this.send(user, text);
    const cards = delivered(calls, personalChat(user)).flatMap((c) => (c.body.attachments ?? []).map((a: any) => a.content));
    if (cards.length !== 1) throw new Error(`expected one card for "${text}", got ${cards.length}`);
    return cards[0];
  }

  /** The text of that card. */
  async askText(user: string, text: string): Promise<string> {
    return cardText(await this.ask(user, text));
  }
}

/** Successful sends, replies and updates among `calls`, optionally in one conversation. */
export function delivered(calls: readonly ConnectorCall[], conversationId?: string): ConnectorCall[] {
  return calls.filter((c) => ['send', 'reply', 'update'].includes(c.kind) && c.status === 200 && (!conversationId || c.conversationId === conversationId));
}

/** All text of a card, for assertions ("contains C-1042"). */
export function cardText(card: any): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (['text', 'title', 'value', 'label'].includes(key) && typeof value === 'string') out.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

export function isErrorCard(card: any): boolean {
  return JSON.stringify(card).includes('"color":"Attention"');
}
