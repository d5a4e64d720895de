// /caseload team reads the per-person numbers from one pass over the team's
// citizens: the answer is what the per-person caseloads say, and the number
// of database queries does not grow with the number of staff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseloadFacts, overdueByPerson, personScope } from '../../src/db/caseload-queries.js';
import type { PrismaClient } from '../../src/db/types.js';
import { consoleDriver } from '../helpers/console-driver.js';
import { openWorld, type World } from '../helpers/world.js';

describe('/caseload team: queries', () => {
  let w: World;
  let queries = 0;
  let counted: ReturnType<typeof consoleDriver>;

  beforeAll(async () => {
    w = await openWorld();
    await w.bot.run('anne', '/citizen add K-1', '/meeting K-1 9/11', '/citizen add K-2', '/placement start K-2 Bygma løntilskud from:2026-10-20 days:60');
    await w.bot.run('mette', '/citizen add K-3 caseworker:@bo consultant:@camilla', '/citizen add K-4 caseworker:@anne', '/citizen close K-4 andet');
    const wrapped = w.prisma.$extends({
      query: {
        async $allOperations({ args, query }) {
          queries++;
          return query(args);
        },
      },
    });
    counted = consoleDriver({ ...w.db, prisma: wrapped as unknown as PrismaClient }, { now: () => new Date('2026-11-23T09:00:00Z') });
  });
  afterAll(async () => w.db.close());

  const queriesFor = async (line: string) => {
    queries = 0;
    const out = await counted.run('mette', line);
    return { out, queries };
  };

  it('gives each person the caseload their own /caseload shows', async () => {
    const { out } = await queriesFor('/caseload team');
    expect(out).toContain('• @anne: 2 sager, 1 overskreden opfølgning');
    expect(out).toContain('• @bo: 1 sag, 0 overskredne opfølgninger');
    expect(out).toContain('• @camilla: 1 sag, 0 overskredne forløbsopfølgninger');
    const team = await overdueByPerson(w.prisma, w.fixture.teamId, '2026-11-23');
    for (const person of team.people) {
      expect(person.activeCitizens, person.handle).toBe((await caseloadFacts(w.prisma, personScope(person), '2026-11-23')).activeCitizens);
    }
  });

  it('runs the same number of queries with twice the staff', async () => {
    const before = await queriesFor('/caseload team');
    for (let i = 1; i <= 6; i++) {
      const id = (await w.prisma.staff.create({ data: { handle: `new${i}`, displayName: `New${i}`, role: i % 2 ? 'CASEWORKER' : 'CONSULTANT', teamId: w.fixture.teamId } })).id;
      await w.prisma.citizen.create({ data: { teamId: w.fixture.teamId, ref: `N-${i}`, ...(i % 2 ? { caseworkerId: id } : { consultantId: id }) } });
    }
    const after = await queriesFor('/caseload team');
    expect(after.out).toContain('• @new1: 1 sag, 0 overskredne opfølgninger');
    expect(after.out).toContain('• @new2: 1 sag, 0 overskredne forløbsopfølgninger');
    expect(before.queries).toBeGreaterThan(0);
    expect(after.queries).toBe(before.queries);
  });
});
