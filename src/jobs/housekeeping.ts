// Keeps what jobbot stores about past requests and messages no longer than it
// needs (data minimisation): retried requests arrive within minutes, a slot's
// delivery key matters for at most a month, an import preview for a day.
import type { JobDeps } from './job.js';

export const KIND = 'housekeeping';
const DAY_MS = 86_400_000;
/** Slack and Teams redeliver within minutes; a week is ample for replaying an answer. */
export const PROCESSED_REQUEST_DAYS = 7;
/** Longer than the longest catch-up window (a month-end report), so no key is forgotten while it can still fire. */
export const DELIVERY_DAYS = 60;
export const IMPORT_PREVIEW_DAYS = 30;

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const requests = await deps.prisma.processedRequest.deleteMany({ where: { createdAt: { lt: before(PROCESSED_REQUEST_DAYS) } } });
  const deliveries = await deps.prisma.delivery.deleteMany({
    where: { createdAt: { lt: before(DELIVERY_DAYS) }, status: { in: ['SENT', 'SKIPPED', 'FAILED'] } },
  });
  const imports = await deps.prisma.importBatch.deleteMany({ where: { createdAt: { lt: before(IMPORT_PREVIEW_DAYS) } } });
  if (requests.count + deliveries.count + imports.count > 0) {
    deps.log?.('housekeeping.pruned', { processedRequests: requests.count, deliveries: deliveries.count, importBatches: imports.count }, 'info');
  }
  return 0;
}
