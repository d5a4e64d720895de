// Automatic milestone posts (issue 14, part 4): when a monthly target is
// reached before the month ends, and at round numbers of the year's citizens
// into work or education, the team channel hears it once, in the celebration's
// anonymous style, however many ticks and instances plan it. And the weekly
// digest carries the chart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runMilestones } from '../../src/jobs/milestone-posts.js';
import { toDbDate } from '../../src/domain/local-date.js';
import type { ConsoleDriver } from '../helpers/console-driver.js';
import type { Database } from '../helpers/test-database.js';
import { linesFor, openSchedulerWorld, type SchedulerWorld } from '../helpers/world.js';

describe('automatic milestone posts', () => {
  let db: Database;
  let world: SchedulerWorld;
  let bot: ConsoleDriver;
  const milestoneKeys = async () => (await db.prisma.delivery.findMany({ where: { kind: 'milestone' }, orderBy: { key: 'asc' } })).map((d) => d.key.split('|')[1]);
  beforeAll(async () => {
    ({ db, world, bot } = await openSchedulerWorld());
  });
  afterAll(async () => db.close());

  it('posts nothing while no target is reached; the weekly digest comes with the chart', async () => {
    const out = await bot.run('mette', ':clock 2026-11-23 09:00', ':run-jobs');
    const channel = linesFor(out, '[#Vest]').join('\n');
    expect(channel).toContain('📊 Diagram over måltal og resultater for november 2026');
    expect(channel).toMatch(/→ \S+maaltal-2026-11\.png \(\d+\.\d kB\)/);
    expect(channel).not.toContain('Måltal nået');
    expect(await milestoneKeys()).toEqual([]);
  });

  it('says once when the team reaches a monthly target before the month is over, naming no one', async () => {
    // The target for job results is 2.
    await bot.run('anne', ':clock 2026-11-24 10:00', '/resultat C-1042 job', '/resultat C-1043 uddannelse');
    const out = await bot.run('mette', ':clock 2026-11-24 10:30', ':run-jobs');
    const channel = linesFor(out, '[#Vest]').join('\n');
    expect(channel).toContain('== 🎯 Måltal nået før tid! ==');
    expect(channel).toContain('Teamet har nået målet for jobresultater i november 2026: 2 af 2, og måneden er ikke slut endnu.');
    expect(channel).not.toMatch(/C-10|Anne|Camilla/);
    // Between check times (every half hour) nothing is read; later checks, and a second instance checking at the same time, post nothing more.
    expect(await runMilestones({ prisma: db.prisma }, new Date('2026-11-24T09:31:00Z'))).toBe(0);
    const later = await bot.run('mette', ':clock 2026-11-24 11:00', ':run-jobs');
    expect(linesFor(later, '[#Vest]').join('\n')).not.toContain('Måltal nået');
    expect(await Promise.all([runMilestones({ prisma: db.prisma }, new Date('2026-11-24T10:00:00Z')), runMilestones({ prisma: db.prisma }, new Date('2026-11-24T10:00:00Z'))])).toEqual([0, 0]);
    expect(await milestoneKeys()).toEqual(['target:JOB_OUTCOMES:2026-11']);
  });

  it('says once when the year reaches its 25th citizen in work or education', async () => {
    // 23 more results earlier in the year: 25 in all.
    for (let i = 0; i < 23; i++) {
      const citizen = await db.prisma.citizen.create({ data: { teamId: world.teamId, ref: `C-5${String(i).padStart(3, '0')}`, caseworkerId: world.staff.anne } });
      await db.prisma.outcome.create({ data: { citizenId: citizen.id, teamId: world.teamId, kind: 'ORDINARY_JOB', occurredOn: toDbDate('2026-03-10'), loggedById: world.staff.anne, source: 'SEED' } });
    }
    // Two instances checking at the same moment plan it once between them.
    const planned = await Promise.all([runMilestones({ prisma: db.prisma }, new Date('2026-11-25T09:00:00Z')), runMilestones({ prisma: db.prisma }, new Date('2026-11-25T09:00:00Z'))]);
    expect(planned[0] + planned[1]).toBe(1);
    const out = await bot.run('mette', ':clock 2026-11-25 10:00', ':run-jobs');
    const channel = linesFor(out, '[#Vest]').join('\n');
    expect(channel).toContain('== 🏔️ Milepæl! ==');
    expect(channel).toContain('Den 25. borger i job eller uddannelse i 2026!');
    const again = await bot.run('mette', ':clock 2026-11-25 10:30', ':run-jobs');
    expect(linesFor(again, '[#Vest]').join('\n')).not.toContain('Milepæl!');
    expect(await milestoneKeys()).toEqual(['target:JOB_OUTCOMES:2026-11', 'year:2026:25']);
  });

  it('says where the pipeline stands when the target for citizens moved up is reached, in counts', async () => {
    await bot.run('mette', ':clock 2026-11-25 11:00', '/måltal rykket-op 1');
    await bot.run('anne', '/citizen add C-7100', '/borger C-7100 parat:længere', '/borger C-7100 parat:klar');
    const out = await bot.run('mette', ':clock 2026-11-25 11:30', ':run-jobs');
    const channel = linesFor(out, '[#Vest]').join('\n');
    expect(channel).toContain('Teamet har nået målet for borgere rykket op i november 2026: 1 af 1');
    expect(channel).toMatch(/Parathed \(aktive borgere\): klar [1-9]\d* · tæt på \d+ · længere fra \d+ · ikke vurderet \d+/);
    expect(channel).not.toMatch(/C-\d|Anne/);
    expect(await milestoneKeys()).toContain('target:READINESS_MOVES:2026-11');
  });

  it("sends the chart with the manager's month-end report too", async () => {
    const dm = linesFor(await bot.run('mette', ':clock 2026-11-30 14:00', ':run-jobs'), '[DM @mette]').join('\n');
    expect(dm).toContain('Månedens milepæle');
    expect(dm).toContain('📊 Diagram over måltal og resultater for november 2026');
    expect(dm).toMatch(/→ \S+maaltal-2026-11\.png/);
  });

  it('posts nothing for a team that turned celebrations off', async () => {
    await db.prisma.team.update({ where: { id: world.teamId }, data: { celebrationsEnabled: false } });
    await db.prisma.monthlyTarget.updateMany({ where: { teamId: world.teamId, metric: 'PLACEMENT_STARTS' }, data: { target: 1 } });
    expect(await runMilestones({ prisma: db.prisma }, new Date('2026-11-26T09:00:00Z'))).toBe(0);
    await db.prisma.team.update({ where: { id: world.teamId }, data: { celebrationsEnabled: true } });
  });
});
