// Calls to the Bot Connector service, retried when the service says "later":
// 429 (throttled), 412 (precondition failed, Teams' transient conflict),
// 502 and 504. Exponential backoff with full jitter, Retry-After honoured
// (a Retry-After longer than the longest inline wait is left to the caller).
// The connector client's own retry policy (the Azure pipeline's
// defaultRetryPolicy) is removed by SingleRetryAuthentication in
// teams-channel.ts, so this is the only one and its timing is ours.

export const RETRYABLE_STATUS = new Set([412, 429, 502, 504]);

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

/** Status, error code and Retry-After of whatever botbuilder threw (a RestError, usually). */
export function describeConnectorError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    statusCode?: unknown;
    status?: unknown;
    code?: unknown;
    message?: unknown;
    response?: { headers?: { get?: (name: string) => string | undefined | null } & Record<string, unknown>; bodyAsText?: unknown };
  };
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : undefined;
  let code = typeof e.code === 'string' ? e.code : undefined;
  if (!code && typeof e.response?.bodyAsText === 'string') {
    try {
      const parsed = JSON.parse(e.response.bodyAsText) as { error?: { code?: unknown } };
      if (typeof parsed.error?.code === 'string') code = parsed.error.code;
    } catch {
      // not JSON: no code
    }
  }
  const headers = e.response?.headers;
  const retryAfter = headers?.get?.('retry-after') ?? (typeof headers?.['retry-after'] === 'string' ? headers['retry-after'] : undefined);
  const message = typeof e.message === 'string' ? e.message : String(error);
  return new ConnectorError(message, status, code, parseRetryAfter(retryAfter ?? undefined));
}

export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** 403 with "BotNotInConversationRoster": the app was removed; stop sending there. */
export function isNotInRoster(error: ConnectorError): boolean {
  return error.status === 403 && (error.code === 'BotNotInConversationRoster' || /roster/i.test(error.message));
}

export async function withConnectorRetry<T>(
  call: () => Promise<T>,
  options: RetryOptions = DEFAULT_RETRY,
  onRetry?: (status: number | undefined, attempt: number, delayMs: number) => void,
): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (raw) {
      const error = describeConnectorError(raw);
      if (attempt >= options.attempts || error.status === undefined || !RETRYABLE_STATUS.has(error.status)) throw error;
      // Asked to wait longer than we wait inline: never retry before Retry-After; the caller
      // (the outbox, which pauses the channel for that long) tries again later.
      if ((error.retryAfterMs ?? 0) > options.maxDelayMs) throw error;
      const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      const jittered = Math.round(random() * ceiling);
      const delay = Math.min(options.maxDelayMs, Math.max(jittered, error.retryAfterMs ?? 0));
      onRetry?.(error.status, attempt, delay);
      await sleep(delay);
    }
  }
}
