// A local fake Bot Connector service (the activities' serviceUrl points at
// it; it records what the bot sends and can answer with scripted failures),
// activity fixtures from test/fixtures/teams, and the real HTTP endpoint of
// the Teams channel on the shared HTTP server with TEAMS_AUTH=off.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpServer, type HttpServer } from '../../../src/channels/http-server.js';
import { startTeams, type TeamsChannel } from '../../../src/channels/teams/teams-channel.js';
import type { RouterDeps } from '../../../src/handlers/router.js';
import type { Database } from '../../helpers/test-database.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/teams');

export interface ConnectorCall {
  method: string;
  /** create | send | reply | update | member */
  kind: string;
  conversationId?: string;
  activityId?: string;
  status?: number;
  body: any;
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
  private failures: Failure[] = [];
  private server: Server | undefined;
  private counter = 0;
  url = '';

  /** The next `times` activity sends/updates get this status instead of 200. */
  failNext(status: number, times = 1, extra: Omit<Failure, 'status'> = {}): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, ...extra });
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
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = raw ? JSON.parse(raw) : undefined;
        const path = (req.url ?? '').split('?')[0] ?? '';
        const parts = path.split('/').filter(Boolean).map(decodeURIComponent); // v3 conversations {id} activities {id}
        const json = (status: number, payload: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
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
          return json(200, { id: req.method === 'PUT' ? parts[4] : `activity-${++this.counter}` });
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

export async function startTeamsHarness(db: Database, router: Omit<RouterDeps, 'prisma'>): Promise<TeamsHarness> {
  const connector = new FakeConnector();
  await connector.start();
  const http = createHttpServer();
  const logs: TeamsHarness['logs'] = [];
  const teams = startTeams({
    http,
    router: { ...router, prisma: db.prisma },
    authOff: true,
    log: (event, fields = {}) => void logs.push({ event, fields }),
    retry: { baseDelayMs: 2, maxDelayMs: 10 },
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
      await connector.stop();
    },
  };
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
