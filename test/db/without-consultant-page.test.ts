// withoutConsultantPage (raw SQL since issue 15) gives each citizen without a
// consultant the same "since" as the three Prisma reads it replaced (kept
// below as the reference): the day a departed consultant left, else the
// latest change that took the consultant off, else the day the citizen was added.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutConsultantPage } from '../../src/db/continuity-queries.js';
import { createTeamFixture, type TeamFixture } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';

let db: Database;
let team: TeamFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  team = await createTeamFixture(db.prisma);
  const { anne, camilla, mette } = team.staff;
  const gone = await db.prisma.staff.create({ data: { handle: 'gone', displayName: 'Gone', role: 'CONSULTANT', teamId: team.teamId, email: 'g@kommune.dk', active: false, leftAt: new Date('2026-10-01T10:00:00Z') } });
  const goneNoDate = await db.prisma.staff.create({ data: { handle: 'gone2', displayName: 'Gone2', role: 'CONSULTANT', teamId: team.teamId, email: 'g2@kommune.dk', active: false } });
  let n = 0;
  const citizen = (teamId: string, consultantId: string | null, status: 'ACTIVE' | 'CLOSED' = 'ACTIVE') =>
    db.prisma.citizen.create({ data: { teamId, ref: `K-${100 + n++}`, caseworkerId: anne, consultantId, status, createdAt: new Date(`2026-0${1 + (n % 8)}-15T23:30:00Z`) } });
  for (const teamId of [team.teamId, team.otherTeamId]) {
    await citizen(teamId, null);
    await citizen(teamId, camilla); // has one: never listed
    await citizen(teamId, gone.id);
    await citizen(teamId, goneNoDate.id);
    await citizen(teamId, null, 'CLOSED');
    const takenOff = await citizen(teamId, null);
    for (const at of ['2026-09-01T08:00:00Z', '2026-11-02T22:59:59Z']) {
      await db.prisma.consultantChange.create({ data: { citizenId: takenOff.id, fromStaffId: camilla, toStaffId: null, changedById: mette, changedAt: new Date(at) } });
    }
    // A change that gave a consultant does not count as taking one off.
    await db.prisma.consultantChange.create({ data: { citizenId: takenOff.id, fromStaffId: null, toStaffId: camilla, changedById: mette, changedAt: new Date('2026-11-20T08:00:00Z') } });
  }
});
afterAll(() => db.close());

/** The reads the raw page replaced, as they were. */
async function reference(teamIds: string[]) {
  const rows = await db.prisma.citizen.findMany({
    where: { status: 'ACTIVE', teamId: { in: teamIds }, OR: [{ consultantId: null }, { consultant: { active: false } }] },
    select: { id: true, ref: true, teamId: true, createdAt: true, consultantId: true },
    orderBy: { id: 'asc' },
  });
  const consultantIds = [...new Set(rows.flatMap((c) => (c.consultantId ? [c.consultantId] : [])))];
  const leftAt = new Map((await db.prisma.staff.findMany({ where: { id: { in: consultantIds } }, select: { id: true, leftAt: true } })).map((s) => [s.id, s.leftAt]));
  const withoutIds = rows.filter((c) => !c.consultantId).map((c) => c.id);
  const lastTakenOff = new Map(
    (await db.prisma.consultantChange.groupBy({ by: ['citizenId'], where: { citizenId: { in: withoutIds }, toStaffId: null }, _max: { changedAt: true } })).map((g) => [g.citizenId, g._max.changedAt]),
  );
  return rows.map((c) => ({ id: c.id, ref: c.ref, teamId: c.teamId, since: c.consultantId ? (leftAt.get(c.consultantId) ?? c.createdAt) : (lastTakenOff.get(c.id) ?? c.createdAt) }));
}

describe('withoutConsultantPage', () => {
  it('reads what the Prisma reads did, page by page', async () => {
    for (const teamIds of [[team.teamId], [team.teamId, team.otherTeamId]]) {
      const expected = await reference(teamIds);
      expect(expected.length).toBe(4 * teamIds.length);
      const pages = [];
      let after: string | undefined;
      for (;;) {
        const page = await withoutConsultantPage(db.prisma, teamIds, after, 3);
        pages.push(...page);
        if (page.length < 3) break;
        after = page[page.length - 1]!.id;
      }
      expect(pages).toEqual(expected);
    }
  });
});
