// vitest globalSetup: builds ONE migrated PGlite per test run. Its snapshot
// (a tar file) is what createTestDatabase() clones per call (~0.7 s instead
// of ~4 s for a fresh instance plus migrations); the same database unpacked
// into a folder is what createTestDataDir() copies for the child processes
// (the CLIs and `npm start` open a DATA_DIR, and then find nothing to migrate).
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPgliteSnapshot } from '../../src/db/client.js';
import type {} from './test-database.js'; // declares the provided 'pgliteTemplate' and 'pgliteTemplateDir'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'jobbot-pglite-template-'));
  const snapshot = await createPgliteSnapshot();
  // On PostgreSQL every test database gets its own migrated schema instead,
  // but child processes still run on PGlite (their environment has no DATABASE_URL).
  if (process.env.DATABASE_URL) {
    project.provide('pgliteTemplate', '');
  } else {
    const file = join(dir, 'template.tar');
    await writeFile(file, snapshot);
    project.provide('pgliteTemplate', file);
  }
  const dataDir = join(dir, 'data');
  untar(snapshot, dataDir);
  project.provide('pgliteTemplateDir', dataDir);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}

/**
 * Unpacks PGlite's dumpDataDir() tarball (plain ustar: folders and files)
 * into `dir`: what PGlite.create(dir, { loadDataDir }) does, without
 * starting a database for it (seconds on a busy machine).
 */
function untar(tar: Uint8Array, dir: string): void {
  const field = (from: number, length: number) => Buffer.from(tar.subarray(from, from + length)).toString('utf8').replace(/\0[^]*$/, '');
  mkdirSync(dir, { recursive: true });
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = field(at, 100);
    if (!name) break; // the two zero blocks that end the archive
    const prefix = field(at + 345, 155);
    const size = parseInt(field(at + 124, 12).trim() || '0', 8);
    const type = field(at + 156, 1) || '0';
    const path = join(dir, prefix ? `${prefix}/${name}` : name);
    if (type === '5') mkdirSync(path, { recursive: true });
    else if (type === '0') {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, tar.subarray(at + 512, at + 512 + size));
    } else throw new Error(`PGlite template: unexpected tar entry type ${JSON.stringify(type)} for ${name}`);
    at += 512 + Math.ceil(size / 512) * 512;
  }
}
