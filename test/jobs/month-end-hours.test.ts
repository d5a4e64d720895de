// Ordinary hours as progression (issue 13, item 3): the consultant's reminder
// shows a citizen's hours so far; the month-end report counts how many citizens
// got more hours and how many in all, never naming one, never as a second result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleDriver } from '../helpers/console-driver.js';
import type { Database } from '../helpers/test-database.js';
import { linesFor, openSchedulerWorld } from '../helpers/world.js';

describe('month-end report and ordinary hours', () => {
  let db: Database;
  let bot: ConsoleDriver;
  beforeAll(async () => {
    ({ db, bot } = await openSchedulerWorld());
  });
  afterAll(async () => db.close());

  it("shows the citizen's hours so far in the consultant's placement reminder", async () => {
    await bot.run('anne', '/resultat C-1043 timer hours:5 date:2026-11-09', '/resultat C-1043 timer hours:12 igen');
    const camilla = linesFor(await bot.run('mette', ':clock 2026-11-30 08:00', ':run-jobs'), '[DM @camilla]').join('\n');
    expect(camilla).toMatch(/C-1043's praktik hos Netto Nord .*· ordinære timer: 5 → 12 t\/uge/);
  });

  it('says how many citizens got more hours in the month, in all, without naming them', async () => {
    const dm = linesFor(await bot.run('mette', ':clock 2026-11-30 14:00', ':run-jobs'), '[DM @mette]');
    // The month-end report only (the 1:1 preparations after it name citizens, to the manager).
    const start = dm.findIndex((l) => l.includes('Månedens milepæle'));
    const end = dm.findIndex((l, i) => i > start && l.includes(' == '));
    const report = dm.slice(start, end === -1 ? undefined : end).join('\n');
    // 5 hours first, then 12: one citizen, 7 more hours a week, and one job result, not two.
    expect(report).toContain('1 borger har fået flere timer, i alt +7 t/uge');
    expect(report).toContain('jobresultater: 1 af 2');
    expect(report).not.toContain('C-1043');
  });
});
