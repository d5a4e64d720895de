// Ordinary hours as progression (issue 13): more hours for the same citizen in a month is not a
// new job result. Each citizen counts once per kind of result and month in targets, the caseload,
// questions and the marble jar; the increase gets its own small post without a marble.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countedOnce, hoursIncreases } from '../../src/domain/job-results.js';
import { digestReply } from '../../src/jobs/team-digest.js';
import { openWorld, type World } from '../helpers/world.js';

describe('countedOnce', () => {
  it('keeps the first result per citizen, kind and month', () => {
    const rows = [
      { citizenId: 'a', kind: 'ORDINARY_HOURS', occurredOn: '2026-11-20' },
      { citizenId: 'a', kind: 'ORDINARY_HOURS', occurredOn: '2026-11-03' },
      { citizenId: 'a', kind: 'ORDINARY_JOB', occurredOn: '2026-11-21' },
      { citizenId: 'a', kind: 'ORDINARY_HOURS', occurredOn: '2026-12-01' },
      { citizenId: 'b', kind: 'ORDINARY_HOURS', occurredOn: '2026-11-20' },
    ];
    expect(countedOnce(rows).map((r) => `${r.citizenId} ${r.kind} ${r.occurredOn}`)).toEqual([
      'a ORDINARY_HOURS 2026-11-03',
      'b ORDINARY_HOURS 2026-11-20',
      'a ORDINARY_JOB 2026-11-21',
      'a ORDINARY_HOURS 2026-12-01',
    ]);
  });
});

describe('hoursIncreases', () => {
  it('adds each increase in the period against the entry before it, never a decrease', () => {
    const rows = [
      { citizenId: 'a', occurredOn: '2026-10-01', hours: 5 },
      { citizenId: 'a', occurredOn: '2026-11-03', hours: 8 },
      { citizenId: 'a', occurredOn: '2026-11-20', hours: 12 },
      { citizenId: 'b', occurredOn: '2026-11-10', hours: 10 },
      { citizenId: 'c', occurredOn: '2026-11-05', hours: 20 },
      { citizenId: 'c', occurredOn: '2026-11-06', hours: 15 },
    ];
    expect(hoursIncreases(rows, '2026-11-01', '2026-11-30')).toEqual({ citizens: 1, added: 7 });
    expect(hoursIncreases(rows, '2026-11-10', '2026-11-30')).toEqual({ citizens: 1, added: 4 });
  });
});

describe('results counted once', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  it('three increases of hours for one citizen are one job result, each with its own post and no new marble', async () => {
    await w.bot.run('mette', '/måltal jobs 4');
    const ref = await w.freshCitizen('H');
    const first = await w.bot.run('anne', `/resultat ${ref} timer hours:5`);
    expect(first).toContain('Kuglerne i glasset: 1 denne måned, 1 i år.');
    for (const hours of [8, 12, 15]) {
      const more = await w.bot.run('anne', `/resultat ${ref} igen timer hours:${hours}`);
      expect(more).toContain(`En borger har fået flere ordinære timer (nu ${hours} timer om ugen)`);
      expect(more).toContain('ingen ny kugle');
      expect(more).not.toContain('Kuglerne i glasset');
    }
    expect(await w.prisma.outcome.count({ where: { citizen: { ref } } })).toBe(4);
    // The hours are a series on the card and the timeline.
    expect(await w.bot.run('anne', `/borger ${ref}`)).toContain('Ordinære timer: 5 → 8 → 12 → 15 timer om ugen (seneste man. 23. nov.)');
    expect(await w.bot.run('anne', `hvad skete der med ${ref}?`)).toContain('(12 timer om ugen)');
    const targets = await w.bot.run('mette', '/mål');
    expect(targets).toMatch(/jobresultater[^\n]*1 af 4/);
    expect(await w.bot.run('anne', '/caseload')).toContain('Resultater denne måned: 1');
    // The week's digest (counts only) shows the progression.
    const digest = await digestReply(w.prisma, w.fixture.teamId, '2026-11-30');
    expect(digest.text + JSON.stringify(digest.blocks)).toContain('1 borger har fået flere timer, i alt +10 t/uge');
    // A second citizen is a new result and a new marble.
    const other = await w.freshCitizen('H');
    expect(await w.bot.run('anne', `/resultat ${other} job`)).toContain('Kuglerne i glasset: 2 denne måned, 2 i år.');
  });
});
