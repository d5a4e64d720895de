// Issue 9, "numbers that agree": one definition of overdue behind the DMs,
// /caseload team, the questions, the digest and the manager's 1:1 summaries;
// and a 1:1 summary looks back on the month that just ended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/domain/local-date.js';
import { consoleDriver, type ConsoleDriver } from '../helpers/console-driver.js';
import { MONDAY } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { createSchedulerWorld, linesFor, type SchedulerWorld } from './world.js';

/** One employee's summary out of the manager's DM lines. */
function summaryOf(mette: string[], handle: string): string {
  const start = mette.findIndex((l) => l.includes(`(@${handle})`));
  const end = mette.findIndex((l, i) => i > start && l.includes('Forberedelse til 1:1'));
  return mette.slice(start, end < 0 ? undefined : end).join('\n');
}

describe('numbers that agree (Monday 30 November 2026)', () => {
  let db: Database;
  let bot: ConsoleDriver;
  let out: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await createSchedulerWorld(db.prisma);
    bot = consoleDriver(db, { now: MONDAY });
    // Anne has handled C-1042 (due 20 Nov) and says so; C-1043 (due 25 Nov) is still open.
    await bot.run('anne', ':clock 2026-11-30 07:30', '/jobbot done C-1042');
    out = await bot.run('mette', ':clock 2026-11-30 09:00', ':run-jobs', '/caseload team', 'hvem mangler opfølgning?');
  });
  afterAll(async () => db.close());

  it('a check-in marked Klaret is overdue nowhere: not in the DM, the overview, the questions or the digest', async () => {
    expect(linesFor(out, '[DM @anne]').join('\n')).not.toContain('C-1042');
    expect(out).toContain('• @anne: 2 sager, 1 overskreden opfølgning');
    expect(linesFor(out, '[#Vest]').join('\n')).toContain('• @anne: 1');
    expect(out).not.toMatch(/• C-1042: \d+ dage over/);
    expect(summaryOf(linesFor(out, '[DM @mette]'), 'anne')).toContain('Overskredne opfølgningssamtaler: 1');
  });

  it('a placement past its planned end leads the DM and is overdue in the questions, the overview and the digest', async () => {
    expect(linesFor(out, '[DM @camilla]').join('\n')).toContain("C-1043's praktik hos Netto Nord sluttede tir. 24. nov.");
    expect(out).toContain('• C-1043, Netto Nord: sluttede tir. 24. nov. – registrér forlængelse eller afslutning');
    expect(out).toContain('• @camilla: 2 sager, 1 overskreden forløbsopfølgning');
    expect(linesFor(out, '[#Vest]').join('\n')).toContain('• @camilla: 1');
  });

  it("the 1:1 summaries credit people as /caseload team does: the consultant with placements, not the caseworkers' check-ins", async () => {
    const mette = linesFor(out, '[DM @mette]');
    const camilla = summaryOf(mette, 'camilla');
    expect(camilla).toContain('Sagsstamme: 2 sager');
    expect(camilla).toContain('Overskredne opfølgningssamtaler: 0');
    expect(camilla).toContain('Praktikker og løntilskud uden rettidig opfølgning: 1');
    expect(camilla).toContain('C-1043 – Netto Nord');
    expect(camilla).not.toContain('C-2001');
    const bo = summaryOf(mette, 'bo');
    expect(bo).toContain('Overskredne opfølgningssamtaler: 1');
    expect(bo).toContain('Praktikker og løntilskud uden rettidig opfølgning: 0');
  });
});

describe('a 1:1 summary sent late still talks about the month that just ended', () => {
  let db: Database;
  let world: SchedulerWorld;
  let bot: ConsoleDriver;
  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createSchedulerWorld(db.prisma);
    bot = consoleDriver(db, { now: MONDAY });
    await db.prisma.outcome.create({
      data: { citizenId: world.citizens['C-1042']!, teamId: world.teamId, kind: 'ORDINARY_JOB', occurredOn: toDbDate('2026-11-26'), loggedById: world.staff.anne, caseworkerId: world.staff.anne, source: 'SEED' },
    });
  });
  afterAll(async () => db.close());

  it("on 1 December the results are November's, and say so", async () => {
    const out = await bot.run('mette', ':clock 2026-12-01 08:30', ':run-jobs');
    const anne = summaryOf(linesFor(out, '[DM @mette]'), 'anne');
    expect(anne).toContain('Forberedelse til 1:1 med Anne (@anne) (december 2026)');
    expect(anne).toContain('Resultater i november 2026: 1');
  });
});
