// Continuity and mentors (issue 14, part 3): consultant changes recorded and
// counted, citizens without a consultant flagged to the managers, overlapping
// placements warned about, and mentor support as a role (kind and organisation),
// with its end in the morning list. MONDAY is Monday 23 November 2026.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState, openWorld, type World } from '../helpers/world.js';
import { localDateTimeToInstant } from '../../src/domain/local-date.js';
import type { Reply } from '../../src/domain/reply.js';
import { renderText } from '../../src/channels/console/render-text.js';
import * as checkins from '../../src/jobs/checkin-reminders.js';

describe('continuity and mentors', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
    // A second consultant on Team Vest, so a citizen can change consultant.
    await w.prisma.staff.create({ data: { handle: 'dan', displayName: 'Dan', role: 'CONSULTANT', teamId: w.fixture.teamId, email: 'dan@kommune.dk' } });
  });
  afterAll(async () => w.db.close());

  /** The check-in morning message of one person on a day at 08:00, as the console shows it ('' if none). */
  const morning = async (handle: 'anne' | 'bo' | 'mette' | 'camilla', day: string) => {
    await checkins.run({ prisma: w.prisma }, localDateTimeToInstant(day, '08:00'));
    const rows = await w.prisma.delivery.findMany({ where: { kind: checkins.KIND, recipientId: w.fixture.staff[handle], status: { not: 'SKIPPED' } } });
    const today = rows.find((r) => r.key.includes(day));
    return today ? renderText(today.payload as unknown as Reply) : '';
  };

  describe('consultant changes', () => {
    it('records and counts each change of consultant like a change of caseworker: card, reply, timeline', async () => {
      const ref = await w.freshCitizen('K', 'anne', 'consultant:@camilla');
      // The first consultant is not a change.
      expect(await w.bot.run('anne', `/borger ${ref}`)).toContain('Konsulentskift: 0');
      const first = await w.bot.run('anne', `/borger ret ${ref} consultant:@dan`);
      expect(first).toContain(`${ref} er opdateret`);
      expect(first).not.toContain('konsulentskifte nr.');
      const second = await w.bot.run('anne', `/borger ret ${ref} consultant:@camilla`);
      expect(second).toContain('Bemærk: det er konsulentskifte nr. 2 for borgeren.');
      // The same consultant again is no change.
      await w.bot.run('anne', `/borger ret ${ref} consultant:@camilla`);
      expect(await w.prisma.consultantChange.count({ where: { citizen: { ref } } })).toBe(2);
      const card = await w.bot.run('anne', `/borger ${ref}`);
      expect(card).toContain('Konsulentskift: 2');
      expect(card).toContain('Sagsbehandlerskift: 0');
      const timeline = await w.bot.run('anne', `hvad skete der med ${ref}?`);
      expect(timeline).toContain('skift af virksomhedskonsulent: @camilla → @dan');
      expect(timeline).toContain('skift af virksomhedskonsulent: @dan → @camilla');
      // The caseload export counts them in its own column, after the caseworker changes.
      const out = await w.bot.run('mette', '/caseload export');
      const rows = parse(await readFile(/→ (\S+\.csv)/.exec(out)?.[1] ?? '', 'utf8'), { bom: true, delimiter: ';' }) as string[][];
      expect(rows[0]?.slice(-2)).toEqual(['sagsbehandlerskift', 'konsulentskift']);
      expect(rows.find((r) => r[0] === ref)?.slice(-2)).toEqual(['0', '2']);
    });

    it('takes the consultant off with consultant:ingen, recorded as a change; in English as well', async () => {
      const ref = await w.freshCitizen('K', 'anne', 'consultant:@camilla');
      await w.bot.run('anne', `/borger ret ${ref} consultant:ingen`);
      const card = await w.bot.run('anne', `/borger ${ref}`);
      expect(card).toContain('Virksomhedskonsulent: ingen');
      expect(card).toContain('Konsulentskift: 1');
      expect(await w.bot.run('anne', `hvad skete der med ${ref}?`)).toContain('skift af virksomhedskonsulent: @camilla → ingen');

      const en = await w.freshCitizen('K', 'ida', 'consultant:@camilla');
      await w.bot.run('ida', `/citizen set ${en} consultant:@dan`);
      expect(await w.bot.run('ida', `/citizen ${en}`)).toContain('Consultant changes: 1');
      expect(await w.bot.run('ida', `what happened with ${en}?`)).toContain('consultant changed: @camilla → @dan');
    });
  });

  describe('citizens without a consultant', () => {
    it('are in the manager\'s morning list after more than 14 days, once a day, not in the caseworker\'s', async () => {
      const ref = await w.freshCitizen('U');
      const line = `${ref}: ingen virksomhedskonsulent i`;
      // Added Monday 23 Nov: 7 Dec is 14 days (not more), 8 Dec is 15.
      expect(await morning('mette', '2026-12-07')).not.toContain(line);
      const flagged = await morning('mette', '2026-12-08');
      expect(flagged).toContain('Borgere uden virksomhedskonsulent');
      expect(flagged).toContain(`${ref}: ingen virksomhedskonsulent i 15 dage`);
      expect(flagged).toContain('Tildel en med /borger ret <ref> consultant:@navn.');
      expect(await morning('anne', '2026-12-08')).not.toContain(line);
      // A second run the same morning sends nothing more.
      await checkins.run({ prisma: w.prisma }, localDateTimeToInstant('2026-12-08', '11:00'));
      expect(await w.prisma.delivery.count({ where: { kind: checkins.KIND, recipientId: w.fixture.staff.mette, key: { contains: '2026-12-08' } } })).toBe(1);
      // A consultant assigned: no longer flagged.
      await w.bot.run('anne', `/borger ret ${ref} consultant:@camilla`);
      expect(await morning('mette', '2026-12-09')).not.toContain(line);
    });

    it('counts from the day the consultant was taken off, and follows the team\'s setting (/jobbot noconsultant)', async () => {
      const ref = await w.freshCitizen('U', 'anne', 'consultant:@camilla');
      await w.bot.run('anne', `/borger ret ${ref} consultant:ingen`);
      const line = `${ref}: ingen virksomhedskonsulent i`;
      expect(await morning('mette', '2026-12-10')).toContain(`${line} 17 dage`);
      expect(await w.bot.run('mette', '/jobbot noconsultant 30')).toContain('mere end 30 dage kommer nu i ledernes morgenliste');
      expect(await w.bot.run('mette', '/jobbot reminders')).toContain('Borgere uden virksomhedskonsulent i mere end 30 dage');
      expect(await morning('mette', '2026-12-11')).not.toContain(line);
      expect(await morning('mette', '2026-12-28')).toContain(`${line} 35 dage`);
      expect(await w.bot.run('mette', '/jobbot noconsultant off')).toContain('meldes ikke længere');
      expect(await morning('mette', '2026-12-29')).not.toContain(line);
      // Managers only, and a friendly error for a bad number.
      const before = await databaseState(w.prisma);
      expect(await w.bot.run('anne', '/jobbot noconsultant 10')).toContain('⚠');
      expect(await w.bot.run('mette', '/jobbot noconsultant 0')).toContain('⚠');
      expect(await w.bot.run('mette', '/jobbot noconsultant mange')).toContain('⚠');
      expect(await databaseState(w.prisma)).toEqual(before);
      await w.bot.run('mette', '/jobbot noconsultant 14');
    });
  });

  describe('overlapping placements', () => {
    it('stores a placement that overlaps another running one with a warning, and tells the manager', async () => {
      const ref = await w.freshCitizen('O', 'anne', 'consultant:@camilla');
      await w.bot.run('camilla', `/praktik start ${ref} Bygma`);
      const out = await w.bot.run('camilla', `/praktik start ${ref} Netto from:30/11`);
      expect(out).toContain(`⚠ ${ref} har allerede et forløb hos Bygma (man. 23. nov. – man. 7. dec.), som overlapper. Forløbet er gemt.`);
      expect(out).toContain('Teamets leder har fået besked om overlappet.');
      expect(await w.prisma.placement.count({ where: { citizen: { ref }, status: 'ACTIVE' } })).toBe(2);
      const dm = await w.prisma.delivery.findMany({ where: { kind: 'placement-overlap', recipientId: w.fixture.staff.mette } });
      expect(dm.map((d) => renderText(d.payload as unknown as Reply)).join('\n')).toContain(`${ref}: @camilla har startet et forløb hos Netto, der overlapper et kørende forløb hos Bygma.`);
      // After the first has ended on paper: no overlap, no warning.
      const later = await w.bot.run('camilla', `/praktik start ${ref} Føtex from:15/12`);
      expect(later).not.toContain('overlapper');
      // The same company is still refused.
      expect(await w.bot.run('camilla', `/praktik start ${ref} bygma`)).toContain('⚠');
      expect(await w.prisma.placement.count({ where: { citizen: { ref } } })).toBe(3);
    });
  });

  describe('mentor support', () => {
    it('records a mentor by kind and organisation with dates, on the card and the timeline', async () => {
      const ref = await w.freshCitizen('M');
      const out = await w.bot.run('anne', `/borger mentor ${ref} virksomhedsmentor org:"Bygma Vest" til:4/12`);
      expect(out).toContain(`Mentorstøtte for ${ref} er registreret: virksomhedsmentor (Bygma Vest), fra man. 23. nov. til fre. 4. dec.`);
      expect(out).toContain('to arbejdsdage før mentorstøtten slutter');
      const card = await w.bot.run('anne', `/borger ${ref}`);
      expect(card).toContain('Mentorstøtte: virksomhedsmentor (Bygma Vest), fra man. 23. nov. til fre. 4. dec.');
      expect(await w.bot.run('anne', `hvad skete der med ${ref}?`)).toContain('mentorstøtte: virksomhedsmentor (Bygma Vest)');
      // The same kind again updates it; "privat mentor" may be two words.
      expect(await w.bot.run('anne', `/borger mentor ${ref} virksomhedsmentor til:11/12`)).toContain('opdateret: virksomhedsmentor (Bygma Vest), fra man. 23. nov. til fre. 11. dec.');
      await w.bot.run('anne', `/borger mentor ${ref} privat mentor org:Mentorhuset`);
      expect(await w.prisma.mentorSupport.findMany({ where: { citizen: { ref } }, orderBy: { kind: 'asc' } })).toMatchObject([
        { kind: 'WORKPLACE', organisation: 'Bygma Vest' },
        { kind: 'PRIVATE', organisation: 'Mentorhuset', endOn: null },
      ]);
      // Undo takes the latest back, like any other change.
      expect(await w.bot.run('anne', '/jobbot fortryd')).not.toContain('⚠');
      expect(await w.prisma.mentorSupport.count({ where: { citizen: { ref } } })).toBe(1);
      await w.bot.run('anne', `/borger mentor ${ref} privat mentor org:Mentorhuset`);
      const list = await w.bot.run('anne', `/borger mentor ${ref}`);
      expect(list).toContain(`Mentorstøtte for ${ref}`);
      expect(list).toContain('privat mentor (Mentorhuset), fra man. 23. nov.');
    });

    it('works in English', async () => {
      const ref = await w.freshCitizen('M', 'ida');
      const out = await w.bot.run('ida', `/citizen mentor ${ref} education mentor org:"VUC Vest" from:30/11 until:18/12`);
      expect(out).toContain(`Mentor support for ${ref} is recorded: education mentor (VUC Vest), from Mon 30 Nov until Fri 18 Dec`);
      expect(await w.bot.run('ida', `/citizen ${ref}`)).toContain('Mentor support: education mentor (VUC Vest)');
    });

    it.each([
      ['a person\'s name instead of a kind', (r: string) => `/borger mentor ${r} Hans Jensen`, 'aldrig mentorens navn'],
      ['a CPR number in the organisation', (r: string) => `/borger mentor ${r} jobcentermentor org:"010190-1234"`, '⚠ Det ligner et CPR-nummer.'],
      ['an organisation that is too long', (r: string) => `/borger mentor ${r} jobcentermentor org:"${'x'.repeat(81)}"`, 'højst være 80 tegn'],
      ['an end before the start', (r: string) => `/borger mentor ${r} jobcentermentor fra:10/12 til:1/12/2026`, '⚠'],
      ['an unknown option', (r: string) => `/borger mentor ${r} jobcentermentor navn:Hans`, '⚠'],
    ])('refuses %s and changes nothing', async (_case, line, expected) => {
      const ref = await w.freshCitizen('M');
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', line(ref));
      expect(out).toContain(expected);
      expect(out.trim().startsWith('⚠')).toBe(true);
      expect(await databaseState(w.prisma)).toEqual(before);
    });

    it('the end is in the caseworker\'s morning list from two working days before until the end day', async () => {
      const ref = await w.freshCitizen('M', 'bo', 'consultant:@camilla');
      await w.bot.run('bo', `/borger mentor ${ref} jobcentermentor org:"Jobcenter Vest" til:4/12`);
      const line = `${ref}: jobcentermentor slutter`;
      // Ends Friday 4 Dec: from Wednesday 2 Dec.
      expect(await morning('bo', '2026-12-01')).not.toContain(line);
      const wednesday = await morning('bo', '2026-12-02');
      expect(wednesday).toContain('Mentorstøtte der slutter');
      expect(wednesday).toContain(`${line} fre. 4. dec.`);
      expect(await morning('bo', '2026-12-04')).toContain(line);
      expect(await morning('camilla', '2026-12-04')).not.toContain(line);
      expect(await morning('bo', '2026-12-07')).not.toContain(line);
      // Ended: on the timeline.
      const timeline = await w.bot.run('bo', `hvad skete der med ${ref}?`);
      expect(timeline).toContain('mentorstøtte: jobcentermentor (Jobcenter Vest)');
    });
  });

  it('consultant changes and mentor support are in the citizen\'s export, and go when the citizen is erased', async () => {
    const ref = await w.freshCitizen('R', 'anne', 'consultant:@camilla');
    await w.bot.run('anne', `/borger ret ${ref} consultant:@dan`, `/borger mentor ${ref} virksomhedsmentor org:"Bygma Vest" til:4/12`);
    const out = await w.bot.run('mette', `/borger eksport ${ref}`);
    const file = await readFile(/→ (\S+\.csv)/.exec(out)?.[1] ?? '', 'utf8');
    expect(file).toContain('Konsulentskift');
    expect(file).toContain('Camilla (@camilla) → Dan (@dan)');
    expect(file).toContain('virksomhedsmentor (Bygma Vest), fra man. 23. nov. til fre. 4. dec.');
    const { id } = await w.prisma.citizen.findFirstOrThrow({ where: { ref } });
    expect(await w.prisma.consultantChange.count({ where: { citizenId: id } })).toBe(1);
    expect(await w.bot.run('mette', `/borger slet ${ref} bekræft`)).toContain('er slettet');
    expect(await w.prisma.consultantChange.count({ where: { citizenId: id } })).toBe(0);
    expect(await w.prisma.mentorSupport.count({ where: { citizenId: id } })).toBe(0);
  });

  it('help lists the mentor command and the setting, in Danish and English', async () => {
    const da = await w.bot.run('anne', '/borger help');
    expect(da).toContain('/citizen mentor <ref> <art>');
    expect(da).toContain('aldrig mentorens navn');
    expect(da).toContain('consultant:ingen');
    expect(await w.bot.run('ida', '/citizen help')).toContain('name the organisation, never the mentor');
    expect(await w.bot.run('mette', '/jobbot help')).toContain('/jobbot noconsultant <dage>|off');
  });
});

describe('the demo data', () => {
  it('shows a consultant change, mentor support and its end in the caseworker\'s morning list', async () => {
    const { createTestDatabase } = await import('../helpers/test-database.js');
    const { consoleDriver } = await import('../helpers/console-driver.js');
    const { seedDemoIfEmpty } = await import('../../src/db/seed-demo.js');
    const db = await createTestDatabase();
    const seeded = new Date('2026-11-23T06:00:00Z');
    await seedDemoIfEmpty(db.prisma, seeded);
    const bot = consoleDriver(db, { now: seeded });
    try {
      expect(await bot.run('mette', '/borger C-1004')).toContain('Konsulentskift: 1');
      expect(await bot.run('mette', '/borger C-1002')).toContain('Mentorstøtte: virksomhedsmentor (Bygma)');
      expect(await bot.run('mette', '/borger C-1007')).toContain('Mentorstøtte: uddannelsesmentor (VUC Vest)');
      await checkins.run({ prisma: db.prisma }, localDateTimeToInstant('2026-11-23', '08:00'));
      const bo = await db.prisma.staff.findUniqueOrThrow({ where: { handle: 'bo' } });
      const mette = await db.prisma.staff.findUniqueOrThrow({ where: { handle: 'mette' } });
      const text = async (id: string) => (await db.prisma.delivery.findMany({ where: { kind: checkins.KIND, recipientId: id } })).map((d) => renderText(d.payload as unknown as Reply)).join('\n');
      expect(await text(bo.id)).toContain('C-1002: virksomhedsmentor slutter ons. 25. nov.');
      expect(await text(mette.id)).toContain('Borgere uden virksomhedskonsulent');
    } finally {
      await db.close();
    }
  });
});
