// Issue 9, "Wrong entries saved without a word": every entry is stored exactly
// as meant, or refused (nothing stored) with what to type instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAction, routeCommand } from '../../src/handlers/router.js';
import { databaseState, day, openWorld, type World } from '../helpers/world.js';

// Monday 30 November 2026: "i går" is a Sunday.
const MONDAY_30_NOV = new Date('2026-11-30T09:00:00Z');

describe('entries as meant', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld({ now: MONDAY_30_NOV });
  });
  afterAll(async () => w.db.close());

  const fresh = (options?: string) => w.freshCitizen('E', 'anne', options);
  const citizen = (ref: string) => w.prisma.citizen.findFirstOrThrow({ where: { ref }, include: { meetings: { orderBy: { createdAt: 'asc' } }, outcomes: true } });
  const placementsOf = async (ref: string) =>
    (await w.prisma.citizen.findFirstOrThrow({ where: { ref }, include: { placements: { include: { followUps: true } } } })).placements;

  /** Runs a line that must be refused: an error reply, and nothing stored. */
  async function refused(line: string): Promise<string> {
    const before = await databaseState(w.prisma);
    const out = await w.bot.run('anne', line);
    expect(out.trim().startsWith('⚠')).toBe(true);
    expect(await databaseState(w.prisma)).toEqual(before);
    return out;
  }

  describe('1. an unknown or misspelt kind is refused with the closest kinds', () => {
    it.each([
      ['trepar', 'Mente du trepart'],
      ['telfon', 'Mente du telefon'],
      ['Trepartsamtale', 'Mente du trepart'],
      ['mentorsamtale', '"mentorsamtale" er ikke en samtaletype.'],
      ['fællesmøde', '"fællesmøde" er ikke en samtaletype.'],
    ])('"%s"', async (word, expected) => {
      const ref = await fresh();
      const out = await refused(`/samtale ${ref} ${word} i dag`);
      expect(out).toContain(expected);
      expect(out).toContain('Typerne er: individuel, trepart, walk-and-talk, telefon, video, virksomhedsbesøg, netværk.');
    });

    it('answers in English for ida', async () => {
      const ref = await w.freshCitizen('E', 'ida');
      const before = await databaseState(w.prisma);
      expect(await w.bot.run('ida', `/meeting ${ref} thre-party today`)).toContain('"thre-party" is not a kind of meeting. Did you mean three-party');
      expect(await databaseState(w.prisma)).toEqual(before);
    });

    it.each([
      ['jobsamtale', 'INDIVIDUAL'],
      ['opfølgningssamtale', 'INDIVIDUAL'],
      ['videosamtale', 'VIDEO'],
      ['telefonisk', 'PHONE'],
    ])('takes the common word "%s" as a kind', async (word, kind) => {
      const ref = await fresh();
      await w.bot.run('anne', `/samtale ${ref} ${word} i dag`);
      expect((await citizen(ref)).meetings).toMatchObject([{ kind, note: null }]);
    });

    it('still reads the issue\'s example, and a note that starts with an ordinary word', async () => {
      const ref = await fresh();
      await w.bot.run('anne', `/samtale ${ref} trepart i dag 45m aftalt praktik`, `/samtale ${ref} telefon i dag ringede om cv`);
      expect((await citizen(ref)).meetings).toMatchObject([
        { kind: 'THREE_PARTY', durationMinutes: 45, note: 'aftalt praktik' },
        { kind: 'PHONE', note: 'ringede om cv' },
      ]);
    });

    it('takes a kind-like word as the note once a kind is given', async () => {
      const ref = await fresh();
      await w.bot.run('anne', `/samtale ${ref} individuel i dag mentorsamtale aftalt`);
      expect((await citizen(ref)).meetings).toMatchObject([{ kind: 'INDIVIDUAL', note: 'mentorsamtale aftalt' }]);
    });
  });

  describe('2. dates are read or refused, never saved as today', () => {
    it('refuses an unknown date word', async () => {
      const ref = await fresh();
      expect(await refused(`/samtale ${ref} telefon forleden`)).toContain('Jeg forstår ikke datoen "forleden".');
      expect(await refused(`/samtale ${ref} telefon fredga`)).toContain('Jeg forstår ikke datoen "fredga".');
    });

    it('saves "jobsamtale i går" on yesterday, with no note', async () => {
      const ref = await fresh();
      await w.bot.run('anne', `/samtale ${ref} jobsamtale i går`);
      const [m] = (await citizen(ref)).meetings;
      expect(m).toMatchObject({ kind: 'INDIVIDUAL', note: null });
      expect(day(m?.heldOn)).toBe('2026-11-29');
    });
  });

  describe('3. durations in words', () => {
    it.each([
      ['20 min', 20],
      ['45 min', 45],
      ['1,5 time', 90],
      ['1½ time', 90],
      ['1 t 30 m', 90],
      ['2 timer', 120],
    ])('"%s"', async (words, minutes) => {
      const ref = await fresh();
      await w.bot.run('anne', `/samtale ${ref} telefon i dag ${words} aftalt cv`);
      expect((await citizen(ref)).meetings).toMatchObject([{ durationMinutes: minutes, note: 'aftalt cv' }]);
    });

    it('calls a bare number neither date nor duration, and names the duration syntax', async () => {
      const ref = await fresh();
      const out = await refused(`/samtale ${ref} telefon i dag 45`);
      expect(out).toContain('"45" er hverken en dato eller en varighed. Skriv varigheden med enhed, fx 45m, 45 min, 1t30m eller 1,5 time');
      expect(out).not.toContain('Jeg forstår ikke datoen');
    });
  });

  describe('4. a back-dated meeting never moves the next check-in a newer one set', () => {
    it('keeps next:10/12 from the 27/11 meeting when a 20/11 meeting is logged', async () => {
      const ref = await fresh();
      await w.bot.run('anne', `/samtale ${ref} individuel 27/11 next:10/12`);
      expect(day((await citizen(ref)).nextCheckInOn)).toBe('2026-12-10');
      const out = await w.bot.run('anne', `/samtale ${ref} video 2026-11-20`);
      expect(out).toContain('Næste opfølgningssamtale er uændret: tor. 10. dec. (en nyere samtale har sat den).');
      expect(day((await citizen(ref)).nextCheckInOn)).toBe('2026-12-10');
      expect((await citizen(ref)).meetings).toHaveLength(2);
      // A newer meeting does move it: one cadence on.
      await w.bot.run('anne', `/samtale ${ref} telefon i dag`);
      expect(day((await citizen(ref)).nextCheckInOn)).toBe('2026-12-07');
    });
  });

  describe('5. a follow-up outcome does what it says, or says what to type', () => {
    it('"afslut" without a reason changes nothing and says what to type; with one it ends the placement', async () => {
      const ref = await fresh();
      await w.bot.run('anne', `/praktik start ${ref} Netto`);
      const out = await refused(`/praktik opfølgning ${ref} afslut`);
      expect(out).toContain(`Forløbet afsluttes først, når du skriver årsagen: /praktik opfølgning ${ref} afslut <årsag>, fx afslut gennemført.`);
      expect(out).toContain('Intet er gemt.');
      expect(await placementsOf(ref)).toMatchObject([{ status: 'ACTIVE', followUps: [] }]);

      const done = await w.bot.run('anne', `/praktik opfølgning ${ref} afslut gennemført god afslutning`);
      expect(done).toContain(`Forløbet for ${ref} hos Netto er afsluttet (gennemført).`);
      const [p] = await placementsOf(ref);
      expect(p).toMatchObject({ status: 'ENDED', endReason: 'COMPLETED', followUps: [{ outcome: 'END', note: 'god afslutning' }] });
      expect(day(p?.endedOn)).toBe('2026-11-30');
    });

    it('"forlæng" without a new end changes nothing; with days, a date or until: it extends', async () => {
      // Aktivitetsparat: an internship may run 13 weeks (the rules table).
      const ref = await fresh('group:aktivitetsparat');
      await w.bot.run('anne', `/praktik start ${ref} Netto`);
      expect(await refused(`/praktik opfølgning ${ref} forlæng godt forløb`)).toContain(`/praktik opfølgning ${ref} forlæng 14 eller forlæng 2027-01-15`);
      const out = await w.bot.run('anne', `/praktik opfølgning ${ref} forlæng 14 jobperspektiv`);
      // Planned end Mon 14 Dec (13 Dec is a Sunday) + 14 days.
      expect(out).toContain(`Forløbet for ${ref} hos Netto er forlænget til man. 28. dec.`);
      let [p] = await placementsOf(ref);
      expect(day(p?.plannedEndOn)).toBe('2026-12-28');
      expect(p?.followUps).toMatchObject([{ outcome: 'EXTEND', note: 'jobperspektiv' }]);
      await w.bot.run('anne', `/praktik opfølgning ${ref} forlæng until:2027-01-08 kontrakt på vej`);
      [p] = await placementsOf(ref);
      expect(day(p?.plannedEndOn)).toBe('2027-01-08');
    });

    it('/praktik forlæng takes until: (and shows the year of a date in another year)', async () => {
      const ref = await fresh('group:aktivitetsparat');
      await w.bot.run('anne', `/praktik start ${ref} Netto`);
      const out = await w.bot.run('anne', `/praktik forlæng ${ref} until:2027-01-08 "kontrakt på vej"`);
      expect(out).toContain(`Forløbet for ${ref} hos Netto er forlænget til fre. 8. jan. 2027`);
      expect(day((await placementsOf(ref))[0]?.plannedEndOn)).toBe('2027-01-08');
    });
  });

  describe('6. a likely duplicate is asked about before it is saved', () => {
    it('asks before a second meeting of the same kind the same day; `igen` logs it', async () => {
      const ref = await fresh();
      await w.bot.run('anne', `/samtale ${ref} telefon i dag`);
      const out = await w.bot.run('anne', `/samtale ${ref} telefon i dag`);
      expect(out).toContain(`Telefonsamtale med ${ref} er allerede logget i dag – log igen? Tryk "Log igen" eller skriv: /samtale ${ref} igen telefon i dag`);
      expect(out).toContain('[Log igen]');
      expect((await citizen(ref)).meetings).toHaveLength(1);
      // Another kind the same day is no duplicate.
      await w.bot.run('anne', `/samtale ${ref} video i dag`);
      expect((await citizen(ref)).meetings).toHaveLength(2);
      await w.bot.run('anne', `/samtale ${ref} igen telefon i dag`);
      expect((await citizen(ref)).meetings.map((m) => m.kind)).toEqual(['PHONE', 'VIDEO', 'PHONE']);
    });

    it('logs it again when the button is pressed', async () => {
      const ref = await fresh();
      const deps = w.bot.deps;
      const actor = await w.actor('anne');
      await routeCommand(deps, { text: `/samtale ${ref} trepart i går "aftalt praktik"`, actor, channel: 'CONSOLE' });
      const asked = await routeCommand(deps, { text: `/samtale ${ref} trepart i går "aftalt praktik"`, actor, channel: 'CONSOLE' });
      const button = asked.reply.blocks.flatMap((b) => (b.type === 'actions' ? b.actions : []))[0];
      expect(button).toMatchObject({ id: 'entry.again', label: 'Log igen' });
      expect((await citizen(ref)).meetings).toHaveLength(1);
      const pressed = await routeAction(deps, { actionId: button!.id, value: button!.value, actor, channel: 'CONSOLE' });
      expect(pressed.reply.status).toBe('ok');
      expect((await citizen(ref)).meetings).toMatchObject([{ note: 'aftalt praktik' }, { note: 'aftalt praktik' }]);
      // A button value carrying a CPR number is refused like typed text.
      const forged = await routeAction(deps, { actionId: 'entry.again', value: JSON.stringify({ command: 'meeting', args: [ref, '010190-1234'] }), actor, channel: 'CONSOLE' });
      expect(forged.reply.status).toBe('error');
      expect((await citizen(ref)).meetings).toHaveLength(2);
    });

    it('asks before the same result twice in a month (two marbles); `igen` records it', async () => {
      const ref = await fresh();
      const first = await w.bot.run('anne', `/resultat ${ref} timer hours:10`);
      expect(first).toContain('[#');
      expect(first).toContain('🫙 Kuglerne i glasset'); // a jar of marbles, not a crystal ball
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', `/resultat ${ref} timer hours:10`);
      expect(out).toContain(`Ordinære timer for ${ref} er allerede registreret i dag – registrér igen?`);
      expect(out).toContain(`/resultat ${ref} igen timer hours:10`);
      expect(out).not.toContain('[#');
      const after = await databaseState(w.prisma);
      expect((after.counts as Record<string, number>).outcomes).toBe((before.counts as Record<string, number>).outcomes);
      expect((after.counts as Record<string, number>).deliveries).toBe((before.counts as Record<string, number>).deliveries);
      expect(await w.bot.run('anne', `/resultat ${ref} igen timer hours:10`)).toContain('[#');
      expect((await citizen(ref)).outcomes).toHaveLength(2);
    });
  });

  describe('7. a replaced target says what it replaces', () => {
    it('/måltal jobs 5 over 4', async () => {
      await w.bot.run('mette', '/måltal jobs 4');
      expect(await w.bot.run('mette', '/måltal jobs 5')).toContain('Målet for jobresultater i november 2026 er sat til 5 (erstatter 4).');
      expect(await w.bot.run('mette', '/måltal jobs 5')).not.toContain('erstatter');
    });
  });

  describe('8. weekends and holidays', () => {
    it('keeps a typed Sunday but says so', async () => {
      const ref = await fresh();
      const out = await w.bot.run('anne', `/samtale ${ref} telefon i går`);
      expect(out).toContain('Bemærk: søn. 29. nov. er en søndag, ikke en arbejdsdag. Datoen er gemt, som du skrev den.');
      expect(day((await citizen(ref)).meetings[0]?.heldOn)).toBe('2026-11-29');
    });

    it('keeps a typed holiday as next: but names it', async () => {
      const ref = await fresh();
      const out = await w.bot.run('anne', `/samtale ${ref} telefon i dag next:25/12`);
      expect(out).toContain('Bemærk: fre. 25. dec. er Juledag, ikke en arbejdsdag.');
      expect(day((await citizen(ref)).nextCheckInOn)).toBe('2026-12-25');
    });

    it('moves a computed check-in off Christmas to the next working day', async () => {
      const ref = await fresh('cadence:25');
      // 30 Nov + 25 days = Friday 25 December; 26 and 27 are days off too.
      expect(day((await citizen(ref)).nextCheckInOn)).toBe('2026-12-28');
      const out = await w.bot.run('anne', `/samtale ${ref} telefon i dag`);
      expect(out).toContain('Næste opfølgningssamtale: man. 28. dec.');
      expect(day((await citizen(ref)).nextCheckInOn)).toBe('2026-12-28');
    });

    it('moves a computed planned end to a working day, keeps a typed one', async () => {
      const ref = await fresh();
      const out = await w.bot.run('anne', `/praktik start ${ref} Netto`, `/praktik start ${ref} Bygma until:2026-12-20`);
      expect(out).toContain('planlagt slut: man. 14. dec.');
      expect(out).toContain('Bemærk: søn. 20. dec. er en søndag');
      const ends = (await placementsOf(ref)).map((p) => day(p.plannedEndOn)).sort();
      expect(ends).toEqual(['2026-12-14', '2026-12-20']);
    });

    it('names the year of a planned end in another year', async () => {
      const ref = await fresh();
      expect(await w.bot.run('anne', `/praktik start ${ref} Netto voksenlærling`)).toContain('planlagt slut: man. 29. nov. 2027');
    });
  });
});
