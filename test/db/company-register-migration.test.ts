// The migration company_register_per_instance on a database that has per-team
// registers: companies with the same comparable name or the same CVR number
// become one (transitively), the earliest registered is kept, it takes the
// earliest contact and CVR number, the other names become aliases,
// placements and wishes are re-linked, and each merged company leaves an
// audit row. Runs the migrations before it, adds data, then runs it.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations, defaultMigrationPaths } from '../../src/db/migrations.js';
import { matchCompany } from '../../src/domain/company-names.js';

const MIGRATION = '20261201033142_company_register_per_instance';
/** Starting PGlite and replaying every migration: seconds when idle, far more on a busy machine. */
const REPLAYS_MIGRATIONS = 300_000;

describe(`migration ${MIGRATION}`, () => {
  let pglite: PGlite;
  let before: string;
  beforeAll(async () => {
    // The migrations up to (not including) this one, in a folder of their own.
    before = await mkdtemp(join(tmpdir(), 'jobbot-migrations-'));
    const all = defaultMigrationPaths.migrationsDir;
    for (const entry of await readdir(all, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name >= MIGRATION) continue;
      await cp(join(all, entry.name), join(before, entry.name), { recursive: true });
    }
    pglite = await PGlite.create();
    await applyMigrations(new PrismaPGlite(pglite), { ...defaultMigrationPaths, migrationsDir: before });

    const sql = (text: string) => pglite.exec(text);
    await sql(`
      INSERT INTO "Team" ("id", "name") VALUES ('ta', 'A'), ('tb', 'B'), ('tc', 'C');
      INSERT INTO "Staff" ("id", "handle", "displayName", "role", "teamId") VALUES
        ('sa', 'ana', 'Ana', 'CONSULTANT', 'ta'), ('sb', 'bent', 'Bent', 'CONSULTANT', 'tb'), ('sc', 'cai', 'Cai', 'CONSULTANT', 'tc');
      INSERT INTO "Company" ("id", "teamId", "name", "nameKey", "cvr", "contactId", "createdById", "source", "createdAt") VALUES
        ('a-netto', 'ta', 'Netto Nord', 'netto nord', NULL, NULL, 'sa', 'CONSOLE', '2026-11-01 08:00'),
        ('b-netto', 'tb', 'netto-nord', 'netto nord', '12345674', 'sb', 'sb', 'CONSOLE', '2026-11-02 08:00'),
        ('c-salling', 'tc', 'Salling Netto', 'salling netto', '12345674', 'sc', 'sc', 'CONSOLE', '2026-11-03 08:00'),
        ('a-jysk', 'ta', 'Jysk', 'jysk', NULL, 'sa', 'sa', 'CONSOLE', '2026-11-01 09:00'),
        ('b-jysk', 'tb', 'JYSK', 'jysk', '87654321', 'sb', 'sb', 'CONSOLE', '2026-11-01 10:00'),
        ('b-bygma', 'tb', 'Bygma', 'bygma', '11111111', NULL, 'sb', 'CONSOLE', '2026-11-05 08:00');
      INSERT INTO "Citizen" ("id", "teamId", "ref", "updatedAt", "wishCompanies") VALUES
        ('cb', 'tb', 'B-1', now(), ARRAY['netto-nord']), ('cc', 'tc', 'C-1', now(), ARRAY['Salling Netto', 'Bygma']);
      INSERT INTO "Placement" ("id", "citizenId", "company", "companyId", "type", "startOn", "plannedEndOn", "createdById", "source") VALUES
        ('pb', 'cb', 'netto-nord', 'b-netto', 'INTERNSHIP', '2026-11-10', '2026-11-23', 'sb', 'CONSOLE'),
        ('pc', 'cc', 'Bygma', 'b-bygma', 'INTERNSHIP', '2026-11-10', '2026-11-23', 'sc', 'CONSOLE');
      INSERT INTO "CompanyWish" ("id", "citizenId", "name", "nameKey", "companyId", "contactedOn", "contactResult") VALUES
        ('wb', 'cb', 'netto-nord', 'netto nord', 'b-netto', '2026-11-12', 'Samtale aftalt'),
        ('wc', 'cc', 'Salling Netto', 'salling netto', 'c-salling', NULL, NULL);
    `);
    // This migration first, then any later ones.
    expect((await applyMigrations(new PrismaPGlite(pglite)))[0]).toBe(MIGRATION);
  }, REPLAYS_MIGRATIONS);
  afterAll(async () => {
    await pglite?.close();
    if (before) await rm(before, { recursive: true, force: true });
  });

  const rows = async <T>(text: string) => (await pglite.query<T>(text)).rows;

  it('keeps the earliest of each group, with the earliest contact and CVR number, and the other names as aliases', async () => {
    const companies = await rows<{ id: string; name: string; cvr: string | null; contactId: string | null; aliases: string[] }>(
      'SELECT "id", "name", "cvr", "contactId", "aliases" FROM "Company" ORDER BY "name"',
    );
    expect(companies).toEqual([
      // Bygma was only in one team: untouched.
      { id: 'b-bygma', name: 'Bygma', cvr: '11111111', contactId: null, aliases: [] },
      // Jysk keeps its own contact and takes B's CVR number.
      { id: 'a-jysk', name: 'Jysk', cvr: '87654321', contactId: 'sa', aliases: [] },
      // Netto Nord (A, earliest, no contact, no CVR) joins B's by name and C's through B's CVR number:
      // B's contact is the earliest, B's CVR number the earliest, C's name an alias.
      { id: 'a-netto', name: 'Netto Nord', cvr: '12345674', contactId: 'sb', aliases: ['Salling Netto'] },
    ]);
    // Typing a merged name finds the kept company.
    const match = matchCompany('salling netto', companies);
    expect(match).toMatchObject({ kind: 'same', company: { id: 'a-netto' } });
  });

  it('re-links placements and wishes, keeping the contact records', async () => {
    expect(await rows('SELECT "id", "companyId", "company" FROM "Placement" ORDER BY "id"')).toEqual([
      { id: 'pb', companyId: 'a-netto', company: 'netto-nord' },
      { id: 'pc', companyId: 'b-bygma', company: 'Bygma' },
    ]);
    const wishes = await rows<{ id: string; companyId: string; contactResult: string | null }>('SELECT "id", "companyId", "contactResult" FROM "CompanyWish" ORDER BY "id"');
    expect(wishes).toEqual([
      { id: 'wb', companyId: 'a-netto', contactResult: 'Samtale aftalt' },
      { id: 'wc', companyId: 'a-netto', contactResult: null },
    ]);
  });

  it('writes an audit row per merged company, and leaves one company per name and CVR number', async () => {
    const audit = await rows<{ details: Record<string, unknown> }>(`SELECT "details" FROM "AuditLog" WHERE "action" = 'company.merge' ORDER BY "details"->>'mergedCompanyId'`);
    expect(audit.map((a) => a.details)).toEqual([
      { companyId: 'a-jysk', mergedCompanyId: 'b-jysk', teamId: 'tb', name: 'JYSK', cvr: '87654321', contactId: 'sb' },
      { companyId: 'a-netto', mergedCompanyId: 'b-netto', teamId: 'tb', name: 'netto-nord', cvr: '12345674', contactId: 'sb' },
      { companyId: 'a-netto', mergedCompanyId: 'c-salling', teamId: 'tc', name: 'Salling Netto', cvr: '12345674', contactId: 'sc' },
    ]);
    await expect(pglite.exec(`INSERT INTO "Company" ("id", "name", "nameKey", "createdById", "source") VALUES ('x', 'NETTO NORD', 'netto nord', 'sa', 'CONSOLE')`)).rejects.toThrow(/unique/i);
    await expect(pglite.exec(`INSERT INTO "Company" ("id", "name", "nameKey", "cvr", "createdById", "source") VALUES ('y', 'Stark', 'stark', '11111111', 'sa', 'CONSOLE')`)).rejects.toThrow(/unique/i);
    expect(await rows(`SELECT 1 FROM information_schema.tables WHERE table_name = '_CompanyMerge'`)).toEqual([]);
  });
});
