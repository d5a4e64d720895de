// /citizen add|show|set|wish|transfer|close through the console, Danish and English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState, day, openWorld, type World } from '../helpers/world.js';

describe('/citizen', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  const citizen = (ref: string) => w.prisma.citizen.findFirstOrThrow({ where: { ref } });

  describe('add', () => {
    it('adds a citizen with options to the adder\'s caseload', async () => {
      const out = await w.bot.run('anne', '/citizen add C-100 initials:AB group:udsat cadence:14');
      expect(out).toContain('C-100 er oprettet på Annes sagsstamme. Første opfølgningssamtale: man. 7. dec.');
      const c = await citizen('C-100');
      expect(c).toMatchObject({
        teamId: w.fixture.teamId,
        initials: 'AB',
        targetGroup: 'AKTIVITETSPARAT',
        cadenceDays: 14,
        caseworkerId: w.fixture.staff.anne,
        consultantId: null,
        status: 'ACTIVE',
      });
      expect(day(c.nextCheckInOn)).toBe('2026-12-07');
    });

    it('takes the Danish words, uppercases the reference and defaults to jobparat, weekly', async () => {
      const out = await w.bot.run('anne', '/borger opret c-101');
      expect(out).toContain('C-101 er oprettet på Annes sagsstamme. Første opfølgningssamtale: man. 30. nov.');
      const c = await citizen('C-101');
      expect(c).toMatchObject({ initials: null, targetGroup: 'JOBPARAT', cadenceDays: 7, caseworkerId: w.fixture.staff.anne });
      expect(day(c.nextCheckInOn)).toBe('2026-11-30');
    });

    it('lets a manager put the citizen on a caseworker\'s caseload with a consultant', async () => {
      const out = await w.bot.run('mette', '/citizen add C-102 caseworker:@bo consultant:@camilla group:ung');
      expect(out).toContain('C-102 er oprettet på Bos sagsstamme.');
      expect(await citizen('C-102')).toMatchObject({ caseworkerId: w.fixture.staff.bo, consultantId: w.fixture.staff.camilla, targetGroup: 'UDDANNELSESPARAT' });
    });

    it('puts a consultant\'s new citizen on their caseload as consultant', async () => {
      const out = await w.bot.run('camilla', '/citizen add C-103');
      expect(out).toContain('C-103 er oprettet på Camillas sagsstamme.');
      expect(await citizen('C-103')).toMatchObject({ caseworkerId: null, consultantId: w.fixture.staff.camilla });
    });

    it('answers in English for an English-speaking caseworker', async () => {
      const out = await w.bot.run('ida', '/citizen new C-104 group:job-ready');
      expect(out).toContain("C-104 is added to Ida's caseload. First check-in: Mon 30 Nov");
      expect(await citizen('C-104')).toMatchObject({ caseworkerId: w.fixture.staff.ida, targetGroup: 'JOBPARAT' });
    });

    it('refuses a reference that already exists in the team and changes nothing', async () => {
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', '/citizen add C-100 initials:XY');
      expect(out).toContain('⚠ Borgeren C-100 findes allerede i teamet.');
      expect(await databaseState(w.prisma)).toEqual(before);
      expect((await citizen('C-100')).initials).toBe('AB');
    });

    it('does not let a caseworker put a citizen on a colleague\'s caseload', async () => {
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', '/citizen add C-105 caseworker:@bo');
      expect(out).toContain('⚠ Kun ledere kan gøre det.');
      expect(await databaseState(w.prisma)).toEqual(before);
    });

    it('allows the same reference in another team', async () => {
      const out = await w.bot.run('olga', '/citizen add C-100');
      expect(out).toContain('C-100 er oprettet på Olgas sagsstamme.');
      expect(await w.prisma.citizen.count({ where: { ref: 'C-100' } })).toBe(2);
    });
  });

  describe('show', () => {
    it('shows the card with status, people, cadence, next check-in, meetings, placements and outcomes', async () => {
      await w.bot.run('mette', '/citizen add C-110 initials:KL caseworker:@anne consultant:@camilla');
      await w.bot.run('anne', '/samtale C-110 trepart i går 45m', '/praktik start C-110 Bygma', '/citizen wish C-110 Netto Bygma');
      const out = await w.bot.run('anne', '/citizen C-110');
      expect(out).toContain('== Borger C-110 (KL) ==');
      expect(out).toContain('Status: aktiv');
      expect(out).toContain('Målgruppe: jobparat');
      expect(out).toContain('Sagsbehandler: Anne (@anne)');
      expect(out).toContain('Virksomhedskonsulent: Camilla (@camilla)');
      expect(out).toContain('Kadence: hver uge');
      // 29 Nov is a Sunday: a check-in computed from the cadence moves to the next working day.
      expect(out).toContain('Næste opfølgning: man. 30. nov.');
      expect(out).toContain('Ønskevirksomheder: Netto, Bygma (2 af mindst 3)');
      expect(out).toContain('• søn. 22. nov.: trepartssamtale (@anne)');
      expect(out).toContain('• Bygma, virksomhedspraktik, man. 23. nov. – man. 7. dec. (aktiv)');
      expect(out).toContain('[Log samtale]');
    });

    it('shows the same card with /borger vis and in English for ida', async () => {
      expect(await w.bot.run('anne', '/borger vis C-110')).toContain('== Borger C-110 (KL) ==');
      await w.bot.run('ida', '/citizen add C-111 initials:MN cadence:30');
      const out = await w.bot.run('ida', '/citizen C-111');
      expect(out).toContain('== Citizen C-111 (MN) ==');
      expect(out).toContain('Target group: job-ready');
      expect(out).toContain('Cadence: every 30 days');
      expect(out).toContain('Next check-in: Wed 23 Dec');
      expect(out).toContain('No meetings yet.');
    });

    it('shows an overdue check-in as overdue', async () => {
      await w.bot.run('anne', '/citizen add C-112', '/meeting C-112 2026-11-02');
      const out = await w.bot.run('anne', '/citizen C-112');
      expect(out).toContain('Næste opfølgning: man. 9. nov. (14 dage over)');
    });

    it('reads leave an audit row and change nothing else', async () => {
      const before = await w.prisma.auditLog.count();
      const rows = await w.prisma.citizen.findMany({ orderBy: { id: 'asc' } });
      await w.bot.run('anne', '/citizen C-110');
      expect(await w.prisma.auditLog.count()).toBe(before + 1);
      expect(await w.prisma.citizen.findMany({ orderBy: { id: 'asc' } })).toEqual(rows);
    });
  });

  it.each(['Hans', 'hans', 'ab'])('refuses initials "%s" that are not capitals: a name must never be stored', async (initials) => {
    const out = await w.bot.run('anne', `/citizen add C-139 initials:${initials}`);
    expect(out).toContain(`⚠ Skriv initialer med store bogstaver (1-4), fx AB, ikke "${initials}". Navne gemmes aldrig.`);
    expect(await w.prisma.citizen.count({ where: { ref: 'C-139' } })).toBe(0);
  });

  describe('set', () => {
    it('changes initials, target group, cadence, consultant and mentor', async () => {
      await w.bot.run('anne', '/citizen add C-120');
      const out = await w.bot.run('anne', '/citizen set C-120 initials:CD group:sygedagpenge cadence:30 consultant:@camilla mentor:@bo');
      expect(out).toContain('C-120 er opdateret.');
      const c = await citizen('C-120');
      expect(c).toMatchObject({ initials: 'CD', targetGroup: 'SYGEDAGPENGE', cadenceDays: 30, consultantId: w.fixture.staff.camilla, mentorId: w.fixture.staff.bo });
      // No meeting yet: the new cadence counts from today.
      expect(day(c.nextCheckInOn)).toBe('2026-12-23');
      // The mentor may now open the card.
      expect(await w.bot.run('bo', '/citizen C-120')).toContain('Mentor: Bo (@bo)');
    });

    it('counts a new cadence from the latest meeting', async () => {
      await w.bot.run('anne', '/citizen add C-121', '/meeting C-121 20/11', '/borger ret C-121 cadence:14');
      expect(day((await citizen('C-121')).nextCheckInOn)).toBe('2026-12-04');
    });

    it('refuses a cadence out of range and an unknown option, changing nothing', async () => {
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', '/citizen set C-121 cadence:0', '/citizen set C-121 cadence:181', '/citizen set C-121 colour:blue', '/citizen set C-121');
      expect(out).toContain('⚠ Kadencen skal være et tal fra 1 til 180, ikke "0".');
      expect(out).toContain('⚠ Kadencen skal være et tal fra 1 til 180, ikke "181".');
      expect(out).toContain('⚠ Ukendt tilvalg "colour:". Mulige: initials: group: cadence: consultant: mentor:');
      expect(out).toContain('⚠ Der mangler initials: group: cadence: consultant: mentor:.');
      expect(await databaseState(w.prisma)).toEqual(before);
    });
  });

  describe('wish', () => {
    it('saves the wish-list and asks for at least three', async () => {
      await w.bot.run('anne', '/citizen add C-130');
      expect(await w.bot.run('anne', '/citizen wish C-130 Netto "Danish Crown"')).toContain("C-130's ønskevirksomheder er gemt. Borgeren bør nævne mindst 3.");
      expect((await citizen('C-130')).wishCompanies).toEqual(['Netto', 'Danish Crown']);
      const out = await w.bot.run('anne', '/borger ønsker C-130 Netto "Danish Crown" Jysk');
      expect(out).toContain("C-130's ønskevirksomheder er gemt.");
      expect(out).not.toContain('mindst 3');
      expect((await citizen('C-130')).wishCompanies).toEqual(['Netto', 'Danish Crown', 'Jysk']);
      expect(await w.bot.run('anne', '/citizen C-130')).toContain('Ønskevirksomheder: Netto, Danish Crown, Jysk');
    });

    it('refuses an empty wish-list', async () => {
      const before = await databaseState(w.prisma);
      expect(await w.bot.run('anne', '/citizen wish C-130')).toContain('⚠ Der mangler en virksomhed.');
      expect(await databaseState(w.prisma)).toEqual(before);
    });
  });

  describe('transfer', () => {
    it('moves the citizen to a colleague, records the change and takes away the old caseworker\'s access', async () => {
      await w.bot.run('anne', '/citizen add C-140');
      const out = await w.bot.run('anne', '/citizen transfer C-140 @bo');
      expect(out).toContain('C-140 er flyttet fra Anne til Bo');
      expect(out).not.toContain('Bemærk');
      const c = await citizen('C-140');
      expect(c.caseworkerId).toBe(w.fixture.staff.bo);
      const changes = await w.prisma.caseworkerChange.findMany({ where: { citizenId: c.id } });
      expect(changes).toMatchObject([{ fromStaffId: w.fixture.staff.anne, toStaffId: w.fixture.staff.bo, changedById: w.fixture.staff.anne }]);
      expect(await w.bot.run('anne', '/citizen C-140')).toContain('⚠ C-140 er ikke på din sagsstamme.');
      expect(await w.bot.run('bo', '/citizen C-140')).toContain('Sagsbehandler: Bo (@bo)');
    });

    it('warns from the second change on and counts changes on the card', async () => {
      const out = await w.bot.run('mette', '/borger flyt C-140 ida');
      expect(out).toContain('C-140 er flyttet fra Bo til Ida');
      expect(out).toContain('Bemærk: det er sagsbehandlerskifte nr. 2 for borgeren.');
      expect((await citizen('C-140')).caseworkerId).toBe(w.fixture.staff.ida);
      expect(await w.bot.run('mette', '/citizen C-140')).toContain('Sagsbehandlerskift: 2');
    });

    it('refuses unknown colleagues, other teams, consultants, the same caseworker and non-owners', async () => {
      await w.bot.run('anne', '/citizen add C-141');
      const before = await databaseState(w.prisma);
      const out = await w.bot.run(
        'anne',
        '/citizen transfer C-141 @nobody',
        '/citizen transfer C-141 @olga',
        '/citizen transfer C-141 @camilla',
        '/citizen transfer C-141 @anne',
        '/citizen transfer C-141',
      );
      expect(out).toContain('⚠ Jeg kender ingen medarbejder med @nobody.');
      expect(out).toContain('⚠ @olga er ikke i dit team.');
      expect(out).toContain('⚠ @camilla er ikke sagsbehandler/leder.');
      expect(out).toContain('⚠ C-141 har allerede Anne som sagsbehandler.');
      expect(out).toContain('⚠ Der mangler en medarbejder (@navn).');
      // A consultant on the case may not hand over the caseworker's citizen.
      await w.bot.run('mette', '/citizen set C-141 consultant:@camilla');
      const mid = await databaseState(w.prisma);
      expect(await w.bot.run('camilla', '/citizen transfer C-141 @bo')).toContain('⚠ Det har du ikke adgang til.');
      expect(await databaseState(w.prisma)).toEqual(mid);
      expect((await citizen('C-141')).caseworkerId).toBe(w.fixture.staff.anne);
      expect((before.counts as Record<string, number>).caseworkerChanges).toBe((mid.counts as Record<string, number>).caseworkerChanges);
    });
  });

  describe('close', () => {
    it('closes the case with a reason and ends its active placements', async () => {
      await w.bot.run('anne', '/citizen add C-150', '/praktik start C-150 Netto');
      const out = await w.bot.run('anne', '/citizen close C-150 fraflyttet');
      expect(out).toContain('C-150 er afsluttet (fraflyttet).');
      expect(out).toContain('1 aktivt forløb er afsluttet samtidig.');
      const c = await citizen('C-150');
      expect(c).toMatchObject({ status: 'CLOSED', closeReason: 'MOVED', nextCheckInOn: null });
      expect(c.closedAt).not.toBeNull();
      const placement = await w.prisma.placement.findFirstOrThrow({ where: { citizenId: c.id } });
      expect(placement).toMatchObject({ status: 'ENDED', endReason: 'OTHER' });
      expect(day(placement.endedOn)).toBe('2026-11-23');
      const card = await w.bot.run('anne', '/citizen C-150');
      expect(card).toContain('Status: afsluttet');
      expect(card).toContain('Afsluttet man. 23. nov.: fraflyttet');
      expect(card).not.toContain('[Log samtale]');
    });

    it('closes in English with English words', async () => {
      await w.bot.run('ida', '/citizen add C-151');
      expect(await w.bot.run('ida', '/citizen close C-151 education')).toContain('C-151 is closed (education).');
      expect(await citizen('C-151')).toMatchObject({ status: 'CLOSED', closeReason: 'EDUCATION' });
    });

    it('refuses a missing or unknown reason and a case already closed', async () => {
      await w.bot.run('anne', '/citizen add C-152');
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', '/citizen close C-152', '/citizen close C-152 kedede-sig', '/citizen close C-150 andet', '/citizen luk C-152 andet ekstra');
      expect(out).toContain('⚠ Der mangler en afslutningsårsag.');
      expect(out).toContain('⚠ "kedede-sig" er ikke en afslutningsårsag. Vælg en af: job, uddannelse, fraflyttet, pension, selvforsørgende, andet.');
      expect(out).toContain('⚠ C-150 er afsluttet.');
      expect(out).toContain('⚠ Jeg ved ikke, hvad jeg skal gøre med "ekstra".');
      expect(await databaseState(w.prisma)).toEqual(before);
    });
  });
});
