// /placement start|extend|followup|end (/praktik): defaults, lengths, several active placements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState, day, openWorld, type World } from '../helpers/world.js';

describe('/placement', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  const freshCitizen = (handle?: string, options?: string) => w.freshCitizen('P', handle, options);
  const placementsOf = async (ref: string) =>
    (await w.prisma.citizen.findFirstOrThrow({ where: { ref }, include: { placements: { orderBy: { createdAt: 'asc' }, include: { followUps: true } } } })).placements;

  describe('start', () => {
    it('starts a virksomhedspraktik of 14 days by default, with the rules and the three-party nudge', async () => {
      const ref = await freshCitizen();
      const out = await w.bot.run('anne', `/praktik start ${ref} "Netto Nord" praktik hours:20`);
      expect(out).toContain(`${ref} starter virksomhedspraktik hos Netto Nord man. 23. nov. – planlagt slut: man. 7. dec.`);
      expect(out).not.toContain('nov..');
      // The rules table: the first follow-up of an internship a week in, before its 14 days are over.
      expect(out).toContain('Første forløbsopfølgning senest man. 30. nov.');
      expect(out).toContain('Virksomhedspraktik starter med 14 dage og forlænges kun med et reelt jobperspektiv.');
      expect(out).toContain(`${ref} har ikke haft en trepartssamtale.`);
      const [p, ...rest] = await placementsOf(ref);
      expect(rest).toHaveLength(0);
      expect(p).toMatchObject({ company: 'Netto Nord', type: 'INTERNSHIP', status: 'ACTIVE', followUpCadenceDays: 30, firstFollowUpDays: 7, createdById: w.fixture.staff.anne, source: 'CONSOLE' });
      expect(day(p?.startOn)).toBe('2026-11-23');
      // 14 days end on Sunday 6 December: a computed end moves to the next working day.
      expect(day(p?.plannedEndOn)).toBe('2026-12-07');
      expect(Number(p?.weeklyHours)).toBe(20);
    });

    it('refuses a second active placement at the same company, which could never be told apart', async () => {
      const ref = await freshCitizen();
      await w.bot.run('anne', `/praktik start ${ref} "Netto Nord"`);
      const out = await w.bot.run('anne', `/praktik start ${ref} "netto nord"`);
      expect(out).toContain(`⚠ ${ref} har allerede et aktivt forløb hos Netto Nord. Forlæng det med /placement extend i stedet.`);
      expect(await placementsOf(ref)).toHaveLength(1);
      // It can still be extended, because it is the only one.
      expect(await w.bot.run('anne', `/praktik forlæng ${ref} 7 "tilbud om 10 timer"`)).toContain('er forlænget til');
    });

    it('leaves out the three-party nudge once the meeting was held, and credits the citizen\'s consultant', async () => {
      const ref = await freshCitizen('mette', 'caseworker:@anne consultant:@camilla');
      await w.bot.run('camilla', `/meeting ${ref} trepart i går`);
      const out = await w.bot.run('camilla', `/placement start ${ref} Bygma internship`);
      expect(out).toContain(`${ref} starter virksomhedspraktik hos Bygma`);
      expect(out).not.toContain('trepartssamtale');
      expect(await placementsOf(ref)).toMatchObject([{ consultantId: w.fixture.staff.camilla, createdById: w.fixture.staff.camilla }]);
    });

    const lengths: Array<[string, string, string, string]> = [
      ['days:10', 'INTERNSHIP', '2026-11-23', '2026-12-02'],
      ['weeks:4', 'INTERNSHIP', '2026-11-23', '2026-12-21'],
      ['until:18/12', 'INTERNSHIP', '2026-11-23', '2026-12-18'],
      ['from:1/12', 'INTERNSHIP', '2026-12-01', '2026-12-14'],
      ['from:i morgen days:5', 'INTERNSHIP', '2026-11-24', '2026-11-30'],
      ['løntilskud weeks:8', 'WAGE_SUBSIDY_PRIVATE', '2026-11-23', '2027-01-18'],
      // A job-ready citizen's public wage subsidy: at most 4 months (LAB § 68, nr. 1), so not the type's 26 weeks.
      ['løntilskud-offentlig', 'WAGE_SUBSIDY_PUBLIC', '2026-11-23', '2027-03-22'],
      ['type:ordinære-timer from:2026-11-16', 'ORDINARY_HOURS', '2026-11-16', '2027-02-15'],
      ['wage-subsidy until:2027-03-01', 'WAGE_SUBSIDY_PRIVATE', '2026-11-23', '2027-03-01'],
      ['nytteindsats', 'UTILITY_WORK', '2026-11-23', '2027-02-22'],
      ['flexjob', 'FLEXJOB', '2026-11-23', '2027-11-22'],
    ];
    it.each(lengths)('takes "%s"', async (words, type, start, end) => {
      const ref = await freshCitizen();
      const out = await w.bot.run('anne', `/placement start ${ref} Jysk ${words}`);
      expect(out.trim().startsWith('⚠')).toBe(false);
      const [p] = await placementsOf(ref);
      expect(p?.type).toBe(type);
      expect(day(p?.startOn)).toBe(start);
      expect(day(p?.plannedEndOn)).toBe(end);
    });

    it('answers in English for ida', async () => {
      const ref = await freshCitizen('ida');
      const out = await w.bot.run('ida', `/placement start ${ref} Lidl`);
      expect(out).toContain(`${ref} starts internship at Lidl on Mon 23 Nov. Planned end: Mon 7 Dec`);
      expect(out).toContain('An internship starts with 14 days');
    });
  });

  describe('extend, followup and end', () => {
    it('extends by a number of days or to a date, reminding of the job prospect', async () => {
      // Aktivitetsparat: up to 13 weeks of internship (the rules table).
      const ref = await freshCitizen('anne', 'group:aktivitetsparat');
      await w.bot.run('anne', `/praktik start ${ref} Netto`);
      const out = await w.bot.run('anne', `/placement extend ${ref} 14 tilbud om 10 timer`);
      // 7 Dec + 14 days is Monday 21 December.
      expect(out).toContain(`Forløbet for ${ref} hos Netto er forlænget til man. 21. dec.`);
      expect(out).toContain('Forlæng kun med et reelt jobperspektiv');
      expect(day((await placementsOf(ref))[0]?.plannedEndOn)).toBe('2026-12-21');
      expect(out).toContain('Begrundelse: tilbud om 10 timer');
      await w.bot.run('anne', `/praktik forlæng ${ref} 2027-01-15 reason:"kontrakt på vej"`);
      const [p] = await placementsOf(ref);
      expect(day(p?.plannedEndOn)).toBe('2027-01-15');
      expect(p).toMatchObject({ extensionReason: 'kontrakt på vej' });
      expect(day(p?.extendedOn)).toBe('2026-11-23');
    });

    it('logs a follow-up with its outcome, note and agreed ordinary hours', async () => {
      const ref = await freshCitizen();
      await w.bot.run('anne', `/praktik start ${ref} Netto`);
      const out = await w.bot.run('anne', `/praktik opfølgning ${ref} ordinære-timer hours:8 god stemning`);
      expect(out).toContain(`Forløbsopfølgning for ${ref} hos Netto: ordinære timer aftalt.`);
      expect(out).toContain('Næste forløbsopfølgning senest ons. 23. dec.');
      const [p] = await placementsOf(ref);
      expect(p?.followUps).toMatchObject([{ outcome: 'ORDINARY_HOURS_AGREED', note: 'god stemning', loggedById: w.fixture.staff.anne }]);
      expect(day(p?.followUps[0]?.heldOn)).toBe('2026-11-23');
      expect(Number(p?.ordinaryHours)).toBe(8);
      await w.bot.run('anne', `/placement followup ${ref} continue date:i går`);
      const again = (await placementsOf(ref))[0]?.followUps.find((f) => f.outcome === 'CONTINUE');
      expect(day(again?.heldOn)).toBe('2026-11-22');
    });

    it('ends a placement with a reason and asks for a new one when the company will not pay', async () => {
      const ref = await freshCitizen();
      await w.bot.run('anne', `/praktik start ${ref} Netto`);
      const out = await w.bot.run('anne', `/praktik afslut ${ref} vil-ikke-betale`);
      expect(out).toContain(`Forløbet for ${ref} hos Netto er afsluttet (virksomheden vil ikke betale for arbejdet).`);
      expect(out).toContain('Find et nyt forløb med jobperspektiv.');
      const [p] = await placementsOf(ref);
      expect(p).toMatchObject({ status: 'ENDED', endReason: 'COMPANY_WONT_PAY' });
      expect(day(p?.endedOn)).toBe('2026-11-23');
      expect(await w.bot.run('anne', `/placement end ${ref} completed`)).toContain(`⚠ ${ref} har ingen aktiv praktik eller løntilskud.`);
    });

    it('ends in English for ida', async () => {
      const ref = await freshCitizen('ida');
      await w.bot.run('ida', `/placement start ${ref} Lidl`);
      expect(await w.bot.run('ida', `/placement end ${ref} completed`)).toContain(`The placement for ${ref} at Lidl has ended (completed).`);
      expect((await placementsOf(ref))[0]).toMatchObject({ status: 'ENDED', endReason: 'COMPLETED' });
    });

    it('asks which one with company: when several placements are active, and changes nothing until told', async () => {
      const ref = await freshCitizen();
      await w.bot.run('anne', `/praktik start ${ref} "Netto Nord"`, `/placement start ${ref} Bygma løntilskud`);
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', `/placement extend ${ref} 7`, `/placement followup ${ref} ok`, `/placement end ${ref} completed`);
      expect(out.match(new RegExp(`⚠ ${ref} har flere aktive forløb \\(Netto Nord, Bygma\\)\\. Angiv hvilket med company:"navn"\\.`, 'g'))).toHaveLength(3);
      expect(await databaseState(w.prisma)).toEqual(before);

      expect(await w.bot.run('anne', `/placement extend ${ref} 7 company:"netto nord" reason:"jobsamtale aftalt"`)).toContain(`Forløbet for ${ref} hos Netto Nord er forlænget til man. 14. dec.`);
      await w.bot.run('anne', `/placement end ${ref} job company:Bygma`);
      const [netto, bygma] = await placementsOf(ref);
      expect(day(netto?.plannedEndOn)).toBe('2026-12-14');
      expect(netto?.status).toBe('ACTIVE');
      expect(bygma).toMatchObject({ status: 'ENDED', endReason: 'JOB' });
      // One active left: no company: needed any more.
      expect(await w.bot.run('anne', `/placement followup ${ref} fortsæt`)).toContain(`Forløbsopfølgning for ${ref} hos Netto Nord: fortsætter.`);
    });
  });

  describe('bad input answers clearly and stores nothing', () => {
    let ref: string;
    beforeAll(async () => {
      ref = await freshCitizen();
      await w.bot.run('anne', `/praktik start ${ref} Netto`);
    });
    const cases: Array<[string, (ref: string) => string, string]> = [
      ['a missing company', (r) => `/placement start ${r}`, '⚠ Der mangler en virksomhed.'],
      ['an unknown type', (r) => `/placement start ${r} Jysk kontorjob`, '⚠ "kontorjob" er ikke en forløbstype. Vælg en af: praktik, løntilskud'],
      ['two lengths', (r) => `/placement start ${r} Jysk days:10 weeks:2`, '⚠ Angiv kun én af days:, weeks: og until:.'],
      ['zero days', (r) => `/placement start ${r} Jysk days:0`, '⚠ Antal dage skal være et tal fra 1 til 1.095, ikke "0".'],
      ['an end before the start', (r) => `/placement start ${r} Jysk from:1/12 until:2026-11-30`, '⚠ Slutdatoen skal ligge efter startdatoen.'],
      ['a bad start date', (r) => `/placement start ${r} Jysk from:snart`, '⚠ Jeg forstår ikke datoen "snart".'],
      ['bad hours', (r) => `/placement start ${r} Jysk hours:mange`, '⚠ Timetallet skal være et tal fra 1 til 60, ikke "mange".'],
      ['an unknown option', (r) => `/placement start ${r} Jysk pris:100`, '⚠ Ukendt tilvalg "pris:". Mulige: from: days: weeks: until: hours: type:'],
      ['extend without length', (r) => `/placement extend ${r}`, '⚠ Der mangler en dato eller et antal dage.'],
      ['extend to an earlier date', (r) => `/placement extend ${r} 2026-12-01`, '⚠ Den nye slutdato skal ligge efter den nuværende (man. 7. dec.).'],
      ['extend by a bad number', (r) => `/placement extend ${r} 999`, '⚠ Antal dage skal være et tal fra 1 til 365, ikke "999".'],
      ['an unknown follow-up outcome', (r) => `/placement followup ${r} måske`, '⚠ "måske" er ikke et opfølgningsresultat.'],
      ['a follow-up in the future', (r) => `/placement followup ${r} ok date:i morgen`, '⚠ En samtale kan ikke ligge i fremtiden.'],
      ['an unknown end reason', (r) => `/placement end ${r} kedede-sig`, '⚠ "kedede-sig" er ikke en afslutningsårsag.'],
      ['an unknown company', (r) => `/placement end ${r} completed company:Jysk`, 'har ingen aktiv praktik eller løntilskud.'],
      ['an unknown subcommand', (r) => `/placement pause ${r}`, 'Start, forlæng, følg op på og afslut praktik og løntilskud'],
      ['an unknown citizen', () => '/placement start Z-999 Jysk', '⚠ Jeg kan ikke finde borgeren Z-999 i dit team.'],
    ];
    it.each(cases)('%s', async (_name, line, expected) => {
      const before = await databaseState(w.prisma);
      expect(await w.bot.run('anne', line(ref))).toContain(expected);
      expect(await databaseState(w.prisma)).toEqual(before);
    });

    it('refuses a placement for a closed citizen', async () => {
      const closed = await freshCitizen();
      await w.bot.run('anne', `/citizen close ${closed} andet`);
      const before = await databaseState(w.prisma);
      expect(await w.bot.run('anne', `/placement start ${closed} Jysk`)).toContain(`⚠ ${closed} er afsluttet.`);
      expect(await databaseState(w.prisma)).toEqual(before);
    });
  });
});
