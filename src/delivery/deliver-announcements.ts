// Celebrations are put in the outbox in the same transaction as the outcome
// (handlers/router.ts). Right after the commit, the router's afterCommit hook
// asks for exactly those rows to be delivered now, through every configured
// channel, so the post appears at once and still goes out only once: the
// outbox row is SENT afterwards, and the scheduler's worker skips it.
import type { OutboundChannel } from './outbound-channel.js';
import { announcementDelivery } from '../db/outbox-queries.js';
import type { PrismaClient } from '../db/types.js';
import type { Log } from '../logger.js';
import { drainOutbox } from './outbox.js';

type Announcement = Parameters<typeof announcementDelivery>[0];

export type AnnouncementDelivery = (routed: { announcements: readonly Announcement[] }) => Promise<void>;

export function announcementDeliverer(deps: { prisma: PrismaClient; channels: () => readonly OutboundChannel[]; clock: () => Date; log?: Log }): AnnouncementDelivery {
  return async (routed) => {
    if (routed.announcements.length === 0) return;
    const keys = routed.announcements.map((a) => announcementDelivery(a).key);
    await drainOutbox({ prisma: deps.prisma, channels: deps.channels(), log: deps.log }, deps.clock(), { keys });
  };
}
