// Safe exports (issue 10 item 5): a company name typed as a spreadsheet
// formula is written into every CSV export neutralised (a leading '), read back
// with the CSV parser; numbers we compute stay numbers.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseCsvCell } from '../../src/domain/csv-cell.js';
import { openWorld, type World } from '../helpers/world.js';

const FORMULAS = ['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)'];

describe('CSV exports neutralise formula cells', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
    for (const company of FORMULAS) {
      const ref = await w.freshCitizen('F');
      // Single quotes group the name, so the double quotes inside stay part of it.
      const out = await w.bot.run('anne', `/placement start ${ref} '${company}'`);
      expect(out).not.toContain('⚠');
    }
  });
  afterAll(async () => w.db.close());

  it('prefixes = + - @ tab and carriage return with a quote, and nothing else', () => {
    expect(['=1', '+1', '-1', '@x', '\t=1', '\r=1'].map(neutraliseCsvCell)).toEqual(["'=1", "'+1", "'-1", "'@x", "'\t=1", "'\r=1"]);
    expect(['Netto', 'C-1', ' =1', "'=1", ''].map(neutraliseCsvCell)).toEqual(['Netto', 'C-1', ' =1', "'=1", '']);
    expect([-3, 0, 12].map(neutraliseCsvCell)).toEqual(['-3', '0', '12']);
  });

  it('writes the typed formulas into /caseload export as text, and the import reads them back unchanged', async () => {
    const stored = await w.prisma.placement.findMany({ select: { company: true } });
    expect(stored.map((p) => p.company).sort()).toEqual([...FORMULAS].sort());
    const out = await w.bot.run('mette', '/caseload export');
    const path = /→ (\S+\.csv)/.exec(out)?.[1] ?? '';
    const rows = parse(await readFile(path, 'utf8'), { bom: true, delimiter: ';' }) as string[][];
    const companies = rows.slice(1).map((r) => r[6]).filter((c) => c);
    expect(companies.sort()).toEqual(FORMULAS.map((f) => `'${f}`).sort());
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    // Re-importing the export changes nothing: the quote is dropped on the way in.
    const again = await w.bot.run('mette', `/jobbot import ${path}`);
    expect(again).toContain('Filen ændrer intet');
  });
});
