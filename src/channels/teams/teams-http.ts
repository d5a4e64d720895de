// The HTTP side of the Teams channel: the POST /api/messages handler on the
// shared HTTP server, botbuilder's adapter and authentication set up for it,
// and the settings check that keeps authentication from being off by accident.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type Response as BotResponse,
  type TurnContext,
} from 'botbuilder';
import { allowsTeamsAuthOff, teamsAuthOffRefusal } from '../../config.js';
import type { Log } from '../../logger.js';
import type { RouteHandler } from '../http-server.js';

export const TEAMS_PATH = '/api/messages';
const MAX_BODY_BYTES = 1_000_000;

export interface TeamsAuthSettings {
  /** MICROSOFT_APP_ID / _PASSWORD / _TENANT_ID of a single-tenant app registration. */
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  /** TEAMS_AUTH=off: no app id, no authentication (Bot Framework Emulator, tests). */
  authOff?: boolean;
  /** process.env.NODE_ENV: authentication can be switched off only when it is unset, development or test (any case). */
  nodeEnv?: string;
}

/** The app id to authenticate with ('' when authentication is off); throws on settings that do not add up. */
export function checkedAppId(settings: TeamsAuthSettings): string {
  const appId = settings.appId?.trim() ?? '';
  if (settings.authOff) {
    if (!allowsTeamsAuthOff(settings.nodeEnv)) throw new Error(teamsAuthOffRefusal(settings.nodeEnv));
    if (appId) throw new Error('TEAMS_AUTH=off cannot be combined with MICROSOFT_APP_ID');
  } else if (!appId || !settings.appPassword || !settings.tenantId) {
    throw new Error('Teams needs MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID (or TEAMS_AUTH=off for local testing)');
  }
  return appId;
}

/** The adapter for a single-tenant app, or an unauthenticated one with authentication off. */
export function createAdapter(appId: string, settings: TeamsAuthSettings): RequestCloudAdapter {
  const auth = new SingleRetryAuthentication(
    appId
      ? { MicrosoftAppId: appId, MicrosoftAppPassword: settings.appPassword, MicrosoftAppTenantId: settings.tenantId, MicrosoftAppType: 'SingleTenant' }
      : {},
  );
  return new RequestCloudAdapter(auth);
}

/**
 * Says through the log where Teams listens, and loudly (warn) when nobody is
 * authenticated: one JSON line like every other, never a raw banner on stderr.
 */
export function logStart(log: Log, authenticated: boolean, settings: TeamsAuthSettings): void {
  if (authenticated) {
    log('teams.ready', { path: TEAMS_PATH, appId: settings.appId, tenantId: settings.tenantId });
    return;
  }
  log(
    'teams.auth.off',
    {
      path: TEAMS_PATH,
      warning:
        'TEAMS_AUTH=off: /api/messages accepts UNAUTHENTICATED requests from anyone who can reach this port. Only for the Bot Framework Emulator on a developer machine; never in production.',
    },
    'warn',
  );
}

/** The error's first line: never a stack, never the activity text (which may hold citizen details). */
export function firstLine(error: unknown): string | undefined {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** The POST /api/messages handler: body → activity → adapter (authentication) → onTurn → status and invoke body. */
export function requestHandler(adapter: RequestCloudAdapter, onTurn: (context: TurnContext) => Promise<void>, log: Log): RouteHandler {
  const rejections = rejectionLog(log);
  return async (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('expected a JSON activity');
      return;
    }
    const activity = toActivity(body);
    if (!activity) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('expected an activity with a type');
      return;
    }
    // What CloudAdapter.process does, without its console.error(stack) per failed request: a refused
    // token is one rate-limited JSON log line (anyone can post here), a bug one error line.
    const response = botResponse(res);
    try {
      const invoke = await adapter.processRequestActivity(String(req.headers.authorization ?? ''), activity, onTurn);
      response.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) response.send(invoke.body);
    } catch (error) {
      const refused = isAuthenticationError(error);
      if (refused) rejections.note(firstLine(error) ?? '');
      else log('teams.request.failed', { type: activity.type, error: firstLine(error) }, 'error');
      response.status(refused ? 401 : 500);
    }
    response.end();
  };
}

/** CloudAdapter whose activity processing the channel's own request handler calls (authentication included). */
export class RequestCloudAdapter extends CloudAdapter {
  processRequestActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * Connector clients without the Azure pipeline's own retry policy: it retries
 * 5xx for seconds on its own and ignores the connector client's
 * `noRetryPolicy` option. Our retry (connector-retry.ts) is the only one, so
 * the statuses, backoff and jitter are ours. If a botbuilder upgrade renames
 * the policy, requests are retried twice (still correct); the retry test notices.
 */
class SingleRetryAuthentication extends ConfigurationBotFrameworkAuthentication {
  override createConnectorFactory(claimsIdentity: Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0]) {
    const inner = super.createConnectorFactory(claimsIdentity);
    return {
      async create(serviceUrl: string, audience?: string) {
        const client = await inner.create(serviceUrl, audience);
        const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(options: { name: string }): unknown } } }).client?.pipeline;
        pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
        return client;
      },
    };
  }
}

/** A posted JSON body as botbuilder expects an activity (timestamps as Dates), or undefined without a type. */
function toActivity(body: unknown): Activity | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return undefined;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/** botframework-connector's AuthenticationError (a missing, invalid or foreign token), recognised by its status code. */
function isAuthenticationError(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return error instanceof Error && (status === 401 || status === 403);
}

/** Window in which refused requests are counted into one log line. */
const REJECTION_LOG_WINDOW_MS = 60_000;

/**
 * Refused requests are logged as one warn line per minute with how many were
 * refused since the last line: a flood of forged requests cannot flood the log.
 * Real elapsed time, not the business clock.
 */
function rejectionLog(log: Log, now: () => number = Date.now): { note(reason: string): void } {
  let lastAt = -Infinity;
  let since = 0;
  return {
    note(reason) {
      since++;
      if (now() - lastAt < REJECTION_LOG_WINDOW_MS) return;
      log('teams.auth.rejected', { status: 401, reason: reason.slice(0, 200), refused: since, windowSeconds: REJECTION_LOG_WINDOW_MS / 1000 }, 'warn');
      lastAt = now();
      since = 0;
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Node's ServerResponse with the express-like methods botbuilder's process() calls. */
function botResponse(res: ServerResponse): BotResponse {
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(body?: unknown) {
      if (body === undefined || body === null) return this;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.write(body);
      } else {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(body));
      }
      return this;
    },
    end() {
      if (!res.writableEnded) res.end();
      return this;
    },
  };
}
