// /outcome (/resultat): the case closes, and job outcomes are celebrated in the
// team channel without anything that identifies the citizen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelLines, databaseState, day, openWorld, type World } from '../helpers/world.js';

describe('/outcome', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  const freshCitizen = (handle?: string, options?: string) => w.freshCitizen('O', handle, options);
  const citizenWithAll = (ref: string) =>
    w.prisma.citizen.findFirstOrThrow({ where: { ref }, include: { outcomes: true, placements: true } });

  it('records a job, closes the case, ends the placement and celebrates anonymously in the team channel', async () => {
    const ref = await freshCitizen('mette', 'initials:QZ caseworker:@anne consultant:@camilla');
    await w.bot.run('camilla', `/praktik start ${ref} "Netto Nord"`);
    const out = await w.bot.run('anne', `/resultat ${ref} job hours:37 "Netto Nord"`);

    expect(out).toContain(`${ref}: ordinært job er registreret.`);
    expect(out).toContain(`Sagen ${ref} er afsluttet.`);
    expect(out).toContain('1 aktivt forløb er afsluttet samtidig.');
    expect(out).toContain('Tillykke! Teamet får besked (uden borgerens oplysninger).');

    const posted = channelLines(out);
    expect(posted[0]).toBe('[#Vest] == 🎉 En borger er kommet videre! ==');
    expect(posted.join('\n')).toContain('En borger er gået i ordinært job (37 timer om ugen).');
    expect(posted.join('\n')).toContain('Stor tak til Anne & Camilla!');
    expect(posted.join('\n')).toContain('Kuglerne i glasset: 1 denne måned, 1 i år.');
    for (const line of posted) {
      expect(line).not.toContain(ref);
      expect(line).not.toContain('QZ');
      expect(line).not.toContain('Netto');
    }

    const c = await citizenWithAll(ref);
    expect(c).toMatchObject({ status: 'CLOSED', closeReason: 'JOB', nextCheckInOn: null });
    expect(c.outcomes).toMatchObject([
      { kind: 'ORDINARY_JOB', employer: 'Netto Nord', teamId: w.fixture.teamId, loggedById: w.fixture.staff.anne, caseworkerId: w.fixture.staff.anne, consultantId: w.fixture.staff.camilla, source: 'CONSOLE' },
    ]);
    expect(Number(c.outcomes[0]?.weeklyHours)).toBe(37);
    expect(day(c.outcomes[0]?.occurredOn)).toBe('2026-11-23');
    expect(c.placements).toMatchObject([{ status: 'ENDED', endReason: 'JOB' }]);
  });

  it('counts the marbles: the second celebration this month says two', async () => {
    const ref = await freshCitizen();
    const out = await w.bot.run('anne', `/outcome ${ref} uddannelse`);
    expect(out).toContain(`${ref}: uddannelse er registreret.`);
    expect(channelLines(out).join('\n')).toContain('Kuglerne i glasset: 2 denne måned, 2 i år.');
    expect(await citizenWithAll(ref)).toMatchObject({ status: 'CLOSED', closeReason: 'EDUCATION' });
  });

  it('records the day the outcome happened with date:, never a day in the future', async () => {
    const ref = await freshCitizen();
    expect(await w.bot.run('anne', `/outcome ${ref} timer date:2027-01-04`)).toContain('⚠ Et resultat kan ikke ligge i fremtiden.');
    expect(await w.prisma.outcome.count({ where: { citizen: { ref } } })).toBe(0);
    await w.bot.run('anne', `/outcome ${ref} timer hours:8 date:i går`);
    const outcome = await w.prisma.outcome.findFirstOrThrow({ where: { citizen: { ref } } });
    expect(day(outcome.occurredOn)).toBe('2026-11-22');
  });

  it('celebrates ordinary hours but keeps the case open', async () => {
    const ref = await freshCitizen();
    const out = await w.bot.run('anne', `/outcome ${ref} timer hours:8`);
    expect(out).toContain(`${ref}: ordinære timer er registreret.`);
    expect(out).not.toContain('er afsluttet');
    expect(channelLines(out).join('\n')).toContain('En borger er gået i ordinære timer (8 timer om ugen).');
    const c = await citizenWithAll(ref);
    expect(c.status).toBe('ACTIVE');
    expect(c.outcomes).toMatchObject([{ kind: 'ORDINARY_HOURS' }]);
  });

  it('records a case ending quietly: closed, never celebrated', async () => {
    const ref = await freshCitizen();
    const out = await w.bot.run('anne', `/outcome ${ref} fraflyttet`);
    expect(out).toContain(`${ref}: fraflyttet er registreret.`);
    expect(out).toContain(`Sagen ${ref} er afsluttet.`);
    expect(out).not.toContain('Tillykke');
    expect(channelLines(out)).toEqual([]);
    const c = await citizenWithAll(ref);
    expect(c).toMatchObject({ status: 'CLOSED', closeReason: 'MOVED' });
    expect(c.outcomes).toMatchObject([{ kind: 'MOVED' }]);
  });

  it('answers ida in English while the team channel hears Danish', async () => {
    const ref = await freshCitizen('ida');
    const out = await w.bot.run('ida', `/outcome ${ref} apprenticeship`);
    expect(out).toContain(`${ref}: apprenticeship is recorded.`);
    expect(out).toContain(`Case ${ref} is closed.`);
    expect(out).toContain('Congratulations! The team is told');
    expect(channelLines(out).join('\n')).toContain('En borger er gået i læreplads. Stor tak til Ida!');
    expect(await citizenWithAll(ref)).toMatchObject({ status: 'CLOSED', closeReason: 'EDUCATION', outcomes: [{ kind: 'APPRENTICESHIP' }] });
  });

  it('posts nothing to the channel when the team has turned celebrations off', async () => {
    await w.prisma.team.update({ where: { id: w.fixture.teamId }, data: { celebrationsEnabled: false } });
    try {
      const ref = await freshCitizen();
      const out = await w.bot.run('anne', `/outcome ${ref} fleksjob`);
      expect(out).toContain(`${ref}: fleksjob er registreret.`);
      expect(channelLines(out)).toEqual([]);
      expect(await citizenWithAll(ref)).toMatchObject({ status: 'CLOSED', closeReason: 'JOB', outcomes: [{ kind: 'FLEXJOB' }] });
    } finally {
      await w.prisma.team.update({ where: { id: w.fixture.teamId }, data: { celebrationsEnabled: true } });
    }
  });

  describe('bad input answers clearly and stores nothing', () => {
    let ref: string;
    let closed: string;
    beforeAll(async () => {
      ref = await freshCitizen();
      closed = await freshCitizen();
      await w.bot.run('anne', `/citizen close ${closed} andet`);
    });
    const cases: Array<[string, (ref: string, closed: string) => string, string]> = [
      ['a missing kind', (r) => `/outcome ${r}`, '⚠ Der mangler en resultattype.'],
      ['an unknown kind', (r) => `/outcome ${r} lottogevinst`, '⚠ "lottogevinst" er ikke en resultattype. Vælg en af: job, timer, fleksjob, uddannelse'],
      ['bad hours', (r) => `/outcome ${r} job hours:0`, '⚠ Timetallet skal være et tal fra 1 til 60, ikke "0".'],
      ['an unknown option', (r) => `/outcome ${r} job løn:30000`, '⚠ Ukendt tilvalg "løn:". Mulige: hours: employer: date:'],
      ['an invalid reference', () => '/outcome job O-1', '⚠ "job" er ikke en gyldig sagsreference.'],
      ['a closed citizen', (_r, c) => `/outcome ${c} job`, 'er afsluttet. Vender borgeren tilbage, så genåbn sagen med /borger genåbn'],
    ];
    it.each(cases)('%s', async (_name, line, expected) => {
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', line(ref, closed));
      expect(out).toContain(expected);
      expect(channelLines(out)).toEqual([]);
      expect(await databaseState(w.prisma)).toEqual(before);
    });
  });
});
