// Issue 9, item 17: the last working day before Christmas carries only what
// is already due (overdue on return); check-ins and follow-ups due during
// the closure wait for the first working day after. Weekends are unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/domain/local-date.js';
import { consoleDriver, type ConsoleDriver } from '../helpers/console-driver.js';
import { MONDAY } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { createSchedulerWorld, linesFor } from '../helpers/world.js';

describe('holiday closures', () => {
  let db: Database;
  let bot: ConsoleDriver;
  beforeAll(async () => {
    db = await createTestDatabase();
    const world = await createSchedulerWorld(db.prisma);
    bot = consoleDriver(db, { now: MONDAY });
    const citizen = (ref: string, due: string) =>
      db.prisma.citizen.create({ data: { teamId: world.teamId, ref, caseworkerId: world.staff.bo, nextCheckInOn: toDbDate(due) } });
    await citizen('C-3001', '2026-12-22'); // due Tuesday: overdue on return
    await citizen('C-3002', '2026-12-25'); // 1. juledag, inside the closure 24–27 Dec
    await citizen('C-3003', '2026-12-27'); // the Sunday that ends the closure
    await citizen('C-3004', '2026-12-19'); // a plain Saturday
  });
  afterAll(async () => db.close());

  it('a plain weekend is still reminded on the Friday before', async () => {
    const bo = linesFor(await bot.run('bo', ':clock 2026-12-18 08:00', ':run-jobs'), '[DM @bo]').join('\n');
    expect(bo).toContain('C-3004');
  });

  it('on 23 December only what is already due; the closure items on Monday 28 December', async () => {
    const before = linesFor(await bot.run('bo', ':clock 2026-12-23 08:00', ':run-jobs'), '[DM @bo]').join('\n');
    expect(before).toContain('C-3001: 1 dag over');
    expect(before).not.toContain('C-3002');
    expect(before).not.toContain('C-3003');
    const after = linesFor(await bot.run('bo', ':clock 2026-12-28 08:00', ':run-jobs'), '[DM @bo]').join('\n');
    expect(after).toContain('C-3002: 3 dage over');
    expect(after).toContain('C-3003: 1 dag over');
  });
});
