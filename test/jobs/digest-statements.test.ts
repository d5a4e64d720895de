// The weekly digest reads every team's numbers at once (issue 15): the SQL
// statements of a digest run are the same for two teams as for seven (the
// week, this month's targets, the pipeline and the chart's numbers), and each
// new team's digest still shows its own week, targets, overdue list and chart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTimeToInstant, toDbDate } from '../../src/domain/local-date.js';
import * as digest from '../../src/jobs/team-digest.js';
import * as monthEnd from '../../src/jobs/month-end-report.js';
import { closeChartRenderer } from '../../src/charts/render-png.js';
import { countStatements } from '../helpers/statement-counter.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { createSchedulerWorld } from '../helpers/world.js';

const monday = localDateTimeToInstant('2026-11-23', '09:00');
/** Monday 30 November 2026 is November's last working day. */
const monthEndAt = localDateTimeToInstant('2026-11-30', '14:00');

/** A team with a manager, a caseworker and two citizens: meetings last week (one late), a job, more hours, two targets. */
async function addTeam(db: Database, n: number): Promise<string> {
  const { prisma } = db;
  const team = await prisma.team.create({ data: { name: `Team ${n}`, createdAt: new Date('2026-11-02T09:00:00Z') } });
  const manager = await prisma.staff.create({ data: { handle: `leder${n}`, displayName: `Leder ${n}`, role: 'MANAGER', teamId: team.id } });
  const caseworker = await prisma.staff.create({ data: { handle: `cw${n}`, displayName: `Sagsbehandler ${n}`, role: 'CASEWORKER', teamId: team.id } });
  const citizen = (ref: string, due: string) => prisma.citizen.create({ data: { teamId: team.id, ref, caseworkerId: caseworker.id, nextCheckInOn: toDbDate(due) } });
  const a = await citizen(`C-${n}01`, '2026-11-18');
  const b = await citizen(`C-${n}02`, '2026-11-30');
  const meeting = (citizenId: string, on: string, kind: 'INDIVIDUAL' | 'THREE_PARTY' = 'INDIVIDUAL') =>
    prisma.meeting.create({ data: { citizenId, kind, heldOn: toDbDate(on), loggedById: caseworker.id, source: 'SEED' } });
  await meeting(a.id, '2026-11-12');
  await meeting(a.id, '2026-11-17', 'THREE_PARTY'); // 5 days after the previous: on time (weekly cadence)
  await meeting(b.id, '2026-10-01');
  await meeting(b.id, '2026-11-19'); // 49 days after: late
  const outcome = { teamId: team.id, loggedById: caseworker.id, caseworkerId: caseworker.id, source: 'SEED' as const };
  await prisma.outcome.create({ data: { ...outcome, citizenId: b.id, kind: 'ORDINARY_JOB', occurredOn: toDbDate('2026-11-18') } });
  await prisma.outcome.create({ data: { ...outcome, citizenId: a.id, kind: 'ORDINARY_HOURS', occurredOn: toDbDate('2026-10-05'), weeklyHours: 10 } });
  await prisma.outcome.create({ data: { ...outcome, citizenId: a.id, kind: 'ORDINARY_HOURS', occurredOn: toDbDate('2026-11-20'), weeklyHours: 14 } });
  for (const [metric, target] of [['MEETINGS', 10], ['THREE_PARTY_MEETINGS', 2]] as const) {
    await prisma.monthlyTarget.create({ data: { teamId: team.id, metric, month: toDbDate('2026-11-01'), target, setById: manager.id } });
  }
  return team.id;
}

describe('weekly digest: the same reads for any number of teams', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await createSchedulerWorld(db.prisma);
  });
  afterAll(async () => {
    await db.close();
    await closeChartRenderer();
  });

  it('seven teams cost what two did, and each digest has its own numbers and chart', async ({ skip }) => {
    const counter = countStatements(db);
    if (!counter.supported) skip(); // counted at the PGlite driver
    const teamsBefore = await db.prisma.team.count();
    counter.reset();
    expect(await digest.run({ prisma: db.prisma }, monday)).toBe(teamsBefore);
    const few = counter.count;
    await db.prisma.delivery.deleteMany({ where: { kind: digest.KIND } });
    const managersBefore = await db.prisma.staff.count({ where: { role: 'MANAGER', active: true, teamId: { not: null } } });
    counter.reset();
    expect(await monthEnd.run({ prisma: db.prisma }, monthEndAt)).toBe(managersBefore);
    const fewMonthEnd = counter.count;
    await db.prisma.delivery.deleteMany({ where: { kind: monthEnd.KIND } });

    const added: string[] = [];
    for (let n = 1; n <= 5; n++) added.push(await addTeam(db, n));
    counter.reset();
    expect(await digest.run({ prisma: db.prisma }, monday)).toBe(teamsBefore + 5);
    const many = counter.count;
    counter.reset();
    // The month-end report reads the same way for all the managers' teams (its chart included).
    expect(await monthEnd.run({ prisma: db.prisma }, monthEndAt)).toBe(managersBefore + 5);
    const manyMonthEnd = counter.count;
    counter.stop();
    expect(manyMonthEnd).toBe(fewMonthEnd);
    // The week's numbers, hours and overdue (digestFacts), this month's targets (the team's and each
    // person's), the readiness pipeline and the chart's numbers are read for all teams at once.
    expect(many).toBe(few);

    for (const teamId of added) {
      const row = await db.prisma.delivery.findFirstOrThrow({ where: { kind: digest.KIND, teamId } });
      const text = JSON.stringify(row.payload);
      expect(text).toContain('Samtaler: 2 (1 til tiden)');
      // The job, and the more ordinary hours (a result once a month, by the rules table).
      expect(text).toContain('Borgere i job eller uddannelse: 2');
      expect(text).toContain('1 borger har fået flere timer, i alt +4 t/uge');
      expect(text).toMatch(/"samtaler: 3 af 10/);
      expect(text).toMatch(/trepartssamtaler: 1 af 2/i);
      // C-x01's check-in (18 November) is overdue; C-x02's (30 November) is not.
      expect(text).toMatch(/@cw\d: 1/);
      // The chart goes with it, its alt text from this team's own numbers (3 meetings in November, target 10).
      expect(row.payload).toMatchObject({ attachment: { contentType: 'image/png', filename: 'maaltal-2026-11.png' } });
      expect(text).toMatch(/Samtaler: 3 af 10/);
    }
  });
});
