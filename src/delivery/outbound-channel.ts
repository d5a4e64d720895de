// What the scheduler's outbox needs from a channel to deliver proactively.
// Each channel (console, Slack, Teams) implements it; the outbox decides
// what, when and how often, the channel only how.
import type { Reply } from '../domain/reply.js';

export type Destination = { audience: 'dm'; staffId: string } | { audience: 'team'; teamId: string };

export type SendResult =
  | { ok: true; messageRef?: Record<string, string> }
  /** retryAfterMs: the platform asked us to wait (Slack 429 Retry-After); permanent: do not retry (403 not in roster). */
  | { ok: false; error: string; retryAfterMs?: number; permanent?: boolean };

export interface OutboundChannel {
  readonly name: 'console' | 'slack' | 'teams';
  /** Whether this channel knows how to reach the destination (linked user, stored reference, team channel set). */
  canReach(destination: Destination): Promise<boolean>;
  send(destination: Destination, reply: Reply): Promise<SendResult>;
  /** Replace a message sent earlier (e.g. a reminder after "Done"); optional per platform. */
  update?(messageRef: Record<string, string>, reply: Reply): Promise<SendResult>;
}
