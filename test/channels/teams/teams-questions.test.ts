// Every plain-chat answer (issue 6) through the Teams channel: the real
// /api/messages endpoint (TEAMS_AUTH=off), a real database and the fake Bot
// Connector. The same world as test/ask/questions-console.test.ts: Monday
// 23 November 2026 (ISO week 48). Team Vest: mette (manager), anne, bo, ida
// (caseworkers, ida in English), camilla (consultant); team Øst: olga.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toDbDate } from '../../../src/domain/local-date.js';
import { createTeamFixture, MONDAY, type TeamFixture } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { CHANNEL, cardText, delivered, isErrorCard, personalChat, startTeamsHarness, TeamsUsers, type TeamsHarness } from './teams-harness.js';

const AAD = {
  mette: '0a1b2c3d-0000-4000-8000-00000000e777',
  anne: '0a1b2c3d-0000-4000-8000-0000000a0001',
  bo: '0a1b2c3d-0000-4000-8000-0000000b0002',
  camilla: '0a1b2c3d-0000-4000-8000-0000000c0003',
  ida: '0a1b2c3d-0000-4000-8000-0000000d0004',
  olga: '0a1b2c3d-0000-4000-8000-0000000e0005',
} as const;

let db: Database;
let f: TeamFixture;
let h: TeamsHarness;
let users: TeamsUsers;
const d = (s: string) => toDbDate(s);
const ask = (user: keyof typeof AAD, text: string) => users.askText(user, text);
const audits = (action: string, actor?: string) => db.prisma.auditLog.findMany({ where: { action, ...(actor ? { actorId: actor } : {}) } });
/** The answer's summary row (the per-citizen rows of a list answer have a citizenId). */
const summaries = (action: string, actor?: string) => db.prisma.auditLog.findMany({ where: { action, citizenId: null, ...(actor ? { actorId: actor } : {}) } });

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createTeamFixture(db.prisma);
  const p = db.prisma;
  for (const user of Object.keys(AAD) as Array<keyof typeof AAD>) {
    await p.staff.update({ where: { id: f.staff[user] }, data: { teamsAadObjectId: AAD[user] } });
  }
  const citizen = (ref: string, caseworker: string, next: string, extra: Record<string, unknown> = {}) =>
    p.citizen.create({ data: { teamId: f.teamId, ref, caseworkerId: caseworker, nextCheckInOn: d(next), createdAt: new Date('2026-08-03T08:00:00Z'), ...extra } });
  const { anne, bo, camilla, ida, olga, mette } = f.staff;
  await citizen('C-1', anne, '2026-11-16', { initials: 'AB' });
  await citizen('C-2', anne, '2026-11-25');
  const c1042 = await citizen('C-1042', anne, '2026-11-20', { consultantId: camilla });
  const c4 = await citizen('C-4', bo, '2026-11-10');
  const c5 = await citizen('C-5', anne, '2026-12-01');
  await p.citizen.create({ data: { teamId: f.otherTeamId, ref: 'C-900', caseworkerId: olga, nextCheckInOn: d('2026-11-01') } });
  for (let i = 1; i <= 18; i++) await citizen(`E-${100 + i}`, ida, `2026-11-${String(i).padStart(2, '0')}`);

  await p.meeting.create({ data: { citizenId: c1042.id, kind: 'THREE_PARTY', heldOn: d('2026-09-28'), loggedById: anne, source: 'TEAMS' } });
  await p.meeting.create({ data: { citizenId: c1042.id, kind: 'INDIVIDUAL', heldOn: d('2026-11-13'), loggedById: anne, source: 'TEAMS' } });
  const placement = await p.placement.create({
    data: { citizenId: c1042.id, consultantId: camilla, company: 'Netto Nord', type: 'INTERNSHIP', startOn: d('2026-10-01'), plannedEndOn: d('2026-12-14'), createdById: camilla, source: 'TEAMS' },
  });
  await p.placementFollowUp.create({ data: { placementId: placement.id, heldOn: d('2026-10-15'), outcome: 'EXTEND', loggedById: camilla, source: 'TEAMS' } });
  await p.placement.create({
    data: { citizenId: c4.id, company: 'Bager Hansen', type: 'WAGE_SUBSIDY_PRIVATE', startOn: d('2026-11-02'), plannedEndOn: d('2027-04-30'), createdById: bo, source: 'TEAMS' },
  });
  await p.caseworkerChange.create({ data: { citizenId: c1042.id, fromStaffId: bo, toStaffId: anne, changedById: mette, changedAt: new Date('2026-09-01T09:00:00Z') } });
  await p.outcome.create({ data: { citizenId: c5.id, teamId: f.teamId, kind: 'ORDINARY_JOB', occurredOn: d('2026-11-10'), loggedById: anne, caseworkerId: anne, source: 'TEAMS' } });
  await p.monthlyTarget.create({ data: { teamId: f.teamId, metric: 'PLACEMENT_STARTS', month: d('2026-11-01'), target: 5, setById: mette } });

  h = await startTeamsHarness(db, { clock: () => MONDAY, adminEmails: [] });
  users = new TeamsUsers(h, AAD);
});

afterAll(async () => {
  await h?.close();
  await db?.close();
});

beforeEach(() => h.connector.reset());

describe('plain-chat questions in a Teams personal chat', () => {
  it('"hvem mangler opfølgning?": own overdue check-ins and follow-ups, oldest first, audit-logged', async () => {
    const card = await users.ask('anne', 'hvem mangler opfølgning?');
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(isErrorCard(card)).toBe(false);
    const text = cardText(card);
    expect(text).toContain('Overskredne opfølgninger for dig');
    expect(text.indexOf('C-1: 7 dage over')).toBeGreaterThan(-1);
    expect(text.indexOf('C-1: 7 dage over')).toBeLessThan(text.indexOf('C-1042: 3 dage over'));
    expect(text).toContain('C-1042, Netto Nord: 9 dage over');
    expect(text).not.toContain('C-4');
    expect(text).not.toContain('C-900');
    const [audit] = await summaries('ask.overdue', f.staff.anne);
    expect(audit).toMatchObject({ channel: 'TEAMS', details: { scope: 'person', staffId: f.staff.anne, shown: 3 } });
  });

  it('"who is overdue?" in English, with the long list cut to "and N more"', async () => {
    const text = await ask('ida', 'who is overdue?');
    expect(text).toContain('Overdue follow-ups for you');
    expect(text).toContain('… and 3 more: see the full list on your App Home');
    expect(text.match(/^- E-/gm)).toHaveLength(15);
  });

  it('"hvem skal jeg følge op på i denne uge?": what is due the rest of the week, earliest first, with a pointer to the overdue', async () => {
    const card = await users.ask('anne', 'hvem skal jeg følge op på i denne uge?');
    expect(isErrorCard(card)).toBe(false);
    const text = cardText(card);
    expect(text).toContain('Opfølgninger for dig i uge 48 (man. 23. nov. – søn. 29. nov.)');
    expect(text).toContain('ons. 25. nov.: C-2');
    expect(text).not.toContain('C-5'); // due 1 December, next week
    expect(text).not.toContain('C-1:'); // overdue: counted below, not listed
    expect(text).not.toContain('C-4'); // bo's
    expect(text).toContain('Desuden 3 overskredne: spørg "hvem mangler opfølgning?"');
    const [audit] = await summaries('ask.upcoming', f.staff.anne);
    expect(audit).toMatchObject({ channel: 'TEAMS', details: { scope: 'person', staffId: f.staff.anne, shown: 1 } });
  });

  it('"who is due this week?" in English: nothing ahead for ida, her overdue counted', async () => {
    const text = await ask('ida', 'who is due this week?');
    expect(text).toContain('Follow-ups for you in week 48 (Mon 23 Nov – Sun 29 Nov)');
    expect(text).toContain('No follow-ups in week 48');
    expect(text).toContain('Also 18 overdue: ask "who is overdue?"');
    expect(text).not.toMatch(/E-1\d\d/);
  });

  it('"hvad kan du?": the commands and example questions for the asker\'s role and language', async () => {
    const card = await users.ask('anne', 'hvad kan du?');
    expect(isErrorCard(card)).toBe(false);
    const text = cardText(card);
    expect(text).toContain('jobbot – kommandoer');
    expect(text).toContain('/meeting <ref>');
    expect(text).toContain('Du kan også bare spørge, fx');
    for (const example of ['hvem mangler opfølgning?', 'hvem skal jeg følge op på i denne uge?', 'hvor mange er i praktik?', 'hvad skete der med C-1042?']) expect(text).toContain(example);
    // Manager questions only for the manager.
    expect(text).not.toContain('hvem har flest overskredne?');
    expect(text).not.toContain('Annes sager');
    const mette = await ask('mette', 'hvad kan du?');
    expect(mette).toContain('hvem har flest overskredne?');
    expect(mette).toContain('Annes sager');
    const ida = await ask('ida', 'what can you do?');
    expect(ida).toContain('jobbot – commands');
    expect(ida).toContain('You can also just ask, for example');
    expect(ida).toContain('who is due this week?');
    expect(ida).not.toContain('hvem mangler');
  });

  it('"hvem har vi glemt at følge op på?": the overdue, for a caseworker her own (never refused)', async () => {
    const text = await ask('anne', 'hvem har vi glemt at følge op på?');
    expect(text).not.toContain('Kun ledere');
    expect(text).toContain('Overskredne opfølgninger for dig');
    expect(text).toContain('C-1: 7 dage over');
    expect(text).not.toContain('C-4');
    expect(text).toContain('Svaret gælder dine egne borgere: hele teamets tal kan kun lederen se.');
    const mette = await ask('mette', 'hvem har vi glemt at følge op på?');
    expect(mette).toContain('Overskredne opfølgninger for team Vest');
    expect(mette).toContain('C-4');
  });

  it('"hvor mange er i praktik?": count and list by type, ending soonest first', async () => {
    const text = await ask('anne', 'hvor mange er i praktik?');
    expect(text).toContain('1 borger er i et forløb');
    expect(text).toContain('C-1042: Netto Nord, virksomhedspraktik, slutter');
    expect(text).not.toContain('Bager Hansen');
    const team = await ask('mette', 'how many are in an internship?');
    expect(team.indexOf('Netto Nord')).toBeGreaterThan(-1);
    expect(team.indexOf('Netto Nord')).toBeLessThan(team.indexOf('Bager Hansen'));
    expect((await summaries('ask.placements')).map((a) => a.channel)).toEqual(['TEAMS', 'TEAMS']);
  });

  it('"hvordan ser min sagsstamme ud?": the /caseload answer', async () => {
    const text = await ask('anne', 'hvordan ser min sagsstamme ud?');
    expect(text).toContain('Sagsstamme: Anne (@anne)');
    expect(text).toContain('C-1');
    expect(await summaries('caseload.view', f.staff.anne)).toHaveLength(1);
  });

  it('"C-1042" and "hvad skete der med C-1042?": the timeline in date order, with a log-meeting button, audit-logged', async () => {
    const card = await users.ask('anne', 'C-1042');
    const text = cardText(card);
    expect(text).toContain('Tidslinje for C-1042');
    const order = ['oprettet i jobbot', 'skift af sagsbehandler: @bo → @anne', 'trepartssamtale (@anne)', 'virksomhedspraktik starter hos Netto Nord', 'opfølgning hos Netto Nord: forlænges', 'individuel samtale (@anne)'];
    const positions = order.map((s) => text.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const button = card.body.find((e: any) => e.type === 'ActionSet').actions[0];
    expect(button).toMatchObject({ type: 'Action.Execute', data: { jobbot: 'action', actionId: 'meeting.log', value: 'C-1042' } });

    expect(await ask('anne', 'hvad skete der med C-1042?')).toContain('Tidslinje for C-1042');
    const c1042 = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-1042' } });
    const logged = await audits('citizen.timeline', f.staff.anne);
    expect(logged).toHaveLength(2);
    expect(logged.every((a) => a.citizenId === c1042.id && a.channel === 'TEAMS')).toBe(true);
  });

  it('narrows to a period: "uge 47", "uge 46", "uge 48", "sidste måned", "i denne måned"', async () => {
    const week47 = await ask('anne', 'hvem mangler opfølgning i uge 47?');
    expect(week47).toContain('i uge 47');
    expect(week47).toContain('C-1');
    const week46 = await ask('anne', 'hvem mangler opfølgning i uge 46?');
    expect(week46).toContain('C-1042, Netto Nord');
    expect(week46).not.toContain('C-1:');
    expect(await ask('anne', 'hvem mangler opfølgning i uge 48?')).toContain('Ingen overskredne opfølgninger');
    const caseload46 = await ask('anne', 'min sagsstamme i uge 46');
    expect(caseload46).toContain('Aktivitet i uge 46');
    expect(caseload46).toMatch(/Samtaler holdt\n1/);
    // The caseload's lists narrow to the period: in week 46 only the Netto follow-up fell due.
    expect(caseload46).toContain('Frister i uge 46');
    expect(caseload46).toContain('C-1042, Netto Nord: forløbsopfølgning lør. 14. nov., 9 dage over');
    expect(caseload46).not.toMatch(/C-1: /);
    const caseload47 = await ask('anne', 'min sagsstamme i uge 47');
    expect(caseload47).toContain('Tallene ovenfor er status i dag');
    expect(caseload47).toContain('C-1: opfølgning man. 16. nov., 7 dage over');
    expect(caseload47).not.toContain('Netto Nord');
    // A period alone narrows the caseload answer.
    const week48 = await ask('anne', 'uge 48');
    expect(week48).toContain('Sagsstamme: Anne (@anne)');
    expect(week48).toContain('Aktivitet i uge 48');
    expect(await ask('anne', 'sidste måned')).toContain('Aktivitet i oktober 2026');
    expect(await ask('anne', 'resultater sidste måned')).toContain('Ingen resultater i oktober 2026');
    const thisMonth = await ask('anne', 'hvor mange er kommet i job i denne måned?');
    expect(thisMonth).toContain('1 borger er kommet videre');
    expect(thisMonth).toContain('C-5, ordinært job');
  });
});

describe('manager questions in Teams', () => {
  it('"hvordan går det i teamet?": the team overview, overdue per person as in the ranking', async () => {
    const text = await ask('mette', 'hvordan går det i teamet?');
    expect(text).toContain('Sagsstamme: team Vest');
    expect(text).toContain('@anne: 4 sager, 2 overskredne opfølgninger');
    expect(text).toContain('@camilla: 1 sag, 1 overskreden forløbsopfølgning');
    expect(await audits('caseload.view.team', f.staff.mette)).not.toHaveLength(0);
  });

  it('"hvem har flest overskredne?": counts per person, most first, no citizens', async () => {
    const ranking = await ask('mette', 'hvem har flest overskredne?');
    expect(ranking).toContain('Overskredne opfølgninger pr. medarbejder');
    const positions = ['@ida: 18 overskredne opfølgninger', '@anne: 2 overskredne opfølgninger', '@bo: 1 overskreden opfølgning', '@camilla: 1 overskreden forløbsopfølgning'].map((s) => ranking.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(ranking).not.toMatch(/[CE]-\d/);
    expect(await audits('ask.overdueRanking', f.staff.mette)).toHaveLength(1);
  });

  it('"hvor langt er vi med målene?": target progress for the month', async () => {
    const targets = await ask('mette', 'hvor langt er vi med målene?');
    expect(targets).toContain('Mål for november 2026');
    expect(targets).toContain('praktikstarter: 1 af 5');
    expect(await ask('mette', 'hvor langt var vi med målene i oktober?')).toContain('Der er ingen mål for oktober 2026');
  });

  it('"Annes sager": one employee\'s caseload, audit-logged with whose', async () => {
    const text = await ask('mette', 'Annes sager');
    expect(text).toContain('Sagsstamme: Anne (@anne)');
    expect(text).toContain('C-1');
    const viewed = await summaries('caseload.view', f.staff.mette);
    expect(viewed.some((a) => (a.details as any)?.staffId === f.staff.anne)).toBe(true);
  });
});

describe('not understood', () => {
  it('says so and suggests three questions or commands, never guessing', async () => {
    const card = await users.ask('anne', 'bananer og æbler');
    expect(isErrorCard(card)).toBe(true);
    const text = cardText(card);
    expect(text).toContain('Det forstod jeg ikke helt. Prøv fx:');
    const list = card.body.find((e: any) => e.type === 'TextBlock' && /^- /.test(e.text));
    expect(list.text.split('\r')).toHaveLength(3);
    expect(text).toContain('hvem mangler opfølgning?');
    expect(text).not.toContain('hvem har flest overskredne?'); // a manager question, not for a caseworker
  });

  it('never guesses a write: names the command and changes nothing', async () => {
    const before = await db.prisma.meeting.count();
    const text = await ask('anne', 'log møde med C-1 i dag');
    expect(text).toContain('Jeg ændrer kun noget, når du bruger en kommando');
    expect(text).toContain('/samtale');
    expect(await db.prisma.meeting.count()).toBe(before);
  });
});

describe('access rules', () => {
  it('a caseworker cannot see another caseworker\'s citizen: nothing is logged as read, the attempt as refused', async () => {
    const c1 = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-1' } });
    const card = await users.ask('bo', 'C-1');
    expect(isErrorCard(card)).toBe(true);
    expect(cardText(card)).toContain('C-1 er ikke på din sagsstamme');
    expect(cardText(card)).not.toContain('AB'); // C-1's initials
    const rows = await db.prisma.auditLog.findMany({ where: { actorId: f.staff.bo, citizenId: c1.id } });
    expect(rows.map((r) => r.action)).toEqual(['citizen.timeline.refused']);
    expect(await ask('bo', 'hvad skete der med C-1?')).toContain('C-1 er ikke på din sagsstamme');
  });

  it('nothing across teams: not by reference, not by colleague, not in lists', async () => {
    const c900 = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-900' } });
    expect(await ask('anne', 'hvad skete der med C-900?')).toContain('Jeg kan ikke finde borgeren C-900');
    expect(await ask('mette', 'C-900')).toContain('Jeg kan ikke finde borgeren C-900');
    expect(await ask('mette', 'Olgas sager')).toContain('Jeg kender ingen kollega, der hedder "olga"');
    expect(await db.prisma.auditLog.count({ where: { citizenId: c900.id } })).toBe(0);
    // olga (team Øst) sees her own citizen and none of team Vest's.
    const olga = await ask('olga', 'hvem mangler opfølgning?');
    expect(olga).toContain('C-900');
    expect(olga).not.toMatch(/\b[CE]-(1|2|1042|4|5|1\d\d)\b/);
    expect(await ask('olga', 'C-1042')).toContain('Jeg kan ikke finde borgeren C-1042');
  });

  it('manager questions are refused to caseworkers; "teamet" gets them their own caseload', async () => {
    expect(await ask('anne', 'hvem har flest overskredne?')).toContain('Kun ledere kan gøre det.');
    expect(await ask('anne', 'Bos sager')).toContain('Kun ledere kan gøre det.');
    const team = await ask('anne', 'hvordan går det i teamet?');
    expect(team).toContain('Sagsstamme: Anne (@anne)');
    expect(team).not.toContain('C-4');
    expect(team).toContain('hele teamets tal kan kun lederen se');
    expect(await ask('anne', 'hvor langt er vi med målene?')).not.toContain('Kun ledere');
  });

  it('a question asked in the team channel is answered 1:1; the channel sees no citizen', async () => {
    const calls = await users.send('anne', 'hvem mangler opfølgning?', 'channel');
    const inChannel = calls.filter((c) => c.conversationId?.startsWith(CHANNEL));
    expect(inChannel).toHaveLength(1);
    const notice = cardText(inChannel[0]!.body.attachments[0].content);
    expect(notice).toContain('privat');
    expect(notice).not.toMatch(/[CE]-\d/);
    // anne's personal chat was stored when she wrote to the bot above: the answer goes there.
    const privately = delivered(calls).filter((c) => !c.conversationId?.startsWith(CHANNEL));
    expect(privately.map((c) => c.conversationId)).toEqual([personalChat('anne')]);
    expect(cardText(privately[0]!.body.attachments[0].content)).toContain('C-1: 7 dage over');
  });

  it('refuses a CPR number in a question before anything reads it', async () => {
    const before = await db.prisma.auditLog.count();
    const text = await ask('anne', 'hvad skete der med 010190-1234?');
    expect(text).toContain('CPR');
    expect(text).not.toContain('010190');
    // Only the refused attempt is recorded, without its text.
    expect(await db.prisma.auditLog.count()).toBe(before + 1);
    expect(await db.prisma.auditLog.count({ where: { action: 'cpr.refused' } })).toBeGreaterThan(0);
    expect(JSON.stringify(await db.prisma.auditLog.findMany({ select: { action: true, details: true } }))).not.toContain('010190');
  });
});

describe('privacy', () => {
  it('never logs the text of a question', async () => {
    await ask('anne', 'hvad skete der med C-1042?');
    const logged = JSON.stringify(h.logs);
    expect(logged).not.toContain('C-1042');
    expect(logged).not.toContain('Netto');
    expect(logged).not.toContain('mangler');
    expect(delivered(h.connector.calls, personalChat('anne'))).toHaveLength(1);
  });
});
