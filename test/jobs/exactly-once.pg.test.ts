// On a real PostgreSQL server (only when DATABASE_URL is set): two scheduler
// instances, each with its own PrismaClient and connection pool, over the
// same schema. Every message is delivered exactly once over a simulated
// week; an instance that dies mid-send loses nothing and at most that one
// message goes out twice.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Destination, OutboundChannel, SendResult } from '../../src/delivery/outbound-channel.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { NOTHING_DUE } from '../../src/db/outbox-queries.js';
import { addDays, localDateTimeToInstant, todayIn } from '../../src/domain/local-date.js';
import type { Reply } from '../../src/domain/reply.js';
import { LEASE_MS } from '../../src/delivery/outbox.js';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import { runTick } from '../../src/jobs/schedule.js';
import { createSchedulerWorld } from '../helpers/world.js';

const url = process.env.DATABASE_URL;

/** What the platform received: one entry per message that reached a user or channel. */
type Received = { instance: string; day: string; to: string; text: string };

function recordingChannel(instance: string, inbox: Received[], clock: () => Date, hangOn?: (n: number) => boolean): OutboundChannel {
  let n = 0;
  return {
    name: 'slack',
    async canReach() {
      return true;
    },
    async send(destination: Destination, reply: Reply): Promise<SendResult> {
      const to = destination.audience === 'dm' ? `dm:${destination.staffId}` : `team:${destination.teamId}`;
      inbox.push({ instance, day: todayIn(clock()), to, text: JSON.stringify(reply.blocks) });
      // The platform has the message; the process "dies" before it can mark it sent.
      if (hangOn?.(n++)) return new Promise<SendResult>(() => {});
      return { ok: true };
    },
  };
}

const duplicates = (inbox: Received[]) => {
  const seen = new Map<string, number>();
  for (const r of inbox) seen.set(`${r.day}|${r.to}|${r.text}`, (seen.get(`${r.day}|${r.to}|${r.text}`) ?? 0) + 1);
  return [...seen.values()].filter((c) => c > 1).length;
};

describe.skipIf(!url)('exactly once on PostgreSQL with two instances', () => {
  const schema = `sched_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    a = await openDatabase({ databaseUrl: url, schema });
    b = await openDatabase({ databaseUrl: url, schema });
  });
  afterAll(async () => {
    await b?.close();
    await a?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await a?.close();
  });

  it('delivers each message of a simulated week once, with both instances ticking together', async () => {
    await createSchedulerWorld(a.prisma);
    const inbox: Received[] = [];
    let now = new Date(0);
    const clock = () => now;
    const pacer = () => new ChannelPacer({ sleep: async () => {} });
    const instanceA = { prisma: a.prisma, channels: [recordingChannel('a', inbox, clock)], pacer: pacer() };
    const instanceB = { prisma: b.prisma, channels: [recordingChannel('b', inbox, clock)], pacer: pacer() };
    for (let day = '2026-11-23'; day <= '2026-11-30'; day = addDays(day, 1)) {
      for (const time of ['07:55', '08:00', '08:01', '09:00', '09:01', '14:00', '14:05']) {
        now = localDateTimeToInstant(day, time);
        await Promise.all([runTick(instanceA, now, { catchUp: time === '07:55' }), runTick(instanceB, now)]);
      }
    }
    // Slots with nothing due are recorded as SKIPPED "nothing due" rows and never sent.
    expect(await a.prisma.delivery.count({ where: { status: 'SKIPPED', error: { not: NOTHING_DUE } } })).toBe(0);
    const rows = await a.prisma.delivery.findMany({ where: { status: { not: 'SKIPPED' } } });
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((r) => r.status === 'SENT')).toBe(true);
    expect(inbox).toHaveLength(rows.length);
    expect(duplicates(inbox)).toBe(0);
    // Both instances did real work: the claims were contested.
    expect(new Set(inbox.map((r) => r.instance)).size).toBe(2);
    // One digest per team (Vest, Øst) and week.
    expect(rows.filter((r) => r.kind === 'digest').map((r) => r.key.split('|')[3]).sort()).toEqual(['2026-11-23', '2026-11-23', '2026-11-30', '2026-11-30']);
    expect(await a.prisma.schedulerCursor.count()).toBeGreaterThan(0);
  });

  it('an instance killed mid-send loses nothing; only that message may arrive twice', async () => {
    await a.prisma.delivery.deleteMany();
    const inbox: Received[] = [];
    let now = localDateTimeToInstant('2026-12-01', '08:00');
    const clock = () => now;
    // Instance A sends its first message, then freezes forever before marking it sent.
    let frozen!: () => void;
    const firstSent = new Promise<void>((resolve) => (frozen = resolve));
    const hangOnFirst = (n: number) => n === 0 && (frozen(), true);
    const dying = { prisma: a.prisma, channels: [recordingChannel('a', inbox, clock, hangOnFirst)], pacer: new ChannelPacer({ sleep: async () => {} }), concurrency: 1 };
    void runTick(dying, now);
    await firstSent;
    expect(inbox).toHaveLength(1);
    const stuck = await a.prisma.delivery.count({ where: { status: 'SENDING' } });
    expect(stuck).toBe(1);

    // A new instance starts; before the lease runs out it delivers everything else, then the stuck one.
    const fresh = { prisma: b.prisma, channels: [recordingChannel('b', inbox, clock)], pacer: new ChannelPacer({ sleep: async () => {} }) };
    now = new Date(now.getTime() + 60_000);
    await runTick(fresh, now, { catchUp: true });
    now = new Date(now.getTime() + LEASE_MS);
    await runTick(fresh, now);
    const rows = await b.prisma.delivery.findMany({ where: { status: { not: 'SKIPPED' } } });
    expect(rows.every((r) => r.status === 'SENT')).toBe(true);
    expect(inbox).toHaveLength(rows.length + 1);
    expect(duplicates(inbox)).toBe(1);
  });
});
