// The one shape every platform channel has, so the composition root
// (src/index.ts) starts, feeds and stops them alike.
import type { OutboundChannel } from '../delivery/outbound-channel.js';

export interface Channel {
  readonly name: OutboundChannel['name'];
  /** What the outbox delivers through: DMs, team posts, in-place updates. */
  readonly outbound: OutboundChannel;
  /** Connects or listens; resolves when the channel takes requests. */
  start(): Promise<void>;
  /** Waits for work in flight, then lets go of connections. */
  stop(): Promise<void>;
}
