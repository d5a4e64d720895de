// Every plain-chat answer through the console channel, against a real database.
// Monday 23 November 2026 (ISO week 48). Team Vest: mette (manager), anne, bo,
// ida (caseworkers, ida in English), camilla (consultant); team Øst: olga.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/domain/local-date.js';
import { createTeamFixture, MONDAY, type TeamFixture } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { askDriver, type AskDriver } from './ask-driver.js';

describe('plain-chat questions in the console', () => {
  let db: Database;
  let bot: AskDriver;
  let f: TeamFixture;
  const d = (s: string) => toDbDate(s);

  beforeAll(async () => {
    db = await createTestDatabase();
    f = await createTeamFixture(db.prisma);
    bot = await askDriver(db, MONDAY);
    const p = db.prisma;
    const citizen = (ref: string, caseworker: string, next: string, extra: Record<string, unknown> = {}) =>
      p.citizen.create({ data: { teamId: f.teamId, ref, caseworkerId: caseworker, nextCheckInOn: d(next), createdAt: new Date('2026-08-03T08:00:00Z'), ...extra } });
    const { anne, bo, camilla, ida, olga, mette } = f.staff;
    await citizen('C-1', anne, '2026-11-16', { initials: 'AB' });
    await citizen('C-2', anne, '2026-11-25');
    const c3 = await citizen('C-3', anne, '2026-11-20', { consultantId: camilla });
    await citizen('C-4', bo, '2026-11-10');
    const c5 = await citizen('C-5', anne, '2026-12-01');
    await p.citizen.create({ data: { teamId: f.otherTeamId, ref: 'C-900', caseworkerId: olga, nextCheckInOn: d('2026-11-01') } });
    for (let i = 1; i <= 18; i++) await citizen(`E-${100 + i}`, ida, `2026-11-${String(i).padStart(2, '0')}`);

    await p.meeting.create({ data: { citizenId: c3.id, kind: 'THREE_PARTY', heldOn: d('2026-09-28'), loggedById: anne, source: 'CONSOLE' } });
    await p.meeting.create({ data: { citizenId: c3.id, kind: 'INDIVIDUAL', heldOn: d('2026-11-13'), loggedById: anne, source: 'CONSOLE' } });
    const placement = await p.placement.create({
      data: { citizenId: c3.id, consultantId: camilla, company: 'Netto Nord', type: 'INTERNSHIP', startOn: d('2026-10-01'), plannedEndOn: d('2026-12-14'), createdById: camilla, source: 'CONSOLE' },
    });
    await p.placementFollowUp.create({ data: { placementId: placement.id, heldOn: d('2026-10-15'), outcome: 'EXTEND', loggedById: camilla, source: 'CONSOLE' } });
    await p.placement.create({
      data: { citizenId: (await p.citizen.findFirstOrThrow({ where: { ref: 'C-4' } })).id, company: 'Bager Hansen', type: 'WAGE_SUBSIDY_PRIVATE', startOn: d('2026-11-02'), plannedEndOn: d('2027-04-30'), createdById: bo, source: 'CONSOLE' },
    });
    await p.caseworkerChange.create({ data: { citizenId: c3.id, fromStaffId: bo, toStaffId: anne, changedById: mette, changedAt: new Date('2026-09-01T09:00:00Z') } });
    await p.outcome.create({ data: { citizenId: c5.id, teamId: f.teamId, kind: 'ORDINARY_JOB', occurredOn: d('2026-11-10'), loggedById: anne, caseworkerId: anne, source: 'CONSOLE' } });
    await p.monthlyTarget.create({ data: { teamId: f.teamId, metric: 'PLACEMENT_STARTS', month: d('2026-11-01'), target: 5, setById: mette } });
  });
  afterAll(async () => db.close());

  const audits = (action: string) => db.prisma.auditLog.findMany({ where: { action } });

  it('answers "hvem mangler opfølgning?" with the own overdue check-ins and follow-ups, oldest first', async () => {
    const out = await bot.run('anne', 'hvem mangler opfølgning?');
    expect(out).toContain('Overskredne opfølgninger for dig');
    expect(out.indexOf('C-1: 7 dage over')).toBeGreaterThan(-1);
    expect(out.indexOf('C-1: 7 dage over')).toBeLessThan(out.indexOf('C-3: 3 dage over'));
    expect(out).toContain('C-3, Netto Nord: 9 dage over');
    expect(out).not.toContain('C-4');
    expect(out).not.toContain('C-900');
    expect((await audits('ask.overdue')).filter((a) => a.citizenId === null)).toHaveLength(1);
    // One row per citizen listed, so "who saw C-1?" finds anne.
    const c1 = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-1' } });
    expect((await audits('ask.overdue')).filter((a) => a.citizenId === c1.id)).toHaveLength(1);
  });

  it('narrows to a period ("uge 47", "uge 46")', async () => {
    const week47 = await bot.run('anne', 'hvem mangler opfølgning i uge 47?');
    expect(week47).toContain('i uge 47');
    expect(week47).toContain('C-1');
    // Week 46 (9-15 Nov): only the placement follow-up due 14 Nov, not C-1 (due 16 Nov).
    const week46 = await bot.run('anne', 'hvem mangler opfølgning i uge 46?');
    expect(week46).toContain('C-3, Netto Nord');
    expect(week46).not.toContain('C-1:');
    expect(await bot.run('anne', 'hvem mangler opfølgning i uge 40?')).toContain('Ingen overskredne opfølgninger');
  });

  it('answers in the asker\'s language and cuts long lists with "and N more"', async () => {
    const out = await bot.run('ida', 'who is overdue?');
    expect(out).toContain('Overdue follow-ups for you');
    expect(out).toContain('… and 3 more: see the full list on your App Home');
    expect(out.match(/• E-/g)).toHaveLength(15);
  });

  it('answers "hvem skal jeg følge op på i denne uge?" with what is still ahead', async () => {
    const out = await bot.run('anne', 'hvem skal jeg følge op på i denne uge?');
    expect(out).toContain('C-2');
    expect(out).not.toContain('C-5');
    expect(out).toContain('Desuden 3 overskredne');
  });

  it('answers "hvor mange er i praktik?" by type, ending soonest first', async () => {
    const out = await bot.run('anne', 'hvor mange er i praktik?');
    expect(out).toContain('1 borger er i et forløb');
    expect(out).toContain('C-3: Netto Nord, virksomhedspraktik, slutter');
    expect(out).not.toContain('Bager Hansen');
    const team = await bot.run('mette', 'how many are in an internship?');
    expect(team.indexOf('Netto Nord')).toBeLessThan(team.indexOf('Bager Hansen'));
  });

  it('answers "hvordan ser min sagsstamme ud?" with the /caseload answer, plus activity for a period', async () => {
    const out = await bot.run('anne', 'hvordan ser min sagsstamme ud?');
    expect(out).toContain('Sagsstamme: Anne (@anne)');
    const period = await bot.run('anne', 'min sagsstamme i uge 46');
    expect(period).toContain('Aktivitet i uge 46');
    expect(period).toContain('Samtaler holdt: 1');
  });

  it('narrows the caseload lists to the period asked about, and says the figures are today\'s', async () => {
    // Without a period: everything overdue now, the Netto follow-up (due 14 Nov, week 46) included.
    const now = await bot.run('anne', 'min sagsstamme');
    expect(now).toContain('Overskredne:\n  • C-1: 7 dage over');
    expect(now).toContain('C-3, Netto Nord: lør. 14. nov.');
    // Week 47 (16-22 Nov): the check-ins due then, not the follow-up due in week 46 nor C-2 (due 25 Nov).
    const week47 = await bot.run('anne', 'min sagsstamme i uge 47');
    expect(week47).toContain('Aktive borgere: 4');
    expect(week47).toContain('(Tallene ovenfor er status i dag, man. 23. nov.)');
    expect(week47).toContain('== Frister i uge 47 (man. 16. nov. – søn. 22. nov.) ==\n  • C-1: opfølgning man. 16. nov., 7 dage over\n  • C-3: opfølgning fre. 20. nov., 3 dage over\n');
    expect(week47).not.toContain('Netto Nord');
    expect(week47).not.toContain('C-2');
    expect(week47).not.toContain('Overskredne:');
    expect(week47).toContain('Aktivitet i uge 47');
    // Week 46: only the placement follow-up; next week: what is coming.
    const week46 = await bot.run('anne', 'min sagsstamme i uge 46');
    expect(week46).toContain('C-3, Netto Nord: forløbsopfølgning lør. 14. nov., 9 dage over');
    expect(week46).not.toContain('C-1:');
    expect(await bot.run('anne', 'min sagsstamme i uge 49')).toContain('C-5: opfølgning tir. 1. dec.');
    expect(await bot.run('anne', 'min sagsstamme i uge 40')).toContain('Ingen åbne frister i uge 40');
    // ida reads it in English.
    const ida = await bot.run('ida', 'my caseload last week');
    expect(ida).toContain('The figures above are as of today');
    expect(ida).toContain('Due in week 47');
    expect(ida).toContain('E-116: check-in Mon 16 Nov, 7 days overdue');
    expect(ida).not.toContain('E-115');
    // The team overview keeps to counts: today's figures, labelled, and the activity in the period.
    const team = await bot.run('mette', 'hvordan går det for os i denne måned');
    expect(team).toContain('Sagsstamme: team Vest');
    expect(team).toContain('(Tallene ovenfor er status i dag, man. 23. nov.)');
    expect(team).toContain('Aktivitet i november 2026');
    expect(team).not.toMatch(/[CE]-\d/);
  });

  it('shows a citizen timeline for "C-3" and "hvad skete der med C-3?", in date order, audit-logged', async () => {
    const out = await bot.run('anne', 'C-3');
    expect(out).toContain('Tidslinje for C-3');
    const order = ['oprettet i jobbot', 'skift af sagsbehandler: @bo → @anne', 'trepartssamtale (@anne)', 'virksomhedspraktik starter hos Netto Nord', 'opfølgning hos Netto Nord: forlænges', 'individuel samtale (@anne)'];
    const positions = order.map((s) => out.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const c3 = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-3' } });
    expect((await audits('citizen.timeline')).map((a) => a.citizenId)).toContain(c3.id);
    expect(await bot.run('anne', 'hvad skete der med C-3?')).toContain('Tidslinje for C-3');
  });

  it('keeps the access rules: not another caseworker\'s citizen, nothing across teams', async () => {
    expect(await bot.run('bo', 'C-1')).toContain('C-1 er ikke på din sagsstamme');
    expect(await bot.run('anne', 'hvad skete der med C-900?')).toContain('Jeg kan ikke finde borgeren C-900');
    expect(await bot.run('mette', 'C-900')).toContain('Jeg kan ikke finde borgeren C-900');
    expect(await bot.run('anne', 'hvem har flest overskredne?')).toContain('Kun ledere kan gøre det.');
    expect(await bot.run('anne', 'Bos sager')).toContain('Kun ledere kan gøre det.');
    expect(await bot.run('mette', 'Olgas sager')).toContain('Jeg kender ingen kollega, der hedder "olga"');
  });

  it('answers the manager: team overview, overdue ranking, a colleague\'s caseload, target progress', async () => {
    expect(await bot.run('mette', 'hvordan går det i teamet?')).toContain('Sagsstamme: team Vest');
    const ranking = await bot.run('mette', 'hvem har flest overskredne?');
    expect(ranking).toContain('Overskredne opfølgninger pr. medarbejder');
    const ida = ranking.indexOf('@ida: 18 overskredne opfølgninger');
    const anne = ranking.indexOf('@anne: 2 overskredne opfølgninger');
    const bo = ranking.indexOf('@bo: 1 overskreden opfølgning\n');
    const camilla = ranking.indexOf('@camilla: 1 overskreden forløbsopfølgning\n');
    expect([ida, anne, bo, camilla].every((p) => p >= 0)).toBe(true);
    expect(ida < anne && anne < bo && bo < camilla).toBe(true);
    expect(await bot.run('mette', 'Annes sager')).toContain('Sagsstamme: Anne (@anne)');
    // "caseload …" and "sager …" are commands; a question starts with another word.
    expect(await bot.run('mette', 'vis caseload for @bo')).toContain('Sagsstamme: Bo (@bo)');
    const targets = await bot.run('mette', 'hvor langt er vi med målene?');
    expect(targets).toContain('Mål for november 2026');
    expect(targets).toContain('praktikstarter: 1 af 5');
    expect(await bot.run('mette', 'hvor langt var vi med målene i oktober?')).toContain('Der er ingen mål for oktober 2026');
  });

  it('"hvem har vi glemt at følge op på?": overdue; the team for the manager, their own for anyone else', async () => {
    const anne = await bot.run('anne', 'hvem har vi glemt at følge op på?');
    expect(anne).not.toContain('Kun ledere');
    expect(anne).toContain('Overskredne opfølgninger for dig');
    expect(anne).toContain('C-1: 7 dage over');
    expect(anne).toContain('C-3, Netto Nord: 9 dage over');
    expect(anne).not.toContain('C-4');
    expect(anne).not.toMatch(/E-1\d\d/);
    expect(anne).toContain('Svaret gælder dine egne borgere: hele teamets tal kan kun lederen se.');
    const mette = await bot.run('mette', 'hvem har vi glemt at følge op på?');
    expect(mette).toContain('Overskredne opfølgninger for team Vest');
    expect(mette).toContain('C-4: 13 dage over');
    expect(mette).not.toContain('kun lederen');
    // The same for the other questions about "vi" and "teamet".
    const team = await bot.run('anne', 'hvordan går det i teamet?');
    expect(team).toContain('Sagsstamme: Anne (@anne)');
    expect(team).toContain('kun lederen se');
    expect(await bot.run('ida', 'who have we forgotten?')).toContain("only the manager sees the whole team's figures");
    expect(await bot.run('anne', 'praktikker i teamet')).not.toContain('Bager Hansen');
  });

  it('answers results in a period', async () => {
    const out = await bot.run('anne', 'hvor mange er kommet i job i denne måned?');
    expect(out).toContain('1 borger er kommet videre');
    expect(out).toContain('C-5, ordinært job');
    expect(await bot.run('anne', 'resultater sidste måned')).toContain('Ingen resultater i oktober 2026');
  });

  it('never guesses a write: names the command and changes nothing', async () => {
    const before = await db.prisma.meeting.count();
    const out = await bot.run('anne', 'log møde med C-1 i dag');
    expect(out).toContain('Jeg ændrer kun noget, når du bruger en kommando');
    expect(out).toContain('/samtale');
    expect(await db.prisma.meeting.count()).toBe(before);
  });

  it('says so when it does not understand, with three suggestions', async () => {
    const out = await bot.run('anne', 'bananer og æbler');
    expect(out).toContain('Det forstod jeg ikke helt. Prøv fx:');
    expect(out.match(/^ {2}• /gm)).toHaveLength(3);
    expect(out).toContain('hvem mangler opfølgning?');
    expect(out).not.toContain('hvem har flest overskredne?');
    // A mistyped command word still gets the command suggestions.
    expect(await bot.run('anne', 'xyzzy')).toContain('Jeg kender ikke kommandoen "xyzzy"');
    expect(await bot.run('anne', 'jobot hjælp mig')).toContain('/jobbot');
    // A misspelt question word is understood, not sent to the command list.
    expect(await bot.run('anne', 'caseloda')).toContain('Sagsstamme: Anne');
  });

  it('explains what it can answer on "hvad kan du?"', async () => {
    const out = await bot.run('anne', 'hvad kan du?');
    expect(out).toContain('Du kan også bare spørge, fx');
    expect(out).not.toContain('Annes sager');
    expect(await bot.run('mette', 'hvad kan du?')).toContain('Annes sager');
  });

  it('never writes CPR-like text anywhere: the router refuses it first', async () => {
    const out = await bot.run('anne', 'hvad skete der med 010190-1234?');
    expect(out).toContain('CPR');
    expect(out).not.toContain('010190');
  });
});
