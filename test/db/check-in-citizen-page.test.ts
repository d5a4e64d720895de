// checkInCitizenPage (raw SQL since issue 15) reads the same citizens as the
// Prisma findMany it replaced (kept below as the reference), page by page:
// own citizens, managers' teams whole, citizens of a caseworker away today.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeTeamStaff, checkInCitizenPage, managerTeams, type Recipient } from '../../src/db/reminder-queries.js';
import type { Prisma } from '../../src/db/types.js';
import { fromDbDate, toDbDate, type LocalDate } from '../../src/domain/local-date.js';
import { createTeamFixture, type TeamFixture } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';

let db: Database;
let team: TeamFixture;
const today = '2026-11-23';

beforeAll(async () => {
  db = await createTestDatabase();
  team = await createTeamFixture(db.prisma);
  const { anne, bo, ida, olga } = team.staff;
  // ida is away (with bo as cover); a leaver on the other team.
  await db.prisma.staff.update({ where: { id: ida }, data: { awayUntil: toDbDate('2026-11-27'), awayCoverId: bo } });
  const leaver = await db.prisma.staff.create({ data: { handle: 'leaver', displayName: 'Leaver', role: 'CASEWORKER', teamId: team.otherTeamId, email: 'l@kommune.dk', active: false } });
  let n = 0;
  const citizen = (teamId: string, caseworkerId: string | null, due: string | null, status: 'ACTIVE' | 'CLOSED' = 'ACTIVE') =>
    db.prisma.citizen.create({ data: { teamId, ref: `C-${1000 + n++}`, caseworkerId, nextCheckInOn: due ? toDbDate(due) : null, status } });
  for (const [teamId, cw] of [[team.teamId, anne], [team.teamId, bo], [team.teamId, ida], [team.teamId, null], [team.otherTeamId, olga], [team.otherTeamId, leaver.id]] as const) {
    await citizen(teamId, cw, '2026-11-20');
    await citizen(teamId, cw, '2026-11-30');
    await citizen(teamId, cw, null);
    await citizen(teamId, cw, '2026-11-18', 'CLOSED');
  }
});
afterAll(() => db.close());

/** The findMany the raw page replaced, as it was. */
async function reference(recipients: readonly Recipient[], day: LocalDate | undefined) {
  const teams = managerTeams(recipients);
  const awayIn = (rs: readonly Recipient[], d: LocalDate) => ({ teamId: { in: [...new Set(rs.flatMap((r) => (r.teamId ? [r.teamId] : [])))] }, active: true, awayUntil: { gte: toDbDate(d) } });
  const where: Prisma.CitizenWhereInput = {
    status: 'ACTIVE',
    nextCheckInOn: { not: null },
    OR: [{ caseworkerId: { in: recipients.map((r) => r.id) } }, ...(teams.length ? [{ teamId: { in: teams } }] : []), ...(day ? [{ caseworker: awayIn(recipients, day) }] : [])],
  };
  const rows = await db.prisma.citizen.findMany({ where, select: { id: true, ref: true, teamId: true, nextCheckInOn: true, caseworkerId: true }, orderBy: { id: 'asc' } });
  return rows.map((r) => ({ id: r.id, ref: r.ref, teamId: r.teamId, due: fromDbDate(r.nextCheckInOn!), caseworkerId: r.caseworkerId }));
}

async function allPages(recipients: readonly Recipient[], day: LocalDate | undefined) {
  const out = [];
  let after: string | undefined;
  for (;;) {
    const page = await checkInCitizenPage(db.prisma, recipients, day, after, 3);
    out.push(...page);
    if (page.length < 3) return out;
    after = page[page.length - 1]!.id;
  }
}

describe('checkInCitizenPage', () => {
  it('reads what the Prisma query read, for every mix of recipients, with and without a today', async () => {
    const staff = await activeTeamStaff(db.prisma);
    const { anne, bo, olga, mette } = team.staff;
    const mixes = [staff, staff.filter((s) => s.id === anne || s.id === bo), staff.filter((s) => s.id === olga), staff.filter((s) => s.id === mette), staff.filter((s) => s.id === bo)];
    for (const recipients of mixes) {
      for (const day of [today, undefined]) {
        const expected = await reference(recipients, day);
        expect(expected.length).toBeGreaterThan(0);
        expect(await allPages(recipients, day)).toEqual(expected);
      }
    }
  });
});
