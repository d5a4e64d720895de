// One real database per test file: a clone of the run's migrated PGlite
// template by default, or a fresh schema on the PostgreSQL server named by
// DATABASE_URL (so parallel test files never share tables).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createPgliteSnapshot, openDatabase, openPgliteFromSnapshot, type Database } from '../../src/db/client.js';
import { inject } from 'vitest';

export type { Database };

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the run's migrated PGlite snapshot (test/helpers/pglite-template.ts); '' on PostgreSQL. */
    pgliteTemplate: string;
  }
}

export async function createTestDatabase(): Promise<Database> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return createPostgresTestDatabase(databaseUrl);
  return openPgliteFromSnapshot(await templateSnapshot());
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
