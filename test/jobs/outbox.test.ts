// The outbox worker: retries with backoff, FAILED after N attempts and shown
// to the team's managers, 429s honoured without using up attempts,
// unreachable recipients skipped, DST-correct morning slots.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Destination, OutboundChannel, SendResult } from '../../src/delivery/outbound-channel.js';
import { okReply, type Reply } from '../../src/domain/reply.js';
import { drainOutbox, LEASE_MS } from '../../src/delivery/outbox.js';
import { enqueueDeliveries, NOTHING_DUE } from '../../src/db/outbox-queries.js';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import { limiter, runPool } from '../../src/delivery/pool.js';
import { runTick } from '../../src/jobs/schedule.js';
import { toDbDate } from '../../src/domain/local-date.js';
import { consoleDriver } from '../helpers/console-driver.js';
import { MONDAY } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { createSchedulerWorld, type SchedulerWorld } from '../helpers/world.js';

type Sent = { destination: Destination; reply: Reply };

function fakeChannel(name: OutboundChannel['name'], answer: (n: number) => SendResult, reachable = true): OutboundChannel & { sent: Sent[]; calls: number } {
  const channel = {
    name,
    sent: [] as Sent[],
    calls: 0,
    async canReach() {
      return reachable;
    },
    async send(destination: Destination, reply: Reply): Promise<SendResult> {
      const result = answer(channel.calls++);
      if (result.ok) channel.sent.push({ destination, reply });
      return result;
    },
  };
  return channel;
}

const noWait = () => new ChannelPacer({ sleep: async () => {} });
const at = (iso: string) => new Date(iso);

describe('outbox worker', () => {
  let db: Database;
  let world: SchedulerWorld;
  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createSchedulerWorld(db.prisma);
  });
  beforeEach(async () => {
    await db.prisma.delivery.deleteMany();
  });
  afterAll(async () => db.close());

  it('retries with backoff, then marks FAILED and shows it to managers only', async () => {
    const failing = fakeChannel('slack', () => ({ ok: false, error: 'channel_not_found' }));
    const deps = { prisma: db.prisma, channels: [failing], pacer: noWait(), maxAttempts: 3 };
    const t0 = at('2026-11-23T07:00:00Z');
    const first = await runTick(deps, t0);
    expect(first.outbox.retrying).toBeGreaterThan(0);
    expect((await drainOutbox(deps, at('2026-11-23T07:00:30Z'))).retrying).toBe(0); // backoff: not yet
    await drainOutbox(deps, at('2026-11-23T07:01:01Z'));
    await drainOutbox(deps, at('2026-11-23T07:06:02Z'));
    // Nothing-due slots are recorded as SKIPPED rows and never sent (morning-planning.test.ts).
    const rows = await db.prisma.delivery.findMany({ where: { status: { not: 'SKIPPED' } } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'FAILED' && r.attempts === 3 && r.error === 'channel_not_found')).toBe(true);

    const bot = consoleDriver(db, { now: MONDAY });
    const listed = await bot.run('mette', '/jobbot failed');
    expect(listed).toContain('Beskeder, der ikke kunne leveres');
    expect(listed).toContain('checkins til @anne: 3 forsøg');
    expect(listed).not.toContain('C-10'); // kinds and recipients, never content
    expect(await bot.run('anne', '/jobbot failed')).toContain('Kun ledere');
    expect(await bot.run('mette', '/jobbot failed retry')).toMatch(/\d+ beskeder sendes igen/);
    expect(await db.prisma.delivery.count({ where: { status: 'PENDING', attempts: 0 } })).toBe(rows.length);
  });

  it('a permanent error fails at once', async () => {
    const refused = fakeChannel('teams', () => ({ ok: false, error: 'bot not in roster', permanent: true }));
    const deps = { prisma: db.prisma, channels: [refused], pacer: noWait() };
    await runTick(deps, at('2026-11-23T07:00:00Z'));
    expect(await db.prisma.delivery.count({ where: { status: 'FAILED' } })).toBeGreaterThan(0);
    expect(await db.prisma.delivery.count({ where: { status: { notIn: ['FAILED', 'SKIPPED'] } } })).toBe(0);
    expect(await db.prisma.delivery.count({ where: { status: 'SKIPPED', error: { not: NOTHING_DUE } } })).toBe(0);
  });

  it('honours Retry-After without using up an attempt, and pauses the channel', async () => {
    const limited = fakeChannel('slack', (n) => (n === 0 ? { ok: false, error: 'ratelimited', retryAfterMs: 30_000 } : { ok: true, messageRef: { ts: String(n) } }));
    const pacer = new ChannelPacer({ sleep: async () => {}, maxInlineWaitMs: 1_000 });
    const deps = { prisma: db.prisma, channels: [limited], pacer, concurrency: 1 };
    const t0 = at('2026-11-23T07:00:00Z');
    const first = await runTick(deps, t0);
    expect(first.outbox.retrying).toBe(1);
    expect(first.outbox.deferred).toBeGreaterThan(0); // the rest waits for the pause instead of hammering
    const limitedRow = await db.prisma.delivery.findFirstOrThrow({ where: { error: 'ratelimited' } });
    expect(limitedRow.attempts).toBe(0);
    expect(limitedRow.nextAttemptAt.getTime()).toBe(t0.getTime() + 30_000);
    expect(pacer.waitFor('slack', 'x')).toBeGreaterThan(1_000);
    expect(pacer.waitFor('teams', 'x')).toBe(0);
  });

  it('paces one message per second per conversation (Slack)', async () => {
    let clock = 0;
    const pacer = new ChannelPacer({ monotonic: () => clock, sleep: async (ms) => void (clock += ms) });
    await pacer.acquire('slack', 'D1');
    await pacer.acquire('slack', 'D1');
    expect(clock).toBe(1_000);
    await pacer.acquire('slack', 'D2');
    expect(clock).toBe(1_000);
    expect(pacer.rateLimited('teams', undefined)).toBe(1_000);
    expect(pacer.rateLimited('teams', undefined)).toBe(2_000); // Teams: exponential without Retry-After
    pacer.succeeded('teams');
    expect(pacer.rateLimited('teams', 0)).toBe(1_000);
  });

  it('sends more than one batch in one drain, each conversation in order (no waiting for the next tick)', async () => {
    const t0 = at('2026-11-23T07:00:00Z');
    const staff = [world.staff.anne, world.staff.bo, world.staff.camilla];
    const rows = Array.from({ length: 7 }, (_, i) => ({
      key: `bulk:${i}`,
      kind: 'bulk',
      teamId: world.teamId,
      recipientId: staff[i % 3]!,
      audience: 'dm' as const,
      payload: okReply(`message ${i}`),
    }));
    await enqueueDeliveries(db.prisma, rows, t0);
    const ok = fakeChannel('slack', () => ({ ok: true }));
    const result = await drainOutbox({ prisma: db.prisma, channels: [ok], pacer: noWait(), batchSize: 2 }, t0);
    expect(result.sent).toBe(7);
    expect(await db.prisma.delivery.count({ where: { kind: 'bulk', status: { not: 'SENT' } } })).toBe(0);
    const toAnne = ok.sent.filter((s) => s.destination.audience === 'dm' && s.destination.staffId === world.staff.anne).map((s) => s.reply.text);
    expect(toAnne).toEqual(['message 0', 'message 3', 'message 6']);
  });

  it('skips what no channel can reach, and resends a message whose sender died after the lease', async () => {
    const nobody = fakeChannel('slack', () => ({ ok: true }), false);
    await runTick({ prisma: db.prisma, channels: [nobody], pacer: noWait() }, at('2026-11-23T07:00:00Z'));
    expect(await db.prisma.delivery.count({ where: { status: { not: 'SKIPPED' } } })).toBe(0);

    await db.prisma.delivery.deleteMany();
    const ok = fakeChannel('slack', () => ({ ok: true }));
    const t0 = at('2026-11-23T07:00:00Z');
    await runTick({ prisma: db.prisma, channels: [] }, t0); // enqueue only: no channels
    await db.prisma.delivery.updateMany({ data: { status: 'PENDING' } });
    const row = await db.prisma.delivery.findFirstOrThrow();
    await db.prisma.delivery.update({ where: { id: row.id }, data: { status: 'SENDING', attempts: 1, nextAttemptAt: new Date(t0.getTime() + LEASE_MS) } });
    await drainOutbox({ prisma: db.prisma, channels: [ok], pacer: noWait() }, new Date(t0.getTime() + 60_000));
    expect((await db.prisma.delivery.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('SENDING'); // lease still held
    await drainOutbox({ prisma: db.prisma, channels: [ok], pacer: noWait() }, new Date(t0.getTime() + LEASE_MS + 1));
    expect(await db.prisma.delivery.count({ where: { status: { not: 'SENT' } } })).toBe(0);
  });

  it('stops a pass once shutdown begins: no further job runs and no further message starts; the rest go out on the next start', async () => {
    const slack = fakeChannel('slack', () => ({ ok: true }));
    const deps = { prisma: db.prisma, channels: [slack], pacer: noWait() };
    const t0 = at('2026-11-23T07:00:00Z');
    let jobsRun = 0;
    // Shutdown begins while the first job runs (the rule switches): nothing after it runs, nothing is sent.
    const stopped = await runTick({ ...deps, log: (event) => void (event === 'jobs.enqueued' && jobsRun++) }, t0, { stopping: () => true });
    expect(stopped.jobs.enqueued).toBe(0);
    expect(await db.prisma.delivery.count()).toBe(0);
    expect(slack.sent).toHaveLength(0);
    // Four messages to one person go out in order; shutdown begins after the first.
    const rows = Array.from({ length: 4 }, (_, i) => ({ key: `stop:${i}`, kind: 'bulk', teamId: world.teamId, recipientId: world.staff.anne, audience: 'dm' as const, payload: okReply(`message ${i}`) }));
    await enqueueDeliveries(db.prisma, rows, t0);
    const drained = await drainOutbox({ ...deps, stopping: () => slack.calls >= 1 }, t0);
    expect(drained.sent).toBe(1);
    expect(await db.prisma.delivery.count({ where: { kind: 'bulk', status: 'PENDING' } })).toBe(3);
    // The next start sends what was left, once and in order.
    await drainOutbox(deps, t0);
    expect(slack.sent.map((m) => m.reply.text)).toEqual(['message 0', 'message 1', 'message 2', 'message 3']);
    expect(jobsRun).toBe(0);
  });

  it('DST: the 08:00 list goes out at 08:00 local on the Monday after each change', async () => {
    await db.prisma.citizen.update({ where: { id: world.citizens['C-1042'] }, data: { nextCheckInOn: toDbDate('2026-03-27') } });
    const ok = fakeChannel('slack', () => ({ ok: true }));
    const deps = { prisma: db.prisma, channels: [ok], pacer: noWait() };
    expect((await runTick(deps, at('2026-03-30T05:59:00Z'))).jobs.perJob.checkins).toBe(0);
    expect((await runTick(deps, at('2026-03-30T06:00:00Z'))).jobs.perJob.checkins).toBe(1); // 08:00 CEST
    await db.prisma.citizen.update({ where: { id: world.citizens['C-1042'] }, data: { nextCheckInOn: toDbDate('2026-10-23') } });
    expect((await runTick(deps, at('2026-10-26T06:59:00Z'))).jobs.perJob.checkins).toBe(0);
    expect((await runTick(deps, at('2026-10-26T07:00:00Z'))).jobs.perJob.checkins).toBe(1); // 08:00 CET
    expect(ok.sent.filter((s) => s.destination.audience === 'dm' && s.destination.staffId === world.staff.anne)).toHaveLength(2);
  });

  it('runs a bounded pool', async () => {
    let inFlight = 0;
    let peak = 0;
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
    });
    expect(peak).toBe(3);
  });

  it('bounds the platform calls, not the conversations: those waiting for their turn hold no slot, and the queue keeps its order', async () => {
    const send = limiter(2);
    const started: number[] = [];
    const finish = new Map<number, () => void>();
    const calls = [1, 2, 3, 4, 5].map((n) =>
      send(
        () =>
          new Promise<number>((resolve) => {
            started.push(n);
            finish.set(n, () => resolve(n));
          }),
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2]);
    finish.get(2)!();
    await calls[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2, 3]);
    for (const n of [1, 3]) finish.get(n)!();
    await Promise.all([calls[0], calls[2]]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2, 3, 4, 5]);
    for (const n of [4, 5]) finish.get(n)!();
    expect(await Promise.all(calls)).toEqual([1, 2, 3, 4, 5]);
  });
});
