// One real database per test file: a clone of the run's migrated PGlite
// template by default, or a fresh schema on the PostgreSQL server named by
// DATABASE_URL (so parallel test files never share tables).
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createPgliteSnapshot, openDatabase, openPgliteFromSnapshot, type Database } from '../../src/db/client.js';
import { inject } from 'vitest';

export type { Database };

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the run's migrated PGlite snapshot, a tar file (test/helpers/pglite-template.ts). */
    pgliteTemplate: string;
  }
}

export async function createTestDatabase(): Promise<Database> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return createPostgresTestDatabase(databaseUrl);
  return openPgliteFromSnapshot(await templateSnapshot());
}

/**
 * A new PGlite data folder holding the run's migrated template, for a child
 * process's DATA_DIR or openDatabase({ dataDir }): nothing left to migrate.
 * The caller removes it.
 */
export async function createTestDataDir(prefix = 'jobbot-data-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  untar(await templateSnapshot(), dir);
  return dir;
}

/**
 * Unpacks PGlite's dumpDataDir() tarball (plain ustar: folders and files)
 * into `dir`: what PGlite.create(dir, { loadDataDir }) does, without
 * starting a database for it (seconds on a busy machine).
 */
function untar(tar: Uint8Array, dir: string): void {
  const field = (from: number, length: number) => Buffer.from(tar.subarray(from, from + length)).toString('utf8').replace(/\0[^]*$/, '');
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
