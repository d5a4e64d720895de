// Per-channel rate limits for proactive sends, in real elapsed time (not the
// business clock): at most one message per interval per conversation, and a
// whole-channel pause when a platform answers 429 (Slack's Retry-After;
// Teams' throttling, with exponential backoff when no Retry-After is given).
export interface PacerOptions {
  /** Minimum gap between two messages to the same conversation, per channel name. */
  intervalMs?: Partial<Record<string, number>>;
  /** Longest wait the outbox sits through inline; longer waits defer the message to a later pass. */
  maxInlineWaitMs?: number;
  monotonic?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_INTERVAL_MS: Readonly<Record<string, number>> = { slack: 1_000, teams: 1_000, console: 0 };
const MAX_BACKOFF_MS = 60_000;

export class ChannelPacer {
  private readonly nextAllowed = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly consecutive429 = new Map<string, number>();
  private readonly intervalMs: Partial<Record<string, number>>;
  private readonly maxInlineWaitMs: number;
  private readonly monotonic: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: PacerOptions = {}) {
    this.intervalMs = { ...DEFAULT_INTERVAL_MS, ...options.intervalMs };
    this.maxInlineWaitMs = options.maxInlineWaitMs ?? 10_000;
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** How long (ms) the whole channel is paused after a 429; 0 when it is not. */
  pausedFor(channel: string): number {
    return Math.max(0, (this.pausedUntil.get(channel) ?? 0) - this.monotonic());
  }

  /** How long (ms) until the channel/conversation may send; 0 when it may send now. */
  waitFor(channel: string, conversation: string): number {
    const now = this.monotonic();
    const until = Math.max(this.pausedUntil.get(channel) ?? 0, this.nextAllowed.get(`${channel}:${conversation}`) ?? 0);
    return Math.max(0, until - now);
  }

  /**
   * Waits for its turn and books the next one. Returns false (without
   * booking) when the wait would exceed maxInlineWaitMs: defer the message.
   */
  async acquire(channel: string, conversation: string): Promise<boolean> {
    for (;;) {
      const wait = this.waitFor(channel, conversation);
      if (wait > this.maxInlineWaitMs) return false;
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    this.nextAllowed.set(`${channel}:${conversation}`, this.monotonic() + (this.intervalMs[channel] ?? 1_000));
    return true;
  }

  /** The platform said 429. Returns the pause applied (Retry-After, or exponential backoff without one). */
  rateLimited(channel: string, retryAfterMs: number | undefined): number {
    const n = (this.consecutive429.get(channel) ?? 0) + 1;
    this.consecutive429.set(channel, n);
    const pause = retryAfterMs && retryAfterMs > 0 ? retryAfterMs : Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (n - 1));
    this.pausedUntil.set(channel, Math.max(this.pausedUntil.get(channel) ?? 0, this.monotonic() + pause));
    return pause;
  }

  succeeded(channel: string): void {
    this.consecutive429.delete(channel);
  }
}
