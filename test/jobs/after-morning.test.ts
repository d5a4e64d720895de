// The scheduler's afterMorning hook: once per working day, from 08:00 local,
// after the morning's jobs and the outbox; once across instances; nothing on
// weekends and holidays; a failing hook does not break the tick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAfterMorning } from '../../src/jobs/after-morning.js';
import { runTick } from '../../src/jobs/schedule.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { createSchedulerWorld } from '../helpers/world.js';

describe('afterMorning hook', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await createSchedulerWorld(db.prisma);
  });
  afterAll(async () => db.close());

  it('runs once per working day from 08:00, even with two instances ticking at once', async () => {
    const calls: string[] = [];
    const afterMorning = async (now: Date) => void calls.push(now.toISOString());
    const tick = (iso: string) => runTick({ prisma: db.prisma, channels: [], afterMorning }, new Date(iso));

    await tick('2026-11-23T06:59:00Z'); // 07:59 local
    expect(calls).toEqual([]);
    await Promise.all([tick('2026-11-23T07:00:00Z'), tick('2026-11-23T07:00:00Z')]);
    await tick('2026-11-23T12:00:00Z');
    expect(calls).toEqual(['2026-11-23T07:00:00.000Z']);

    await tick('2026-11-28T08:00:00Z'); // Saturday
    await tick('2026-12-24T08:00:00Z'); // juleaftensdag: no reminders that day either
    // A late start still gets the day's refresh, once.
    await tick('2026-11-30T10:30:00Z');
    await tick('2026-11-30T10:31:00Z');
    expect(calls).toEqual(['2026-11-23T07:00:00.000Z', '2026-11-30T10:30:00.000Z']);
  });

  it('logs a failing hook and carries on', async () => {
    const logged: string[] = [];
    const ran = await runAfterMorning(
      { prisma: db.prisma, log: (event) => logged.push(event) },
      async () => {
        throw new Error('slack down');
      },
      new Date('2026-12-01T07:00:00Z'),
    );
    expect(ran).toBe(true);
    expect(logged).toEqual(['after-morning.failed']);
  });
});
