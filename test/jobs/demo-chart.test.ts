// The demo data (npm start) shows issue 14's chart and a milestone: six earlier
// months of results against their targets behind the digest's chart, and the
// year's 25th citizen into work or education posted once by the scheduler;
// per-person targets, and the readiness pipeline in a /milepæl preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM, seedDemoIfEmpty } from '../../src/db/seed-demo.js';
import { teamChartNumbers } from '../../src/db/team-chart-queries.js';
import { consoleDriver, type ConsoleDriver } from '../helpers/console-driver.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { linesFor } from '../helpers/world.js';
import * as checkins from '../../src/jobs/checkin-reminders.js';
import { renderText } from '../../src/channels/console/render-text.js';
import type { Reply } from '../../src/domain/reply.js';

const MONDAY_0900 = new Date('2026-11-23T08:00:00Z');

describe('the demo team', () => {
  let db: Database;
  let bot: ConsoleDriver;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoIfEmpty(db.prisma, MONDAY_0900);
    bot = consoleDriver(db, { now: MONDAY_0900 });
  });
  afterAll(async () => db.close());

  it('has six earlier months of results and targets for the chart', async () => {
    const team = await db.prisma.team.findUniqueOrThrow({ where: { name: DEMO_TEAM } });
    const [starts, jobs] = await teamChartNumbers(db.prisma, team.id, '2026-11-01');
    expect(starts!.months.map((m) => m.month)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    for (const month of jobs!.months.slice(0, 6)) {
      expect(month.actual).toBeGreaterThanOrEqual(3);
      expect(month.target).toBe(4);
    }
    expect(jobs!.months[6]).toMatchObject({ actual: 2, target: 4 });
  });

  it("shows per-person targets next to the team's in /mål", async () => {
    const out = await bot.run('mette', '/mål');
    expect(out).toContain('Mål pr. medarbejder for november 2026');
    expect(out).toMatch(/borgere rykket op \(@anne\): \d+ af 4/);
    expect(out).toMatch(/forløb fastholdt 3 mdr\. \(@dennis\): \d+ af 2/);
  });

  it('previews a /milepæl with the readiness pipeline, counts only', async () => {
    const out = await bot.run('mette', '/milepæl Flot arbejde i denne måned!');
    expect(out).toMatch(/Parathed \(aktive borgere\): klar [1-9]\d* · tæt på [1-9]\d* · længere fra [1-9]\d* · ikke vurderet \d+/);
    expect(out).toMatch(/Rykket op i parathed i november 2026: \d+/);
    expect(out).not.toMatch(/C-\d{4}/);
  });

  it('has sub-goals open, reached and past their deadline, the late ones in their caseworkers\' morning lists', async () => {
    const goals = await db.prisma.subGoal.findMany({ select: { status: true, deadlineOn: true } });
    const late = goals.filter((g) => g.status === 'OPEN' && g.deadlineOn && g.deadlineOn < new Date('2026-11-23'));
    expect(goals.some((g) => g.status === 'REACHED')).toBe(true);
    expect(goals.filter((g) => g.status === 'OPEN').length).toBeGreaterThan(late.length);
    expect(late.length).toBeGreaterThan(0);
    await checkins.run({ prisma: db.prisma }, MONDAY_0900);
    const morning = await db.prisma.delivery.findMany({ where: { kind: checkins.KIND, status: { not: 'SKIPPED' } } });
    const texts = morning.map((d) => renderText(d.payload as unknown as Reply)).join('\n');
    expect(texts).toContain('Delmål over fristen');
    expect(texts).toMatch(/C-\d+: delmål 3, 3 dage over fristen/);
  });

  it("posts the digest with the chart and, once, the year's 25th citizen into work or education", async () => {
    const out = linesFor(await bot.run('mette', ':run-jobs'), '[#Demo]').join('\n');
    expect(out).toContain('📊 Diagram over måltal og resultater for november 2026');
    expect(out).toMatch(/maaltal-2026-11\.png/);
    expect(out).toContain('Den 25. borger i job eller uddannelse i 2026!');
    const again = linesFor(await bot.run('mette', ':run-jobs'), '[#Demo]').join('\n');
    expect(again).not.toContain('borger i job eller uddannelse');
  });
});
