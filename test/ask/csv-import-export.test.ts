// CSV import (preview, apply, re-import, rejections, CPR) with real files from
// test/fixtures/csv, and the exports read back with the CSV parser.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/domain/i18n/messages.js';
import { todayIn } from '../../src/domain/local-date.js';
import { findStaffByHandle } from '../../src/db/staff-queries.js';
import type { HandlerContext } from '../../src/handlers/context.js';
import { applyImport, previewImport } from '../../src/handlers/import/import-caseload.js';
import { createTeamFixture, MONDAY, type TeamFixture } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { askDriver, type AskDriver } from './ask-driver.js';

const FIXTURES = 'test/fixtures/csv';
const batchIdIn = (out: string) => /\/jobbot import apply ([0-9a-f-]{36})/.exec(out)?.[1];

describe('caseload CSV import and exports', () => {
  let db: Database;
  let bot: AskDriver;
  let f: TeamFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    f = await createTeamFixture(db.prisma);
    bot = await askDriver(db, MONDAY);
  });
  afterAll(async () => db.close());

  it('previews first (nothing changes), then applies in one go', async () => {
    const out = await bot.run('mette', `/jobbot import ${FIXTURES}/caseload-valid.csv`);
    expect(out).toContain('Import, forhåndsvisning: 5 linjer');
    expect(out).toContain('Oprettes: 5');
    expect(out).toContain('Linje 2: C-1001 oprettes (sagsbehandler @anne, målgruppe jobparat, virksomhedskonsulent @camilla)');
    expect(out).toContain('Linje 5: C-1004 oprettes');
    expect(out).toContain('nyt forløb: løntilskud (privat) hos Bager Hansen; Vestergade');
    expect(await db.prisma.citizen.count()).toBe(0);
    expect(await db.prisma.importBatch.count()).toBe(1);

    const id = batchIdIn(out);
    expect(id).toBeDefined();
    const applied = await bot.run('mette', `/jobbot import apply ${id}`);
    expect(applied).toContain('Importen er gennemført: 5 borgere oprettet, 0 ændret.');
    const citizens = await db.prisma.citizen.findMany({ orderBy: { ref: 'asc' }, include: { placements: true } });
    expect(citizens.map((c) => c.ref)).toEqual(['C-1001', 'C-1002', 'C-1003', 'C-1004', 'C-1005']);
    expect(citizens[1]?.cadenceDays).toBe(14);
    expect(citizens[1]?.placements[0]).toMatchObject({ company: 'Netto Nord', type: 'INTERNSHIP', source: 'IMPORT' });
    expect(citizens[3]?.targetGroup).toBe('RESSOURCEFORLOEB');
    expect(citizens[3]?.caseworkerId).toBe(f.staff.bo);
    expect(await bot.run('mette', `/jobbot import apply ${id}`)).toContain('allerede gennemført');
  });

  it('re-importing the same file changes nothing', async () => {
    const before = JSON.stringify(await db.prisma.citizen.findMany({ orderBy: { ref: 'asc' }, include: { placements: true } }));
    const out = await bot.run('mette', `/jobbot import ${FIXTURES}/caseload-valid.csv`);
    expect(out).toContain('Uændrede: 5');
    expect(out).toContain('Filen ændrer intet');
    expect(out).toContain('Samme fil blev importeret');
    const batch = await db.prisma.importBatch.findFirstOrThrow({ where: { appliedAt: null } });
    expect(await bot.run('mette', `/jobbot import apply ${batch.id}`)).toContain('0 borgere oprettet, 0 ændret');
    expect(JSON.stringify(await db.prisma.citizen.findMany({ orderBy: { ref: 'asc' }, include: { placements: true } }))).toBe(before);
  });

  it('shows changes line by line and records a change of caseworker', async () => {
    const out = await bot.run('mette', `/jobbot import ${FIXTURES}/caseload-changes.csv`);
    expect(out).toContain('Linje 2: C-1001 ændres: sagsbehandler @anne → @bo, kadence_dage 7 → 14');
    expect(out).toContain('Linje 3: C-1002 ændres: forløbet hos Netto Nord:');
    expect(out).toContain('Linje 6: C-1005 ændres: nyt forløb: virksomhedspraktik hos Føtex');
    expect(out).toContain('Linje 7: C-1006 oprettes');
    expect(out).toContain('Uændrede: 2');
    const applied = await bot.run('mette', `/jobbot import apply ${batchIdIn(out)}`);
    expect(applied).toContain('1 borger oprettet, 3 ændret');
    const c1001 = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-1001' }, include: { caseworkerChanges: true } });
    expect(c1001.caseworkerId).toBe(f.staff.bo);
    expect(c1001.cadenceDays).toBe(14);
    expect(c1001.caseworkerChanges).toMatchObject([{ fromStaffId: f.staff.anne, toStaffId: f.staff.bo }]);
    const netto = await db.prisma.placement.findFirstOrThrow({ where: { company: 'Netto Nord' } });
    expect(netto.plannedEndOn.toISOString().slice(0, 10)).toBe('2026-12-13');
    expect(await db.prisma.auditLog.count({ where: { action: 'citizen.import.change' } })).toBe(3);
  });

  it('reads comma-separated files with English headers and a BOM, listing columns it does not read', async () => {
    const out = await bot.run('mette', `/jobbot import ${FIXTURES}/caseload-english-comma.csv`);
    expect(out).toContain('Oprettes: 2');
    expect(out).toContain('Kolonner, der ikke læses: notes');
    expect(out).not.toContain('whatever');
  });

  it('rejects bad lines with the reason, without repeating what was typed in them', async () => {
    await db.prisma.citizen.create({ data: { teamId: f.teamId, ref: 'C-3011', status: 'CLOSED', closeReason: 'MOVED', closedAt: MONDAY } });
    const out = await bot.run('mette', `/jobbot import ${FIXTURES}/caseload-rejects.csv`);
    expect(out).toContain('Oprettes: 1');
    expect(out).toContain('Afvises: 12');
    expect(out).toContain('Linje 3 (C-3002): afvist, initialerne skal være 1-4 bogstaver');
    expect(out).toContain('Linje 4 (C-3003): afvist, ukendt målgruppe');
    expect(out).toContain('Linje 5 (C-3004): afvist, sagsbehandler nobody@kommune.dk findes ikke i teamet');
    expect(out).toContain('Linje 6 (C-3005): afvist, sagsbehandler olga findes ikke i teamet');
    expect(out).toContain('Linje 7 (C-3001): afvist, samme sagsreference som linje 2');
    expect(out).toContain('Linje 8 (C-3006): afvist, @bo er ikke virksomhedskonsulent');
    expect(out).toContain('Linje 9 (C-3007): afvist, kadencen skal være');
    expect(out).toContain('Linje 10 (C-3008): afvist, forløb_start er ikke en dato');
    expect(out).toContain('Linje 11 (C-3009): afvist, ukendt forløbstype');
    expect(out).toContain('Linje 12: afvist, der mangler en sagsreference');
    expect(out).toContain('Linje 13 (C-3010): afvist, sagsbehandler findes ikke i teamet');
    expect(out).toContain('Linje 14 (C-3011): afvist, sagen er afsluttet');
    for (const typed of ['Hansen', 'Jensen', 'Karen', 'Blixen', 'rumrejse', 'måske-parat']) expect(out).not.toContain(typed);
    const batch = await db.prisma.importBatch.findFirstOrThrow({ orderBy: { createdAt: 'desc' }, where: { appliedAt: null, preview: { path: ['rows'], array_contains: [{ ref: 'C-3001' }] } } });
    for (const typed of ['Hansen', 'Karen', 'rumrejse']) expect(JSON.stringify(batch.preview)).not.toContain(typed);
  });

  it('rejects a file with a CPR number whole, naming the line, never echoing or storing it', async () => {
    const batches = await db.prisma.importBatch.count();
    const citizens = await db.prisma.citizen.count();
    const out = await bot.run('mette', `/jobbot import ${FIXTURES}/caseload-cpr.csv`);
    expect(out).toContain('Filen er afvist: linje 3 indeholder noget, der ligner et CPR-nummer');
    expect(out).not.toMatch(/010190|1234/);
    expect(await db.prisma.importBatch.count()).toBe(batches);
    expect(await db.prisma.citizen.count()).toBe(citizens);
    const logged = JSON.stringify(await db.prisma.auditLog.findMany({ select: { action: true, details: true } }));
    expect(logged).not.toContain('010190');
  });

  it('refuses stale previews and importers who are not admin or manager', async () => {
    expect(await bot.run('anne', `/jobbot import ${FIXTURES}/caseload-valid.csv`)).toContain('Kun administratorer og teamets leder kan importere.');
    expect(await bot.run('mette', '/jobbot import test/fixtures/csv/missing.csv')).toContain('Jeg kan ikke læse filen');
    const out = await bot.run('mette', `/jobbot import ${FIXTURES}/caseload-valid.csv`);
    expect(out).toContain('C-1001 ændres: sagsbehandler @bo → @anne');
    await bot.run('mette', '/citizen transfer C-1001 @anne');
    expect(await bot.run('mette', `/jobbot import apply ${batchIdIn(out)}`)).toContain('Data er ændret siden forhåndsvisningen');
  });

  it('exposes previewImport/applyImport for platform uploads', async () => {
    const actor = await findStaffByHandle(db.prisma, 'mette');
    const content = 'reference;sagsbehandler\nC-5001;anne\n';
    const reply = await db.prisma.$transaction(async (tx) => {
      const ctx: HandlerContext = { db: tx, now: MONDAY, today: todayIn(MONDAY), actor: actor!, t: messagesFor('da'), channel: 'SLACK', adminEmails: [], announce: () => undefined };
      const preview = await previewImport(ctx, content);
      const id = preview.blocks.flatMap((b) => (b.type === 'actions' ? b.actions : [])).find((a) => a.id === 'import.apply')?.value;
      return applyImport(ctx, id ?? '');
    });
    expect(reply.text).toContain('1 borger oprettet');
    // A file path from Slack is refused: only the console reads files.
    expect(await db.prisma.citizen.count({ where: { ref: 'C-5001' } })).toBe(1);
  });

  it('exports the caseload as Danish-Excel CSV that reads back, and imports again unchanged', async () => {
    const out = await bot.run('mette', '/caseload export');
    expect(out).toMatch(/📎 sagsstamme-vest-2026-11-23\.csv \(\d+ bytes\)/);
    const path = /→ (\S+\.csv)/.exec(out)?.[1] ?? '';
    expect(path.startsWith(bot.exportDir)).toBe(true);
    const raw = await readFile(path, 'utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(raw, { bom: true, delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual(['reference', 'initialer', 'målgruppe', 'sagsbehandler', 'virksomhedskonsulent', 'kadence_dage', 'forløb_virksomhed', 'forløb_type', 'forløb_start', 'forløb_slut', 'aktive_forløb', 'næste_opfølgning', 'dage_over', 'sagsbehandlerskift', 'konsulentskift']);
    const active = await db.prisma.citizen.count({ where: { teamId: f.teamId, status: 'ACTIVE' } });
    expect(rows).toHaveLength(active + 1);
    const bager = rows.find((r) => r[6] === 'Bager Hansen; Vestergade');
    expect(bager?.slice(0, 10)).toEqual(['C-1004', '', 'ressourceforløb', 'bo@kommune.dk', 'camilla@kommune.dk', '30', 'Bager Hansen; Vestergade', 'løntilskud', '02-11-2026', '30-04-2027']);
    for (const r of rows.slice(1)) expect(r[11]).toMatch(/^\d{2}-\d{2}-\d{4}$/);
    expect(await db.prisma.auditLog.count({ where: { action: 'caseload.export', citizenId: null } })).toBe(1);
    // Who saw which citizen: one row per citizen in the file.
    expect(await db.prisma.auditLog.count({ where: { action: 'caseload.export', citizenId: { not: null } } })).toBe(active);

    const again = await bot.run('mette', `/jobbot import ${path}`);
    expect(again).toContain(`Uændrede: ${active}`);
    expect(again).toContain('Filen ændrer intet');
    expect(again).toContain('Kolonner, der ikke læses: aktive_forløb, næste_opfølgning, dage_over, sagsbehandlerskift, konsulentskift');
  });

  it('exports twelve months of targets and results', async () => {
    await bot.run('mette', '/target praktikstarter 4');
    const out = await bot.run('mette', '/targets export');
    const path = /→ (\S+\.csv)/.exec(out)?.[1] ?? '';
    const rows = parse(await readFile(path, 'utf8'), { bom: true, delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual(['måned', 'måltal', 'mål', 'resultat', 'opnået_procent', 'medarbejder']);
    // Seven measures a month: the four production measures and the pipeline's three (issue 14).
    expect(rows).toHaveLength(1 + 12 * 7);
    expect(rows.at(-7)).toEqual(['01-11-2026', 'praktikstarter', '4', '3', '75', 'team']);
    expect(rows[1]?.[0]).toBe('01-12-2025');
  });

  it("puts each person's own targets and actuals next to the team's, CSV-safe", async () => {
    await bot.run('mette', '/måltal praktikstarter 2 @anne', '/måltal rykket-op 3 @bo');
    // A handle a spreadsheet would read as a formula is written as text.
    await db.prisma.staff.update({ where: { id: f.staff.bo }, data: { handle: '-bo' } });
    try {
      const out = await bot.run('mette', '/mål eksport');
      const path = /→ (\S+\.csv)/.exec(out)?.[1] ?? '';
      const rows = parse(await readFile(path, 'utf8'), { bom: true, delimiter: ';' }) as string[][];
      expect(rows).toHaveLength(1 + 12 * 7 + 2);
      const november = rows.filter((r) => r[0] === '01-11-2026');
      expect(november.slice(0, 7).every((r) => r[5] === 'team')).toBe(true);
      // Anne's citizens' placement starts, counted as /targets @anne counts them.
      const anne = (await bot.run('mette', '/mål')).match(/praktikstarter \(@anne\): (\d+) af 2/)?.[1];
      const people = november.slice(7);
      expect(people).toHaveLength(2);
      expect(people).toContainEqual(['01-11-2026', 'praktikstarter', '2', anne, String(Math.round((Number(anne) / 2) * 100)), 'anne']);
      expect(people).toContainEqual(['01-11-2026', 'borgere rykket op', '3', '0', '0', "'-bo"]);
    } finally {
      await db.prisma.staff.update({ where: { id: f.staff.bo }, data: { handle: 'bo' } });
    }
  });

  it('keeps exports for managers', async () => {
    expect(await bot.run('anne', '/caseload export')).toContain('Kun ledere kan gøre det.');
    expect(await bot.run('anne', '/targets export')).toContain('Kun ledere kan gøre det.');
  });
});
