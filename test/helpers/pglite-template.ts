// vitest globalSetup: builds ONE migrated PGlite per test run. Its snapshot
// (a tar file) is what createTestDatabase() clones per call (~0.7 s instead
// of ~4 s for a fresh instance plus migrations); the same database unpacked
// into a folder is what createTestDataDir() copies for the child processes
// (the CLIs and `npm start` open a DATA_DIR, and then find nothing to migrate).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
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
  const pglite = await PGlite.create(dataDir, { loadDataDir: new Blob([new Uint8Array(snapshot)]) });
  await pglite.close();
  project.provide('pgliteTemplateDir', dataDir);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
