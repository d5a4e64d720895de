// The real start command: `tsx src/index.ts` with no credentials opens PGlite
// in DATA_DIR, seeds the demo team once, and answers the console on stdin.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { runScript, type ScriptRun } from './helpers/run-script.js';

const start = (env: Record<string, string>, stdin: string): Promise<ScriptRun> => runScript('src/index.ts', [], env, stdin);

describe('npm start', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'jobbot-start-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('starts without credentials, seeds the demo team and answers /caseload from a pipe, exiting at end of input', async () => {
    const run = await start({ DATA_DIR: dataDir }, '/caseload\n');
    expect(run.stderr).not.toContain('could not start');
    expect(run.code).toBe(0);
    // The console acts as the demo manager mette, whose caseload is the team's.
    expect(run.stdout).toContain('== Sagsstamme: team Demo ==');
    expect(run.stdout).toMatch(/Aktive borgere: 28\b/);
    expect(run.stdout).toContain('• @anne:');
    expect(run.stdout).toContain('• @camilla:');
    expect(run.stderr).toContain('"event":"demo.seeded"');
  }, 180_000);

  it('does not seed twice on a second start over the same folder', async () => {
    const run = await start({ DATA_DIR: dataDir }, '/caseload\n/targets\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Aktive borgere: 28\b/);
    expect(run.stdout).toContain('== Mål for ');
    expect(run.stderr).not.toContain('demo.seeded');

    const db = await openDatabase({ dataDir });
    try {
      expect(await db.prisma.team.count()).toBe(1);
      expect(await db.prisma.staff.count()).toBe(5);
      expect(await db.prisma.citizen.count()).toBe(30);
      expect(await db.prisma.outcome.count()).toBe(2);
      expect((await db.prisma.staff.findUniqueOrThrow({ where: { handle: 'mette' } })).role).toBe('MANAGER');
    } finally {
      await db.close();
    }
  }, 180_000);

  it('refuses a bad PORT with one line naming it, and exits non-zero', async () => {
    const run = await start({ DATA_DIR: dataDir, PORT: 'abc' }, '');
    expect(run.code).not.toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
    expect(lines[0]).toContain('a port number from 1 to 65535');
    expect(run.stdout).toBe('');
  }, 60_000);
});
