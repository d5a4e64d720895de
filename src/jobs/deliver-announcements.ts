// Celebrations are put in the outbox in the same transaction as the outcome
// (router.ts). Right after the command, the channel that took it asks for
// exactly those rows to be delivered now, through every configured channel,
// so the post appears at once and still goes out only once: the outbox row
// is SENT afterwards, and the scheduler's worker skips it.
import type { OutboundChannel } from '../channels/outbound.js';
import { announcementDelivery } from '../db/outbox-queries.js';
import type { PrismaClient } from '../db/types.js';
import type { Routed } from '../handlers/router.js';
import type { JobLog } from './job.js';
import { drainOutbox } from './outbox.js';

export type AnnouncementDelivery = (routed: Pick<Routed, 'announcements' | 'replayed'>) => Promise<void>;

export function announcementDeliverer(deps: { prisma: PrismaClient; channels: () => readonly OutboundChannel[]; clock: () => Date; log?: JobLog }): AnnouncementDelivery {
  return async (routed) => {
    if (routed.replayed || routed.announcements.length === 0) return;
    const keys = routed.announcements.map((a) => announcementDelivery(a).key);
    await drainOutbox({ prisma: deps.prisma, channels: deps.channels(), log: deps.log }, deps.clock(), { keys });
  };
}
