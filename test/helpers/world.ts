// The one test world. openWorld: one database, the Vest/Øst fixture and a
// console driver, what every handler test file starts from; plus the "nothing
// changed" check that bad input must pass (every table's row count and the
// rows users can change). createSchedulerWorld: Team Vest with the citizens,
// placements and targets the scheduler and reminder tests start from.
import { consoleDriver, type ConsoleDriver } from './console-driver.js';
import { createTeamFixture, MONDAY, type TeamFixture } from './fixtures.js';
import { createTestDatabase, type Database } from './test-database.js';
import type { PrismaClient } from '../../src/db/types.js';
import { findStaffByHandle, type StaffMember } from '../../src/db/staff-queries.js';
import { valueHasCpr } from '../../src/db/cpr-write-guard.js';
import { toDbDate } from '../../src/domain/local-date.js';

export interface World {
  db: Database;
  prisma: PrismaClient;
  fixture: TeamFixture;
  bot: ConsoleDriver;
  /** The staff member as the router sees them (for routeCommand). */
  actor(handle: string): Promise<StaffMember>;
  /** Adds a new citizen `<prefix>-<n>` (as anne by default), so every case starts clean; returns its reference. */
  freshCitizen(prefix: string, handle?: string, options?: string): Promise<string>;
}

export async function openWorld(options: { now?: Date | (() => Date); adminEmails?: string[] } = {}): Promise<World> {
  const db = await createTestDatabase();
  const fixture = await createTeamFixture(db.prisma);
  const bot = consoleDriver(db, { now: options.now ?? MONDAY, adminEmails: options.adminEmails });
  let counter = 0;
  return {
    db,
    prisma: db.prisma,
    fixture,
    bot,
    async actor(handle) {
      const staff = await findStaffByHandle(db.prisma, handle);
      if (!staff) throw new Error(`no staff @${handle}`);
      return staff;
    },
    async freshCitizen(prefix, handle = 'anne', extra = '') {
      const ref = `${prefix}-${++counter}`;
      await bot.run(handle, `/citizen add ${ref} ${extra}`.trim());
      return ref;
    },
  };
}

/** Row counts of every table a command may write, plus the rows commands update in place. */
export async function databaseState(prisma: PrismaClient): Promise<Record<string, unknown>> {
  const byId = { orderBy: { id: 'asc' as const } };
  return {
    counts: {
      teams: await prisma.team.count(),
      staff: await prisma.staff.count(),
      citizens: await prisma.citizen.count(),
      meetings: await prisma.meeting.count(),
      placements: await prisma.placement.count(),
      followUps: await prisma.placementFollowUp.count(),
      outcomes: await prisma.outcome.count(),
      targets: await prisma.monthlyTarget.count(),
      staffTargets: await prisma.staffMonthlyTarget.count(),
      caseworkerChanges: await prisma.caseworkerChange.count(),
      readinessChanges: await prisma.readinessChange.count(),
      consultantChanges: await prisma.consultantChange.count(),
      mentorSupports: await prisma.mentorSupport.count(),
      companies: await prisma.company.count(),
      companyWishes: await prisma.companyWish.count(),
      // A refused attempt is itself audited (who tried what, never the text): every other row counts.
      audit: await prisma.auditLog.count({ where: { NOT: { action: { endsWith: '.refused' } } } }),
      processedRequests: await prisma.processedRequest.count(),
      deliveries: await prisma.delivery.count(),
    },
    // Updates leave counts alone: compare the rows themselves (updatedAt would move on any write).
    citizens: JSON.stringify(await prisma.citizen.findMany(byId)),
    placements: JSON.stringify(await prisma.placement.findMany(byId)),
    staff: JSON.stringify(await prisma.staff.findMany(byId)),
    teams: JSON.stringify(await prisma.team.findMany(byId)),
    targets: JSON.stringify(await prisma.monthlyTarget.findMany(byId)),
    staffTargets: JSON.stringify(await prisma.staffMonthlyTarget.findMany(byId)),
    subGoals: JSON.stringify(await prisma.subGoal.findMany(byId)),
  };
}

/** Everything stored that could hold text a user typed, as one string to search. */
export async function everythingStored(prisma: PrismaClient): Promise<string> {
  const rows = [
    await prisma.citizen.findMany(),
    await prisma.meeting.findMany(),
    await prisma.placement.findMany(),
    await prisma.placementFollowUp.findMany(),
    await prisma.outcome.findMany(),
    await prisma.subGoal.findMany(),
    await prisma.auditLog.findMany(),
    await prisma.processedRequest.findMany(),
    await prisma.team.findMany(),
    await prisma.staff.findMany(),
    await prisma.delivery.findMany(),
    await prisma.importBatch.findMany(),
    await prisma.reminderState.findMany(),
    await prisma.monthlyTarget.findMany(),
    await prisma.caseworkerChange.findMany(),
    await prisma.conversationRef.findMany(),
    await prisma.consultantChange.findMany(),
    await prisma.mentorSupport.findMany(),
  ];
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

/** Every table and column holding a CPR-shaped value (outside generated UUIDs), as `table.column`: should be none. */
export async function cprShapedValuesStored(prisma: PrismaClient): Promise<string[]> {
  const tables: Record<string, object[]> = {
    citizen: await prisma.citizen.findMany(),
    meeting: await prisma.meeting.findMany(),
    placement: await prisma.placement.findMany(),
    placementFollowUp: await prisma.placementFollowUp.findMany(),
    outcome: await prisma.outcome.findMany(),
    auditLog: await prisma.auditLog.findMany(),
    processedRequest: await prisma.processedRequest.findMany(),
    team: await prisma.team.findMany(),
    staff: await prisma.staff.findMany(),
    delivery: await prisma.delivery.findMany(),
    importBatch: await prisma.importBatch.findMany(),
    reminderState: await prisma.reminderState.findMany(),
    monthlyTarget: await prisma.monthlyTarget.findMany(),
    caseworkerChange: await prisma.caseworkerChange.findMany(),
    conversationRef: await prisma.conversationRef.findMany(),
    consultantChange: await prisma.consultantChange.findMany(),
    mentorSupport: await prisma.mentorSupport.findMany(),
  };
  return Object.entries(tables).flatMap(([table, rows]) =>
    rows.flatMap((row) => Object.entries(row).flatMap(([column, value]) => (valueHasCpr(value) ? [`${table}.${column}`] : []))),
  );
}

/** A date column (@db.Date) as YYYY-MM-DD. */
export const day = (d: Date | null | undefined): string | null => (d ? d.toISOString().slice(0, 10) : null);

/** The lines the console printed for the team channel. */
export const channelLines = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('[#'));

// Scheduler world: a small team with citizens, placements and targets.

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

/** The scheduler world with its console, at MONDAY: what the console-driven job tests start from. */
export async function openSchedulerWorld(): Promise<{ db: Database; world: SchedulerWorld; bot: ConsoleDriver }> {
  const db = await createTestDatabase();
  const world = await createSchedulerWorld(db.prisma);
  return { db, world, bot: consoleDriver(db, { now: MONDAY }) };
}
