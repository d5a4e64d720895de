// Issue 9, item 14: every figure agrees, whatever was logged. Issue 14 adds
// the pipeline: readiness counts, citizens moved up, sub-goals reached and
// placements retained, for the team and per person (targets of their own). Random
// sequences of ordinary commands (meetings of each kind, back-dated ones,
// placements started/extended/ended, follow-ups, outcomes, citizens added,
// closed and reopened, Klaret/snooze, undo) for team Vest over November 2026;
// then, on Monday 30 November (the weekly digest, the month-end report and
// the December 1:1 summaries all fall on that day), every count that two or
// more of these show must be the same: the citizen cards, /caseload (own and
// team), the plain-chat questions, the digest, the month-end report and the
// 1:1 summaries. Bounded: a fixed seed and few runs, one database reset
// between runs.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type World } from '../helpers/world.js';

const REFS = ['C-1', 'C-2', 'C-3', 'C-4', 'C-5', 'C-6'] as const;
/** Whose caseload a reference is added to: the first half Anne's, the rest Bo's. */
const ownerOf = (ref: string) => (REFS.indexOf(ref as (typeof REFS)[number]) < 3 ? 'anne' : 'bo');
const CASEWORKERS = ['anne', 'bo'] as const;
const START = '2026-11-02';
const CHECK_DAY = '2026-11-30';

interface Step {
  /** Days after the previous step (the clock only moves forward, up to 27 Nov). */
  advance: number;
  /** The citizen's caseworker, or a colleague (who may be refused: that must change nothing). */
  who: 'owner' | 'camilla' | 'mette';
  ref: string;
  command: string;
}

const dateWord = fc.constantFrom('i dag', 'i dag', 'i går', 'i forgårs', '2026-11-02');
const commandArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('/borger opret {ref}', '/borger set {ref} cadence:7', '/borger set {ref} cadence:14'), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom('telefon', 'individuel', 'video', 'trepart', 'gruppe'), dateWord, fc.boolean()).map(([k, d, again]) => `/samtale {ref} ${k} ${d}${again ? ' igen' : ''}`), weight: 5 },
  { arbitrary: fc.constantFrom('/samtale {ref} telefon i dag next:2026-11-27', '/samtale {ref} individuel 2026-11-02 next:2026-11-12'), weight: 1 },
  { arbitrary: fc.constantFrom('/borger set {ref} consultant:@camilla'), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      '/praktik start {ref} Netto praktik',
      '/praktik start {ref} Føtex praktik from:2026-11-02 days:7',
      '/praktik start {ref} Bilka løntilskud weeks:8',
    ),
    weight: 3,
  },
  { arbitrary: fc.constantFrom('/praktik forlæng {ref} 14', '/praktik afslut {ref} vil-ikke-betale', '/praktik opfølgning {ref} fortsæt', '/praktik opfølgning {ref} ordinære-timer hours:8'), weight: 3 },
  { arbitrary: fc.constantFrom('/resultat {ref} job', '/resultat {ref} timer hours:10', '/resultat {ref} uddannelse date:2026-11-03'), weight: 2 },
  { arbitrary: fc.constantFrom('/borger afslut {ref} fraflyttet', '/borger genåbn {ref}'), weight: 2 },
  { arbitrary: fc.constantFrom('/jobbot klaret {ref}', '/jobbot snooze {ref}'), weight: 2 },
  { arbitrary: fc.constant('/jobbot fortryd'), weight: 1 },
  // The pipeline (issue 14): readiness up and down, sub-goals reached or dropped, placements old enough to be retained.
  { arbitrary: fc.constantFrom('/borger {ref} parat:klar', '/borger {ref} parat:tæt', '/borger {ref} parat:længere', '/samtale {ref} telefon i dag parat:tæt'), weight: 3 },
  { arbitrary: fc.constantFrom('/delmål {ref} "Opdatere CV"', '/delmål {ref} nået 1', '/delmål {ref} droppet 1', '/samtale {ref} individuel i dag delmål:nået:1,2'), weight: 2 },
  { arbitrary: fc.constantFrom('/praktik start {ref} Bilka løntilskud from:2026-08-10 weeks:26', '/praktik start {ref} Netto løntilskud from:2026-08-20 weeks:12'), weight: 1 },
);
const stepArb: fc.Arbitrary<Step> = fc.record({
  advance: fc.constantFrom(0, 0, 1, 1, 2, 3),
  who: fc.constantFrom('owner', 'owner', 'owner', 'owner', 'camilla', 'mette'),
  ref: fc.constantFrom(...REFS),
  command: commandArb,
});

// ------------------------------------------------------------- reading the figures

/** "Parathed: klar 1 · tæt på 2 · længere fra 0 · ikke vurderet 3" as [1, 2, 0, 3]. */
function pipelineOf(out: string, label: string): number[] {
  const m = new RegExp(`${label}: klar (\\d+) · tæt på (\\d+) · længere fra (\\d+) · ikke vurderet (\\d+)`).exec(out);
  if (!m) throw new Error(`no "${label}" pipeline in:\n${out}`);
  return m.slice(1, 5).map(Number);
}

/** The month-end report in the manager's DMs. */
const monthEndOf = (f: { dm: string }) => section(f.dm, 'Månedens milepæle – november 2026');

/** The number after a label such as "Aktive borgere: 3" in a console reply. */
function field(out: string, label: string): number {
  const m = new RegExp(`${label}: (\\d+)`).exec(out);
  if (!m) throw new Error(`no "${label}" in:\n${out}`);
  return Number(m[1]);
}

/** One block of a console output: from the line holding `title` to the next "==" header. */
function section(out: string, title: string): string {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l.includes(title));
  if (start < 0) throw new Error(`no "${title}" in:\n${out}`);
  const end = lines.findIndex((l, i) => i > start && l.includes('== '));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** "Opfølgningssamtaler (2):" in an answer to "hvem mangler opfølgning?"; absent = 0. */
function titled(out: string, title: string): number {
  const m = new RegExp(`${title} \\((\\d+)\\):`).exec(out);
  return m ? Number(m[1]) : 0;
}

/** "@anne: 3" in the digest's overdue list; absent = 0. */
function digestOverdue(digest: string, handle: string): number {
  const m = new RegExp(`• @${handle}: (\\d+)`).exec(digest);
  return m ? Number(m[1]) : 0;
}

/** "praktikstarter: 2 af 4" (digest and month-end report alike); a person's: "delmål nået (@anne): 1 af 2". */
function metric(out: string, label: string): number {
  const m = new RegExp(`${label.replace(/[().]/g, '\\$&')}: (\\d+) af`).exec(out);
  if (!m) throw new Error(`no "${label}" in:\n${out}`);
  return Number(m[1]);
}

describe('every figure agrees after random commands (property)', () => {
  let world: World;
  beforeAll(async () => {
    world = await openWorld({ now: new Date(`${START}T09:00:00Z`) });
  });
  afterAll(async () => world.db.close());

  /** Back to the fixture's team and staff, nothing logged. */
  async function reset(): Promise<void> {
    await world.prisma.$executeRawUnsafe(
      'TRUNCATE "Citizen", "Meeting", "Placement", "PlacementFollowUp", "Outcome", "MonthlyTarget", "StaffMonthlyTarget", "CaseworkerChange", "AuditLog", "Delivery", "ReminderState", "SchedulerCursor", "ProcessedRequest", "UndoableChange" CASCADE',
    );
  }

  async function play(steps: readonly Step[]): Promise<void> {
    const bot = world.bot;
    const targets = ['/target praktikstarter 4', '/target job 2', '/target samtaler 20', '/target trepart 3', '/target rykket-op 2', '/target delmål 2', '/target fastholdelse 1'];
    targets.push('/target rykket-op 1 @anne', '/target rykket-op 1 @bo', '/target delmål 1 @anne', '/target delmål 1 @bo', '/target fastholdelse 1 @camilla', '/target fastholdelse 1 @bo');
    await bot.run('mette', `:clock ${START} 09:00`, ...targets);
    // Every run starts from six citizens, three on Anne's caseload and three on Bo's.
    for (const ref of REFS) await bot.run(ownerOf(ref), `:clock ${START} 09:00`, `/borger opret ${ref}`);
    let day = new Date(`${START}T09:00:00Z`).getTime();
    const last = new Date('2026-11-27T09:00:00Z').getTime();
    for (const [i, s] of steps.entries()) {
      day = Math.min(last, day + s.advance * 86_400_000);
      const minute = String(i % 60).padStart(2, '0'); // keeps undo's 10 minutes honest within a day
      const clock = `:clock ${new Date(day).toISOString().slice(0, 10)} 10:${minute}`;
      // New citizens go on their owner's caseload (a manager or consultant adding one would be someone else's story).
      const actor = s.who === 'owner' || s.command.startsWith('/borger opret') ? ownerOf(s.ref) : s.who;
      await bot.run(actor, clock, s.command.replaceAll('{ref}', s.ref));
    }
  }

  /** Everything the people and the jobs show on the check day, read from what they would see. */
  async function figures() {
    const bot = world.bot;
    const at = `:clock ${CHECK_DAY} 15:00`;
    const jobs = await bot.run('mette', at, ':run-jobs');
    const digest = jobs.split('\n').filter((l) => l.startsWith('[#Vest] ')).join('\n');
    const dm = jobs.split('\n').filter((l) => l.startsWith('[DM @mette] ')).join('\n');
    const team = await bot.run('mette', at, '/caseload team');
    const teamAsked = await bot.run('mette', at, 'hvor mange resultater har vi denne måned');
    const targets = await bot.run('mette', at, '/targets');
    // Every citizen's card, as the manager (who may open them all) sees it.
    const cardsOut = await bot.run('mette', at, ...REFS.map((ref) => `/borger ${ref}`));
    const cards = REFS.flatMap((ref) => {
      if (!cardsOut.includes(`== Borger ${ref} ==`)) return [];
      const card = section(cardsOut, `== Borger ${ref} ==`);
      const placementsOverdue = card.split('\n').filter((l) => l.trim().startsWith('•') && /\(\d+ dage? over\)$/.test(l)).length;
      const readiness = /Parathed: (klar|tæt på|længere fra|ikke vurderet)/.exec(card)?.[1];
      return [{ ref, active: card.includes('Status: aktiv'), caseworker: /Sagsbehandler: .*\(@(\w+)\)/.exec(card)?.[1], overdue: /Næste opfølgning: .*\(\d+ dage? over\)/.test(card), placementsOverdue, readiness }];
    });
    return { jobs, digest, dm, team, teamAsked, targets, cards, at };
  }

  it('card, /caseload, questions, digest, month-end report and 1:1 summaries agree', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 15, maxLength: 30 }), async (steps) => {
        await reset();
        await play(steps);
        const bot = world.bot;
        const f = await figures();
        /** "@anne: 3 sager, 2 overskredne opfølgninger, 1 overskreden forløbsopfølgning" in /caseload team. */
        const teamLine = (handle: string) => {
          const line = f.team.split('\n').find((l) => l.includes(`• @${handle}: `));
          if (!line) throw new Error(`no line for @${handle} in:\n${f.team}`);
          const num = (re: RegExp) => Number(re.exec(line)?.[1] ?? 0);
          return { cases: num(/: (\d+) sag/), checkIns: num(/(\d+) overskred(?:en|ne) opfølgning/), placements: num(/(\d+) overskred(?:en|ne) forløbsopfølgning/) };
        };
        const oneOnOne = (name: string) => section(f.dm, `Forberedelse til 1:1 med ${name}`);

        let teamOverdueCheckIns = 0;
        let teamActive = 0;
        let teamPipeline = [0, 0, 0, 0];
        let teamMoved = 0;
        let teamReached = 0;
        for (const handle of CASEWORKERS) {
          const name = handle[0]!.toUpperCase() + handle.slice(1);
          const own = await bot.run(handle, f.at, '/caseload');
          const asked = await bot.run(handle, f.at, 'hvem mangler opfølgning?');
          const howMany = await bot.run(handle, f.at, 'hvor mange borgere har jeg');
          const results = await bot.run(handle, f.at, 'hvor mange resultater har jeg i november');
          const summary = oneOnOne(name);

          // Overdue check-ins: one number everywhere.
          const overdue = field(own, 'Overskredne opfølgninger');
          const line = teamLine(handle);
          expect(line.checkIns, `/caseload team @${handle}`).toBe(overdue);
          expect(titled(asked, 'Opfølgningssamtaler'), `"hvem mangler opfølgning?" @${handle}`).toBe(overdue);
          expect(field(summary, 'Overskredne opfølgningssamtaler'), `1:1 ${name}`).toBe(overdue);
          // Placements a caseworker answers for (their citizens without a consultant: the reminders go to them).
          expect(field(summary, 'Praktikker og løntilskud uden rettidig opfølgning'), `1:1 ${name} placements`).toBe(line.placements);
          expect(digestOverdue(f.digest, handle), `digest @${handle}`).toBe(overdue + line.placements);
          expect(line.placements, `@${handle} answers for no more placements than their citizens have`).toBeLessThanOrEqual(field(own, 'Overskredne forløbsopfølgninger'));

          // Active citizens.
          const active = field(own, 'Aktive borgere');
          expect(field(howMany, 'Aktive borgere'), `"hvor mange borgere har jeg" @${handle}`).toBe(active);
          expect(teamLine(handle).cases).toBe(active);
          expect(field(summary, 'Sagsstamme'), `1:1 ${name} caseload`).toBe(active);

          // Results in November, credited to the person.
          const outcomes = field(own, 'Resultater denne måned');
          expect(field(summary, 'Resultater i november 2026'), `1:1 ${name} results`).toBe(outcomes);
          const resultsCount = /(\d+) borgere? er kommet videre/.exec(results);
          expect(resultsCount ? Number(resultsCount[1]) : 0, `"hvor mange resultater har jeg" @${handle}`).toBe(outcomes);

          // The cards of the person's active citizens: as many show an overdue check-in.
          expect(f.cards.filter((c) => c.active && c.caseworker === handle && c.overdue).length, `cards of @${handle}`).toBe(overdue);
          // The pipeline: the person's readiness counts and moves, in /caseload, the 1:1 and their own targets.
          const pipeline = pipelineOf(own, 'Parathed');
          expect(pipelineOf(summary, 'Parathed'), `1:1 ${name} readiness`).toEqual(pipeline);
          expect(pipeline.reduce((a, b) => a + b, 0), `@${handle} readiness covers the active citizens`).toBe(active);
          const cardReadiness = (label: string) => f.cards.filter((c) => c.active && c.caseworker === handle && c.readiness === label).length;
          expect([cardReadiness('klar'), cardReadiness('tæt på'), cardReadiness('længere fra'), cardReadiness('ikke vurderet')], `cards of @${handle} readiness`).toEqual(pipeline);
          const moved = field(own, 'Rykket op i parathed denne måned');
          expect(field(summary, 'Rykket op i parathed i november 2026'), `1:1 ${name} moved up`).toBe(moved);
          for (const out of [f.targets, f.digest, monthEndOf(f)]) expect(metric(out, `borgere rykket op (@${handle})`), `moved up (@${handle})`).toBe(moved);
          const reached = metric(f.targets, `delmål nået (@${handle})`);
          expect(metric(f.digest, `delmål nået (@${handle})`)).toBe(reached);
          expect(metric(monthEndOf(f), `delmål nået (@${handle})`)).toBe(reached);
          // The 1:1 summary's own targets: the same figures, without the handle.
          expect(metric(summary, 'delmål nået'), `1:1 ${name} own sub-goals`).toBe(reached);
          expect(metric(summary, 'borgere rykket op'), `1:1 ${name} own moved up`).toBe(moved);
          teamPipeline = teamPipeline.map((x, i) => x + (pipeline[i] ?? 0));
          teamMoved += moved;
          teamReached += reached;
          teamOverdueCheckIns += overdue;
          teamActive += active;
        }

        // The consultant: overdue placements.
        const camilla = await bot.run('camilla', f.at, '/caseload');
        const camillaAsked = await bot.run('camilla', f.at, 'hvem mangler opfølgning?');
        const placementsOverdue = field(camilla, 'Overskredne forløbsopfølgninger');
        expect(teamLine('camilla').placements, '/caseload team @camilla').toBe(placementsOverdue);
        expect(titled(camillaAsked, 'Opfølgning på praktik og løntilskud'), '"hvem mangler opfølgning?" @camilla').toBe(placementsOverdue);
        expect(field(oneOnOne('Camilla'), 'Praktikker og løntilskud uden rettidig opfølgning'), '1:1 Camilla').toBe(placementsOverdue);
        expect(digestOverdue(f.digest, 'camilla'), 'digest @camilla').toBe(placementsOverdue + teamLine('camilla').checkIns);

        // Every citizen has a caseworker here, so every overdue item is someone's: the one its reminders go to.
        expect(f.team, 'nothing overdue is credited to nobody').not.toContain('Ingen ansvarlig i teamet');

        // The team: totals, results and the month's targets.
        expect(field(f.team, 'Overskredne opfølgninger'), '/caseload team total').toBe(teamOverdueCheckIns);
        expect(field(f.team, 'Aktive borgere'), '/caseload team active').toBe(teamActive);
        const teamPlacements = field(f.team, 'Overskredne forløbsopfølgninger');
        expect(teamLine('anne').placements + teamLine('bo').placements + placementsOverdue, '/caseload team placements per person').toBe(teamPlacements);
        expect(f.cards.reduce((n, c) => n + c.placementsOverdue, 0), 'overdue placements on the cards').toBe(teamPlacements);
        const monthEnd = section(f.dm, 'Månedens milepæle – november 2026');
        const teamResults = field(f.team, 'Resultater denne måned');
        expect(metric(monthEnd, 'jobresultater'), 'month-end results').toBe(teamResults);
        expect(metric(f.digest, 'jobresultater'), 'digest results').toBe(teamResults);
        const asked = /(\d+) borgere? er kommet videre/.exec(f.teamAsked);
        expect(asked ? Number(asked[1]) : 0, '"hvor mange resultater har vi"').toBe(teamResults);
        for (const label of ['praktikstarter', 'samtaler', 'trepartssamtaler', 'borgere rykket op', 'delmål nået', 'forløb fastholdt 3 mdr.', 'forløb fastholdt 3 mdr. (@camilla)', 'forløb fastholdt 3 mdr. (@bo)']) {
          expect(metric(f.digest, label), `digest ${label}`).toBe(metric(monthEnd, label));
          expect(metric(f.targets, label), `/targets ${label}`).toBe(metric(monthEnd, label));
        }
        // The team's pipeline: /caseload team, the digest, the targets and the sum of its people (every citizen is Anne's or Bo's).
        expect(pipelineOf(f.team, 'Parathed'), '/caseload team readiness').toEqual(teamPipeline);
        expect(pipelineOf(f.digest, 'Parathed \\(aktive borgere\\)'), 'digest readiness').toEqual(teamPipeline);
        const teamMovedUp = field(f.team, 'Rykket op i parathed denne måned');
        expect(teamMovedUp, 'team moved up = the sum of its people').toBe(teamMoved);
        expect(field(f.digest, 'Rykket op i parathed i november 2026'), 'digest moved up').toBe(teamMovedUp);
        expect(metric(f.targets, 'borgere rykket op'), '/targets moved up').toBe(teamMovedUp);
        expect(metric(f.targets, 'delmål nået'), 'team sub-goals = the sum of its people').toBe(teamReached);
      }),
      { numRuns: 15, seed: 20261130 },
    );
  }, 600_000);
});
