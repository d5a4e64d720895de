// Small builders for a team with staff; tests add citizens through commands.
import type { PrismaClient } from '../../src/db/types.js';

export interface TeamFixture {
  teamId: string;
  otherTeamId: string;
  staff: Record<'mette' | 'anne' | 'bo' | 'camilla' | 'ida' | 'olga', string>;
}

/**
 * Team "Vest": manager mette (admin), caseworkers anne and bo, consultant camilla,
 * ida (English-speaking caseworker). Team "Øst": caseworker olga.
 */
export async function createTeamFixture(prisma: PrismaClient): Promise<TeamFixture> {
  const team = await prisma.team.create({ data: { name: 'Vest' } });
  const other = await prisma.team.create({ data: { name: 'Øst' } });
  const add = async (handle: string, role: 'MANAGER' | 'CASEWORKER' | 'CONSULTANT', teamId: string, extra: { isAdmin?: boolean; locale?: 'da' | 'en' } = {}) =>
    (await prisma.staff.create({ data: { handle, displayName: handle[0]!.toUpperCase() + handle.slice(1), role, teamId, email: `${handle}@kommune.dk`, ...extra } })).id;
  return {
    teamId: team.id,
    otherTeamId: other.id,
    staff: {
      mette: await add('mette', 'MANAGER', team.id, { isAdmin: true }),
      anne: await add('anne', 'CASEWORKER', team.id),
      bo: await add('bo', 'CASEWORKER', team.id),
      camilla: await add('camilla', 'CONSULTANT', team.id),
      ida: await add('ida', 'CASEWORKER', team.id, { locale: 'en' }),
      olga: await add('olga', 'CASEWORKER', other.id),
    },
  };
}

/** Monday 23 November 2026, 10:00 in Copenhagen (09:00 UTC). */
export const MONDAY = new Date('2026-11-23T09:00:00Z');
