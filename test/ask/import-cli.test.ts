// `npm run import -- <file.csv> [--apply]` as a user runs it: the real CLI in a
// child process over a PGlite folder (DATA_DIR, a copy of the run's migrated template), with the files in
// test/fixtures/csv. Preview (nothing imported), apply (rows written),
// re-import (nothing changes) and a file with a CPR number (exit code 1, the
// line named, nothing stored). The CLI speaks the shell's language, not the chat's.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createTeamFixture, type TeamFixture } from '../helpers/fixtures.js';
import { runScript, type ScriptRun } from '../helpers/run-script.js';
import { createTestDataDir } from '../helpers/test-database.js';

const FIXTURES = 'test/fixtures/csv';

describe('npm run import (src/import-cli.ts)', () => {
  let dataDir: string;
  let f: TeamFixture;

  const cli = (...args: string[]): Promise<ScriptRun> => runScript('src/import-cli.ts', args, { DATA_DIR: dataDir });

  /** Opens the folder between runs (PGlite allows one process at a time). */
  async function inDatabase<T>(read: (db: Database) => Promise<T>): Promise<T> {
    const db = await openDatabase({ dataDir });
    try {
      return await read(db);
    } finally {
      await db.close();
    }
  }
  const citizens = () => inDatabase((db) => db.prisma.citizen.findMany({ orderBy: { ref: 'asc' }, include: { placements: { orderBy: { company: 'asc' } } } }));

  beforeAll(async () => {
    dataDir = await createTestDataDir('jobbot-import-cli-');
    f = await inDatabase(async (db) => {
      const fixture = await createTeamFixture(db.prisma);
      // An English-speaking manager of the same team.
      await db.prisma.staff.create({ data: { handle: 'eve', displayName: 'Eve', role: 'MANAGER', teamId: fixture.teamId, email: 'eve@kommune.dk', locale: 'en' } });
      return fixture;
    });
  }, 120_000);
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('previews without --apply: the plan line by line, how to go on from the shell, nothing imported', async () => {
    const run = await cli(`${FIXTURES}/caseload-valid.csv`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Import, forhåndsvisning: 5 linjer');
    expect(run.stdout).toContain('Oprettes: 5');
    expect(run.stdout).toContain('Linje 2: C-1001 oprettes (sagsbehandler @anne, målgruppe jobparat, virksomhedskonsulent @camilla)');
    expect(run.stdout).toContain('Intet er importeret endnu. Kør kommandoen igen med --apply for at gennemføre importen:');
    expect(run.stdout).toContain(`npm run import -- ${FIXTURES}/caseload-valid.csv --apply`);
    // Nothing meant for a chat: no slash command, no button, no English aside.
    expect(run.stdout).not.toContain('/jobbot');
    expect(run.stdout).not.toContain('[Gennemfør import]');
    expect(run.stdout).not.toContain('preview only');
    expect(await citizens()).toEqual([]);

    const english = await cli(`${FIXTURES}/caseload-english-comma.csv`, '--as', 'eve');
    expect(english.code).toBe(0);
    expect(english.stdout).toContain('Import preview: 2 lines');
    expect(english.stdout).toContain('Nothing is imported yet. Run the command again with --apply to import:');
    expect(english.stdout).toContain(`npm run import -- ${FIXTURES}/caseload-english-comma.csv --apply`);
    expect(english.stdout).not.toContain('/jobbot');
    expect(await citizens()).toEqual([]);
  }, 120_000);

  it('imports with --apply: the rows are written', async () => {
    const run = await cli(`${FIXTURES}/caseload-valid.csv`, '--apply');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Oprettes: 5');
    expect(run.stdout).toContain('Importen er gennemført: 5 borgere oprettet, 0 ændret.');
    expect(run.stdout).not.toContain('--apply');
    expect(run.stdout).not.toContain('/jobbot');
    const rows = await citizens();
    expect(rows.map((c) => c.ref)).toEqual(['C-1001', 'C-1002', 'C-1003', 'C-1004', 'C-1005']);
    expect(rows[0]).toMatchObject({ caseworkerId: f.staff.anne, consultantId: f.staff.camilla, targetGroup: 'JOBPARAT' });
    expect(rows[1]?.placements[0]).toMatchObject({ company: 'Netto Nord', type: 'INTERNSHIP', source: 'IMPORT' });
    expect(rows[3]).toMatchObject({ caseworkerId: f.staff.bo, targetGroup: 'RESSOURCEFORLOEB' });
  }, 120_000);

  it('re-importing the same file changes nothing', async () => {
    const before = JSON.stringify(await citizens());
    const run = await cli(`${FIXTURES}/caseload-valid.csv`, '--apply');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Uændrede: 5');
    expect(run.stdout).toContain('Filen ændrer intet');
    expect(run.stdout).toContain('Samme fil blev importeret');
    expect(run.stdout).not.toContain('Importen er gennemført');
    expect(run.stdout).not.toContain('--apply');
    expect(JSON.stringify(await citizens())).toBe(before);
  }, 120_000);

  it('rejects a file with a CPR number whole: exit code 1, the line named, nothing stored', async () => {
    const before = await inDatabase(async (db) => ({ citizens: await db.prisma.citizen.count(), batches: await db.prisma.importBatch.count() }));
    const run = await cli(`${FIXTURES}/caseload-cpr.csv`, '--apply');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Filen er afvist: linje 3 indeholder noget, der ligner et CPR-nummer. Intet er læst ind eller gemt.');
    expect(run.stdout).not.toContain('010190');
    expect(run.stdout).not.toContain('--apply');
    await inDatabase(async (db) => {
      expect(await db.prisma.citizen.count()).toBe(before.citizens);
      expect(await db.prisma.citizen.count({ where: { ref: { startsWith: 'C-400' } } })).toBe(0);
      expect(await db.prisma.importBatch.count()).toBe(before.batches);
      const audit = await db.prisma.auditLog.findMany({ select: { action: true, details: true } });
      expect(audit.filter((a) => a.action === 'import.rejected')).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain('010190');
    });
  }, 120_000);
});
