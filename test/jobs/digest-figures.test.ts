// The weekly digest counts its meetings (on time or not) and its overdue check-ins
// in SQL for every team at once (issue 15: reading 30 000 citizens and 35 000
// meetings into memory took seconds at municipality scale). The figures must be
// what the in-memory definitions gave: the meetings as digestFacts counted them
// before (kept here as the reference), the overdue list as overdueByPerson (one
// team, in memory) counts it, on the demo data plus edge cases: a citizen moved
// to the other team, closed citizens, same-day meetings, a predecessor beyond
// the lookback or exactly one cadence before, a check-in marked done, no
// caseworker, a caseworker who left, overdue placements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overdueByPerson } from '../../src/db/caseload-queries.js';
import { digestFacts, digestPeriod } from '../../src/db/digest-queries.js';
import { DEMO_SECOND_TEAM, DEMO_TEAM, seedDemoIfEmpty } from '../../src/db/seed-demo.js';
import { addDays, compareLocalDate, daysBetween, fromDbDate, toDbDate, type LocalDate } from '../../src/domain/local-date.js';
import type { Db } from '../../src/db/types.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';

const TODAY = '2026-11-23';

/** The meetings of last week and how many on time, per team, as digestFacts counted them in memory before. */
async function meetingsInMemory(db: Db, teams: string[], today: LocalDate): Promise<Map<string, { meetings: number; meetingsOnTime: number }>> {
  const { from, to } = digestPeriod(today);
  const inRange = (d: LocalDate) => compareLocalDate(d, from) >= 0 && compareLocalDate(d, to) <= 0;
  const rows = await db.meeting.findMany({
    where: {
      heldOn: { gte: toDbDate(addDays(from, -120)), lte: toDbDate(to) },
      citizen: { teamId: { in: teams }, meetings: { some: { heldOn: { gte: toDbDate(from), lte: toDbDate(to) } } } },
    },
    select: { citizenId: true, heldOn: true, citizen: { select: { teamId: true, cadenceDays: true } } },
  });
  const of = new Map<string, { teamId: string; cadenceDays: number; days: LocalDate[] }>();
  for (const m of rows) {
    const entry = of.get(m.citizenId) ?? { teamId: m.citizen.teamId, cadenceDays: m.citizen.cadenceDays, days: [] };
    entry.days.push(fromDbDate(m.heldOn));
    of.set(m.citizenId, entry);
  }
  const out = new Map(teams.map((id) => [id, { meetings: 0, meetingsOnTime: 0 }]));
  for (const { teamId, cadenceDays, days } of of.values()) {
    const tally = out.get(teamId)!;
    days.sort();
    days.forEach((held, i) => {
      if (!inRange(held)) return;
      tally.meetings++;
      let j = i - 1;
      while (j >= 0 && days[j] === held) j--;
      const previous = j >= 0 ? days[j] : undefined;
      if (!previous || daysBetween(previous, held) <= cadenceDays) tally.meetingsOnTime++;
    });
  }
  return out;
}

/** Placement starts last week per team (the citizen's team now), as digestFacts counted them in memory before. */
async function startsInMemory(db: Db, teams: string[], today: LocalDate): Promise<Map<string, number>> {
  const { from, to } = digestPeriod(today);
  const rows = await db.placement.findMany({
    where: { startOn: { gte: toDbDate(from), lte: toDbDate(to) }, citizen: { teamId: { in: teams } } },
    select: { citizen: { select: { teamId: true } } },
  });
  const out = new Map(teams.map((id) => [id, 0]));
  for (const p of rows) out.set(p.citizen.teamId, out.get(p.citizen.teamId)! + 1);
  return out;
}

describe('weekly digest figures counted in SQL', () => {
  let db: Database;
  let teams: string[];
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoIfEmpty(db.prisma, new Date('2026-11-23T08:00:00Z'));
    const { prisma } = db;
    const [a, b] = await Promise.all([DEMO_TEAM, DEMO_SECOND_TEAM].map((name) => prisma.team.findUniqueOrThrow({ where: { name } })));
    teams = [a!.id, b!.id];
    const staffOf = (teamId: string) => prisma.staff.findMany({ where: { teamId, active: true }, orderBy: { handle: 'asc' } });
    const [staffA, staffB] = [await staffOf(a!.id), await staffOf(b!.id)];
    const cw = staffA.find((s) => s.role === 'CASEWORKER')!;
    const consultant = staffA.find((s) => s.role === 'CONSULTANT')!;
    const cwB = staffB.find((s) => s.role === 'CASEWORKER') ?? cw;
    const leaver = await prisma.staff.create({ data: { handle: 'edge-leaver', displayName: 'Leaver', role: 'CASEWORKER', teamId: a!.id } });
    const citizen = (ref: string, data: Record<string, unknown> = {}) =>
      prisma.citizen.create({ data: { teamId: a!.id, ref, caseworkerId: cw.id, nextCheckInOn: toDbDate('2026-11-18'), ...data } });
    const meeting = (citizenId: string, on: string) => prisma.meeting.create({ data: { citizenId, kind: 'INDIVIDUAL', heldOn: toDbDate(on), loggedById: cw.id, source: 'SEED' } });

    // Same-day meetings last week after one exactly a cadence (7 days) before: both on time.
    const sameDay = await citizen('EDGE-1');
    for (const on of ['2026-11-10', '2026-11-17', '2026-11-17']) await meeting(sameDay.id, on);
    // The predecessor 121 days back is beyond the lookback: on time (none); one 8 days back is late.
    const far = await citizen('EDGE-2', { cadenceDays: 30 });
    for (const on of ['2026-07-20', '2026-11-18']) await meeting(far.id, on);
    const late = await citizen('EDGE-3');
    for (const on of ['2026-11-11', '2026-11-19', '2026-11-22']) await meeting(late.id, on);
    // Closed, but its meetings last week still count, as before; its overdue check-in does not.
    const closed = await citizen('EDGE-4', { status: 'CLOSED', closedAt: new Date('2026-11-20T10:00:00Z') });
    for (const on of ['2026-11-01', '2026-11-16']) await meeting(closed.id, on);
    // Moved to the other team: counted there with all its meetings.
    const moved = await citizen('EDGE-5', { caseworkerId: cwB.id });
    for (const on of ['2026-11-14', '2026-11-20']) await meeting(moved.id, on);
    await prisma.citizen.update({ where: { id: moved.id }, data: { teamId: b!.id } });
    // Check-ins: one marked done (Klaret), one due today (not yet overdue), one with no caseworker, one whose caseworker left.
    const done = await citizen('EDGE-6');
    await prisma.reminderState.create({ data: { staffId: cw.id, subject: `checkin:${done.id}:2026-11-18`, doneAt: new Date('2026-11-20T10:00:00Z') } });
    // Marked done by two people: still one citizen, one check-in not overdue.
    await prisma.reminderState.create({ data: { staffId: consultant.id, subject: `checkin:${done.id}:2026-11-18`, doneAt: new Date('2026-11-20T11:00:00Z') } });
    const doneEarlier = await citizen('EDGE-7', { nextCheckInOn: toDbDate('2026-11-19') });
    await prisma.reminderState.create({ data: { staffId: cw.id, subject: `checkin:${doneEarlier.id}:2026-11-12`, doneAt: new Date('2026-11-12T10:00:00Z') } });
    await citizen('EDGE-8', { nextCheckInOn: toDbDate(TODAY) });
    await citizen('EDGE-9', { caseworkerId: null });
    await citizen('EDGE-10', { caseworkerId: leaver.id, consultantId: consultant.id });
    await prisma.staff.update({ where: { id: leaver.id }, data: { active: false, leftAt: new Date('2026-11-19T10:00:00Z') } });
    // Placements: one past its planned end, one with its follow-up due, one whose end was marked done, one ended.
    const placed = await citizen('EDGE-11', { consultantId: consultant.id, nextCheckInOn: toDbDate('2026-12-01') });
    const placement = (citizenId: string, start: string, end: string, data: Record<string, unknown> = {}) =>
      prisma.placement.create({ data: { citizenId, consultantId: consultant.id, company: 'Edge ApS', type: 'INTERNSHIP', startOn: toDbDate(start), plannedEndOn: toDbDate(end), createdById: consultant.id, source: 'SEED', ...data } });
    await placement(placed.id, '2026-11-02', '2026-11-16');
    await placement(placed.id, '2026-10-01', '2027-03-01');
    const marked = await placement(placed.id, '2026-11-02', '2026-11-13');
    await prisma.reminderState.create({ data: { staffId: consultant.id, subject: `end:${marked.id}:2026-11-13`, doneAt: new Date('2026-11-16T10:00:00Z') } });
    await placement(placed.id, '2026-09-01', '2026-10-01', { status: 'ENDED', endedOn: toDbDate('2026-10-01') });
    // Starts on last week's first and last day, the day after it, and an ended one from last week; the moved citizen's counts in B.
    await placement(placed.id, '2026-11-16', '2027-01-16');
    await placement(placed.id, '2026-11-22', '2027-01-22', { status: 'ENDED', endedOn: toDbDate('2026-11-22') });
    await placement(placed.id, '2026-11-23', '2027-01-23');
    await placement(moved.id, '2026-11-18', '2027-01-18');
  });
  afterAll(async () => db.close());

  it("counts last week's meetings, those on time and placement starts as the in-memory count did", async () => {
    const facts = await digestFacts(db.prisma, teams, TODAY);
    const expected = await meetingsInMemory(db.prisma, teams, TODAY);
    for (const teamId of teams) {
      const { meetings, meetingsOnTime } = facts.get(teamId)!.numbers;
      expect({ meetings, meetingsOnTime }).toEqual(expected.get(teamId));
    }
    const starts = await startsInMemory(db.prisma, teams, TODAY);
    for (const teamId of teams) expect(facts.get(teamId)!.numbers.placementsStarted).toBe(starts.get(teamId));
    expect(starts.get(teams[0]!)).toBeGreaterThan(0);
    // The edge cases are in there: team A has late meetings, team B the moved citizen's two.
    expect(expected.get(teams[0]!)!.meetings).toBeGreaterThan(expected.get(teams[0]!)!.meetingsOnTime);
    expect(expected.get(teams[1]!)!.meetings).toBeGreaterThanOrEqual(2);
  });

  it('lists overdue per person as overdueByPerson does for each team', async () => {
    const facts = await digestFacts(db.prisma, teams, TODAY);
    for (const teamId of teams) expect(facts.get(teamId)!.overdue).toEqual(await overdueByPerson(db.prisma, teamId, TODAY));
    const a = facts.get(teams[0]!)!.overdue;
    expect(a.unassigned.checkIns).toBeGreaterThanOrEqual(2); // no caseworker, and the one who left
    expect(a.total.followUps).toBeGreaterThan(0);
  });
});
