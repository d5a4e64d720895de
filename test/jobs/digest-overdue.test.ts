// The weekly digest's "overdue per person" is the same as /caseload team's:
// consultants are credited with their overdue placement follow-ups too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overdueByPerson } from '../../src/db/caseload-queries.js';
import { DEMO_TEAM, seedDemoIfEmpty } from '../../src/db/seed-demo.js';
import { run as runDigest } from '../../src/jobs/team-digest.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';

const MONDAY_0900 = new Date('2026-11-23T08:00:00Z');

describe('weekly digest, overdue per person', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoIfEmpty(db.prisma, MONDAY_0900);
  });
  afterAll(async () => db.close());

  it('lists caseworkers and consultants with the counts the team overview uses, and no citizen', async () => {
    expect(await runDigest({ prisma: db.prisma }, MONDAY_0900)).toBe(2); // Demo and Demo Syd
    const team = await db.prisma.team.findUniqueOrThrow({ where: { name: DEMO_TEAM } });
    const delivery = await db.prisma.delivery.findFirstOrThrow({ where: { kind: 'digest', teamId: team.id } });
    const text = JSON.stringify(delivery.payload);
    const overdue = await overdueByPerson(db.prisma, team.id, '2026-11-23');
    const withOverdue = overdue.people.filter((p) => p.checkIns + p.followUps > 0);
    expect(withOverdue.some((p) => p.role === 'CONSULTANT')).toBe(true);
    for (const p of withOverdue) expect(text).toContain(`@${p.handle}: ${p.checkIns + p.followUps}`);
    expect(text).not.toMatch(/C-\d{4}/);
  });
});
