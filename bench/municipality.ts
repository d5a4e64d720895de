// A municipality-sized caseload for the scheduler benchmarks (issue 15): 50
// teams, each with a manager, 12 caseworkers and 4 consultants (600
// caseworkers, 200 consultants in all), 600 citizens per team (30 000), one in
// ten in an active internship. Inserted in bulk with createMany, pseudonymous
// references only, into the database it is given. For the weekly digest
// (Monday 23 November 2026): every citizen met in October, half of them last
// week (one in nine of those three-party), a third earlier in November; one in
// 25 with a job in November, one in 40 with more ordinary hours last week; four
// November targets per team.
import { randomUUID } from 'node:crypto';
import { toDbDate } from '../src/domain/local-date.js';
import type { PrismaClient } from '../src/db/types.js';

export const MUNICIPALITY = { teams: 50, caseworkersPerTeam: 12, consultantsPerTeam: 4, citizensPerTeam: 600 } as const;

export async function seedMunicipality(prisma: PrismaClient): Promise<{ citizens: number; staff: number; placements: number; meetings: number; outcomes: number }> {
  const teams = Array.from({ length: MUNICIPALITY.teams }, (_, i) => ({ id: randomUUID(), name: `Team ${i + 1}` }));
  await prisma.team.createMany({ data: teams });
  const staff: Array<{ id: string; handle: string; displayName: string; role: 'MANAGER' | 'CASEWORKER' | 'CONSULTANT'; teamId: string }> = [];
  const citizens: Array<{ id: string; teamId: string; ref: string; caseworkerId: string; consultantId: string | null; nextCheckInOn: Date }> = [];
  const placements: Array<{ citizenId: string; consultantId: string; company: string; type: 'INTERNSHIP'; startOn: Date; plannedEndOn: Date; createdById: string; source: 'CONSOLE' }> = [];
  type Kind = 'INDIVIDUAL' | 'THREE_PARTY';
  const meetings: Array<{ citizenId: string; kind: Kind; heldOn: Date; loggedById: string; source: 'CONSOLE' }> = [];
  const outcomes: Array<{ citizenId: string; teamId: string; kind: 'ORDINARY_JOB' | 'ORDINARY_HOURS'; occurredOn: Date; weeklyHours?: number; loggedById: string; caseworkerId: string; source: 'CONSOLE' }> = [];
  const targets: Array<{ teamId: string; metric: 'PLACEMENT_STARTS' | 'JOB_OUTCOMES' | 'MEETINGS' | 'THREE_PARTY_MEETINGS'; month: Date; target: number; setById: string }> = [];
  const day = (month: number, d: number) => toDbDate(`2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  teams.forEach((team, t) => {
    const person = (role: 'MANAGER' | 'CASEWORKER' | 'CONSULTANT', n: number) => {
      const member = { id: randomUUID(), handle: `${role.toLowerCase()}-${t + 1}-${n}`, displayName: `${role} ${t + 1}.${n}`, role, teamId: team.id };
      staff.push(member);
      return member;
    };
    const manager = person('MANAGER', 1);
    for (const [metric, target] of [['PLACEMENT_STARTS', 20], ['JOB_OUTCOMES', 30], ['MEETINGS', 500], ['THREE_PARTY_MEETINGS', 40]] as const) {
      targets.push({ teamId: team.id, metric, month: day(11, 1), target, setById: manager.id });
    }
    const caseworkers = Array.from({ length: MUNICIPALITY.caseworkersPerTeam }, (_, n) => person('CASEWORKER', n + 1));
    const consultants = Array.from({ length: MUNICIPALITY.consultantsPerTeam }, (_, n) => person('CONSULTANT', n + 1));
    for (let c = 0; c < MUNICIPALITY.citizensPerTeam; c++) {
      const id = randomUUID();
      const consultant = c % 3 === 0 ? consultants[c % consultants.length]! : null;
      // Check-ins spread over three weeks around Monday 23 November 2026: some overdue, some due, most later.
      citizens.push({ id, teamId: team.id, ref: `C-${t + 1}-${c + 1}`, caseworkerId: caseworkers[c % caseworkers.length]!.id, consultantId: consultant?.id ?? null, nextCheckInOn: toDbDate(`2026-11-${String(10 + (c % 21)).padStart(2, '0')}`) });
      const caseworkerId = caseworkers[c % caseworkers.length]!.id;
      meetings.push({ citizenId: id, kind: 'INDIVIDUAL', heldOn: day(10, 1 + (c % 28)), loggedById: caseworkerId, source: 'CONSOLE' });
      if (c % 2 === 0) meetings.push({ citizenId: id, kind: c % 9 === 0 ? 'THREE_PARTY' : 'INDIVIDUAL', heldOn: day(11, 16 + (c % 7)), loggedById: caseworkerId, source: 'CONSOLE' });
      if (c % 3 === 0) meetings.push({ citizenId: id, kind: 'INDIVIDUAL', heldOn: day(11, 2 + (c % 12)), loggedById: caseworkerId, source: 'CONSOLE' });
      const outcome = { citizenId: id, teamId: team.id, loggedById: caseworkerId, caseworkerId, source: 'CONSOLE' as const };
      if (c % 25 === 0) outcomes.push({ ...outcome, kind: 'ORDINARY_JOB', occurredOn: day(11, 1 + (c % 20)) });
      if (c % 40 === 1) {
        outcomes.push({ ...outcome, kind: 'ORDINARY_HOURS', occurredOn: day(10, 5), weeklyHours: 10 });
        outcomes.push({ ...outcome, kind: 'ORDINARY_HOURS', occurredOn: day(11, 17), weeklyHours: 15 });
      }
      if (consultant && c % 10 === 0) {
        placements.push({ citizenId: id, consultantId: consultant.id, company: `Virksomhed ${c % 40}`, type: 'INTERNSHIP', startOn: toDbDate('2026-11-09'), plannedEndOn: toDbDate('2026-11-20'), createdById: consultant.id, source: 'CONSOLE' });
      }
    }
  });
  await prisma.staff.createMany({ data: staff });
  for (let i = 0; i < citizens.length; i += 5000) await prisma.citizen.createMany({ data: citizens.slice(i, i + 5000) });
  await prisma.placement.createMany({ data: placements });
  for (let i = 0; i < meetings.length; i += 5000) await prisma.meeting.createMany({ data: meetings.slice(i, i + 5000) });
  await prisma.outcome.createMany({ data: outcomes });
  await prisma.monthlyTarget.createMany({ data: targets });
  return { citizens: citizens.length, staff: staff.length, placements: placements.length, meetings: meetings.length, outcomes: outcomes.length };
}
