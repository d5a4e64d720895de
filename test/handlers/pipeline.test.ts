// The readiness pipeline for managers (issue 14, part 2): how many citizens are
// ready / close / further away and how many moved up, in /caseload, the digest
// and the 1:1 summary; targets for the new measures, per team and per person,
// in /targets, the digest and the month-end report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState, day, openWorld, type World } from '../helpers/world.js';

describe('the readiness pipeline and its targets', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  it('lets the manager set targets for the new measures, for the team and for a person', async () => {
    expect(await w.bot.run('mette', '/target rykket-op 4')).toContain('Målet for borgere rykket op i november 2026 er sat til 4.');
    expect(await w.bot.run('mette', '/måltal delmål 3 @anne')).toContain('Målet for delmål nået for @anne i november 2026 er sat til 3.');
    expect(await w.bot.run('mette', '/target fastholdelse 2 december @camilla')).toContain('Målet for forløb fastholdt 3 mdr. for @camilla i december 2026 er sat til 2.');
    expect(await w.bot.run('mette', '/target moved-up 1 @anne')).toContain('Målet for borgere rykket op for @anne i november 2026 er sat til 1.');
    expect(await w.bot.run('mette', '/måltal delmål 2 @anne')).toContain('Målet for delmål nået for @anne i november 2026 er sat til 2 (erstatter 3).');
    await w.bot.run('mette', '/target delmål 2', '/target fastholdelse 2', '/target fastholdelse 1 @camilla');
    const people = await w.prisma.staffMonthlyTarget.findMany({ include: { staff: true }, orderBy: [{ month: 'asc' }, { metric: 'asc' }] });
    expect(people.map((p) => [p.staff.handle, p.metric, day(p.month), p.target])).toEqual([
      ['anne', 'READINESS_MOVES', '2026-11-01', 1],
      ['anne', 'SUB_GOALS_REACHED', '2026-11-01', 2],
      ['camilla', 'PLACEMENTS_RETAINED', '2026-11-01', 1],
      ['camilla', 'PLACEMENTS_RETAINED', '2026-12-01', 2],
    ]);
    // A person's target is not the team's.
    expect(await w.prisma.monthlyTarget.count({ where: { metric: 'SUB_GOALS_REACHED' } })).toBe(1);
  });

  const refusals: Array<[string, string, string, string]> = [
    ['a person without a caseload', 'mette', '/target delmål 2 @mette', '⚠ @mette har ingen sagsstamme. Mål pr. medarbejder sættes for sagsbehandlere og virksomhedskonsulenter.'],
    ['two people', 'mette', '/target delmål 2 @anne @bo', '⚠ Ét mål ad gangen: skriv højst én @navn.'],
    ['someone in another team', 'mette', '/target delmål 2 @olga', '⚠'],
    ['someone unknown', 'mette', '/target delmål 2 @zorro', '⚠'],
    ['a month that is over', 'mette', '/target delmål 2 @anne sidste', '⚠ oktober 2026 er slut;'],
    ['a caseworker', 'anne', '/target delmål 9 @anne', '⚠ Kun ledere kan gøre det.'],
    ['in English, two people', 'mette', '/target sub-goals 2 @anne @ida', '⚠ Ét mål ad gangen'],
  ];
  it.each(refusals)('refuses %s, changing nothing', async (_name, handle, line, expected) => {
    const before = await databaseState(w.prisma);
    expect(await w.bot.run(handle, line)).toContain(expected);
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('counts citizens moved up, sub-goals reached and placements still running after 3 months', async () => {
    // October: the starting points.
    await w.bot.run('anne', ':clock 2026-10-15 10:00', '/borger opret P-1', '/borger P-1 parat:længere', '/borger opret P-2', '/borger P-2 parat:tæt', '/borger opret P-3', '/borger opret P-4');
    await w.bot.run('bo', ':clock 2026-10-15 10:00', '/borger opret B-1', '/borger B-1 parat:længere fra');
    // November (Monday 23rd).
    const now = ':clock 2026-11-23 10:00';
    await w.bot.run('anne', now, '/borger P-1 parat:tæt', '/borger P-2 parat:klar', '/borger P-2 parat:tæt', '/borger P-3 parat:tæt');
    await w.bot.run('bo', now, '/borger B-1 parat:klar');
    await w.bot.run('anne', now, '/delmål P-1 "Opdatere CV"', '/delmål P-1 "Søge 3 stillinger om ugen"', '/delmål P-1 nået 1');
    await w.bot.run('anne', now, '/borger set P-3 consultant:@camilla');
    expect(await w.bot.run('camilla', now, '/praktik start P-3 Bygma løntilskud from:2026-08-20 weeks:26')).not.toContain('⚠');
    expect(await w.bot.run('bo', now, '/praktik start B-1 Netto løntilskud from:2026-08-28 weeks:26')).not.toContain('⚠');

    const targets = await w.bot.run('mette', now, '/targets');
    // P-1 and B-1 moved up; P-2 went up and back (no move), P-3 was first assessed (no move).
    expect(targets).toContain('• borgere rykket op: 2 af 4 ▓▓▓▓▓░░░░░ 50 % – 0,4 pr. arbejdsdag i de 6 resterende arbejdsdage');
    expect(targets).toContain('• delmål nået: 1 af 2');
    // Bygma ran 3 months on 20 November; Netto reaches it on the 28th.
    expect(targets).toContain('• forløb fastholdt 3 mdr.: 1 af 2');
    expect(targets).toContain('Mål pr. medarbejder for november 2026');
    expect(targets).toContain('• borgere rykket op (@anne): 1 af 1 ▓▓▓▓▓▓▓▓▓▓ 100 % – nået');
    expect(targets).toContain('• delmål nået (@anne): 1 af 2 ▓▓▓▓▓░░░░░ 50 %');
    expect(targets).toContain('• forløb fastholdt 3 mdr. (@camilla): 1 af 1');

    const team = await w.bot.run('mette', now, '/caseload team');
    expect(team).toContain('Parathed: klar 1 · tæt på 3 · længere fra 0 · ikke vurderet 1');
    expect(team).toContain('Rykket op i parathed denne måned: 2');
    const anne = await w.bot.run('anne', now, '/caseload');
    expect(anne).toContain('Parathed: klar 0 · tæt på 3 · længere fra 0 · ikke vurderet 1');
    expect(anne).toContain('Rykket op i parathed denne måned: 1');
    expect(await w.bot.run('ida', now, '/caseload')).toContain('Readiness: ready 0 · close 0 · further away 0 · not assessed 0');
  });

  it('the digest, the month-end report and the 1:1 summaries show the same figures', async () => {
    const out = await w.bot.run('mette', ':clock 2026-11-30 15:00', ':run-jobs');
    const digest = out.split('\n').filter((l) => l.startsWith('[#Vest] ')).join('\n');
    expect(digest).toContain('Parathed (aktive borgere): klar 1 · tæt på 3 · længere fra 0 · ikke vurderet 1');
    expect(digest).toContain('Rykket op i parathed i november 2026: 2');
    expect(digest).toContain('• borgere rykket op: 2 af 4 ▓▓▓▓▓░░░░░ 50 % – 2 pr. resterende arbejdsdag (1 tilbage)');
    // Netto has now run 3 months too.
    expect(digest).toContain('• forløb fastholdt 3 mdr.: 2 af 2 ▓▓▓▓▓▓▓▓▓▓ 100 % – nået 🎯');
    expect(digest).toContain('• delmål nået (@anne): 1 af 2');
    const dm = out.split('\n').filter((l) => l.startsWith('[DM @mette] ')).join('\n');
    expect(dm).toContain('borgere rykket op: 2 af 4');
    expect(dm).toContain('forløb fastholdt 3 mdr.: 2 af 2 – nået');
    expect(dm).toContain('Mål pr. medarbejder for november 2026');
    expect(dm).toContain('delmål nået (@anne): 1 af 2');
    expect(dm).toMatch(/Forberedelse til 1:1 med Anne[\s\S]*Parathed: klar 0 · tæt på 3 · længere fra 0 · ikke vurderet 1[\s\S]*Rykket op i parathed i november 2026: 1/);
    // Anne's own targets, met or missed, in her 1:1 summary.
    expect(dm).toMatch(/Forberedelse til 1:1 med Anne[\s\S]*Egne mål for november 2026:[\s\S]*✅ borgere rykket op: 1 af 1 – nået[\s\S]*❌ delmål nået: 1 af 2 – mangler 1/);
    expect(dm).toMatch(/Forberedelse til 1:1 med Bo[\s\S]*Parathed: klar 1 · tæt på 0 · længere fra 0 · ikke vurderet 0[\s\S]*Rykket op i parathed i november 2026: 1/);
  });

  it("shows a person's targets in English, and no more once they have left", async () => {
    await w.bot.run('mette', ':clock 2026-11-30 16:00', '/target sub-goals 1 @ida');
    const english = await w.bot.run('ida', '/targets');
    expect(english).toContain('Targets per person for November 2026');
    expect(english).toContain('• sub-goals reached (@ida): 0 of 1');
    expect(await w.bot.run('mette', '/jobbot staff leave ida')).toContain('@ida');
    expect(await w.bot.run('mette', '/targets')).not.toContain('(@ida)');
  });
});
