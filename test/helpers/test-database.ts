// One real database per test file: a clone of the run's migrated PGlite
// template by default, or a fresh schema on the PostgreSQL server named by
// DATABASE_URL (so parallel test files never share tables).
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteSnapshot, openDatabase, openPgliteFromSnapshot, type Database } from '../../src/db/client.js';
import { inject } from 'vitest';

export type { Database };

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the run's migrated PGlite snapshot (test/helpers/pglite-template.ts); '' on PostgreSQL. */
    pgliteTemplate: string;
    /** The same migrated PGlite as a data folder, for DATA_DIR (also on PostgreSQL: child processes use PGlite). */
    pgliteTemplateDir: string;
  }
}

export async function createTestDatabase(): Promise<Database> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return createPostgresTestDatabase(databaseUrl);
  return openPgliteFromSnapshot(await templateSnapshot());
}

/**
 * A new PGlite data folder holding a copy of the run's migrated template, for
 * a child process's DATA_DIR or openDatabase({ dataDir }): nothing left to
 * migrate. The caller removes it. Without the globalSetup it is empty (migrated on first open).
 */
export async function createTestDataDir(prefix = 'jobbot-data-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const template = inject('pgliteTemplateDir');
  if (template) await cp(template, dir, { recursive: true });
  return dir;
}

let snapshot: Promise<Uint8Array> | undefined;

/** The globalSetup's template; built here if a test runs without it (e.g. an IDE runner). */
function templateSnapshot(): Promise<Uint8Array> {
  const file = inject('pgliteTemplate');
  snapshot ??= file ? readFile(file).then((buffer) => new Uint8Array(buffer)) : createPgliteSnapshot();
  return snapshot;
}

async function createPostgresTestDatabase(databaseUrl: string): Promise<Database> {
  const schema = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const db = await openDatabase({ databaseUrl, schema });
  return {
    ...db,
    async close() {
      try {
        await db.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await db.close();
      }
    },
  };
}
