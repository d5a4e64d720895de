// The CSV import keeps placements sane (issue 9, smaller things): no second
// running placement of the same type next to one that runs, no placement that
// has already ended; and the sample file in docs/ imports against the demo.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/db/seed-demo.js';
import { MONDAY } from '../helpers/fixtures.js';
import { databaseState, openWorld, type World } from '../helpers/world.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { consoleDriver } from '../helpers/console-driver.js';
import { routeImportUpload } from '../../src/handlers/router.js';
import { findStaffByHandle } from '../../src/db/staff-queries.js';

const HEADER = 'reference;initialer;målgruppe;sagsbehandler;virksomhedskonsulent;kadence_dage;forløb_virksomhed;forløb_type;forløb_start;forløb_slut';

describe('import: placements', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
    await w.bot.run('mette', '/citizen add P-1 caseworker:@anne consultant:@camilla');
    await w.bot.run('camilla', '/praktik start P-1 Netto praktik');
  });
  afterAll(async () => w.db.close());

  const preview = async (lines: string[]) =>
    JSON.stringify((await routeImportUpload(w.bot.deps, { content: [HEADER, ...lines].join('\n'), actor: await w.actor('mette'), channel: 'CONSOLE' })).reply.blocks);

  it('refuses a second running internship at another company, and one that has already ended', async () => {
    const before = await databaseState(w.prisma);
    const out = await preview([
      'P-1;;jobparat;anne;camilla;7;Fakta;praktik;23-11-2026;04-12-2026',
      'P-2;;jobparat;anne;camilla;7;Bygma;praktik;02-11-2026;13-11-2026',
    ]);
    expect(out).toContain('Linje 2 (P-1): afvist, borgeren har allerede et aktivt forløb af samme type hos Netto; afslut eller ret det først');
    expect(out).toContain('Linje 3 (P-2): afvist, forløbet er allerede slut');
    const after = (await databaseState(w.prisma)) as { counts: Record<string, number> };
    expect(after.counts.placements).toBe((before as { counts: Record<string, number> }).counts.placements);
  });

  it('still accepts a placement of another type next to a running internship', async () => {
    const out = await preview(['P-1;;jobparat;anne;camilla;7;Fakta;ordinære-timer;23-11-2026;']);
    expect(out).not.toContain('afvist');
  });
});

describe('docs/sample-caseload.csv', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoIfEmpty(db.prisma, MONDAY);
  });
  afterAll(async () => db.close());

  it('imports against the demo team without a rejected line', async () => {
    const bot = consoleDriver(db, { now: MONDAY });
    const mette = await findStaffByHandle(db.prisma, 'mette');
    const routed = await routeImportUpload(bot.deps, { content: await readFile('docs/sample-caseload.csv', 'utf8'), actor: mette!, channel: 'CONSOLE' });
    expect(routed.reply.status).toBe('ok');
    expect(JSON.stringify(routed.reply.blocks)).not.toContain('afvist');
  });
});
