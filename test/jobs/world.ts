// A small team with citizens, placements and targets for the scheduler tests.
import { toDbDate } from '../../src/domain/local-date.js';
import type { PrismaClient } from '../../src/db/types.js';
import { createTeamFixture, type TeamFixture } from '../helpers/fixtures.js';

export interface SchedulerWorld extends TeamFixture {
  citizens: Record<string, string>;
  placements: Record<string, string>;
}

/**
 * Team Vest (see fixtures.ts) on Monday 23 November 2026:
 * anne: C-1042 due Fri 20 Nov (3 days overdue), C-1043 due Wed 25 Nov;
 * bo: C-2001 due today; camilla: C-1043's 14-day internship ends Tue 24 Nov;
 * C-2001's wage subsidy (camilla) runs into July 2027; November targets set.
 */
export async function createSchedulerWorld(prisma: PrismaClient): Promise<SchedulerWorld> {
  const team = await createTeamFixture(prisma);
  await prisma.team.update({ where: { id: team.teamId }, data: { createdAt: new Date('2026-11-02T09:00:00Z') } });
  const citizen = async (ref: string, caseworker: string, due: string, consultant?: string) =>
    (
      await prisma.citizen.create({
        data: { teamId: team.teamId, ref, caseworkerId: caseworker, consultantId: consultant ?? null, nextCheckInOn: toDbDate(due) },
      })
    ).id;
  const citizens = {
    'C-1042': await citizen('C-1042', team.staff.anne, '2026-11-20'),
    'C-1043': await citizen('C-1043', team.staff.anne, '2026-11-25', team.staff.camilla),
    'C-2001': await citizen('C-2001', team.staff.bo, '2026-11-23', team.staff.camilla),
  };
  await prisma.meeting.create({
    data: { citizenId: citizens['C-1043'], kind: 'THREE_PARTY', heldOn: toDbDate('2026-11-10'), loggedById: team.staff.anne, source: 'SEED' },
  });
  await prisma.meeting.create({
    data: { citizenId: citizens['C-2001'], kind: 'THREE_PARTY', heldOn: toDbDate('2026-11-02'), loggedById: team.staff.bo, source: 'SEED' },
  });
  const placement = async (citizenId: string, type: 'INTERNSHIP' | 'WAGE_SUBSIDY_PRIVATE', start: string, end: string) =>
    (
      await prisma.placement.create({
        data: { citizenId, consultantId: team.staff.camilla, company: 'Netto Nord', type, startOn: toDbDate(start), plannedEndOn: toDbDate(end), createdById: team.staff.camilla, source: 'SEED' },
      })
    ).id;
  const placements = {
    internship: await placement(citizens['C-1043'], 'INTERNSHIP', '2026-11-11', '2026-11-24'),
    subsidy: await placement(citizens['C-2001'], 'WAGE_SUBSIDY_PRIVATE', '2026-11-03', '2027-08-31'),
  };
  for (const [metric, target] of [['PLACEMENT_STARTS', 4], ['JOB_OUTCOMES', 2], ['MEETINGS', 40]] as const) {
    await prisma.monthlyTarget.create({ data: { teamId: team.teamId, metric, month: toDbDate('2026-11-01'), target, setById: team.staff.mette } });
  }
  return { ...team, citizens, placements };
}

/** The lines the console printed for one recipient label, e.g. '[DM @anne]' or '[#Vest]'. */
export function linesFor(output: string, label: string): string[] {
  return output.split('\n').filter((l) => l.startsWith(`${label} `));
}
