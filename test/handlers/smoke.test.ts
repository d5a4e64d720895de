import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDriver, type ConsoleDriver } from '../helpers/console-driver.js';
import { createTeamFixture, MONDAY } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';

describe('console smoke', () => {
  let db: Database;
  let bot: ConsoleDriver;
  beforeAll(async () => {
    db = await createTestDatabase();
    await createTeamFixture(db.prisma);
    bot = consoleDriver(db, { now: MONDAY });
  });
  afterAll(async () => db.close());

  it('adds a citizen and logs a meeting', async () => {
    const out = await bot.run('anne', '/citizen add C-1042 initials:AB', '/samtale C-1042 trepart i dag 45m aftalt praktik');
    expect(out).toContain('C-1042 er oprettet');
    expect(out).toContain('Trepartssamtale med C-1042');
    const meeting = await db.prisma.meeting.findFirstOrThrow();
    expect(meeting.kind).toBe('THREE_PARTY');
    expect(meeting.durationMinutes).toBe(45);
    expect(meeting.note).toBe('aftalt praktik');
  });
});
