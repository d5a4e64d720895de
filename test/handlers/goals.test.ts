// /delmål (/goal) and readiness (parat:): what a caseworker types and sees (issue 14).
// MONDAY is Monday 23 November 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState, day, openWorld, type World } from '../helpers/world.js';
import { routeCommand } from '../../src/handlers/router.js';
import { readCsv } from '../../src/handlers/import/csv-files.js';
import { localDateTimeToInstant } from '../../src/domain/local-date.js';
import type { Reply } from '../../src/domain/reply.js';
import { renderText } from '../../src/channels/console/render-text.js';
import * as checkins from '../../src/jobs/checkin-reminders.js';

describe('sub-goals and readiness', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  const freshCitizen = (handle?: string) => w.freshCitizen('G', handle);
  const goalsOf = async (ref: string) => w.prisma.subGoal.findMany({ where: { citizen: { ref } }, orderBy: { number: 'asc' } });

  it('adds numbered sub-goals with a deadline and shows them on the card', async () => {
    const ref = await freshCitizen();
    const first = await w.bot.run('anne', `/delmål ${ref} "Søge 3 stillinger om ugen" frist:18/12`);
    expect(first).toContain(`Delmål 1 for ${ref} er oprettet: Søge 3 stillinger om ugen`);
    expect(first).toContain('Frist: fre. 18. dec.');
    expect(await w.bot.run('anne', `/delmål ${ref} "Opdatere CV"`)).toContain(`Delmål 2 for ${ref} er oprettet: Opdatere CV`);
    const goals = await goalsOf(ref);
    expect(goals).toMatchObject([{ number: 1, text: 'Søge 3 stillinger om ugen', status: 'OPEN' }, { number: 2, text: 'Opdatere CV', status: 'OPEN', deadlineOn: null }]);
    expect(day(goals[0]?.deadlineOn)).toBe('2026-12-18');

    const card = await w.bot.run('anne', `/borger ${ref}`);
    expect(card).toContain('Delmål');
    expect(card).toContain('1. Søge 3 stillinger om ugen (åbent, frist fre. 18. dec.)');
    expect(card).toContain('2. Opdatere CV (åbent)');
    expect(card).toContain('Parathed: ikke vurderet');
  });

  it('marks sub-goals reached and dropped, in Danish and English, and lists them', async () => {
    const ref = await freshCitizen();
    await w.bot.run('anne', `/delmål ${ref} "Møde op til praktikken"`, `/delmål ${ref} "Tage truckcertifikat"`);
    expect(await w.bot.run('anne', `/delmål ${ref} nået 1`)).toContain(`Delmål 1 for ${ref} er nået. Godt gået!`);
    expect(await w.bot.run('anne', `/delmål ${ref} droppet 2`)).toContain(`Delmål 2 for ${ref} er droppet.`);
    expect(await goalsOf(ref)).toMatchObject([{ status: 'REACHED' }, { status: 'DROPPED' }]);
    expect(day((await goalsOf(ref))[0]?.closedOn)).toBe('2026-11-23');
    const list = await w.bot.run('anne', `/delmål ${ref}`);
    expect(list).toContain(`Delmål for ${ref}`);
    expect(list).toContain('1. Møde op til praktikken (nået)');
    expect(list).toContain('2. Tage truckcertifikat (droppet)');

    const en = await freshCitizen('ida');
    expect(await w.bot.run('ida', `/goal ${en} "Apply for 3 jobs a week" deadline:friday`)).toContain(`Sub-goal 1 for ${en} is added: Apply for 3 jobs a week`);
    expect(await w.bot.run('ida', `/goal ${en} reached 1`)).toContain(`Sub-goal 1 for ${en} is reached. Well done!`);
    expect(await w.bot.run('ida', `/goal ${en}`)).toContain('1. Apply for 3 jobs a week (reached, deadline Fri 27 Nov)');
    expect(await w.bot.run('ida', `/goal ${en} reached 1`)).toContain('Sub-goal 1 is already reached.');
  });

  it('closes sub-goals at a meeting with delmål:nået:1,2 and sets the readiness in the same line', async () => {
    const ref = await freshCitizen();
    await w.bot.run('anne', `/delmål ${ref} "Opdatere CV"`, `/delmål ${ref} "Søge 3 stillinger"`, `/delmål ${ref} "Tage truckcertifikat"`);
    const out = await w.bot.run('anne', `/samtale ${ref} trepart delmål:nået:1,2 parat:klar`);
    expect(out).toContain(`Trepartssamtale med ${ref}`);
    expect(out).toContain(`Delmål 1 for ${ref} er nået.`);
    expect(out).toContain(`Delmål 2 for ${ref} er nået.`);
    expect(out).toContain(`Parathed for ${ref}: klar.`);
    expect(await goalsOf(ref)).toMatchObject([{ status: 'REACHED' }, { status: 'REACHED' }, { status: 'OPEN' }]);
    const en = await freshCitizen('ida');
    await w.bot.run('ida', `/goal ${en} "Get a driving licence"`);
    expect(await w.bot.run('ida', `/meeting ${en} goal:dropped:1`)).toContain(`Sub-goal 1 for ${en} is dropped.`);
  });

  it('edits an open sub-goal\'s text and deadline, in Danish and English, and Fortryd takes the edit back', async () => {
    const ref = await freshCitizen();
    await w.bot.run('anne', `/delmål ${ref} "Søge 3 stillinger om ugen" frist:18/12`);
    const out = await w.bot.run('anne', `/delmål ret ${ref} 1 "Søge 5 stillinger om ugen" frist:i morgen`);
    expect(out).toContain(`Delmål 1 for ${ref} er rettet: Søge 5 stillinger om ugen`);
    expect(out).toContain('Frist: tir. 24. nov.');
    expect(out).toContain('[Fortryd]');
    expect(await goalsOf(ref)).toMatchObject([{ number: 1, text: 'Søge 5 stillinger om ugen', status: 'OPEN' }]);
    expect(day((await goalsOf(ref))[0]?.deadlineOn)).toBe('2026-11-24');
    // Only the deadline, then removing it; the text stays.
    expect(await w.bot.run('anne', `/delmål ret ${ref} 1 frist:ingen`)).toContain('Fristen er fjernet.');
    expect(await goalsOf(ref)).toMatchObject([{ text: 'Søge 5 stillinger om ugen', deadlineOn: null }]);
    expect(await w.bot.run('anne', `/delmål ret ${ref} 1 frist:ingen`)).toContain('Delmål 1 er allerede sådan. Intet er ændret.');
    // Undo puts the deadline back, then the text.
    await w.bot.run('anne', `/delmål ret ${ref} 1 "Opdatere CV"`);
    expect(await w.bot.run('anne', '/jobbot fortryd')).toContain('Fortrudt: din ændring med /delmål er taget tilbage.');
    expect(await goalsOf(ref)).toMatchObject([{ text: 'Søge 5 stillinger om ugen', deadlineOn: null }]);
    const citizenId = (await w.prisma.citizen.findFirstOrThrow({ where: { ref } })).id;
    const audit = await w.prisma.auditLog.findMany({ where: { action: 'subgoal.update', citizenId } });
    expect(audit.map((a) => a.details)).toContainEqual(expect.objectContaining({ changed: 'text,deadlineOn' }));
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain('stillinger');

    const en = await freshCitizen('ida');
    await w.bot.run('ida', `/goal ${en} "Apply for 3 jobs a week"`);
    const edited = await w.bot.run('ida', `/goal edit ${en} 1 "Apply for 5 jobs a week" deadline:friday`);
    expect(edited).toContain(`Sub-goal 1 for ${en} is edited: Apply for 5 jobs a week`);
    expect(edited).toContain('Deadline: Fri 27 Nov');
    expect(await w.bot.run('ida', `/goal edit ${en} 1`)).toContain('Write the new text in quotes and/or a new deadline');
  });

  it('shows sub-goals and readiness in the timeline', async () => {
    const ref = await freshCitizen();
    await w.bot.run('anne', `/delmål ${ref} "Opdatere CV"`, `/delmål ${ref} nået 1`, `/borger ${ref} parat:tæt`);
    const timeline = await w.bot.run('anne', `hvad skete der med ${ref}?`);
    expect(timeline).toContain('Delmål 1 sat: Opdatere CV');
    expect(timeline).toContain('Delmål 1 nået');
    expect(timeline).toContain('Parathed: tæt på');
  });

  describe('bad input changes nothing', () => {
    let ref: string;
    beforeAll(async () => {
      ref = await freshCitizen();
      await w.bot.run('anne', `/delmål ${ref} "Opdatere CV"`, `/delmål ${ref} nået 1`);
    });
    const cases: Array<[string, (ref: string) => string, string]> = [
      ['a text over 200 characters', (r) => `/delmål ${r} "${'x'.repeat(201)}"`, '⚠ Et delmål må højst være 200 tegn.'],
      ['a deadline that is no date', (r) => `/delmål ${r} "Opdatere CV" frist:snart`, '⚠ Jeg forstår ikke datoen "snart".'],
      ['a deadline in the past', (r) => `/delmål ${r} "Opdatere CV" frist:2026-11-01`, '⚠ Fristen "2026-11-01" er allerede passeret.'],
      ['a deadline without a text', (r) => `/delmål ${r} frist:fredag`, '⚠ Skriv delmålet i anførselstegn'],
      ['an unknown option', (r) => `/delmål ${r} "Opdatere CV" when:fredag`, '⚠'],
      ['an unknown sub-goal number', (r) => `/delmål ${r} nået 7`, `⚠ ${'G-'}`],
      ['a sub-goal already reached', (r) => `/delmål ${r} droppet 1`, '⚠ Delmål 1 er allerede nået.'],
      ['an unknown citizen', () => '/delmål Z-999 "Opdatere CV"', '⚠ Jeg kan ikke finde borgeren Z-999 i dit team.'],
      ['a missing reference', () => '/delmål frist:fredag', '⚠ Der mangler en sagsreference'],
      ['a CPR number in the text', (r) => `/delmål ${r} "Ring på 010190-1234"`, '⚠ Det ligner et CPR-nummer.'],
      ['an unknown readiness', (r) => `/borger ${r} parat:måske`, '⚠ Jeg kender ikke paratheden "måske". Brug klar, tæt eller længere.'],
      ['an unknown readiness at a meeting', (r) => `/samtale ${r} parat:snart`, '⚠ Jeg kender ikke paratheden "snart".'],
      ['an unknown sub-goal closed at a meeting', (r) => `/samtale ${r} delmål:nået:9`, '⚠'],
      ['a closed sub-goal closed again at a meeting', (r) => `/samtale ${r} delmål:droppet:1`, '⚠ Delmål 1 er allerede nået.'],
      ['a sub-goal mark that is no number', (r) => `/samtale ${r} delmål:nået:cv`, '⚠ Jeg forstår ikke "nået:cv".'],
      ['a citizen who is not mine', () => '/delmål B-1 "Opdatere CV"', '⚠'],
      ['an edit of a reached sub-goal', (r) => `/delmål ret ${r} 1 "Nyt CV"`, '⚠ Delmål 1 er allerede nået.'],
      ['an edit of an unknown sub-goal', (r) => `/delmål ret ${r} 7 "Nyt CV"`, `har intet delmål nr. 7`],
      ['an edit with a CPR number', (r) => `/delmål ret ${r} 1 "Ring på 010190-1234"`, '⚠ Det ligner et CPR-nummer.'],
      ['an edit over 200 characters', (r) => `/delmål ret ${r} 1 "${'x'.repeat(201)}"`, '⚠ Et delmål må højst være 200 tegn.'],
      ['an edit with a past deadline', (r) => `/delmål ret ${r} 1 frist:2026-11-01`, '⚠ Fristen "2026-11-01" er allerede passeret.'],
      ['an edit with nothing to change', (r) => `/delmål ret ${r} 1`, '⚠ Skriv den nye tekst i anførselstegn'],
    ];
    it.each(cases)('%s', async (_name, line, expected) => {
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', line(ref));
      expect(out).toContain(expected);
      expect(out.trim().startsWith('⚠')).toBe(true);
      expect(await databaseState(w.prisma)).toEqual(before);
    });

    it('says which number is unknown', async () => {
      expect(await w.bot.run('anne', `/delmål ${ref} nået 7`)).toContain(`${ref} har intet delmål nr. 7.`);
    });
  });

  it('sets the readiness with /borger and at a meeting, keeps its history and shows it on the card', async () => {
    const ref = await freshCitizen();
    expect(await w.bot.run('anne', `/borger ${ref} parat:længere fra`)).toContain(`Parathed for ${ref}: længere fra.`);
    const meeting = await w.bot.run('anne', `/samtale ${ref} trepart parat:tæt`);
    expect(meeting).toContain(`Trepartssamtale med ${ref}`);
    expect(meeting).toContain(`Parathed for ${ref}: tæt på.`);
    expect(await w.bot.run('anne', `/borger ${ref} parat:tæt`)).toContain(`${ref} er allerede tæt på.`);
    const rows = await w.prisma.readinessChange.findMany({ where: { citizen: { ref } }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => r.readiness)).toEqual(['FURTHER', 'CLOSE']);
    expect(await w.bot.run('anne', `/borger ${ref}`)).toContain('Parathed: tæt på (man. 23. nov.) ← længere fra (man. 23. nov.)');

    const en = await freshCitizen('ida');
    expect(await w.bot.run('ida', `/citizen ${en} ready:ready`)).toContain(`Readiness for ${en}: ready.`);
    expect(await w.bot.run('ida', `/citizen ${en}`)).toContain('Readiness: ready (Mon 23 Nov)');
  });

  it('Fortryd takes a new sub-goal back, and a readiness change', async () => {
    const ref = await freshCitizen();
    const out = await w.bot.run('anne', `/delmål ${ref} "Opdatere CV"`);
    expect(out).toContain('[Fortryd]');
    expect(await w.bot.run('anne', '/jobbot fortryd')).toContain('Fortrudt: din ændring med /delmål er taget tilbage.');
    expect(await goalsOf(ref)).toHaveLength(0);
    await w.bot.run('anne', `/borger ${ref} parat:klar`);
    expect(await w.bot.run('anne', '/jobbot fortryd')).toContain('Fortrudt: din ændring med /borger er taget tilbage.');
    expect(await w.prisma.readinessChange.count({ where: { citizen: { ref } } })).toBe(0);
    // A closed sub-goal is reopened by undo.
    await w.bot.run('anne', `/delmål ${ref} "Opdatere CV"`, `/delmål ${ref} nået 1`);
    await w.bot.run('anne', '/jobbot fortryd');
    expect(await goalsOf(ref)).toMatchObject([{ status: 'OPEN', closedOn: null }]);
  });

  it('the export holds the sub-goals and readiness, and erasure removes them with the citizen', async () => {
    const ref = await freshCitizen();
    await w.bot.run('anne', `/delmål ${ref} "Opdatere CV" frist:18/12`, `/borger ${ref} parat:klar`);
    const routed = await routeCommand(w.bot.deps, { text: `/borger export ${ref}`, actor: await w.actor('mette'), channel: 'CONSOLE' });
    const records = readCsv(routed.reply.attachment!.content)!.map((r) => r.cells);
    expect(records).toEqual(expect.arrayContaining([
      ['Delmål', expect.stringMatching(/^\d\d-\d\d-\d{4}$/), '1', 'åbent; Frist: 18-12-2026', 'Opdatere CV', 'Anne (@anne)'],
      ['Parathed', '23-11-2026', 'klar', '', '', 'Anne (@anne)'],
    ]));
    const id = (await w.prisma.citizen.findFirstOrThrow({ where: { ref } })).id;
    await w.bot.run('mette', `/borger slet ${ref} confirm`);
    expect(await w.prisma.citizen.count({ where: { id } })).toBe(0);
    expect(await w.prisma.subGoal.count({ where: { citizenId: id } })).toBe(0);
    expect(await w.prisma.readinessChange.count({ where: { citizenId: id } })).toBe(0);
  });

  it('a sub-goal past its deadline is in its caseworker\'s morning list until it is reached', async () => {
    const ref = await freshCitizen();
    await w.bot.run('anne', `/delmål ${ref} "Opdatere CV" frist:onsdag`, `/delmål ${ref} "Søge 3 stillinger" frist:onsdag`, `/delmål ${ref} nået 2`);
    const morning = async (handle: 'anne' | 'bo', day: string) => {
      await checkins.run({ prisma: w.prisma }, localDateTimeToInstant(day, '08:00'));
      const rows = await w.prisma.delivery.findMany({ where: { kind: checkins.KIND, recipientId: w.fixture.staff[handle], status: { not: 'SKIPPED' } }, orderBy: { createdAt: 'desc' } });
      const today = rows.find((r) => r.key.includes(day));
      return today ? renderText(today.payload as unknown as Reply) : '';
    };
    // On the deadline itself it is not late yet; on Friday it is two days late. Only the open one is listed.
    expect(await morning('anne', '2026-11-25')).not.toContain(`${ref}: delmål`);
    const friday = await morning('anne', '2026-11-27');
    expect(friday).toContain('Delmål over fristen');
    expect(friday).toContain(`${ref}: delmål 1, 2 dage over fristen`);
    expect(friday).not.toContain(`${ref}: delmål 2`);
    expect(await morning('bo', '2026-11-27')).not.toContain(`${ref}: delmål`);
    await w.bot.run('anne', `/delmål ${ref} nået 1`);
    expect(await morning('anne', '2026-11-30')).not.toContain(`${ref}: delmål`);
  });
});
