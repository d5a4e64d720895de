// A municipality-sized caseload for the scheduler benchmarks (issue 15): 50
// teams, each with a manager, 12 caseworkers and 4 consultants (600
// caseworkers, 200 consultants in all), 600 citizens per team (30 000), one in
// ten in an active internship. Inserted in bulk with createMany, pseudonymous
// references only, into the database it is given.
import { randomUUID } from 'node:crypto';
import { toDbDate } from '../src/domain/local-date.js';
import type { PrismaClient } from '../src/db/types.js';

export const MUNICIPALITY = { teams: 50, caseworkersPerTeam: 12, consultantsPerTeam: 4, citizensPerTeam: 600 } as const;

export async function seedMunicipality(prisma: PrismaClient): Promise<{ citizens: number; staff: number; placements: number }> {
  const teams = Array.from({ length: MUNICIPALITY.teams }, (_, i) => ({ id: randomUUID(), name: `Team ${i + 1}` }));
  await prisma.team.createMany({ data: teams });
  const staff: Array<{ id: string; handle: string; displayName: string; role: 'MANAGER' | 'CASEWORKER' | 'CONSULTANT'; teamId: string }> = [];
  const citizens: Array<{ id: string; teamId: string; ref: string; caseworkerId: string; consultantId: string | null; nextCheckInOn: Date }> = [];
  const placements: Array<{ citizenId: string; consultantId: string; company: string; type: 'INTERNSHIP'; startOn: Date; plannedEndOn: Date; createdById: string; source: 'CONSOLE' }> = [];
  teams.forEach((team, t) => {
    const person = (role: 'MANAGER' | 'CASEWORKER' | 'CONSULTANT', n: number) => {
      const member = { id: randomUUID(), handle: `${role.toLowerCase()}-${t + 1}-${n}`, displayName: `${role} ${t + 1}.${n}`, role, teamId: team.id };
      staff.push(member);
      return member;
    };
    person('MANAGER', 1);
    const caseworkers = Array.from({ length: MUNICIPALITY.caseworkersPerTeam }, (_, n) => person('CASEWORKER', n + 1));
    const consultants = Array.from({ length: MUNICIPALITY.consultantsPerTeam }, (_, n) => person('CONSULTANT', n + 1));
    for (let c = 0; c < MUNICIPALITY.citizensPerTeam; c++) {
      const id = randomUUID();
      const consultant = c % 3 === 0 ? consultants[c % consultants.length]! : null;
      // Check-ins spread over three weeks around Monday 23 November 2026: some overdue, some due, most later.
      citizens.push({ id, teamId: team.id, ref: `C-${t + 1}-${c + 1}`, caseworkerId: caseworkers[c % caseworkers.length]!.id, consultantId: consultant?.id ?? null, nextCheckInOn: toDbDate(`2026-11-${String(10 + (c % 21)).padStart(2, '0')}`) });
      if (consultant && c % 10 === 0) {
        placements.push({ citizenId: id, consultantId: consultant.id, company: `Virksomhed ${c % 40}`, type: 'INTERNSHIP', startOn: toDbDate('2026-11-09'), plannedEndOn: toDbDate('2026-11-20'), createdById: consultant.id, source: 'CONSOLE' });
      }
    }
  });
  await prisma.staff.createMany({ data: staff });
  for (let i = 0; i < citizens.length; i += 5000) await prisma.citizen.createMany({ data: citizens.slice(i, i + 5000) });
  await prisma.placement.createMany({ data: placements });
  return { citizens: citizens.length, staff: staff.length, placements: placements.length };
}
