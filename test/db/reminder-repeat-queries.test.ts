// The set-based reminder counts (recordReminded, recordEscalated): the same
// rows as Prisma's createMany + updateMany wrote before (issue 15): a new
// subject starts at 1, a second plan the same day counts nothing, the next
// day counts one more; escalation is marked once. With DATABASE_URL set this
// runs on PostgreSQL too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEscalated, recordReminded } from '../../src/db/reminder-repeat-queries.js';
import { createTeamFixture, type TeamFixture } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';

let db: Database;
let team: TeamFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  team = await createTeamFixture(db.prisma);
});
afterAll(() => db.close());

const stateOf = async (staffId: string, subject: string) => {
  const row = await db.prisma.reminderState.findUnique({ where: { staffId_subject: { staffId, subject } } });
  return row && { count: row.remindedCount, last: row.lastRemindedOn?.toISOString().slice(0, 10) ?? null, escalated: row.escalatedOn?.toISOString().slice(0, 10) ?? null, snoozed: row.snoozedUntil };
};

describe('recordReminded and recordEscalated', () => {
  it('counts once a day per subject, keeps snoozes, and marks escalation once', async () => {
    const { anne, bo } = team.staff;
    // An existing state (a snooze) is counted without losing its snooze.
    await db.prisma.reminderState.create({ data: { staffId: anne, subject: 'checkin:a:2026-11-20', snoozedUntil: new Date('2026-11-25T00:00:00Z') } });
    const entries = [
      { staffId: anne, subjects: ['checkin:a:2026-11-20', 'checkin:b:2026-11-21'] },
      { staffId: bo, subjects: ['checkin:a:2026-11-20'] },
      // The same subject twice for one person counts once.
      { staffId: anne, subjects: ['checkin:b:2026-11-21'] },
    ];
    await recordReminded(db.prisma, entries, '2026-11-23');
    await recordReminded(db.prisma, entries, '2026-11-23');
    expect(await stateOf(anne, 'checkin:a:2026-11-20')).toEqual({ count: 1, last: '2026-11-23', escalated: null, snoozed: new Date('2026-11-25T00:00:00Z') });
    expect(await stateOf(anne, 'checkin:b:2026-11-21')).toEqual({ count: 1, last: '2026-11-23', escalated: null, snoozed: null });
    expect(await stateOf(bo, 'checkin:a:2026-11-20')).toEqual({ count: 1, last: '2026-11-23', escalated: null, snoozed: null });

    await recordReminded(db.prisma, [{ staffId: anne, subjects: ['checkin:b:2026-11-21'] }], '2026-11-24');
    expect(await stateOf(anne, 'checkin:b:2026-11-21')).toMatchObject({ count: 2, last: '2026-11-24' });
    expect(await stateOf(anne, 'checkin:a:2026-11-20')).toMatchObject({ count: 1, last: '2026-11-23' });

    // Escalation marks existing states only, and only the first day.
    await recordEscalated(db.prisma, [{ staffId: anne, subjects: ['checkin:b:2026-11-21', 'checkin:never:2026-11-01'] }], '2026-11-24');
    await recordEscalated(db.prisma, [{ staffId: anne, subjects: ['checkin:b:2026-11-21'] }], '2026-11-25');
    expect(await stateOf(anne, 'checkin:b:2026-11-21')).toMatchObject({ escalated: '2026-11-24' });
    expect(await stateOf(anne, 'checkin:never:2026-11-01')).toBeNull();
    expect(await stateOf(bo, 'checkin:a:2026-11-20')).toMatchObject({ escalated: null });
  });

  it('writes more subjects than one statement takes', async () => {
    const { ida } = team.staff;
    const subjects = Array.from({ length: 2500 }, (_, i) => `checkin:many-${i}:2026-11-20`);
    await recordReminded(db.prisma, [{ staffId: ida, subjects }], '2026-11-23');
    const rows = await db.prisma.reminderState.findMany({ where: { staffId: ida }, select: { remindedCount: true, id: true, updatedAt: true } });
    expect(rows).toHaveLength(2500);
    expect(rows.every((r) => r.remindedCount === 1 && /^[0-9a-f-]{36}$/.test(r.id) && Math.abs(r.updatedAt.getTime() - Date.now()) < 60_000)).toBe(true);
  });
});
