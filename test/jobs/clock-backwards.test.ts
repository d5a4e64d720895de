// The console's :clock may go back in time (and a server's clock may jump).
// Deliveries pruned by housekeeping must not be planned and sent again for a
// moment the scheduler has already run past (issue 9, smaller things).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleDriver } from '../helpers/console-driver.js';
import type { Database } from '../helpers/test-database.js';
import { linesFor, openSchedulerWorld } from '../helpers/world.js';

describe('the scheduler after the clock goes back', () => {
  let db: Database;
  let bot: ConsoleDriver;
  beforeAll(async () => {
    ({ db, bot } = await openSchedulerWorld());
  });
  afterAll(async () => db.close());

  it('does not re-send a morning that was sent and pruned', async () => {
    const monday = await bot.run('mette', ':clock 2026-11-23 08:00', ':run-jobs');
    expect(linesFor(monday, '[DM @anne]').length).toBeGreaterThan(0);
    // Months later housekeeping has pruned Monday's sent deliveries …
    await bot.run('mette', ':clock 2027-03-01 12:00', ':run-jobs');
    // … and going back to Monday must not plan Monday again.
    const again = await bot.run('mette', ':clock 2026-11-23 08:30', ':run-jobs');
    expect(linesFor(again, '[DM @anne]')).toEqual([]);
    expect(again).toContain('0 queued');
    expect(again).toContain('the scheduler already ran until');
  });
});
