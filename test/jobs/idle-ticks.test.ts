// What an idle minute tick costs: jobs whose slot cannot be open today run no
// query at all, and a tick that enqueues nothing writes no scheduler cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTimeToInstant } from '../../src/domain/local-date.js';
import * as preOneOnOne from '../../src/jobs/pre-one-on-one.js';
import * as summer from '../../src/jobs/summer-reminder.js';
import { runDueJobs } from '../../src/jobs/run-due-jobs.js';
import { countQueries } from '../helpers/query-counter.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { createSchedulerWorld } from '../helpers/world.js';

describe('idle ticks', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await createSchedulerWorld(db.prisma);
  });
  afterAll(async () => db.close());

  it('the summer reminder and the pre-1:1 summaries query nothing outside their slot', async () => {
    const counted = countQueries(db.prisma);
    const monday = localDateTimeToInstant('2026-11-23', '10:00');
    expect(await summer.run({ prisma: counted.prisma }, monday)).toBe(0);
    expect(await preOneOnOne.run({ prisma: counted.prisma }, monday)).toBe(0);
    expect(counted.calls).toEqual([]);
    // Monday 30 November is the working day before December's first (Tuesday 1st): the summaries are due.
    expect(await preOneOnOne.run({ prisma: counted.prisma }, localDateTimeToInstant('2026-11-30', '10:00'))).toBeGreaterThan(0);
    // May 2027: the summer reminder looks for placements running into July.
    counted.reset();
    await summer.run({ prisma: counted.prisma }, localDateTimeToInstant('2027-05-03', '10:00'));
    expect(counted.count('staff.findMany')).toBe(1);
  });

  it('a tick that enqueues nothing writes no scheduler cursor', async () => {
    const now = localDateTimeToInstant('2026-11-23', '08:00');
    await runDueJobs({ prisma: db.prisma }, now);
    const before = await db.prisma.schedulerCursor.findMany({ orderBy: { job: 'asc' } });
    expect(before.map((c) => c.job)).toContain('checkins');
    const counted = countQueries(db.prisma);
    const later = new Date(now.getTime() + 60_000);
    const result = await runDueJobs({ prisma: counted.prisma }, later);
    expect(result.enqueued).toBe(0);
    expect(counted.calls.filter((c) => c.startsWith('schedulerCursor.') && c !== 'schedulerCursor.updateMany' && c !== 'schedulerCursor.create')).toEqual([]);
    // The whole idle tick: who is due and which slots are already planned, housekeeping's claim; no citizen, placement or snooze read.
    expect(counted.calls.filter((c) => /^(citizen|placement|meeting|reminderState|outcome|monthlyTarget)\./.test(c))).toEqual([]);
    expect(counted.calls.sort()).toEqual(
      // ruleChange.findMany: the rule switches admins stored (issue 13), one read per tick.
      ['delivery.findMany', 'delivery.findMany', 'ruleChange.findMany', 'schedulerCursor.create', 'schedulerCursor.updateMany', 'staff.findMany', 'staff.findMany', 'team.findMany', 'team.findMany'].sort(),
    );
    // Only housekeeping's daily claim touches the cursor table; no job cursor moved.
    const after = await db.prisma.schedulerCursor.findMany({ where: { job: { not: 'housekeeping' } }, orderBy: { job: 'asc' } });
    expect(after).toEqual(before.filter((c) => c.job !== 'housekeeping'));
  });
});
