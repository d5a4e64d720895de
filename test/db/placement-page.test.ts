// placementPage (raw SQL since issue 15) reads the same placements, with the
// same citizen columns, as the Prisma findMany and citizen read it replaced
// (kept below as the reference), page by page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeTeamStaff, managerTeams, placementPage, type Recipient } from '../../src/db/reminder-queries.js';
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
  const { anne, bo, camilla, ida, olga, mette } = team.staff;
  await db.prisma.staff.update({ where: { id: camilla }, data: { awayUntil: toDbDate('2026-11-27'), awayCoverId: bo } });
  const leaver = await db.prisma.staff.create({ data: { handle: 'leaver', displayName: 'Leaver', role: 'CONSULTANT', teamId: team.otherTeamId, email: 'l@kommune.dk', active: false } });
  let n = 0;
  for (const [teamId, cw, cons] of [[team.teamId, anne, camilla], [team.teamId, bo, null], [team.teamId, ida, mette], [team.teamId, null, null], [team.otherTeamId, olga, leaver.id], [team.otherTeamId, olga, null]] as const) {
    for (const status of ['ACTIVE', 'CLOSED'] as const) {
      const c = await db.prisma.citizen.create({ data: { teamId, ref: `P-${100 + n++}`, caseworkerId: cw, consultantId: cons, status } });
      for (const [i, pStatus] of (['ACTIVE', 'ACTIVE', 'ENDED'] as const).entries()) {
        await db.prisma.placement.create({
          data: { citizenId: c.id, consultantId: cons, company: `Firma ${n}-${i}`, type: i === 0 ? 'INTERNSHIP' : 'WAGE_SUBSIDY_PRIVATE', startOn: toDbDate(`2026-1${i}-0${1 + i}`), plannedEndOn: toDbDate('2027-01-31'), status: pStatus, createdById: mette, source: 'SEED', ...(i === 1 ? { firstFollowUpDays: 14, followUpCadenceDays: 21 } : {}) },
        });
      }
    }
  }
});
afterAll(() => db.close());

/** The findMany and citizen read the raw page replaced, as they were. */
async function reference(recipients: readonly Recipient[], day: LocalDate) {
  const ids = recipients.map((r) => r.id);
  const teams = managerTeams(recipients);
  const awayIn = { teamId: { in: [...new Set(recipients.flatMap((r) => (r.teamId ? [r.teamId] : [])))] }, active: true, awayUntil: { gte: toDbDate(day) } };
  const where: Prisma.PlacementWhereInput = {
    status: 'ACTIVE',
    citizen: {
      status: 'ACTIVE',
      OR: [{ consultantId: { in: ids } }, { consultantId: null, caseworkerId: { in: ids } }, ...(teams.length ? [{ teamId: { in: teams } }] : []), { consultant: awayIn }, { consultantId: null, caseworker: awayIn }],
    },
  };
  const rows = await db.prisma.placement.findMany({ where, select: { id: true, citizenId: true, company: true, type: true, startOn: true, plannedEndOn: true, followUpCadenceDays: true, firstFollowUpDays: true }, orderBy: { id: 'asc' } });
  const citizens = new Map((await db.prisma.citizen.findMany({ where: { id: { in: rows.map((r) => r.citizenId) } }, select: { id: true, ref: true, teamId: true, caseworkerId: true, consultantId: true } })).map((c) => [c.id, c]));
  return rows.map((r) => {
    const c = citizens.get(r.citizenId)!;
    return { ...r, startOn: fromDbDate(r.startOn), plannedEndOn: fromDbDate(r.plannedEndOn), ref: c.ref, teamId: c.teamId, caseworkerId: c.caseworkerId, consultantId: c.consultantId };
  });
}

describe('placementPage', () => {
  it('reads what the Prisma reads did, for every mix of recipients', async () => {
    const staff = await activeTeamStaff(db.prisma);
    const { anne, bo, olga, mette, camilla, ida } = team.staff;
    const only = (...ids: string[]) => staff.filter((s) => ids.includes(s.id));
    for (const recipients of [staff, only(anne, bo), only(olga), only(mette), only(bo), only(camilla), only(ida)]) {
      const expected = await reference(recipients, today);
      const pages = [];
      let after: string | undefined;
      for (;;) {
        const page = await placementPage(db.prisma, recipients, today, after, 2);
        pages.push(...page);
        if (page.length < 2) break;
        after = page[page.length - 1]!.id;
      }
      expect(pages).toEqual(expected);
    }
    expect((await reference(staff, today)).length).toBeGreaterThan(5);
  });
});
