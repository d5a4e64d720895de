// Retention of closed cases: a citizen whose case was closed more than
// JOBBOT_RETENTION_MONTHS (default 6) months ago is erased with every row that
// names it, by the same eraseCitizen as `/citizen forget`. Run by the daily
// housekeeping job and by `npm run purge` (which can list counts only).
import { localDateParts, localDateTimeToInstant, makeLocalDate, todayIn, daysInMonth, type LocalDate } from '../domain/local-date.js';
import { countsOf, eraseCitizen, findCitizenData, type ErasureCounts } from './erase-citizen.js';
import type { PrismaClient, SourceChannel } from './types.js';

export const DEFAULT_RETENTION_MONTHS = 6;

/** The Copenhagen day `months` months before today (the 31st becomes the month's last day). */
export function monthsBefore(today: LocalDate, months: number): LocalDate {
  const { year, month, day } = localDateParts(today);
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return makeLocalDate(y, m, Math.min(day, daysInMonth(y, m))) ?? today;
}

/** Cases closed before this instant are kept no longer: the start of the day `months` months ago. */
export function retentionCutoff(now: Date, months: number): Date {
  return localDateTimeToInstant(monthsBefore(todayIn(now), months), '00:00');
}

export interface PurgeResult {
  citizens: number;
  counts: ErasureCounts;
}

export interface PurgeOptions {
  months: number;
  dryRun?: boolean;
  /** Who the anonymous `citizen.erased` rows name as the channel: CONSOLE for the server itself. */
  channel?: SourceChannel;
}

/**
 * Erases (or, with dryRun, only counts) every closed case past the retention
 * period. Each citizen in its own transaction, so one long purge does not hold
 * the database and a failure leaves the citizens before it erased.
 */
export async function purgeClosedCases(prisma: PrismaClient, now: Date, options: PurgeOptions): Promise<PurgeResult> {
  const cutoff = retentionCutoff(now, options.months);
  const due = await prisma.citizen.findMany({
    where: { status: 'CLOSED', closedAt: { lt: cutoff } },
    select: { id: true, ref: true, teamId: true },
    orderBy: { closedAt: 'asc' },
  });
  const total = emptyCounts();
  for (const citizen of due) {
    const counts = options.dryRun
      ? countsOf(await findCitizenData(prisma, citizen))
      : await prisma.$transaction((tx) => eraseCitizen(tx, citizen, { actorId: null, channel: options.channel ?? 'CONSOLE', reason: 'retention' }), { maxWait: 10_000, timeout: 60_000 });
    for (const key of Object.keys(total) as Array<keyof ErasureCounts>) total[key] += counts[key];
  }
  return { citizens: due.length, counts: total };
}

function emptyCounts(): ErasureCounts {
  return {
    meetings: 0,
    placements: 0,
    followUps: 0,
    outcomes: 0,
    caseworkerChanges: 0,
    subGoals: 0,
    readinessChanges: 0,
    reminderStates: 0,
    auditRows: 0,
    processedRequests: 0,
    deliveriesDeleted: 0,
    deliveriesRedacted: 0,
    undoableChanges: 0,
    importBatches: 0,
  };
}
