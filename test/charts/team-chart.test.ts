// The team chart (issue 14): a real PNG drawn without a browser, with the
// shipped font, the same for the same numbers, and its text for screen readers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compileSpec, drawPng } from '../../src/charts/draw-png.mjs';
import { closeChartRenderer, renderVegaLitePng } from '../../src/charts/render-png.js';
import { teamChartAttachment } from '../../src/charts/team-chart.js';
import { chartMonths, teamChartSpec, type TeamChartFacts } from '../../src/domain/team-chart.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { createSchedulerWorld, type SchedulerWorld } from '../helpers/world.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const facts = (actualNow: number): TeamChartFacts => ({
  title: 'Team Nord: måltal og resultater, november 2026',
  series: ['Praktikstarter', 'Jobresultater'].map((label) => ({
    label,
    months: chartMonths('2026-11-01').map((month, i) => ({ month, actual: i === 6 ? actualNow : i, ...(i >= 5 ? { target: 4 } : {}) })),
  })),
});
const words = { monthShort: (m: string) => ['maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov'][Number(m.slice(5, 7)) - 5] ?? m, legend: 'Søjler: resultat · streg: måltal' };

describe('the team chart', () => {
  afterAll(closeChartRenderer);

  it('shows the month and the six before it, oldest first, across a new year', () => {
    expect(chartMonths('2026-11-01')).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(chartMonths('2027-02-01')).toEqual(['2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02']);
  });

  it('is a real PNG of a sensible size, drawn the same way twice, with text on it', async () => {
    const first = await renderVegaLitePng(teamChartSpec(facts(3), words));
    const again = await renderVegaLitePng(teamChartSpec(facts(3), words));
    expect([...first.png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(first.png)).toEqual({ width: first.width, height: first.height });
    // Two panels side by side, at 1.5× for sharp screens; within Teams' 1024×1024.
    expect(first.width).toBeGreaterThan(400);
    expect(first.width).toBeLessThanOrEqual(1024);
    expect(first.height).toBeGreaterThan(150);
    expect(first.height).toBeLessThanOrEqual(1024);
    expect(first.png.length).toBeGreaterThan(5_000);
    expect(first.png.length).toBeLessThan(200_000);
    // Deterministic: the same numbers give the same picture, byte for byte.
    expect(Buffer.from(again.png).equals(Buffer.from(first.png))).toBe(true);
    // Different numbers give a different picture.
    const other = await renderVegaLitePng(teamChartSpec(facts(9), words));
    expect(Buffer.from(other.png).equals(Buffer.from(first.png))).toBe(false);
  });

  it('is drawn in a worker thread byte for byte as in this thread, and again after the worker was closed', async () => {
    const spec = teamChartSpec(facts(3), words);
    const fonts = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const here = await drawPng(spec, [join(fonts, 'DejaVuSans.ttf'), join(fonts, 'DejaVuSans-Bold.ttf')]);
    const inWorker = await renderVegaLitePng(spec);
    expect(Buffer.from(inWorker.png).equals(Buffer.from(here.png))).toBe(true);
    expect({ width: inWorker.width, height: inWorker.height }).toEqual({ width: here.width, height: here.height });
    // Closed (as on shutdown), the next chart starts a new worker; several at once all arrive.
    await closeChartRenderer();
    const batch = await Promise.all([3, 9, 3].map((n) => renderVegaLitePng(teamChartSpec(facts(n), words))));
    expect(Buffer.from(batch[0]!.png).equals(Buffer.from(here.png))).toBe(true);
    expect(Buffer.from(batch[1]!.png).equals(Buffer.from(here.png))).toBe(false);
    expect(Buffer.from(batch[2]!.png).equals(Buffer.from(here.png))).toBe(true);
  });

  it('compiles a batch of charts once per shape, to what a compile of each chart gives', async () => {
    const vl = await import('vega-lite');
    const specs = [
      teamChartSpec(facts(3), words),
      teamChartSpec({ ...facts(9), title: 'Team Syd: måltal og resultater, november 2026' }, words),
      teamChartSpec({ title: 'Team Øst', series: facts(0).series.map((s) => ({ ...s, months: s.months.map(({ month, actual }) => ({ month, actual })) })) }, words),
      teamChartSpec({ ...facts(2), series: [...facts(2).series, { label: 'Samtaler', months: facts(5).series[0]!.months }] }, { ...words, legend: 'other' }),
      { mark: 'bar', data: { values: [{ a: 1 }] }, encoding: { x: { field: 'a', type: 'quantitative' } } },
    ];
    for (const spec of [...specs, ...specs]) expect(compileSpec(vl, structuredClone(spec))).toEqual(vl.compile(structuredClone(spec) as never).spec);
  });

  it('draws a batch in one View per shape, byte for byte as each chart in a View of its own', async () => {
    const fonts = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const files = [join(fonts, 'DejaVuSans.ttf'), join(fonts, 'DejaVuSans-Bold.ttf')];
    const varied = (n: number): TeamChartFacts => ({
      title: `Team ${'Ø'.repeat(n)}: måltal, november 2026`,
      series: ['Praktikstarter', 'Jobresultater', 'Samtaler'].map((label, k) => ({
        label,
        months: chartMonths('2026-11-01').map((month, i) => ({ month, actual: n === 0 ? 0 : ((n * 37 + i * 11 + k) % (3 + n * 90)) * (k + 1), ...(i >= 6 - n % 3 && n !== 2 ? { target: 5 + n * 40 } : {}) })),
      })),
    });
    const specs = [0, 1, 2, 3, 4, 5, 6].map((n) => teamChartSpec(varied(n), words));
    // Another shape in between (two series, another legend): two Views side by side.
    specs.splice(3, 0, teamChartSpec(facts(9), { ...words, legend: 'other' }), teamChartSpec(facts(3), { ...words, legend: 'other' }));
    const own: Array<{ png: Uint8Array }> = [];
    for (const spec of specs) own.push(await drawPng(spec, files, { reuseViews: false }));
    const reused = await Promise.all(specs.map((spec) => drawPng(spec, files)));
    specs.forEach((_, i) => expect(Buffer.from(reused[i]!.png).equals(Buffer.from(own[i]!.png)), `chart ${i}`).toBe(true));
    expect(new Set(own.map((x) => Buffer.from(x.png).toString('base64'))).size).toBe(specs.length);
  });

  it('fails an invalid spec without taking the worker down', async () => {
    await expect(renderVegaLitePng({ mark: 'no-such-mark', data: { values: [] } })).rejects.toThrow();
    const after = await renderVegaLitePng(teamChartSpec(facts(3), words));
    expect([...after.png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it('draws its text with the shipped font: without the title the picture is different', async () => {
    const withTitle = await renderVegaLitePng(teamChartSpec(facts(3), words));
    const spec = teamChartSpec(facts(3), words);
    const untitled = await renderVegaLitePng({ ...spec, title: { text: ' ', subtitle: ' ' } });
    // Text that rendered as nothing (no font found) would leave the two the same.
    expect(Buffer.from(untitled.png).equals(Buffer.from(withTitle.png))).toBe(false);
  });

  describe('from the database', () => {
    let db: Database;
    let world: SchedulerWorld;
    beforeAll(async () => {
      db = await createTestDatabase();
      world = await createSchedulerWorld(db.prisma);
    });
    afterAll(async () => db?.close());

    it("is a base64 PNG attachment with the month's numbers as alt text, in the reader's language", async () => {
      const team = await db.prisma.team.findUniqueOrThrow({ where: { id: world.teamId } });
      const da = await teamChartAttachment(db.prisma, team, '2026-11-01', 'da');
      expect(da).toMatchObject({ filename: 'maaltal-2026-11.png', contentType: 'image/png', encoding: 'base64' });
      expect([...Buffer.from(da!.content, 'base64').subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      // Two placements started in November against a target of 4; 40 meetings planned.
      expect(da!.altText).toContain('november 2026');
      expect(da!.altText).toMatch(/Praktikstarter: 2 af 4 \(maj 0, jun 0, jul 0, aug 0, sep 0, okt 0\)/);
      const en = await teamChartAttachment(db.prisma, team, '2026-11-01', 'en');
      expect(en!.filename).toBe('targets-2026-11.png');
      expect(en!.altText).toMatch(/Placement starts: 2 of 4/i);
    });
  });
});
