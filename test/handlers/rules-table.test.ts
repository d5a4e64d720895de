// The rules table in use (issue 13): target groups, limits per group, extensions with a reason,
// the follow-up rhythm, and a rule set that takes effect on its date.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_RULE_SETS } from '../../src/domain/rules/shipped-rules.js';
import { useRuleSets, useShippedRules } from '../../src/domain/rules/rules.js';
import { databaseState, day, openWorld, type World } from '../helpers/world.js';

describe('the rules table', () => {
  let w: World;
  let now = new Date('2026-11-23T08:00:00Z');
  beforeAll(async () => {
    w = await openWorld({ now: () => now });
  });
  afterAll(async () => w.db.close());
  afterEach(() => {
    useShippedRules();
    now = new Date('2026-11-23T08:00:00Z');
  });

  const citizen = (ref: string) => w.prisma.citizen.findFirst({ where: { ref }, include: { placements: { orderBy: { createdAt: 'asc' } } } });

  describe('target groups', () => {
    it.each([
      ['dagpenge', 'DAGPENGE'],
      ['ledighedsydelse', 'LEDIGHEDSYDELSE'],
      ['fleksjob', 'FLEKSJOB'],
      ['jobafklaring', 'JOBAFKLARING'],
      ['integration', 'INTEGRATION'],
      ['unemployment-benefit', 'DAGPENGE'],
    ])('takes group:%s', async (word, group) => {
      const ref = await w.freshCitizen('G', 'anne', `group:${word}`);
      expect((await citizen(ref))?.targetGroup).toBe(group);
    });

    it('refuses a new ressourceforløb citizen with the law, and changes nothing', async () => {
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', '/borger opret R-1 group:ressourceforløb');
      expect(out).toContain('⚠ Målgruppen ressourceforløb er lukket for nye borgere (Lov nr. 1750 af 29/12/2025');
      expect(await databaseState(w.prisma)).toEqual(before);
      const moved = await w.freshCitizen('G');
      expect(await w.bot.run('anne', `/citizen set ${moved} group:ressource`)).toContain('lukket for nye borgere');
      expect((await citizen(moved))?.targetGroup).toBe('JOBPARAT');
    });

    it('switches on the rule set\'s date: ressourceforløb is open on 31 January 2026 and closed from 1 February', async () => {
      now = new Date('2026-01-30T09:00:00Z');
      expect(await w.bot.run('anne', '/borger opret R-2026 group:ressourceforløb')).not.toContain('⚠');
      now = new Date('2026-02-02T09:00:00Z');
      expect(await w.bot.run('anne', '/borger opret R-2027 group:ressourceforløb')).toContain('lukket for nye borgere');
      expect(await citizen('R-2026')).toMatchObject({ targetGroup: 'RESSOURCEFORLOEB' });
      expect(await citizen('R-2027')).toBeNull();
    });

    it('gives sickness-benefit citizens the four-weekly cadence and names the exemption', async () => {
      const out = await w.bot.run('anne', '/borger opret S-1 group:sygedagpenge');
      expect(out).toContain('undtaget fra kommunal opfølgning');
      const c = await citizen('S-1');
      expect(c?.cadenceDays).toBe(28);
      expect(day(c?.nextCheckInOn ?? undefined)).toBe('2026-12-21');
      // A typed cadence still wins.
      await w.bot.run('anne', '/borger opret S-2 group:sygedagpenge cadence:14');
      expect((await citizen('S-2'))?.cadenceDays).toBe(14);
    });
  });

  describe('placement limits', () => {
    it('refuses a 26-week internship for a job-ready citizen with the rule and its source', async () => {
      const ref = await w.freshCitizen('L');
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', `/praktik start ${ref} Netto weeks:26`);
      expect(out).toContain('⚠ En virksomhedspraktik for en borger i målgruppen jobparat må højst vare 4 uger, dvs. til og med man. 21. dec.');
      expect(out).toContain('Lov om en aktiv beskæftigelsesindsats');
      expect(await databaseState(w.prisma)).toEqual(before);
    });

    it('allows 13 weeks of internship for an activity-ready citizen, not 14', async () => {
      const ref = await w.freshCitizen('L', 'anne', 'group:aktivitetsparat');
      expect(await w.bot.run('anne', `/praktik start ${ref} Netto weeks:14`)).toContain('højst vare 13 uger');
      expect(await w.bot.run('anne', `/praktik start ${ref} Netto weeks:13`)).not.toContain('⚠');
      expect(day((await citizen(ref))?.placements[0]?.plannedEndOn)).toBe('2027-02-22');
    });

    it('refuses a 52-week public wage subsidy and caps its default at 4 months for dagpenge', async () => {
      const ref = await w.freshCitizen('L', 'anne', 'group:dagpenge');
      expect(await w.bot.run('anne', `/placement start ${ref} Kommunen løntilskud-offentlig weeks:52`)).toContain('højst vare 4 måneder');
      expect(await w.bot.run('anne', `/placement start ${ref} Kommunen løntilskud-offentlig`)).not.toContain('⚠');
      // 23 November + 4 months - 1 day is Monday 22 March 2027.
      expect(day((await citizen(ref))?.placements[0]?.plannedEndOn)).toBe('2027-03-22');
    });

    it('refuses /praktik forlæng 200 on a 14-day internship, with or without a reason', async () => {
      const ref = await w.freshCitizen('L');
      await w.bot.run('anne', `/praktik start ${ref} Netto`);
      const before = await databaseState(w.prisma);
      expect(await w.bot.run('anne', `/praktik forlæng ${ref} 200`)).toContain('⚠ En virksomhedspraktik forlænges kun med et reelt jobperspektiv');
      expect(await w.bot.run('anne', `/praktik forlæng ${ref} 200 "tilbud om 10 timer"`)).toContain('højst vare 4 uger');
      expect(await databaseState(w.prisma)).toEqual(before);
    });

    it('takes the reason of a follow-up\'s forlæng from its note, and refuses without one', async () => {
      const ref = await w.freshCitizen('L');
      await w.bot.run('anne', `/praktik start ${ref} Netto`);
      expect(await w.bot.run('anne', `/praktik opfølgning ${ref} forlæng 7`)).toContain('forlænges kun med et reelt jobperspektiv');
      expect(await w.bot.run('anne', `/praktik opfølgning ${ref} forlæng 7 tilbud om fastansættelse`)).toContain('Begrundelse: tilbud om fastansættelse');
      expect((await citizen(ref))?.placements[0]).toMatchObject({ extensionReason: 'tilbud om fastansættelse' });
    });

    it('shows the reason of an extension on the citizen card and the timeline', async () => {
      const ref = await w.freshCitizen('L');
      await w.bot.run('anne', `/praktik start ${ref} Netto`, `/praktik forlæng ${ref} 7 "tilbud om 10 timer"`);
      expect(await w.bot.run('anne', `/borger ${ref}`)).toContain('Netto, virksomhedspraktik, man. 23. nov. – man. 14. dec. (aktiv) · Begrundelse: tilbud om 10 timer');
      expect(await w.bot.run('anne', `hvad skete der med ${ref}?`)).toContain('Forløbet hos Netto forlænges til man. 14. dec. – begrundelse: tilbud om 10 timer');
    });

    it('stores a placement over the maximum with a warning where the rules say warn', async () => {
      const warn = SHIPPED_RULE_SETS.map((set) => ({
        ...set,
        placementTypes: { ...set.placementTypes, INTERNSHIP: { ...set.placementTypes.INTERNSHIP, limits: set.placementTypes.INTERNSHIP.limits.map((l) => ({ ...l, onExceed: 'warn' as const })) } },
      }));
      expect(useRuleSets(warn)).toEqual({ ok: true });
      const ref = await w.freshCitizen('L');
      const out = await w.bot.run('anne', `/praktik start ${ref} Netto weeks:8`);
      expect(out).toContain('starter virksomhedspraktik hos Netto');
      expect(out).toContain('⚠ Bemærk: en virksomhedspraktik for en borger i målgruppen jobparat må efter reglerne højst vare 4 uger');
      expect((await citizen(ref))?.placements).toHaveLength(1);
      // The team's manager gets a direct message through the outbox; the audit log has the warning.
      const dms = await w.prisma.delivery.findMany({ where: { kind: 'placement-limit', recipientId: w.fixture.staff.mette } });
      expect(dms).toHaveLength(1);
      expect(JSON.stringify(dms[0]?.payload)).toContain(`@anne har registreret en virksomhedspraktik for ${ref} til man. 18. jan. 2027, ud over den længste varighed i reglerne.`);
      expect(await w.prisma.auditLog.count({ where: { action: 'placement.limit.warning' } })).toBe(1);
    });

    it('refuses a correction of the end past the maximum, and lets a new company name through', async () => {
      const ref = await w.freshCitizen('L');
      await w.bot.run('anne', `/praktik start ${ref} Netto`);
      const before = await databaseState(w.prisma);
      expect(await w.bot.run('anne', `/placement edit ${ref} until:2027-03-01`)).toContain('højst vare 4 uger');
      expect(await databaseState(w.prisma)).toEqual(before);
      // A public wage subsidy for a jobparat citizen may run 4 months (LAB § 68, nr. 1).
      expect(await w.bot.run('anne', `/placement edit ${ref} type:løntilskud-offentlig until:2027-03-01`)).not.toContain('⚠');
      expect(day((await citizen(ref))?.placements[0]?.plannedEndOn)).toBe('2027-03-01');
    });

    it('answers in English', async () => {
      const ref = await w.freshCitizen('L', 'ida');
      expect(await w.bot.run('ida', `/placement start ${ref} Lidl weeks:8`)).toContain('An internship for a citizen in the target group job-ready may last at most 4 weeks');
    });
  });

  describe('follow-up rhythm', () => {
    it('puts the first follow-up of an internship a week in, and of a wage subsidy a month in', async () => {
      const ref = await w.freshCitizen('F', 'anne', 'group:aktivitetsparat');
      expect(await w.bot.run('anne', `/praktik start ${ref} Netto`)).toContain('Første forløbsopfølgning senest man. 30. nov.');
      expect(await w.bot.run('anne', `/praktik start ${ref} Bygma løntilskud`)).toContain('Første forløbsopfølgning senest ons. 23. dec.');
      // After the first follow-up, monthly.
      expect(await w.bot.run('anne', `/praktik opfølgning ${ref} ok company:Netto`)).toContain('Næste forløbsopfølgning senest ons. 23. dec.');
    });
  });

  describe('/jobbot rules show', () => {
    it('lists the rules in force with their sources, for a caseworker too', async () => {
      const out = await w.bot.run('anne', '/jobbot regler vis');
      expect(out).toContain('Regler i kraft: Beskæftigelsesreformen, første fase (fra søn. 1. feb.)');
      expect(out).toContain('• ressourceforløb: hver 7 dage – lukket for nye borgere');
      expect(out).toContain('lukket for nye borgere – Lov nr. 1750 af 29/12/2025');
      expect(out).toContain('• sygedagpenge: hver 28 dage');
      expect(out).toContain('• virksomhedspraktik: 14 dage som standard · første opfølgning efter 7 dage, derefter hver 30 dage · forlængelse kræver begrundelse');
      expect(out).toContain('   – dagpenge, jobparat: højst 4 uger – Lov om en aktiv beskæftigelsesindsats');
      expect(out).toContain('   – dagpenge, jobparat, uddannelsesparat: højst 4 måneder');
      expect(out).toContain('Sagsstammenorm: sagsbehandler 40-50, virksomhedskonsulent 30-35');
    });

    it('names the next rule set before its date, and speaks English', async () => {
      now = new Date('2026-01-15T09:00:00Z');
      const out = await w.bot.run('ida', '/jobbot rules show');
      expect(out).toContain('Rules in force: LAB 2020 og seedenes praksis');
      expect(out).toContain('Next rule set: Beskæftigelsesreformen, første fase from Sun 1 Feb');
      expect(out).not.toContain('closed to new citizens');
    });
  });
});
