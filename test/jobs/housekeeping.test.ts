// Data minimisation: old request records, sent messages and import previews
// are pruned; recent ones, and messages still pending, are kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, DELIVERY_DAYS, PROCESSED_REQUEST_DAYS } from '../../src/jobs/housekeeping.js';
import { localDateTimeToInstant } from '../../src/domain/local-date.js';
import { countQueries } from '../helpers/query-counter.js';
import { routeCommand } from '../../src/handlers/router.js';
import { findStaffByHandle } from '../../src/db/staff-queries.js';
import { createTeamFixture, MONDAY } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(MONDAY.getTime() - days * DAY);

describe('housekeeping', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await createTeamFixture(db.prisma);
  });
  afterAll(async () => db.close());

  it('prunes old processed requests, finished deliveries and import previews, and keeps the rest', async () => {
    const { prisma } = db;
    const team = await prisma.team.findFirstOrThrow({ where: { name: 'Vest' } });
    await prisma.processedRequest.createMany({
      data: [
        { key: 'old', channel: 'SLACK', createdAt: ago(PROCESSED_REQUEST_DAYS + 1) },
        { key: 'recent', channel: 'SLACK', createdAt: ago(1) },
      ],
    });
    const delivery = (key: string, status: 'SENT' | 'PENDING', days: number) => ({
      key, kind: 'checkins', audience: 'dm', channel: 'any', status, payload: {}, createdAt: ago(days),
    });
    await prisma.delivery.createMany({
      data: [delivery('sent-old', 'SENT', DELIVERY_DAYS + 1), delivery('sent-recent', 'SENT', 2), delivery('pending-old', 'PENDING', DELIVERY_DAYS + 1)],
    });
    await prisma.importBatch.createMany({
      data: [
        { teamId: team.id, createdById: 'x', fileHash: 'a', preview: {}, createdAt: ago(31) },
        { teamId: team.id, createdById: 'x', fileHash: 'b', preview: {}, createdAt: ago(1) },
      ],
    });
    const undo = (command: string, expiresAt: Date) => ({ actorId: 'x', command, steps: [], createdAt: ago(1), expiresAt });
    await prisma.undoableChange.create({ data: undo('expired', new Date(MONDAY.getTime() - 1)) });
    await prisma.undoableChange.create({ data: undo('live', new Date(MONDAY.getTime() + 60_000)) });

    await run({ prisma }, MONDAY);

    expect((await prisma.processedRequest.findMany()).map((r) => r.key)).toEqual(['recent']);
    expect((await prisma.delivery.findMany({ orderBy: { key: 'asc' } })).map((d) => d.key)).toEqual(['pending-old', 'sent-recent']);
    expect((await prisma.importBatch.findMany()).map((b) => b.fileHash)).toEqual(['b']);
    expect((await prisma.undoableChange.findMany()).map((u) => u.command)).toEqual(['live']);
  });

  it('prunes once a day: later ticks that day delete nothing; the next day prunes from 03:00', async () => {
    // The test above pruned on Monday.
    const counted = countQueries(db.prisma);
    const deletes = () => counted.calls.filter((c) => c.endsWith('.deleteMany')).length;
    await run({ prisma: counted.prisma }, new Date(MONDAY.getTime() + 60_000));
    await run({ prisma: counted.prisma }, localDateTimeToInstant('2026-11-23', '23:59'));
    expect(deletes()).toBe(0);
    await run({ prisma: counted.prisma }, localDateTimeToInstant('2026-11-24', '02:59'));
    expect(deletes()).toBe(0);
    await db.prisma.processedRequest.create({ data: { key: 'old-tuesday', channel: 'SLACK', createdAt: ago(PROCESSED_REQUEST_DAYS + 1) } });
    await run({ prisma: counted.prisma }, localDateTimeToInstant('2026-11-24', '03:00'));
    expect(deletes()).toBe(4);
    expect(await db.prisma.processedRequest.count({ where: { key: 'old-tuesday' } })).toBe(0);
    await run({ prisma: counted.prisma }, localDateTimeToInstant('2026-11-24', '03:01'));
    expect(deletes()).toBe(4);
  });

  it('never keeps an exported file in the record of a processed request', async () => {
    const mette = await findStaffByHandle(db.prisma, 'mette');
    const deps = { prisma: db.prisma, clock: () => MONDAY, adminEmails: [] };
    const routed = await routeCommand(deps, { text: 'caseload export', actor: mette!, channel: 'SLACK', requestKey: 'export-1' });
    expect(routed.reply.attachment?.filename).toMatch(/\.csv$/);
    const stored = await db.prisma.processedRequest.findUniqueOrThrow({ where: { key: 'export-1' } });
    expect(JSON.stringify(stored.response)).not.toContain('.csv');
  });
});
