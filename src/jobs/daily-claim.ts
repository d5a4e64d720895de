// Once-a-day work claimed through a SchedulerCursor row: the first instance
// whose conditional update moves the cursor from before today's slot to now
// (or creates it) wins the day; every other tick, instance and restart that
// day sees the cursor already past the slot and does nothing.
import type { JobDeps } from './job.js';

/** True if this call claimed the day (the cursor was before `slotStart`, or missing). */
export async function claimDay(deps: JobDeps, cursor: string, slotStart: Date, now: Date): Promise<boolean> {
  const moved = await deps.prisma.schedulerCursor.updateMany({ where: { job: cursor, lastRunAt: { lt: slotStart } }, data: { lastRunAt: now } });
  if (moved.count > 0) return true;
  try {
    await deps.prisma.schedulerCursor.create({ data: { job: cursor, lastRunAt: now } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return false; // already claimed today (or another instance is claiming it)
    throw error;
  }
}
