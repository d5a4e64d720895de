// One company register per municipality (issue 14, part 3): a company is
// shared by every team ("én indgang … fast kontaktperson"), its fixed contact
// may be in any team, "mente du …?" and CVR numbers span the register, any
// staff member reads a company but sees only the citizens they may open; and
// while the contact is away, the wishes go to their cover (else the managers
// of the contact's team). MONDAY is Monday 23 November 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState, openWorld, type World } from '../helpers/world.js';
import { localDateTimeToInstant } from '../../src/domain/local-date.js';
import type { Reply } from '../../src/domain/reply.js';
import { renderText } from '../../src/channels/console/render-text.js';
import * as consultants from '../../src/jobs/consultant-reminders.js';

describe('one company register for every team', () => {
  let w: World;
  let otto: string;
  beforeAll(async () => {
    w = await openWorld();
    // Team Øst gets a manager and a consultant besides caseworker olga.
    await w.prisma.staff.create({ data: { handle: 'oskar', displayName: 'Oskar', role: 'MANAGER', teamId: w.fixture.otherTeamId } });
    otto = (await w.prisma.staff.create({ data: { handle: 'otto', displayName: 'Otto', role: 'CONSULTANT', teamId: w.fixture.otherTeamId } })).id;
  });
  afterAll(async () => w.db.close());

  it('is one register: the same name, a close name and a CVR number are checked across teams', async () => {
    expect(await w.bot.run('anne', '/virksomhed add "Bygma Vest" cvr:12345674 kontakt:@camilla')).toContain('Bygma Vest er oprettet');
    const before = await databaseState(w.prisma);
    expect(await w.bot.run('olga', '/virksomhed add "bygma-vest"')).toContain('Bygma Vest findes allerede i registeret.');
    expect(await w.bot.run('olga', '/virksomhed add "Bygma Vets"')).toContain('Mente du Bygma Vest?');
    expect(await w.bot.run('olga', '/virksomhed add "Stark Øst" cvr:12345674')).toContain('CVR 12345674 er allerede registreret på Bygma Vest.');
    expect(await databaseState(w.prisma)).toEqual(before);

    // Øst's placement and wish land on Vest's company, not a second one.
    const ost = await w.freshCitizen('O', 'olga');
    expect(await w.bot.run('olga', `/praktik start ${ost} "bygma vest"`)).not.toContain('ny i virksomhedsregisteret');
    expect(await w.bot.run('olga', `/borger ønske ${ost} "Bygma Vets"`)).toContain('Mente du Bygma Vest?');
    const bygma = await w.prisma.company.findFirstOrThrow({ where: { name: 'Bygma Vest' } });
    expect((await w.prisma.placement.findFirstOrThrow({ where: { citizen: { ref: ost } } })).companyId).toBe(bygma.id);
    expect(await w.prisma.company.count({ where: { nameKey: 'bygma vest' } })).toBe(1);
  });

  it('takes a fixed contact from any team; only the contact or a manager of their team hands it on', async () => {
    expect(await w.bot.run('anne', '/virksomhed add "Stark Lemvig" kontakt:@otto')).toContain('Fast kontakt: @otto.');
    expect((await w.prisma.company.findFirstOrThrow({ where: { name: 'Stark Lemvig' } })).contactId).toBe(otto);
    expect(await w.bot.run('anne', '/virksomhed "Stark Lemvig"')).toContain('Otto (@otto), team Øst');

    const before = await databaseState(w.prisma);
    // Vest's manager may not take Øst's consultant off the company; a caseworker may not either.
    expect(await w.bot.run('mette', '/virksomhed set "Stark Lemvig" kontakt:@camilla')).toContain('Kun @otto (fast kontakt for Stark Lemvig) eller en leder i deres team');
    expect(await w.bot.run('olga', '/virksomhed set "Stark Lemvig" kontakt:@camilla')).toContain('Kun @otto');
    expect(await databaseState(w.prisma)).toEqual(before);
    expect(await w.bot.run('oskar', '/virksomhed set "Stark Lemvig" kontakt:@camilla')).toContain('Fast kontakt: @camilla.');
  });

  it('any staff member reads a company; its citizens only as far as they may open them, the rest as counts', async () => {
    await w.bot.run('anne', '/virksomhed add "Jysk Lemvig" kontakt:@camilla');
    const vest = await w.freshCitizen('V', 'anne');
    const ost = await w.freshCitizen('O', 'olga');
    await w.bot.run('anne', `/praktik start ${vest} "Jysk Lemvig"`);
    await w.bot.run('olga', `/praktik start ${ost} "Jysk Lemvig"`, `/borger ønske ${ost} "Jysk Lemvig"`);

    const olga = await w.bot.run('olga', '/virksomhed "Jysk Lemvig"');
    expect(olga).toContain('Camilla (@camilla), team Vest');
    expect(olga).toContain(`${ost}: virksomhedspraktik`);
    expect(olga).toContain(`${ost} (ikke kontaktet endnu)`);
    expect(olga).not.toContain(vest);
    expect(olga).toContain('+ 1 borger på andres sager');
    // The Vest manager sees Vest's citizens by reference, Øst's as a count; so does the contact.
    for (const handle of ['mette', 'camilla']) {
      const out = await w.bot.run(handle, '/virksomhed "Jysk Lemvig"');
      expect(out).not.toContain(ost);
      expect(out).toContain('+ 1 borger på andres sager');
    }
    expect(await w.bot.run('mette', '/virksomhed "Jysk Lemvig"')).toContain(`${vest}: virksomhedspraktik`);
    // The list is the whole register, counts only.
    const list = await w.bot.run('olga', '/virksomhed');
    expect(list).toContain('Virksomhedsregisteret');
    expect(list).toContain('Jysk Lemvig · @camilla · 2 i gang · 1 ønske');
  });
});

describe("a company's wishes while its contact is away", () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  /** The placements morning message of `handle` on `day` (empty when nothing was sent). */
  const morning = async (handle: string, day: string): Promise<string> => {
    await consultants.run({ prisma: w.prisma }, localDateTimeToInstant(day, '08:00'));
    const staff = await w.prisma.staff.findUniqueOrThrow({ where: { handle } });
    const row = await w.prisma.delivery.findFirst({ where: { kind: consultants.KIND, recipientId: staff.id, key: { contains: day } } });
    return row && row.status !== 'SKIPPED' ? renderText(row.payload as unknown as Reply) : '';
  };

  it("go to the contact's cover, who sees by reference the citizens of the covered contact; others across teams as counts", async () => {
    await w.bot.run('anne', '/virksomhed add "Netto Lemvig" kontakt:@camilla');
    const shared = await w.freshCitizen('V', 'anne', 'consultant:@camilla');
    const annes = await w.freshCitizen('V', 'anne');
    const ost = await w.freshCitizen('O', 'olga');
    await w.bot.run('anne', `/borger ønske ${shared} "Netto Lemvig"`, `/borger ønske ${annes} "Netto Lemvig"`);
    await w.bot.run('olga', `/borger ønske ${ost} "Netto Lemvig"`);

    // Present: camilla has them, Øst's citizen as a count with whom to ask.
    const present = await morning('camilla', '2026-11-24');
    expect(present).toContain(`${shared} ønsker Netto Lemvig`);
    expect(present).toContain('Netto Lemvig: 2 borgere på kollegers sager ønsker virksomheden (spørg @anne, @olga)');

    expect(await w.bot.run('camilla', '/jobbot away until 2026-11-27 cover:@bo')).toContain('@bo dækker for dig');
    expect(await morning('camilla', '2026-11-25')).toBe('');
    const bo = await morning('bo', '2026-11-25');
    expect(bo).toContain('Du dækker for en fraværende kollega');
    expect(bo).toContain('Ønskevirksomheder at kontakte – For @camilla (fraværende)');
    expect(bo).toContain(`${shared} ønsker Netto Lemvig`); // camilla's citizen: the cover may open it
    expect(bo).not.toContain(annes);
    expect(bo).not.toContain(ost);
    expect(bo).toContain('Netto Lemvig: 2 borgere på kollegers sager ønsker virksomheden (spørg @anne, @olga)');
    // Nobody else got them: not the manager, not Øst.
    expect(await morning('mette', '2026-11-25')).not.toContain('Netto Lemvig');
    expect(await morning('olga', '2026-11-25')).not.toContain('Netto Lemvig');
  });

  it("go to the managers of the contact's team when nobody covers (or the contact left), and back to the contact after", async () => {
    expect(await w.bot.run('camilla', '/jobbot away until 2026-11-30')).toContain('teamets leder');
    const mette = await morning('mette', '2026-11-26');
    expect(mette).toContain('Ønskevirksomheder at kontakte – For @camilla (fraværende)');
    expect(mette).toMatch(/V-\d+ ønsker Netto Lemvig/);
    expect(mette).toContain('Netto Lemvig: 1 borger på kollegers sager ønsker virksomheden (spørg @olga)');
    expect(await morning('bo', '2026-11-26')).not.toContain('Netto Lemvig');

    const back = await morning('camilla', '2026-12-01');
    expect(back).toContain('Ønskevirksomheder at kontakte');
    expect(back).not.toContain('fraværende');

    // A contact who left: the managers of their team, until the company gets a new contact.
    await w.prisma.staff.update({ where: { handle: 'camilla' }, data: { active: false } });
    expect(await morning('mette', '2026-12-02')).toContain('Ønskevirksomheder at kontakte – For @camilla (fratrådt)');
  });
});

describe('the demo data', () => {
  it('has a company used by two teams: Bygma (contact @dennis, Demo) with a placement from Demo Syd', async () => {
    const { createTestDatabase } = await import('../helpers/test-database.js');
    const { consoleDriver } = await import('../helpers/console-driver.js');
    const { seedDemoIfEmpty } = await import('../../src/db/seed-demo.js');
    const db = await createTestDatabase();
    const seeded = new Date('2026-11-23T06:00:00Z');
    await seedDemoIfEmpty(db.prisma, seeded);
    const bot = consoleDriver(db, { now: seeded });
    try {
      const teams = await db.prisma.placement.findMany({ where: { status: 'ACTIVE', companyRecord: { name: 'Bygma' } }, select: { citizen: { select: { team: { select: { name: true } } } } } });
      expect(new Set(teams.map((p) => p.citizen.team.name))).toEqual(new Set(['Demo', 'Demo Syd']));
      const frida = await bot.run('frida', '/virksomhed Bygma');
      expect(frida).toContain('Dennis Dahl (@dennis), team Demo');
      expect(frida).toContain('C-2001: virksomhedspraktik');
      expect(frida).not.toMatch(/C-1\d{3}/); // Demo's citizens: a count
      const mette = await bot.run('mette', '/virksomhed Bygma');
      expect(mette).not.toContain('C-2001');
      expect(mette).toContain('+ 1 borger på andres sager');
      // Demo Syd's wish for Netto Nord is in camilla's morning list as a count, with whom to ask.
      await consultants.run({ prisma: db.prisma }, localDateTimeToInstant('2026-11-23', '08:00'));
      const camilla = await db.prisma.staff.findUniqueOrThrow({ where: { handle: 'camilla' } });
      const row = await db.prisma.delivery.findFirstOrThrow({ where: { kind: consultants.KIND, recipientId: camilla.id } });
      expect(renderText(row.payload as unknown as Reply)).toMatch(/Netto Nord: \d+ borgere? på kollegers sager ønsker virksomheden \(spørg [^)]*@frida/);
    } finally {
      await db.close();
    }
  });
});
