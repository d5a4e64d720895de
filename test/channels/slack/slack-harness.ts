// Starts the real Slack channel on the shared HTTP server (free port, test
// signing secret, fake Web API) and sends Slack-signed requests built from
// the fixtures in test/fixtures/slack. The router's database can be held
// (holdRouter): every router transaction then waits until the test releases
// it, as a slow database would, while identity look-ups and the ack go on.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createHttpServer, type HttpServer } from '../../../src/channels/http-server.js';
import { createSlackChannel, type SlackChannel, type SlackChannelOptions, type SlackLog } from '../../../src/channels/slack/slack-channel.js';
import type { RouterDeps } from '../../../src/handlers/context.js';
import type { PrismaClient } from '../../../src/db/types.js';
import type { Database } from '../../helpers/test-database.js';
import { FAKE_BOT_TOKEN, startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';

export const SIGNING_SECRET = 'test-signing-secret-8f2d1c';

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/slack/${name}.json`, import.meta.url), 'utf8')) as T;
}

export interface SlackHarness {
  api: FakeSlackApi;
  slack: SlackChannel;
  http: HttpServer;
  url: string;
  deps: RouterDeps;
  /**
   * From now on every router transaction ($transaction) waits until release():
   * a database slower than Slack's 3 s. `reached` resolves when the first
   * request got there (the handler is blocked inside the router).
   */
  holdRouter(): RouterHold;
  transactions: TransactionCounts;
  /** Sends a raw body to /slack/events, signed unless told otherwise; waits until the app is idle. */
  post(body: string, contentType: string, options?: PostOptions): Promise<{ status: number; body: string }>;
  command(fields: Record<string, string>, options?: PostOptions): Promise<{ status: number; body: string }>;
  interaction(payload: unknown, options?: PostOptions): Promise<{ status: number; body: string }>;
  event(body: unknown, options?: PostOptions): Promise<{ status: number; body: string }>;
  /** A message.im event: a user writing to the bot in their DM (D + user id without the U). */
  dm(slackUserId: string, text: string, extra?: { event?: Record<string, unknown>; eventId?: string }, options?: PostOptions): Promise<{ status: number; body: string; eventId: string }>;
  close(): Promise<void>;
}

/** Router transactions in flight now (held ones included) and the most there ever were at once. */
export interface TransactionCounts {
  running: number;
  max: number;
}

export interface RouterHold {
  reached: Promise<void>;
  release(): void;
}

export interface PostOptions {
  /** Return as soon as the HTTP answer (the ack) is in, without waiting for the work after it (default true). */
  awaitWork?: boolean;
  /** Seconds since epoch for X-Slack-Request-Timestamp (default now). */
  timestamp?: number;
  /** Replace the signature (e.g. a wrong one). */
  signature?: string;
  retryNum?: number;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The same client, except that $transaction first waits while the router is held; counts transactions in flight. */
function holdablePrisma(prisma: PrismaClient, held: () => { arrive(): void; released: Promise<void> } | undefined, counts: TransactionCounts): PrismaClient {
  return new Proxy(prisma, {
    get(target, property) {
      if (property === '$transaction') {
        return async (...args: unknown[]) => {
          counts.running += 1;
          counts.max = Math.max(counts.max, counts.running);
          try {
            const hold = held();
            if (hold) {
              hold.arrive();
              await hold.released;
            }
            return await (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
          } finally {
            counts.running -= 1;
          }
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export interface SlackHarnessOptions {
  now: Date;
  adminEmails?: string[];
  log?: SlackLog;
  /** See SlackChannelOptions.formAckBudgetMs. */
  formAckBudgetMs?: number;
  /** See SlackChannelOptions.afterAck. */
  afterAck?: SlackChannelOptions['afterAck'];
}

export async function startSlackHarness(db: Database, options: SlackHarnessOptions): Promise<SlackHarness> {
  const api = await startFakeSlackApi();
  const http = createHttpServer();
  let hold: { arrive(): void; released: Promise<void> } | undefined;
  const transactions: TransactionCounts = { running: 0, max: 0 };
  const prisma = holdablePrisma(db.prisma, () => hold, transactions);
  const deps: RouterDeps = { prisma, clock: () => options.now, adminEmails: options.adminEmails ?? ['admin@kommune.dk'], ...(options.log ? { log: options.log } : {}) };
  const slack = createSlackChannel({
    router: deps,
    botToken: FAKE_BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: api.apiUrl,
    http,
    ...(options.log ? { log: options.log } : {}),
    retryConfig: { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 20 },
    ...(options.formAckBudgetMs !== undefined ? { formAckBudgetMs: options.formAckBudgetMs } : {}),
    ...(options.afterAck ? { afterAck: options.afterAck } : {}),
  });
  await slack.start();
  const port = await http.listen(0, '127.0.0.1');
  http.markReady();
  const url = `http://127.0.0.1:${port}`;

  async function post(body: string, contentType: string, o: PostOptions = {}) {
    const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': o.signature ?? sign(SIGNING_SECRET, timestamp, body),
    };
    if (o.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(o.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const response = await fetch(`${url}/slack/events`, { method: 'POST', headers, body });
    const text = await response.text();
    if (o.awaitWork === false) return { status: response.status, body: text };
    // The ack came back; let the work after the ack finish.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await slack.idle();
    return { status: response.status, body: text };
  }

  let eventSeq = 0;
  async function dm(slackUserId: string, text: string, extra: { event?: Record<string, unknown>; eventId?: string } = {}, o: PostOptions = {}) {
    const eventId = extra.eventId ?? `Ev0DM${String(++eventSeq).padStart(6, '0')}`;
    const ts = `${1_700_100_000 + eventSeq}.000100`;
    const body = {
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      team_id: 'T0JOBCTR',
      api_app_id: 'A0JOBBOT',
      type: 'event_callback',
      event_id: eventId,
      event_time: 1_700_100_000 + eventSeq,
      authorizations: [{ enterprise_id: null, team_id: 'T0JOBCTR', user_id: 'U0JOBBOT', is_bot: true, is_enterprise_install: false }],
      event: { type: 'message', channel: `D${slackUserId.slice(1)}`, channel_type: 'im', user: slackUserId, text, ts, event_ts: ts, ...extra.event },
    };
    return { ...(await post(JSON.stringify(body), 'application/json', o)), eventId };
  }

  return {
    api,
    slack,
    dm,
    http,
    url,
    deps,
    transactions,
    holdRouter() {
      let arrive!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (arrive = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      const current = { arrive, released };
      hold = current;
      return {
        reached,
        release() {
          if (hold === current) hold = undefined;
          release();
        },
      };
    },
    post,
    command: (fields, o) => post(new URLSearchParams({ ...fixture<Record<string, string>>('slash-command'), ...fields }).toString(), 'application/x-www-form-urlencoded', o),
    interaction: (payload, o) => post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', o),
    event: (body, o) => post(JSON.stringify(body), 'application/json', o),
    async close() {
      await slack.stop();
      await http.close();
      await api.close();
    },
  };
}
