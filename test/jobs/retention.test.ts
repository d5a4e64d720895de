// Retention: closed cases are erased with all their rows after
// JOBBOT_RETENTION_MONTHS (default 6) months, by the daily housekeeping and by
// `npm run purge`; sent messages lose their content once they are sent.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { monthsBefore, purgeClosedCases } from '../../src/db/retention.js';
import { DROPPED_CONTENT, run as housekeeping } from '../../src/jobs/housekeeping.js';
import { localDateTimeToInstant } from '../../src/domain/local-date.js';
import { createTeamFixture, MONDAY } from '../helpers/fixtures.js';
import { runScript } from '../helpers/run-script.js';
import { createTestDataDir } from '../helpers/test-database.js';
import { databaseState, everythingStored, openWorld, type World } from '../helpers/world.js';

const DAY = 86_400_000;

describe('retention of closed cases', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  /** A citizen with a meeting and a placement, closed at the given Copenhagen time. */
  async function closedCase(ref: string, closedAt: Date | null): Promise<string> {
    const out = await w.bot.run('anne', `/citizen add ${ref}`, `/samtale ${ref} telefon i dag note ${ref}`, `/praktik start ${ref} Netto`);
    expect(out).not.toContain('⚠');
    const citizen = await w.prisma.citizen.findFirstOrThrow({ where: { ref } });
    if (closedAt) {
      expect(await w.bot.run('mette', `/citizen close ${ref} fraflyttet`)).not.toContain('⚠');
      await w.prisma.citizen.update({ where: { id: citizen.id }, data: { closedAt } });
    }
    return citizen.id;
  }

  it('counts six months back on the Copenhagen calendar', () => {
    expect(monthsBefore('2026-11-23', 6)).toBe('2026-05-23');
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
    expect(monthsBefore('2027-01-15', 1)).toBe('2026-12-15');
  });

  it('a dry run counts the cases closed longer than the period, and changes nothing', async () => {
    await closedCase('RET-1', localDateTimeToInstant('2026-05-22', '15:00'));
    await closedCase('RET-2', localDateTimeToInstant('2026-05-23', '00:30'));
    await closedCase('RET-3', localDateTimeToInstant('2026-10-01', '12:00'));
    await closedCase('RET-4', null);
    await w.prisma.citizen.updateMany({ where: { ref: 'RET-4' }, data: { createdAt: new Date(MONDAY.getTime() - 900 * DAY) } });
    const before = await databaseState(w.prisma);
    const stored = await everythingStored(w.prisma);
    const result = await purgeClosedCases(w.prisma, MONDAY, { months: 6, dryRun: true });
    expect(result.citizens).toBe(1);
    expect(result.counts).toMatchObject({ meetings: 1, placements: 1 });
    expect(await databaseState(w.prisma)).toEqual(before);
    expect(await everythingStored(w.prisma)).toEqual(stored);
  });

  it('housekeeping erases only the cases closed longer ago than the period, leaving one anonymous audit row each', async () => {
    const erasedId = (await w.prisma.citizen.findFirstOrThrow({ where: { ref: 'RET-1' } })).id;
    await housekeeping({ prisma: w.prisma, retentionMonths: 6 }, MONDAY);
    expect((await w.prisma.citizen.findMany({ orderBy: { ref: 'asc' } })).map((c) => c.ref)).toEqual(['RET-2', 'RET-3', 'RET-4']);
    const stored = await everythingStored(w.prisma);
    expect(stored).not.toMatch(/RET-1(?![0-9])/);
    expect(stored).not.toContain(erasedId);
    const erased = await w.prisma.auditLog.findMany({ where: { action: 'citizen.erased' } });
    expect(erased).toHaveLength(1);
    expect(erased[0]).toMatchObject({ actorId: null, citizenId: null });
    expect(erased[0]?.details).toMatchObject({ reason: 'retention', meetings: 1, placements: 1 });
  });

  it('follows JOBBOT_RETENTION_MONTHS: one month erases the case closed in October the next day', async () => {
    const tuesday = new Date(MONDAY.getTime() + DAY);
    await housekeeping({ prisma: w.prisma, retentionMonths: 1 }, tuesday);
    expect((await w.prisma.citizen.findMany({ orderBy: { ref: 'asc' } })).map((c) => c.ref)).toEqual(['RET-4']);
  });
});

describe('delivered messages', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  it('lose their content the day after; failed ones keep it for a retry; the keys stay', async () => {
    const delivery = (key: string, status: 'SENT' | 'FAILED' | 'PENDING', days: number) => ({
      key, kind: 'checkins', audience: 'dm', channel: 'auto', status, payload: { text: 'C-1042 mangler opfølgning', blocks: [] }, createdAt: new Date(MONDAY.getTime() - days * DAY),
    });
    await w.prisma.delivery.createMany({ data: [delivery('sent-old', 'SENT', 2), delivery('sent-new', 'SENT', 0.5), delivery('failed-old', 'FAILED', 2), delivery('pending-old', 'PENDING', 2)] });
    await housekeeping({ prisma: w.prisma }, MONDAY);
    const payloads = Object.fromEntries((await w.prisma.delivery.findMany()).map((d) => [d.key, d.payload]));
    expect(payloads['sent-old']).toEqual(DROPPED_CONTENT);
    expect(payloads['sent-new']).toMatchObject({ text: 'C-1042 mangler opfølgning' });
    expect(payloads['failed-old']).toMatchObject({ text: 'C-1042 mangler opfølgning' });
    expect(payloads['pending-old']).toMatchObject({ text: 'C-1042 mangler opfølgning' });
  });
});

describe('npm run purge (src/purge-cli.ts)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await createTestDataDir('jobbot-purge-cli-');
    const db = await openDatabase({ dataDir });
    try {
      const f = await createTeamFixture(db.prisma);
      // The script runs on the real clock: one case closed long ago, one closed yesterday.
      const closed = (ref: string, daysAgo: number) => ({ teamId: f.teamId, ref, status: 'CLOSED' as const, closeReason: 'MOVED' as const, closedAt: new Date(Date.now() - daysAgo * DAY) });
      await db.prisma.citizen.createMany({ data: [closed('OLD-1', 400), closed('NEW-2', 1)] });
    } finally {
      await db.close();
    }
  }, 120_000);
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  const refs = async () => {
    const db = await openDatabase({ dataDir });
    try {
      return (await db.prisma.citizen.findMany({ orderBy: { ref: 'asc' } })).map((c) => c.ref);
    } finally {
      await db.close();
    }
  };

  it('lists counts with --dry-run and changes nothing; without it, erases the old case', async () => {
    const dry = await runScript('src/purge-cli.ts', ['--dry-run'], { DATA_DIR: dataDir });
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^jobbot purge: 1 closed cases closed before \d\d-\d\d-\d{4} \(retention 6 months\) would be erased \(dry run: nothing changed\)/);
    expect(await refs()).toEqual(['NEW-2', 'OLD-1']);

    const real = await runScript('src/purge-cli.ts', [], { DATA_DIR: dataDir });
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('1 closed cases closed before');
    expect(real.stdout).toContain(') erased: 0 meetings');
    expect(await refs()).toEqual(['NEW-2']);
  }, 120_000);
});
