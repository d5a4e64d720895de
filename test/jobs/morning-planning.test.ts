// The morning jobs plan each person's slot once a day: someone with nothing
// due gets no message, but the slot is recorded (a SKIPPED "nothing due" row),
// so the minute ticks after their reminder time neither plan again nor show
// the row anywhere. The plan at the reminder time is final for the day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTimeToInstant, toDbDate } from '../../src/domain/local-date.js';
import { messagesFor } from '../../src/domain/i18n/messages.js';
import { NOTHING_DUE } from '../../src/db/outbox-queries.js';
import * as checkins from '../../src/jobs/checkin-reminders.js';
import * as placements from '../../src/jobs/consultant-reminders.js';
import { drainOutbox } from '../../src/delivery/outbox.js';
import { run as housekeeping, DELIVERY_DAYS } from '../../src/jobs/housekeeping.js';
import { routeCommand } from '../../src/handlers/router.js';
import { findStaffByHandle } from '../../src/db/staff-queries.js';
import { countQueries } from '../helpers/query-counter.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { createSchedulerWorld, type SchedulerWorld } from '../helpers/world.js';

const at = (time: string, day = '2026-11-23') => localDateTimeToInstant(day, time);

describe('morning planning, once per person and day', () => {
  let db: Database;
  let world: SchedulerWorld;
  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createSchedulerWorld(db.prisma);
  });
  afterAll(async () => db.close());

  it('records a slot with nothing due, and later ticks that day plan nothing', async () => {
    expect(await checkins.run({ prisma: db.prisma }, at('08:00'))).toBeGreaterThan(0);
    // mette (manager; no citizen lost its caseworker), camilla, ida and olga (no citizens of their own) have none due.
    const skipped = await db.prisma.delivery.findMany({ where: { kind: checkins.KIND, status: 'SKIPPED' } });
    expect(skipped.map((d) => d.recipientId).sort()).toEqual([world.staff.mette, world.staff.camilla, world.staff.ida, world.staff.olga].sort());
    expect(skipped.every((d) => d.error === NOTHING_DUE && JSON.stringify(d.payload) === '{}')).toBe(true);

    const counted = countQueries(db.prisma);
    expect(await checkins.run({ prisma: counted.prisma }, at('09:30'))).toBe(0);
    expect(counted.count('citizen.findMany')).toBe(0);
    expect(counted.count('reminderState.findMany')).toBe(0);
    expect(counted.calls).toEqual(['staff.findMany', 'delivery.findMany']);

    counted.reset();
    await placements.run({ prisma: counted.prisma }, at('08:00'));
    // The placements are read a page at a time by one raw statement (reminder-queries.ts).
    expect(counted.count('$queryRaw')).toBeGreaterThan(0);
    counted.reset();
    expect(await placements.run({ prisma: counted.prisma }, at('08:01'))).toBe(0);
    expect(counted.calls).toEqual(['staff.findMany', 'delivery.findMany']);
  });

  it('one morning message per day: a check-in due later the same day waits for the next working day', async () => {
    const prisma = db.prisma;
    // At 11:00 a citizen with nobody assigned and due today turns up: the managers' reminder.
    await prisma.citizen.create({ data: { teamId: world.teamId, ref: 'C-3001', caseworkerId: null, nextCheckInOn: toDbDate('2026-11-23') } });
    expect(await checkins.run({ prisma }, at('11:00'))).toBe(0);
    expect(await prisma.delivery.count({ where: { kind: checkins.KIND, recipientId: world.staff.mette, status: { not: 'SKIPPED' } } })).toBe(0);
    // Tuesday at 08:00 it is in mette's message.
    expect(await checkins.run({ prisma }, at('08:00', '2026-11-24'))).toBeGreaterThan(0);
    const tuesday = await prisma.delivery.findFirstOrThrow({ where: { kind: checkins.KIND, recipientId: world.staff.mette, key: { contains: '2026-11-24' } } });
    expect(tuesday.status).toBe('PENDING');
    expect(JSON.stringify(tuesday.payload)).toContain('C-3001');
  });
  it('never sends, lists or retries a nothing-due row; housekeeping prunes it like any finished row', async () => {
    const sentTo: string[] = [];
    const channel = { name: 'slack' as const, canReach: async () => true, send: async (d: { audience: string; staffId?: string }) => (sentTo.push(d.staffId ?? d.audience), { ok: true as const }) };
    await drainOutbox({ prisma: db.prisma, channels: [channel] }, at('10:00'));
    const mette = await db.prisma.delivery.findFirstOrThrow({ where: { kind: checkins.KIND, recipientId: world.staff.mette } });
    expect(mette.status).toBe('SKIPPED');
    expect(mette.attempts).toBe(0);
    expect(sentTo.sort()).toEqual([world.staff.anne, world.staff.bo, world.staff.camilla].sort()); // nothing for the nothing-due rows

    const actor = await findStaffByHandle(db.prisma, 'mette');
    const failed = await routeCommand({ prisma: db.prisma, clock: () => at('10:00'), adminEmails: [] }, { text: '/jobbot failed', actor: actor!, channel: 'SLACK' });
    expect(failed.reply.text).toBe(messagesFor('da').reminders.noFailed);

    await housekeeping({ prisma: db.prisma }, new Date(at('10:00').getTime() + (DELIVERY_DAYS + 1) * 86_400_000));
    expect(await db.prisma.delivery.count({ where: { error: NOTHING_DUE } })).toBe(0);
  });

});
