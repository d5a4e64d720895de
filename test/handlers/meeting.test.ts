// /meeting (/samtale): kinds, dates and durations in Danish and English, next:, notes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState, day, openWorld, type World } from '../helpers/world.js';

describe('/meeting', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  const freshCitizen = (handle?: string, options?: string) => w.freshCitizen('M', handle, options);
  const meetingsOf = async (ref: string) => {
    const c = await w.prisma.citizen.findFirstOrThrow({ where: { ref }, include: { meetings: { include: { participants: true } } } });
    return c.meetings;
  };
  const citizen = (ref: string) => w.prisma.citizen.findFirstOrThrow({ where: { ref } });

  it('logs the issue\'s example: kind, today, duration and note', async () => {
    const ref = await freshCitizen();
    const out = await w.bot.run('anne', `/samtale ${ref} trepart i dag 45m aftalt praktik`);
    expect(out).toContain(`Trepartssamtale med ${ref} man. 23. nov. er logget.`);
    expect(out).toContain('Næste opfølgningssamtale: man. 30. nov.');
    const [m, ...rest] = await meetingsOf(ref);
    expect(rest).toHaveLength(0);
    expect(m).toMatchObject({ kind: 'THREE_PARTY', durationMinutes: 45, note: 'aftalt praktik', loggedById: w.fixture.staff.anne, source: 'CONSOLE' });
    expect(day(m?.heldOn)).toBe('2026-11-23');
    expect(m?.participants.map((p) => p.handle)).toEqual(['anne']);
    expect(day((await citizen(ref)).nextCheckInOn)).toBe('2026-11-30');
  });

  it('defaults to an individual conversation today with no duration or note', async () => {
    const ref = await freshCitizen();
    expect(await w.bot.run('anne', `/meeting ${ref}`)).toContain(`Individuel samtale med ${ref} man. 23. nov. er logget.`);
    expect(await meetingsOf(ref)).toMatchObject([{ kind: 'INDIVIDUAL', durationMinutes: null, note: null }]);
  });

  const kinds: Array<[string, string, string]> = [
    ['individuel', 'INDIVIDUAL', 'Individuel samtale'],
    ['trepart', 'THREE_PARTY', 'Trepartssamtale'],
    ['walk-and-talk', 'WALK_AND_TALK', 'Walk-and-talk'],
    ['telefon', 'PHONE', 'Telefonsamtale'],
    ['video', 'VIDEO', 'Videosamtale'],
    ['virksomhedsbesøg', 'COMPANY_VISIT', 'Virksomhedsbesøg'],
    ['netværk', 'NETWORK', 'Netværksmøde'],
    ['individual', 'INDIVIDUAL', 'Individuel samtale'],
    ['three-party', 'THREE_PARTY', 'Trepartssamtale'],
    ['walk', 'WALK_AND_TALK', 'Walk-and-talk'],
    ['phone', 'PHONE', 'Telefonsamtale'],
    ['company-visit', 'COMPANY_VISIT', 'Virksomhedsbesøg'],
    ['network', 'NETWORK', 'Netværksmøde'],
    ['Virksomhedsbesog', 'COMPANY_VISIT', 'Virksomhedsbesøg'],
  ];
  it.each(kinds)('understands the kind "%s"', async (word, kind, label) => {
    const ref = await freshCitizen();
    expect(await w.bot.run('anne', `/meeting ${ref} ${word}`)).toContain(`${label} med ${ref}`);
    expect(await meetingsOf(ref)).toMatchObject([{ kind }]);
  });

  it('replies in English for ida, with English kind names', async () => {
    const ref = await freshCitizen('ida');
    const out = await w.bot.run('ida', `/meeting ${ref} walk yesterday 30m`);
    expect(out).toContain(`Walk-and-talk with ${ref} on Sun 22 Nov is logged.`);
    expect(out).toContain('Next check-in: Mon 30 Nov');
    const out2 = await w.bot.run('ida', `/meeting ${ref} trepart`);
    expect(out2).toContain(`Three-party meeting with ${ref} on Mon 23 Nov is logged.`);
    expect(await meetingsOf(ref)).toHaveLength(2);
  });

  // MONDAY is Monday 23 November 2026.
  const dates: Array<[string, string]> = [
    ['i dag', '2026-11-23'],
    ['today', '2026-11-23'],
    ['i går', '2026-11-22'],
    ['igår', '2026-11-22'],
    ['yesterday', '2026-11-22'],
    ['i forgårs', '2026-11-21'],
    ['fredag', '2026-11-20'],
    ['friday', '2026-11-20'],
    ['tirsdag', '2026-11-17'],
    ['mandag', '2026-11-23'],
    ['20/11', '2026-11-20'],
    ['20.11', '2026-11-20'],
    ['20.11.', '2026-11-20'],
    ['24/12/2025', '2025-12-24'],
    ['2026-11-19', '2026-11-19'],
    ['18/11/2026', '2026-11-18'],
  ];
  it.each(dates)('understands the date "%s"', async (word, expected) => {
    const ref = await freshCitizen();
    await w.bot.run('anne', `/meeting ${ref} telefon ${word} 15m`);
    const [m] = await meetingsOf(ref);
    expect(day(m?.heldOn)).toBe(expected);
    expect(m).toMatchObject({ kind: 'PHONE', durationMinutes: 15, note: null });
  });

  it.each(['1/12', '24/12', 'date:1/12'])('refuses "%s": without a year it would be almost a year ago, so it asks for the full date', async (word) => {
    const ref = await freshCitizen();
    const out = await w.bot.run('anne', `/meeting ${ref} telefon ${word}`);
    expect(out).toMatch(/⚠ Mente du \d+\. december 2025\? Datoer uden årstal må højst ligge 60 dage tilbage; skriv 2025-12-\d\d, hvis det er rigtigt\./);
    expect(await meetingsOf(ref)).toEqual([]);
  });

  const durations: Array<[string, number]> = [
    ['45m', 45],
    ['45min', 45],
    ['1t', 60],
    ['1h', 60],
    ['1t30m', 90],
    ['1h30', 90],
    ['1:30', 90],
    ['1,5t', 90],
    ['90m', 90],
  ];
  it.each(durations)('understands the duration "%s"', async (word, minutes) => {
    const ref = await freshCitizen();
    await w.bot.run('anne', `/meeting ${ref} ${word} i går`);
    expect(await meetingsOf(ref)).toMatchObject([{ durationMinutes: minutes }]);
  });

  it('takes kind, date and duration as options too', async () => {
    const ref = await freshCitizen();
    await w.bot.run('anne', `/meeting ${ref} kind:video date:2026-11-20 duration:20m opfølgning på cv`);
    const [m] = await meetingsOf(ref);
    expect(m).toMatchObject({ kind: 'VIDEO', durationMinutes: 20, note: 'opfølgning på cv' });
    expect(day(m?.heldOn)).toBe('2026-11-20');
  });

  it('sets the next check-in with next:, otherwise follows the citizen\'s cadence', async () => {
    const ref = await freshCitizen('anne', 'cadence:14');
    const out = await w.bot.run('anne', `/meeting ${ref} telefon i går next:2/12`);
    expect(out).toContain('Næste opfølgningssamtale: ons. 2. dec.');
    expect(day((await citizen(ref)).nextCheckInOn)).toBe('2026-12-02');
    const out2 = await w.bot.run('anne', `/meeting ${ref} i dag`);
    expect(out2).toContain('Næste opfølgningssamtale: man. 7. dec.');
    expect(day((await citizen(ref)).nextCheckInOn)).toBe('2026-12-07');
  });

  it('understands next: as a weekday in the future', async () => {
    const ref = await freshCitizen();
    await w.bot.run('anne', `/meeting ${ref} next:fredag`);
    expect(day((await citizen(ref)).nextCheckInOn)).toBe('2026-11-27');
  });

  it('understands two-word dates in next: and date: (next:i morgen, date:i går)', async () => {
    const ref = await freshCitizen();
    const out = await w.bot.run('anne', `/meeting ${ref} date:i går next:i morgen husk cv`);
    expect(out).toContain(`Individuel samtale med ${ref} søn. 22. nov. er logget.`);
    expect(out).toContain('Næste opfølgningssamtale: tir. 24. nov.');
    const [m] = await meetingsOf(ref);
    expect(day(m?.heldOn)).toBe('2026-11-22');
    expect(m?.note).toBe('husk cv');
    expect(day((await citizen(ref)).nextCheckInOn)).toBe('2026-11-24');
  });

  it('records who took part: with:, and the consultant at a three-party meeting', async () => {
    const ref = await freshCitizen('mette', 'caseworker:@anne consultant:@camilla');
    await w.bot.run('anne', `/meeting ${ref} trepart`, `/meeting ${ref} telefon i går with:@bo`);
    const meetings = await meetingsOf(ref);
    const handles = (kind: string) => meetings.find((m) => m.kind === kind)?.participants.map((p) => p.handle).sort();
    expect(handles('THREE_PARTY')).toEqual(['anne', 'camilla']);
    expect(handles('PHONE')).toEqual(['anne', 'bo']);
  });

  it('never moves the next check-in earlier when a back-dated meeting is logged', async () => {
    const ref = await freshCitizen();
    await w.bot.run('anne', `/meeting ${ref} i dag`);
    await w.bot.run('anne', `/meeting ${ref} 16/11`);
    expect(day((await citizen(ref)).nextCheckInOn)).toBe('2026-11-30');
    expect(await meetingsOf(ref)).toHaveLength(2);
  });

  it('lets the manager log a meeting for a citizen on the team', async () => {
    const ref = await freshCitizen();
    expect(await w.bot.run('mette', `/møde ${ref} netværk`)).toContain(`Netværksmøde med ${ref}`);
    expect(await meetingsOf(ref)).toMatchObject([{ loggedById: w.fixture.staff.mette }]);
  });

  describe('bad input answers clearly and stores nothing', () => {
    let ref: string;
    beforeAll(async () => {
      ref = await freshCitizen();
    });
    const cases: Array<[string, (ref: string) => string, string]> = [
      ['a date in the future (i morgen)', (r) => `/meeting ${r} i morgen`, '⚠ En samtale kan ikke ligge i fremtiden.'],
      ['a date in the future (ISO)', (r) => `/meeting ${r} trepart 2026-12-01`, '⚠ En samtale kan ikke ligge i fremtiden.'],
      ['a date in the future (date:)', (r) => `/meeting ${r} date:tomorrow`, '⚠ En samtale kan ikke ligge i fremtiden.'],
      ['an impossible date', (r) => `/meeting ${r} 31/02`, '⚠ Jeg forstår ikke datoen "31/02".'],
      ['a bad duration', (r) => `/meeting ${r} trepart 45x`, '⚠ Jeg forstår ikke datoen "45x".'],
      ['a duration over a day', (r) => `/meeting ${r} 45t`, '⚠ Jeg forstår ikke varigheden "45t".'],
      ['a zero duration', (r) => `/meeting ${r} duration:0m`, '⚠ Jeg forstår ikke varigheden "0m".'],
      ['an unknown kind', (r) => `/meeting ${r} kind:kaffe`, '⚠ "kaffe" er ikke en samtaletype. Vælg en af: individuel samtale, trepartssamtale'],
      ['an unknown option', (r) => `/meeting ${r} trepart sted:kontoret`, '⚠ Ukendt tilvalg "sted:". Mulige: next: kind: date: duration: with:'],
      ['next: before the meeting', (r) => `/meeting ${r} i dag next:i går`, '⚠ Næste opfølgningssamtale skal ligge efter samtalen.'],
      ['next: that is no date', (r) => `/meeting ${r} next:snart`, '⚠ Jeg forstår ikke datoen "snart".'],
      ['with: an unknown colleague', (r) => `/meeting ${r} with:@nobody`, '⚠ Jeg kender ingen medarbejder med @nobody.'],
      ['with: a colleague from another team', (r) => `/meeting ${r} with:@olga`, '⚠ @olga er ikke i dit team.'],
      ['a missing reference', () => '/meeting next:fredag', '⚠ Der mangler en sagsreference (fx C-1042).'],
      ['an invalid reference', () => '/meeting trepart i dag', '⚠ "trepart" er ikke en gyldig sagsreference.'],
      ['an unknown citizen', () => '/meeting Z-999 trepart', '⚠ Jeg kan ikke finde borgeren Z-999 i dit team.'],
      ['a note over 200 characters', (r) => `/meeting ${r} ${'x'.repeat(201)}`, '⚠ Noten må højst være 200 tegn.'],
    ];
    it.each(cases)('%s', async (_name, line, expected) => {
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', line(ref));
      expect(out).toContain(expected);
      expect(out.trim().startsWith('⚠')).toBe(true);
      expect(await databaseState(w.prisma)).toEqual(before);
    });

    it('shows an example of the right form under a parsing mistake', async () => {
      expect(await w.bot.run('anne', `/meeting ${ref} 45x`)).toContain('(Eksempel: /samtale C-1042 trepart i dag 45m aftalt praktik)');
      expect(await w.bot.run('ida', `/meeting ${ref} 45x`)).toContain('(Example: /meeting C-1042 three-party today 45m agreed internship)');
    });

    it('refuses a meeting for a closed citizen', async () => {
      const closed = await freshCitizen();
      await w.bot.run('anne', `/citizen close ${closed} andet`);
      const before = await databaseState(w.prisma);
      expect(await w.bot.run('anne', `/meeting ${closed} trepart`)).toContain(`⚠ ${closed} er afsluttet.`);
      expect(await databaseState(w.prisma)).toEqual(before);
    });
  });
});
