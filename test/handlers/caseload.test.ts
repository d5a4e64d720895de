// /caseload (/sager): mine, @handle and team, against the norm for the role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState, openWorld, type World } from '../helpers/world.js';

describe('/caseload', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
    // anne: K-1 overdue by 7 days, K-2 due this week (Friday), K-3 with a placement whose follow-up is due.
    await w.bot.run(
      'anne',
      '/citizen add K-1',
      '/meeting K-1 9/11',
      '/citizen add K-2 group:udsat cadence:4',
      '/citizen add K-3',
      // A wage subsidy: an internship this long breaks the 4-week limit for a jobparat citizen (rules table).
      '/placement start K-3 Bygma løntilskud from:2026-10-20 days:60',
    );
    await w.bot.run('mette', '/citizen add K-4 caseworker:@bo consultant:@camilla', '/citizen add K-5 caseworker:@anne', '/citizen close K-5 andet');
    // bo gets a caseload over the norm (51 active citizens); camilla consults on K-4 only.
    await w.prisma.citizen.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({ teamId: w.fixture.teamId, ref: `B-${i + 1}`, caseworkerId: w.fixture.staff.bo, nextCheckInOn: new Date('2026-12-01T00:00:00Z') })),
    });
  });
  afterAll(async () => w.db.close());

  it('shows my caseload with groups, due and overdue check-ins, placements and the norm', async () => {
    const audit = await w.prisma.auditLog.count();
    const out = await w.bot.run('anne', '/caseload');
    expect(out).toContain('== Sagsstamme: Anne (@anne) ==');
    expect(out).toContain('Aktive borgere: 3');
    expect(out).toMatch(/Efter målgruppe: (jobparat 2, aktivitetsparat 1|aktivitetsparat 1, jobparat 2)\n/);
    expect(out).toContain('Opfølgninger denne uge: 1');
    expect(out).toContain('Overskredne opfølgninger: 1');
    expect(out).toContain('Aktive forløb: 1');
    expect(out).toContain('Overskredne forløbsopfølgninger: 1');
    expect(out).toContain('Resultater denne måned: 0');
    expect(out).toContain('Norm: 3 sager mod normen 40-50: under normen');
    expect(out).toContain('Overskredne:\n  • K-1: 7 dage over');
    expect(out).toContain('Overskredne forløbsopfølgninger:\n  • K-3, Bygma: tor. 19. nov.');
    expect(out).not.toContain('K-5');
    // A read of citizens' data is audit-logged: one row per citizen listed (K-1, K-3), then the summary.
    expect(await w.prisma.auditLog.count()).toBe(audit + 3);
    expect(await w.prisma.auditLog.findFirst({ orderBy: { id: 'desc' } })).toMatchObject({ action: 'caseload.view', actorId: w.fixture.staff.anne, citizenId: null });
    const shown = await w.prisma.auditLog.findMany({ where: { action: 'caseload.view', actorId: w.fixture.staff.anne, citizenId: { not: null } } });
    const refs = await w.prisma.citizen.findMany({ where: { id: { in: shown.map((r) => r.citizenId!) } }, select: { ref: true }, orderBy: { ref: 'asc' } });
    expect(refs.map((c) => c.ref)).toEqual(['K-1', 'K-3']);
  });

  it('answers to /sager and /sagsstamme too', async () => {
    expect(await w.bot.run('anne', '/sager')).toContain('== Sagsstamme: Anne (@anne) ==');
    expect(await w.bot.run('anne', '/sagsstamme @anne')).toContain('Aktive borgere: 3');
  });

  it('says when a caseload is over the norm, and uses the consultant norm for consultants', async () => {
    const bo = await w.bot.run('bo', '/caseload');
    expect(bo).toContain('Aktive borgere: 51');
    expect(bo).toContain('Norm: 51 sager mod normen 40-50: over normen');
    const camilla = await w.bot.run('camilla', '/caseload');
    expect(camilla).toContain('Aktive borgere: 1');
    expect(camilla).toContain('Norm: 1 sag mod normen 30-35: under normen');
  });

  it('answers ida in English', async () => {
    await w.bot.run('ida', '/citizen add K-10');
    const out = await w.bot.run('ida', '/caseload');
    expect(out).toContain('== Caseload: Ida (@ida) ==');
    expect(out).toContain('Active citizens: 1');
    expect(out).toContain('By target group: job-ready 1');
    expect(out).toContain('Norm: 1 case against the norm 40-50: under the norm');
  });

  it('lets the manager see a colleague\'s caseload and the team\'s, with a line per person', async () => {
    const anne = await w.bot.run('mette', '/caseload @anne');
    expect(anne).toContain('== Sagsstamme: Anne (@anne) ==');
    expect(anne).toContain('Aktive borgere: 3');
    const team = await w.bot.run('mette', '/caseload team');
    expect(team).toContain('== Sagsstamme: team Vest ==');
    expect(team).toContain('Aktive borgere: 55');
    // Overdue per person: check-ins to the caseworker, placement follow-ups to whom their reminders go
    // (the citizen's consultant, else the caseworker).
    expect(team).toContain('Overskredne opfølgninger: 1');
    expect(team).toContain('Overskredne forløbsopfølgninger: 1');
    expect(team).toContain('• @anne: 3 sager, 1 overskreden opfølgning, 1 overskreden forløbsopfølgning (3 sager mod normen 40-50: under normen)');
    expect(team).toContain('• @bo: 51 sager, 0 overskredne opfølgninger (51 sager mod normen 40-50: over normen)');
    expect(team).toContain('• @camilla: 1 sag, 0 overskredne forløbsopfølgninger (1 sag mod normen 30-35: under normen)');
    // K-3 has no consultant: its placement's reminders go to its caseworker, anne, and so does the credit.
    expect(team).not.toContain('Ingen ansvarlig i teamet');
    expect(team).not.toContain('@olga');
    // A manager's own /caseload is the team's.
    expect(await w.bot.run('mette', '/caseload')).toContain('== Sagsstamme: team Vest ==');
    expect(await w.prisma.auditLog.findFirst({ orderBy: { id: 'desc' } })).toMatchObject({ action: 'caseload.view.team', actorId: w.fixture.staff.mette });
  });

  it('shows only counts on the team overview, never a reference', async () => {
    const team = await w.bot.run('mette', '/sager team');
    expect(team).not.toMatch(/K-\d|B-\d/);
  });

  const refusals: Array<[string, string, string, string]> = [
    ['a caseworker asks for the team', 'anne', '/caseload team', '⚠ Kun ledere kan gøre det.'],
    ['a caseworker asks for a colleague', 'anne', '/caseload @bo', '⚠ Kun ledere kan gøre det.'],
    ['a consultant asks for the team', 'camilla', '/sager alle', '⚠ Kun ledere kan gøre det.'],
    ['the manager asks for someone in another team', 'mette', '/caseload @olga', '⚠ @olga er ikke i dit team.'],
    ['the manager asks for an unknown colleague', 'mette', '/caseload @nobody', '⚠ Jeg kender ingen medarbejder med @nobody.'],
    ['too many words', 'mette', '/caseload @anne @bo', '⚠ Jeg ved ikke, hvad jeg skal gøre med "@bo".'],
    ['olga asks for a Vest colleague', 'olga', '/caseload @anne', '⚠ @anne er ikke i dit team.'],
  ];
  it.each(refusals)('refuses when %s, writing nothing', async (_name, handle, line, expected) => {
    const before = await databaseState(w.prisma);
    expect(await w.bot.run(handle, line)).toContain(expected);
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('refuses in English for ida', async () => {
    expect(await w.bot.run('ida', '/caseload team')).toContain('⚠ Only managers can do that.');
  });
});
