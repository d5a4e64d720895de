// A consultant change by CSV import moves the citizen's running placements
// too (as /citizen set does), so overdue follow-ups are credited to the new
// consultant, not the old one.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamFixture, MONDAY, type TeamFixture } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { askDriver, type AskDriver } from './ask-driver.js';

const HEADER = 'reference;initialer;målgruppe;sagsbehandler;virksomhedskonsulent;kadence_dage;forløb_virksomhed;forløb_type;forløb_start;forløb_slut';
const batchIdIn = (out: string) => /\/jobbot import apply ([0-9a-f-]{36})/.exec(out)?.[1];

describe('importing a change of consultant', () => {
  let db: Database;
  let bot: AskDriver;
  let f: TeamFixture;
  let dorte: string;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    f = await createTeamFixture(db.prisma);
    dorte = (await db.prisma.staff.create({ data: { handle: 'dorte', displayName: 'Dorte', role: 'CONSULTANT', teamId: f.teamId, email: 'dorte@kommune.dk' } })).id;
    bot = await askDriver(db, MONDAY);
    dir = await mkdtemp(join(tmpdir(), 'jobbot-import-'));
  });
  afterAll(async () => db.close());

  const importFile = async (name: string, line: string) => {
    const path = join(dir, name);
    await writeFile(path, `${HEADER}\n${line}\n`);
    const preview = await bot.run('mette', `/jobbot import ${path}`);
    return { preview, applied: await bot.run('mette', `/jobbot import apply ${batchIdIn(preview)}`) };
  };

  it('moves the active placement and the overdue follow-up to the new consultant', async () => {
    // A placement since 1 October with no follow-up: its follow-up is long overdue on 23 November.
    const first = await importFile('a.csv', 'C-2001;AB;jobparat;anne;camilla;7;Netto Nord;praktik;01-10-2026;31-12-2026');
    expect(first.applied).toContain('1 borger oprettet');
    const before = await bot.run('mette', '/caseload team');
    expect(before).toContain('@camilla: 1 sag, 1 overskreden forløbsopfølgning');

    const second = await importFile('b.csv', 'C-2001;AB;jobparat;anne;dorte;7;Netto Nord;praktik;01-10-2026;31-12-2026');
    expect(second.preview).toContain('C-2001 ændres');
    expect(second.applied).toContain('0 borgere oprettet, 1 ændret');

    const citizen = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-2001' }, include: { placements: true } });
    expect(citizen.consultantId).toBe(dorte);
    expect(citizen.placements.map((p) => [p.company, p.status, p.consultantId])).toEqual([['Netto Nord', 'ACTIVE', dorte]]);

    const after = await bot.run('mette', '/caseload team');
    expect(after).toContain('@dorte: 1 sag, 1 overskreden forløbsopfølgning');
    expect(after).toContain('@camilla: 0 sager, 0 overskredne forløbsopfølgninger');
  });
});
