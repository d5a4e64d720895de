// The scheduled jobs in the jobs thread (what the servers run, JOBBOT_THREADS=on):
// the same messages to the same people as the jobs on the main thread, once
// only, delivered by the main thread's outbox; the thread's log lines come out
// through the main thread's logger.
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/channels/console/render-text.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { seedDemoIfEmpty } from '../../src/db/seed-demo.js';
import { localDateTimeToInstant } from '../../src/domain/local-date.js';
import type { Destination, OutboundChannel, SendResult } from '../../src/delivery/outbound-channel.js';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import type { Reply } from '../../src/domain/reply.js';
import { jobsThreadRunner, type JobsRunner } from '../../src/jobs/jobs-thread-runner.js';
import { runTick } from '../../src/jobs/schedule.js';
import { enqueueDeliveries } from '../../src/db/outbox-queries.js';
import { okReply } from '../../src/domain/reply.js';
import { createTestDatabase, createTestDataDir } from '../helpers/test-database.js';

/** Seeded on Monday 23 November 2026 at 07:00 Copenhagen time. */
const SEEDED = new Date('2026-11-23T06:00:00Z');
const MONDAY_0900 = localDateTimeToInstant('2026-11-23', '09:00');

/** A channel that reaches everyone and keeps, per message, who got it and its text (ids differ between databases). */
function recorder(db: Database): OutboundChannel & { sent: string[] } {
  const sent: string[] = [];
  return {
    name: 'slack',
    sent,
    async canReach() {
      return true;
    },
    async send(destination: Destination, reply: Reply): Promise<SendResult> {
      const to = destination.audience === 'dm' ? `@${(await db.prisma.staff.findUniqueOrThrow({ where: { id: destination.staffId } })).handle}` : `team ${destination.audience}`;
      sent.push(`${to}: ${renderText(reply)}`);
      return { ok: true };
    },
  };
}

async function tick(db: Database, channel: OutboundChannel, jobsRunner?: JobsRunner) {
  let clock = 0;
  const pacer = new ChannelPacer({ monotonic: () => clock, sleep: async (ms) => void (clock += ms) });
  return runTick({ prisma: db.prisma, channels: [channel], pacer, jobsRunner }, MONDAY_0900);
}

describe('the jobs thread', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** The servers' database: PGlite in its thread (or the PostgreSQL server in the PostgreSQL run). */
  const serverDatabase = async (): Promise<Database> => {
    if (process.env.DATABASE_URL) {
      const db = await createTestDatabase();
      cleanups.push(() => db.close());
      return db;
    }
    const dir = await createTestDataDir('jobbot-jobs-thread-');
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const db = await openDatabase({ dataDir: dir, thread: true });
    cleanups.push(() => db.close());
    return db;
  };

  it('sends the Monday morning exactly as the jobs on the main thread do, once, and logs through the main thread', async () => {
    const here = await createTestDatabase();
    cleanups.push(() => here.close());
    await seedDemoIfEmpty(here.prisma, SEEDED);
    const expected = recorder(here);
    const main = await tick(here, expected);
    expect(main.jobs.enqueued).toBeGreaterThan(5);

    const db = await serverDatabase();
    await seedDemoIfEmpty(db.prisma, SEEDED);
    const logged: string[] = [];
    const runner = jobsThreadRunner({ share: db.share!, log: (event) => logged.push(event) });
    cleanups.push(() => runner.close());
    const channel = recorder(db);
    const threaded = await tick(db, channel, runner);

    expect(threaded.jobs.perJob).toEqual(main.jobs.perJob);
    expect(threaded.jobs.errors).toEqual([]);
    expect(channel.sent.sort()).toEqual(expected.sent.sort());
    expect(logged).toContain('jobs.enqueued');

    // The same minute again (another tick, a restart): nothing twice.
    const again = await tick(db, channel, runner);
    expect(again.jobs.enqueued).toBe(0);
    expect(channel.sent).toHaveLength(expected.sent.length);
  }, 300_000);

  it('stops a pass at its next job once shutdown begins, and a new thread sends what was left', async () => {
    const db = await serverDatabase();
    await seedDemoIfEmpty(db.prisma, SEEDED);
    const stopping = jobsThreadRunner({ share: db.share! });
    stopping.stop();
    const channel = recorder(db);
    const stopped = await tick(db, channel, stopping);
    expect(stopped.jobs.enqueued).toBe(0);
    await stopping.close();

    const next = jobsThreadRunner({ share: db.share! });
    cleanups.push(() => next.close());
    const resumed = await tick(db, channel, next);
    expect(resumed.jobs.enqueued).toBeGreaterThan(5);
    expect(resumed.outbox.sent).toBeGreaterThan(5);
    expect(channel.sent).toHaveLength(resumed.outbox.sent);
  }, 300_000);

  it('abandons a pass that does not reach its next job in time at shutdown; nothing half-written, and the next start sends it all', async () => {
    const db = await serverDatabase();
    await seedDemoIfEmpty(db.prisma, SEEDED);
    const runner = jobsThreadRunner({ share: db.share!, abandonAfterMs: 300 });
    await runner.run(new Date('2026-11-21T12:00:00Z'), {}); // a Saturday: the thread is up, nothing is due
    // A long job, as at a municipality's scale: the first job's read waits behind a lock held here.
    let release!: () => void;
    let locked!: () => void;
    const held = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe('LOCK TABLE "RuleChange" IN ACCESS EXCLUSIVE MODE');
        locked();
        await new Promise<void>((resolve) => (release = resolve));
      },
      { timeout: 60_000 },
    );
    await held;
    const pass = runner.run(MONDAY_0900, {}).then(
      () => 'finished',
      (error: Error) => error.message,
    );
    // The pass has reached the thread and waits on the lock (stopped before that, it would end at once).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    runner.stop();
    expect(await pass).toBe('the jobs pass was abandoned for shutdown');
    release();
    await holder;
    await runner.close();
    expect(await db.prisma.delivery.count()).toBe(0);

    const next = jobsThreadRunner({ share: db.share! });
    cleanups.push(() => next.close());
    const channel = recorder(db);
    const resumed = await tick(db, channel, next);
    expect(resumed.jobs.enqueued).toBeGreaterThan(5);
  }, 300_000);

  it('still delivers what is queued when the jobs thread fails, and logs it', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.close());
    await seedDemoIfEmpty(db.prisma, SEEDED);
    const mette = await db.prisma.staff.findUniqueOrThrow({ where: { handle: 'mette' } });
    await enqueueDeliveries(db.prisma, [{ key: 'queued-before', kind: 'test', teamId: mette.teamId, recipientId: mette.id, audience: 'dm', payload: okReply('besked', []) }], MONDAY_0900);
    const crashed: JobsRunner = { run: () => Promise.reject(new Error('the jobs thread stopped (exit code 1)')), stop() {}, close: async () => {} };
    const logged: string[] = [];
    const channel = recorder(db);
    let clock = 0;
    const pacer = new ChannelPacer({ monotonic: () => clock, sleep: async (ms) => void (clock += ms) });
    const result = await runTick({ prisma: db.prisma, channels: [channel], pacer, jobsRunner: crashed, log: (event) => logged.push(event) }, MONDAY_0900);
    expect(result.jobs.errors).toEqual(['jobs-thread']);
    expect(channel.sent).toEqual(['@mette: besked']);
    expect(logged).toContain('scheduler.jobs-failed');
  });
});
