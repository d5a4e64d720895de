// /target (managers) and /targets: monthly team targets with progress.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState, day, openWorld, type World } from '../helpers/world.js';

describe('/target and /targets', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  const targets = () => w.prisma.monthlyTarget.findMany({ orderBy: [{ month: 'asc' }, { metric: 'asc' }] });

  it('lets the manager set a target for this month', async () => {
    const out = await w.bot.run('mette', '/target praktikstarter 12');
    expect(out).toContain('Målet for praktikstarter i november 2026 er sat til 12.');
    const [t, ...rest] = await targets();
    expect(rest).toHaveLength(0);
    expect(t).toMatchObject({ teamId: w.fixture.teamId, metric: 'PLACEMENT_STARTS', target: 12, setById: w.fixture.staff.mette });
    expect(day(t?.month)).toBe('2026-11-01');
  });

  it('refuses a target for a month that is over, and stores nothing', async () => {
    const before = await databaseState(w.prisma);
    expect(await w.bot.run('mette', '/target job 5 2025-01')).toContain('⚠ januar 2025 er slut; mål kan kun sættes for denne og kommende måneder.');
    expect(await w.bot.run('mette', '/target job 5 sidste')).toContain('⚠ oktober 2026 er slut;');
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('changes an existing target instead of adding a second, saying what it replaces', async () => {
    expect(await w.bot.run('mette', '/måltal praktik 3')).toContain('Målet for praktikstarter i november 2026 er sat til 3 (erstatter 12).');
    expect(await targets()).toMatchObject([{ metric: 'PLACEMENT_STARTS', target: 3 }]);
  });

  it('takes the other metrics in Danish and English, and a month', async () => {
    await w.bot.run('mette', '/target samtaler 4', '/target three-party 2', '/target job 1', '/target jobs 5 december', '/target meetings 40 2027-01');
    const all = await targets();
    expect(all.map((t) => [day(t.month), t.metric, t.target])).toEqual([
      ['2026-11-01', 'PLACEMENT_STARTS', 3],
      ['2026-11-01', 'JOB_OUTCOMES', 1],
      ['2026-11-01', 'MEETINGS', 4],
      ['2026-11-01', 'THREE_PARTY_MEETINGS', 2],
      ['2026-12-01', 'JOB_OUTCOMES', 5],
      ['2027-01-01', 'MEETINGS', 40],
    ]);
  });

  it('lists this month\'s targets with progress from what the team logged', async () => {
    await w.bot.run('anne', '/citizen add T-1', '/meeting T-1 trepart i går', '/meeting T-1 telefon', '/placement start T-1 Bygma');
    await w.bot.run('anne', '/citizen add T-2', '/outcome T-2 job');
    const out = await w.bot.run('anne', '/targets');
    expect(out).toContain('== Mål for november 2026 ==');
    // 23 Nov (Monday) to 30 Nov: six working days left.
    expect(out).toContain('• praktikstarter: 1 af 3 ▓▓▓░░░░░░░ 33 % – 0,4 pr. arbejdsdag i de 6 resterende arbejdsdage');
    expect(out).toContain('• jobresultater: 1 af 1 ▓▓▓▓▓▓▓▓▓▓ 100 % – nået');
    expect(out).toContain('• samtaler: 2 af 4 ▓▓▓▓▓░░░░░ 50 % – 0,4 pr. arbejdsdag');
    expect(out).toContain('• trepartssamtaler: 1 af 2 ▓▓▓▓▓░░░░░ 50 %');
    expect(await w.bot.run('mette', '/mål')).toContain('== Mål for november 2026 ==');
  });

  it('lists another month, and says when there are none', async () => {
    const december = await w.bot.run('mette', '/targets december');
    expect(december).toContain('== Mål for december 2026 ==');
    expect(december).toContain('jobresultater: 0 af 5');
    expect(await w.bot.run('mette', '/targets 2027-02')).toContain('Der er ingen mål for februar 2027. En leder sætter dem med /target.');
  });

  it('answers ida in English', async () => {
    const out = await w.bot.run('ida', '/targets');
    expect(out).toContain('== Targets for November 2026 ==');
    expect(out).toContain('• job outcomes: 1 of 1 ▓▓▓▓▓▓▓▓▓▓ 100 % – reached');
  });

  it('does not show another team\'s targets', async () => {
    expect(await w.bot.run('olga', '/targets')).toContain('Der er ingen mål for november 2026.');
  });

  const refusals: Array<[string, string, string, string]> = [
    ['a caseworker sets a target', 'anne', '/target job 5', '⚠ Kun ledere kan gøre det.'],
    ['a consultant sets a target', 'camilla', '/target praktikstarter 50', '⚠ Kun ledere kan gøre det.'],
    ['ida sets a target', 'ida', '/target meetings 5', '⚠ Only managers can do that.'],
    ['an unknown metric', 'mette', '/target kaffe 5', '⚠ "kaffe" er ikke et måltal. Vælg en af: praktikstarter, job, samtaler, trepart, rykket-op, delmål, fastholdelse.'],
    ['a missing number', 'mette', '/target job', '⚠ Der mangler et tal.'],
    ['a number that is no number', 'mette', '/target job fem', '⚠ Måltallet skal være et tal fra 0 til 10.000, ikke "fem".'],
    ['a negative number', 'mette', '/target job -1', '⚠ Måltallet skal være et tal fra 0 til 10.000, ikke "-1".'],
    ['an unknown month', 'mette', '/target job 5 smarch', '⚠ Jeg forstår ikke måneden "smarch".'],
    ['too many words', 'mette', '/target job 5 december nu', '⚠ Jeg ved ikke, hvad jeg skal gøre med "nu".'],
    ['an unknown month to list', 'mette', '/targets smarch', '⚠ Jeg forstår ikke måneden "smarch".'],
  ];
  it.each(refusals)('refuses when %s, writing nothing', async (_name, handle, line, expected) => {
    const before = await databaseState(w.prisma);
    expect(await w.bot.run(handle, line)).toContain(expected);
    expect(await databaseState(w.prisma)).toEqual(before);
  });
});
