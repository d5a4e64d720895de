// The team jobs read per run, not per team or per manager: one outbox lookup
// for all teams' digests and meeting posts, and the month-end numbers once for
// all teams (test/jobs/digest-statements.test.ts counts the statements), however many managers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTimeToInstant } from '../../src/domain/local-date.js';
import * as digest from '../../src/jobs/team-digest.js';
import * as monthEnd from '../../src/jobs/month-end-report.js';
import * as teamMeeting from '../../src/jobs/team-meeting-reminder.js';
import { countQueries } from '../helpers/query-counter.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { createSchedulerWorld, type SchedulerWorld } from '../helpers/world.js';

describe('team jobs, batched', () => {
  let db: Database;
  let world: SchedulerWorld;
  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createSchedulerWorld(db.prisma);
    await db.prisma.team.updateMany({ data: { teamMeetingEveryDays: 7, createdAt: new Date('2026-11-02T09:00:00Z') } });
    await db.prisma.staff.create({ data: { handle: 'mads', displayName: 'Mads', role: 'MANAGER', teamId: world.teamId, email: 'mads@kommune.dk' } });
  });
  afterAll(async () => db.close());

  it('digests and team-meeting posts: one outbox lookup for every team', async () => {
    const counted = countQueries(db.prisma);
    const monday = localDateTimeToInstant('2026-11-23', '09:00');
    expect(await digest.run({ prisma: counted.prisma }, monday)).toBe(2);
    expect(counted.count('delivery.findMany')).toBe(1);
    counted.reset();
    expect(await teamMeeting.run({ prisma: counted.prisma }, monday)).toBe(2);
    expect(counted.count('delivery.findMany')).toBe(1);
    counted.reset();
    expect(await digest.run({ prisma: counted.prisma }, monday)).toBe(0);
    expect(await teamMeeting.run({ prisma: counted.prisma }, monday)).toBe(0);
    expect(counted.count('delivery.findMany')).toBe(2);
  });

  it('month-end: the team numbers are read once, for both of its managers', async () => {
    const counted = countQueries(db.prisma);
    // Monday 30 November 2026 is November's last working day.
    expect(await monthEnd.run({ prisma: counted.prisma }, localDateTimeToInstant('2026-11-30', '14:00'))).toBe(2);
    // The report's targets and the team chart's (issue 14: the month and the six before, which may
    // reach into last year), each read once for all teams, not per manager.
    expect(counted.count('monthlyTarget.findMany')).toBe(2);
    expect(counted.count('staffMonthlyTarget.findMany')).toBe(1);
    // The actuals are counted in SQL per team and month for all teams at once (scope-actuals.ts), not per metric through groupBy.
    expect(counted.calls.filter((c) => c.endsWith('.groupBy'))).toEqual([]);
    // The month's ordinary-hours increases (one distinct read, none here).
    expect(counted.count('outcome.findMany')).toBe(1);
    expect(counted.calls.filter((c) => c.endsWith('.count'))).toEqual([]);
    const rows = await db.prisma.delivery.findMany({ where: { kind: monthEnd.KIND }, orderBy: { recipientId: 'asc' } });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.payload).toEqual(rows[1]!.payload);
    const text = JSON.stringify(rows[0]!.payload);
    // Both placements started in November (target 4); C-1043 and C-2001 had a three-party meeting in November.
    expect(text).toContain('2 af 4');
    expect(text).toContain('trepartssamtaler: 2 (intet mål)');
  });
});
