// "Overdue per person" is one definition in every manager answer: the team
// overview ("hvordan går det i teamet?" = /caseload team) and the ranking
// ("hvem har flest overskredne?") give the same figures per person, and the
// figures add up to the team's totals (nothing credited twice or to nobody).
// Monday 23 November 2026. Team Vest: mette (manager), anne, bo, ida
// (caseworkers), camilla (consultant).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/db/seed-demo.js';
import { toDbDate } from '../../src/domain/local-date.js';
import { consoleDriver, type ConsoleDriver } from '../helpers/console-driver.js';
import { createTeamFixture, MONDAY, type TeamFixture } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';

const NOBODY = 'Ingen ansvarlig i teamet';

interface Tally {
  checkIns: number;
  followUps: number;
}

/** Per-person overdue counts from the list lines of an answer: "@anne: …, 2 overskredne opfølgninger". */
function tallies(out: string, section: string): Map<string, Tally> {
  const start = out.indexOf(section);
  expect(start).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, Tally>();
  for (const line of out.slice(start).split('\n').slice(1)) {
    const m = /^ {2}• (@[a-z]+|Ingen ansvarlig i teamet): (.*)$/.exec(line);
    if (!m) break;
    const count = (re: RegExp) => Number(re.exec(m[2]!)?.[1] ?? 0);
    rows.set(m[1]!, { checkIns: count(/(\d+) overskred(?:en|ne) opfølgning/), followUps: count(/(\d+) overskred(?:en|ne) forløbsopfølgning/) });
  }
  return rows;
}

const field = (out: string, label: string) => Number(new RegExp(`${label}: (\\d+)`).exec(out)?.[1]);
const sum = (rows: Map<string, Tally>, kind: keyof Tally) => [...rows.values()].reduce((s, r) => s + r[kind], 0);
const nonZero = (rows: Map<string, Tally>) => new Map([...rows].filter(([, r]) => r.checkIns + r.followUps > 0));

describe('overdue per person: team overview and ranking agree', () => {
  let db: Database;
  let bot: ConsoleDriver;
  let f: TeamFixture;
  const d = (s: string) => toDbDate(s);

  beforeAll(async () => {
    db = await createTestDatabase();
    f = await createTeamFixture(db.prisma);
    bot = consoleDriver(db, { now: MONDAY });
    const p = db.prisma;
    const { anne, bo, camilla, mette } = f.staff;
    const citizen = (ref: string, data: Record<string, unknown>) => p.citizen.create({ data: { teamId: f.teamId, ref, ...data } });
    const placement = (citizenId: string, company: string, startOn: string, consultantId: string | null) =>
      p.placement.create({ data: { citizenId, consultantId, company, type: 'INTERNSHIP', startOn: d(startOn), plannedEndOn: d('2026-12-31'), createdById: mette, source: 'CONSOLE' } });

    // anne: two overdue check-ins (A-1 has camilla as consultant: still anne's check-in), one ahead.
    const a1 = await citizen('A-1', { caseworkerId: anne, consultantId: camilla, nextCheckInOn: d('2026-11-16') });
    await citizen('A-2', { caseworkerId: anne, nextCheckInOn: d('2026-11-20') });
    await citizen('A-3', { caseworkerId: anne, nextCheckInOn: d('2026-11-25') });
    // A placement without its own consultant is followed by the citizen's consultant (camilla); due 14 Nov.
    const netto = await placement(a1.id, 'Netto', '2026-10-01', null);
    await p.placementFollowUp.create({ data: { placementId: netto.id, heldOn: d('2026-10-15'), outcome: 'CONTINUE', loggedById: camilla, source: 'CONSOLE' } });
    // A follow-up due today is not overdue yet.
    const a4 = await citizen('A-4', { caseworkerId: anne, nextCheckInOn: d('2026-11-30') });
    await placement(a4.id, 'Irma', '2026-10-24', camilla);
    // bo: one overdue check-in. B-1 has no consultant, so its placement's reminders go to bo (placementRoute),
    // and so does the credit, though camilla is named on the placement (she cannot open B-1); due 31 Oct.
    const b1 = await citizen('B-1', { caseworkerId: bo, nextCheckInOn: d('2026-11-10') });
    await placement(b1.id, 'Bager Hansen', '2026-10-01', camilla);
    // Nobody consults on B-2 either: its placement is bo's too. C-0 has no caseworker: counted, credited to nobody.
    const b2 = await citizen('B-2', { caseworkerId: bo, nextCheckInOn: d('2026-12-01') });
    await placement(b2.id, 'Føtex', '2026-10-05', null);
    await citizen('C-0', { nextCheckInOn: d('2026-11-02') });
    // A closed case is nobody's overdue check-in.
    await citizen('X-1', { caseworkerId: bo, nextCheckInOn: d('2026-10-01'), status: 'CLOSED', closeReason: 'OTHER' });
  });
  afterAll(async () => db.close());

  it('credits check-ins to the caseworker and follow-ups to whom their reminders go (the citizen\'s consultant, else the caseworker), in both answers', async () => {
    const overview = await bot.run('mette', 'hvordan går det i teamet?');
    expect(overview).toContain('• @anne: 4 sager, 2 overskredne opfølgninger');
    expect(overview).toContain('• @bo: 2 sager, 1 overskreden opfølgning, 2 overskredne forløbsopfølgninger');
    expect(overview).toContain('• @camilla: 1 sag, 1 overskreden forløbsopfølgning');
    expect(overview).toContain('• @ida: 0 sager, 0 overskredne opfølgninger');
    expect(overview).toContain(`• ${NOBODY}: 1 overskreden opfølgning`);
    expect(overview).not.toContain(`• ${NOBODY}: 1 overskreden opfølgning, `);
    expect(overview).toContain('Overskredne opfølgninger: 4');
    expect(overview).toContain('Overskredne forløbsopfølgninger: 3');

    const ranking = await bot.run('mette', 'hvem har flest overskredne?');
    const order = ['• @bo: 1 overskreden opfølgning, 2 overskredne forløbsopfølgninger', '• @anne: 2 overskredne opfølgninger', '• @camilla: 1 overskreden forløbsopfølgning'].map((s) => ranking.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(ranking).toContain(`• ${NOBODY}: 1 overskreden opfølgning`);
    expect(ranking).not.toContain('@ida');
  });

  it('gives the same figures per person in both answers, adding up to the team totals of every answer', async () => {
    const overview = await bot.run('mette', 'hvordan går det i teamet?');
    const ranking = await bot.run('mette', 'hvem har flest overskredne?');
    const list = await bot.run('mette', 'hvem mangler opfølgning?');
    const perPerson = tallies(overview, 'Pr. medarbejder:');
    const ranked = tallies(ranking, 'Overskredne opfølgninger pr. medarbejder');
    expect(ranked).toEqual(nonZero(perPerson));
    const checkIns = field(overview, 'Overskredne opfølgninger');
    const followUps = field(overview, 'Overskredne forløbsopfølgninger');
    expect(sum(perPerson, 'checkIns')).toBe(checkIns);
    expect(sum(perPerson, 'followUps')).toBe(followUps);
    // The team's overdue list counts the same items: the follow-up due today is not among them.
    expect(list).toContain(`Opfølgningssamtaler (${checkIns})`);
    expect(list).toContain(`Opfølgning på praktik og løntilskud (${followUps})`);
    expect(list).not.toContain('Irma');
  });

  it('narrows the ranking to a period the same way', async () => {
    // Week 46 (9-15 Nov): bo's check-in (10 Nov) and the Netto follow-up (14 Nov) only.
    const ranking = await bot.run('mette', 'hvem mangler flest opfølgninger i uge 46');
    expect(ranking).toContain('• @bo: 1 overskreden opfølgning');
    expect(ranking).toContain('• @camilla: 1 overskreden forløbsopfølgning');
    expect(ranking).not.toContain('@anne');
    expect(ranking).not.toContain(NOBODY);
  });
});

describe('overdue per person on the demo data', () => {
  let db: Database;
  let bot: ConsoleDriver;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoIfEmpty(db.prisma, MONDAY);
    bot = consoleDriver(db, { now: MONDAY });
  });
  afterAll(async () => db.close());

  it('the team overview and the ranking agree for every person and add up to the team totals', async () => {
    const overview = await bot.run('mette', 'hvordan går det i teamet?');
    const ranking = await bot.run('mette', 'hvem har flest overskredne?');
    const perPerson = tallies(overview, 'Pr. medarbejder:');
    const ranked = tallies(ranking, 'Overskredne opfølgninger pr. medarbejder');
    expect(perPerson.size).toBeGreaterThan(0);
    expect(ranked).toEqual(nonZero(perPerson));
    expect(sum(perPerson, 'checkIns')).toBe(field(overview, 'Overskredne opfølgninger'));
    expect(sum(perPerson, 'followUps')).toBe(field(overview, 'Overskredne forløbsopfølgninger'));
    expect(sum(perPerson, 'followUps')).toBeGreaterThan(0);
  });
});
