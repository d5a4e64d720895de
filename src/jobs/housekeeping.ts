// Keeps what jobbot stores about past requests and messages no longer than it
// needs (data minimisation): retried requests arrive within minutes, a slot's
// delivery key matters for at most a month, an import preview for a day, a
// sent message's content not at all once it is sent (only its key is needed),
// and a closed case for JOBBOT_RETENTION_MONTHS (src/db/retention.ts).
// Once a day: the first tick from HOUSEKEEPING_TIME claims the day with the
// SchedulerCursor row "housekeeping" (daily-claim.ts); the other ticks that
// day run no query beyond that claim. A day whose pruning fails is not
// retried: the next day's run prunes the same rows. Last, it refreshes the
// planner's statistics (PGlite has no autovacuum).
import { todayIn } from '../domain/local-date.js';
import { DEFAULT_RETENTION_MONTHS, purgeClosedCases } from '../db/retention.js';
import type { Prisma } from '../db/types.js';
import { slotWindow } from '../domain/reminder-rules.js';
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import { claimDay } from './daily-claim.js';
import type { JobDeps } from './job.js';

export const KIND = 'housekeeping';
/** Early, before anyone's reminders. */
const HOUSEKEEPING_TIME = '03:00';
const DAY_MS = 86_400_000;
/** Slack and Teams redeliver within minutes; a day is ample for replaying an answer (which may show citizen data). */
export const PROCESSED_REQUEST_DAYS = 1;
/** A sent or skipped message's content (citizen references) is dropped after this; its key stays for DELIVERY_DAYS. */
export const DELIVERED_CONTENT_DAYS = 1;
export const DROPPED_CONTENT = { dropped: true } as const;
/** Longer than the longest catch-up window (a month-end report), so no key is forgotten while it can still fire. */
export const DELIVERY_DAYS = 60;
export const IMPORT_PREVIEW_DAYS = 30;

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const slot = slotWindow(todayIn(now), HOUSEKEEPING_TIME);
  if (now.getTime() < slot.at.getTime()) return 0;
  if (!(await claimDay(deps, KIND, slot.at, now))) return 0;
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const requests = await deps.prisma.processedRequest.deleteMany({ where: { createdAt: { lt: before(PROCESSED_REQUEST_DAYS) } } });
  const deliveries = await deps.prisma.delivery.deleteMany({
    where: { createdAt: { lt: before(DELIVERY_DAYS) }, status: { in: ['SENT', 'SKIPPED', 'FAILED'] } },
  });
  // FAILED messages keep their content until pruned: a manager may still retry them (/jobbot failed retry).
  const contents = await deps.prisma.delivery.updateMany({
    where: { createdAt: { lt: before(DELIVERED_CONTENT_DAYS) }, status: { in: ['SENT', 'SKIPPED'] }, payload: { not: DROPPED_CONTENT } },
    data: { payload: DROPPED_CONTENT as Prisma.InputJsonValue },
  });
  const imports = await deps.prisma.importBatch.deleteMany({ where: { createdAt: { lt: before(IMPORT_PREVIEW_DAYS) } } });
  // An undo entry holds the values a change replaced (a note, a date): useless and not kept once it has expired.
  const undo = await deps.prisma.undoableChange.deleteMany({ where: { expiresAt: { lt: now } } });
  if (requests.count + deliveries.count + contents.count + imports.count + undo.count > 0) {
    deps.log?.(
      'housekeeping.pruned',
      { processedRequests: requests.count, deliveries: deliveries.count, deliveryContents: contents.count, importBatches: imports.count, undoEntries: undo.count },
      'info',
    );
  }
  const retention = await purgeClosedCases(deps.prisma, now, { months: deps.retentionMonths ?? DEFAULT_RETENTION_MONTHS });
  if (retention.citizens > 0) deps.log?.('retention.erased', { citizens: retention.citizens }, 'info');
  // Before the morning reads: PGlite's planner has statistics only when asked (planner-statistics.ts).
  await refreshPlannerStatistics(deps.prisma);
  return 0;
}
