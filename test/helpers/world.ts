// One database, the Vest/Øst fixture and a console driver: what every
// handler test file starts from. Plus the "nothing changed" check that bad
// input must pass: every table's row count and the rows users can change.
import { consoleDriver, type ConsoleDriver } from './console-driver.js';
import { createTeamFixture, MONDAY, type TeamFixture } from './fixtures.js';
import { createTestDatabase, type Database } from './test-database.js';
import type { PrismaClient } from '../../src/db/types.js';
import { findStaffByHandle, type StaffMember } from '../../src/db/staff-queries.js';
import { valueHasCpr } from '../../src/db/cpr-write-guard.js';

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
      caseworkerChanges: await prisma.caseworkerChange.count(),
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
  };
  return Object.entries(tables).flatMap(([table, rows]) =>
    rows.flatMap((row) => Object.entries(row).flatMap(([column, value]) => (valueHasCpr(value) ? [`${table}.${column}`] : []))),
  );
}

/** A date column (@db.Date) as YYYY-MM-DD. */
export const day = (d: Date | null | undefined): string | null => (d ? d.toISOString().slice(0, 10) : null);

/** The lines the console printed for the team channel. */
export const channelLines = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('[#'));
