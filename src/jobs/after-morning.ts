// Once per working day, after the morning run (from 08:00 local, the default
// reminder time, until the end of the day): a hook for work that should follow
// the morning's reminders, e.g. refreshing every Slack App Home. Claimed with
// the SchedulerCursor row "after-morning", so it runs once a day whatever the
// number of instances and restarts, and catches up the same day after a late
// start. Nothing on weekends or public holidays.
import { todayIn } from '../domain/local-date.js';
import { dailySlot, DEFAULT_REMINDER_TIME, isSlotOpen } from '../domain/reminder-rules.js';
import { claimDay } from './daily-claim.js';
import type { JobDeps } from './job.js';
import { logSafeError } from '../log-safe-error.js';

export const AFTER_MORNING_CURSOR = 'after-morning';

/** What the hook returns is ignored (e.g. refreshHomes' counts). */
export type AfterMorningHook = (now: Date) => Promise<unknown>;

/** Runs the hook if this is the first tick of a working day at or after the morning time; true if it ran. */
export async function runAfterMorning(deps: JobDeps, hook: AfterMorningHook, now: Date, time: string = DEFAULT_REMINDER_TIME): Promise<boolean> {
  const slot = dailySlot(todayIn(now), time);
  if (!slot || !isSlotOpen(slot, now)) return false;
  if (!(await claimDay(deps, AFTER_MORNING_CURSOR, slot.at, now))) return false;
  try {
    await hook(now);
  } catch (error) {
    // Not retried: a missed refresh is repaired by the next action or the next morning.
    deps.log?.('after-morning.failed', { error: logSafeError(error) }, 'error');
  }
  return true;
}
