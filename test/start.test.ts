// The real start command: `npm start` (scripts/start.mjs: the bundle of
// src/index.ts) with no credentials opens PGlite in DATA_DIR, migrates it,
// seeds the demo team once, and answers the console on stdin. The README's
// command runs once, through npm on an empty folder, exactly as a new user
// runs it (building dist/app/ if a source is newer); the other starts run the
// run's bundle of src/index.ts (test/helpers/build-entries.ts), built the same way.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { runNpmScript, runScript, type ScriptRun } from './helpers/run-script.js';
import { createTestDataDir } from './helpers/test-database.js';

const start = (env: Record<string, string>, stdin: string): Promise<ScriptRun> => runScript('src/index.ts', [], env, stdin);

describe('npm start', () => {
  const dataDirs: string[] = [];
  const track = (dir: string) => (dataDirs.push(dir), dir);
  afterAll(async () => {
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('`npm start` on an empty folder migrates it, seeds the demo team and answers /caseload from a pipe, exiting at end of input; a second start there does not seed again', async () => {
    const dataDir = track(await mkdtemp(join(tmpdir(), 'jobbot-start-')));
    const first = await runNpmScript('start', { DATA_DIR: dataDir }, '/caseload\n');
    expect(first.stderr).not.toContain('could not start');
    expect(first.code).toBe(0);
    // The console acts as the demo manager mette, whose caseload is the team's.
    expect(first.stdout).toContain('== Sagsstamme: team Demo ==');
    expect(first.stdout).toMatch(/Aktive borgere: 28\b/);
    expect(first.stdout).toContain('• @anne:');
    expect(first.stdout).toContain('• @camilla:');
    expect(first.stderr).toContain('"event":"demo.seeded"');

    const again = await start({ DATA_DIR: dataDir }, '/caseload\n/targets\n');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Aktive borgere: 28\b/);
    expect(again.stdout).toContain('== Mål for ');
    expect(again.stderr).not.toContain('demo.seeded');

    const db = await openDatabase({ dataDir });
    try {
      // The demo team, and a second small team sharing the company register.
      expect((await db.prisma.team.findMany({ orderBy: { name: 'asc' } })).map((t) => t.name)).toEqual(['Demo', 'Demo Syd']);
      const demo = { team: { name: 'Demo' } };
      expect(await db.prisma.staff.count({ where: demo })).toBe(5);
      expect(await db.prisma.staff.count()).toBe(8);
      // The demo's current caseload; C-09xx are the closed cases of six earlier months behind the team chart.
      const history = { ref: { startsWith: 'C-09' } };
      expect(await db.prisma.citizen.count({ where: { NOT: [history, { ref: { startsWith: 'C-20' } }] } })).toBe(30);
      expect(await db.prisma.citizen.count({ where: { ref: { startsWith: 'C-20' } } })).toBe(3);
      expect(await db.prisma.outcome.count({ where: { citizen: { NOT: history } } })).toBe(2);
      expect(await db.prisma.citizen.count({ where: { ...history, status: 'CLOSED' } })).toBeGreaterThanOrEqual(18);
      expect((await db.prisma.staff.findUniqueOrThrow({ where: { handle: 'mette' } })).role).toBe('MANAGER');
    } finally {
      await db.close();
    }
  }, 300_000);

  it('refuses a bad PORT with one line naming it, and exits non-zero', async () => {
    // The configuration is checked before the database is opened: the folder stays empty.
    const dataDir = track(await mkdtemp(join(tmpdir(), 'jobbot-start-')));
    const run = await start({ DATA_DIR: dataDir, PORT: 'abc' }, '');
    expect(run.code).not.toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
    expect(lines[0]).toContain('a port number from 1 to 65535');
    expect(run.stdout).toBe('');
  }, 120_000);

  it('the console start loads neither the Slack nor the Teams SDK when neither is configured', async () => {
    // Each module the process resolves is recorded by a loader hook (test/fixtures/record-imports/).
    const dataDir = track(await createTestDataDir('jobbot-start-'));
    const recorded = join(dataDir, 'imports.txt');
    const register = pathToFileURL(join(import.meta.dirname, 'fixtures', 'record-imports', 'register.mjs')).href;
    const run = await start({ DATA_DIR: dataDir, NODE_OPTIONS: `--import=${register}`, RECORD_IMPORTS_TO: recorded }, '/caseload\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('== Sagsstamme: team Demo ==');
    const modules = (await readFile(recorded, 'utf8')).split('\n');
    // The hook saw the start's packages (the embedded database) ...
    expect(modules.some((url) => url.includes('/node_modules/@electric-sql/pglite/'))).toBe(true);
    // ... and no platform SDK.
    expect(modules.filter((url) => /\/node_modules\/(botbuilder|botframework-|@slack\/)/.test(url))).toEqual([]);
  }, 120_000);
});
