// The migration path every database takes: applied once, recorded like
// `prisma migrate deploy`, usable through Prisma, and in step with the schema.
// Runs on PGlite by default and on PostgreSQL when DATABASE_URL is set.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { openDatabase } from '../../src/db/client.js';
import { applyMigrations, defaultMigrationPaths, diffMigration } from '../../src/db/migrations.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';

/** Starting PGlite and replaying every migration: seconds when idle, far more on a busy machine. */
const REPLAYS_MIGRATIONS = 300_000;

async function migrationFolders(): Promise<string[]> {
  const entries = await readdir(defaultMigrationPaths.migrationsDir, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

describe('migration scripts', () => {
  // On a PostgreSQL server the schema engine splits a script at every ';', comments included:
  // a comment's semicolon made the rest of its line a statement ("syntax error at or near ...").
  it('have no semicolon in a comment (added from 1 December 2026 on)', async () => {
    const problems: string[] = [];
    for (const folder of (await migrationFolders()).filter((name) => name >= '20261201030000')) {
      const sql = await readFile(join(defaultMigrationPaths.migrationsDir, folder, 'migration.sql'), 'utf8');
      sql.split('\n').forEach((line, i) => {
        const comment = line.indexOf('--');
        if (comment >= 0 && line.slice(comment).includes(';')) problems.push(`${folder}:${i + 1}`);
      });
    }
    expect(problems).toEqual([]);
  });
});

describe('migrations on a fresh PGlite', () => {
  it('applies every migration once, then nothing', async () => {
    const pglite = await PGlite.create();
    try {
      const adapter = new PrismaPGlite(pglite);
      expect(await applyMigrations(adapter)).toEqual(await migrationFolders());
      expect(await applyMigrations(adapter)).toEqual([]);
      const recorded = await pglite.query<{ migration_name: string; finished_at: Date | null }>(
        'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(recorded.rows.map((row) => row.migration_name)).toEqual(await migrationFolders());
      expect(recorded.rows.every((row) => row.finished_at !== null)).toBe(true);
    } finally {
      await pglite.close();
    }
  }, REPLAYS_MIGRATIONS);
});

describe(`test database (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite template clone'})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('is fully migrated', async () => {
    const rows = await db.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    expect(rows.map((row) => row.migration_name)).toEqual(await migrationFolders());
  });

  it('has the tables of the schema', async () => {
    const rows = await db.prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`;
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['Team', 'Staff', 'Citizen', 'Meeting', 'Placement', 'AuditLog', 'Delivery']),
    );
  });

  it('round-trips a row through Prisma', async () => {
    const created = await db.prisma.team.create({ data: { name: 'Jobparat Nord' } });
    const read = await db.prisma.team.findUniqueOrThrow({ where: { name: 'Jobparat Nord' } });
    expect(read).toEqual(created);
    expect(read.celebrationsEnabled).toBe(true);
  });

  it('applies nothing when opened again', async () => {
    if (db.kind !== 'postgres') return; // PGlite is covered by the fresh-instance test
    const [row] = await db.prisma.$queryRaw<{ schema: string }[]>`SELECT current_schema() AS schema`;
    const again = await openDatabase({ databaseUrl: process.env.DATABASE_URL, schema: row!.schema });
    try {
      expect(again.appliedMigrations).toEqual([]);
    } finally {
      await again.close();
    }
  });
});

describe('db:diff', () => {
  it('reports no change when the migrations match the schema', async () => {
    const result = await diffMigration('should_not_be_written');
    expect(result.created).toBeNull();
    expect((await migrationFolders()).some((name) => name.endsWith('should_not_be_written'))).toBe(false);
  }, REPLAYS_MIGRATIONS); // a shadow PGlite per engine request, every migration replayed on it
});
