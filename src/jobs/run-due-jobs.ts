// Runs every job for `now`: each enqueues whatever is due and not yet in the
// outbox. Idempotent, so every tick, every instance and every restart may
// call it: the delivery keys make each message go out once.
//
// Catch-up: a slot stays open from its time until its deadline (the end of
// the day for morning lists, the end of the ISO week for the digest, the
// next working day for the month-end report, …), so a process that was
// down at 08:00 still sends the morning's reminders when it starts at 10:30,
// and a digest missed on Monday goes out late, once, on Tuesday. Catch-up
// needs no record of past runs: the slots and the delivery keys decide.
// The SchedulerCursor row of a job records the last run that enqueued
// something (written only then, not on every idle tick).
import { isWorkingDay } from '../domain/danish-calendar.js';
import { todayIn } from '../domain/local-date.js';
import * as checkins from './checkin-reminders.js';
import * as placements from './consultant-reminders.js';
import * as digest from './team-digest.js';
import * as monthEnd from './month-end-report.js';
import * as preOneOnOne from './pre-one-on-one.js';
import * as summer from './summer-reminder.js';
import * as teamMeeting from './team-meeting-reminder.js';
import * as housekeeping from './housekeeping.js';
import * as milestones from './milestone-posts.js';
import * as ruleSwitches from './rule-switches.js';
import type { Job, JobDeps } from './job.js';
import { logSafeError } from '../log-safe-error.js';

export const JOBS: readonly Job[] = [
  // First, so the other jobs plan with the rules in force (a switch stored by another instance).
  { name: ruleSwitches.KIND, run: ruleSwitches.run },
  { name: checkins.KIND, run: checkins.run },
  { name: placements.KIND, run: placements.run },
  { name: digest.KIND, run: digest.run },
  { name: monthEnd.KIND, run: monthEnd.run },
  { name: preOneOnOne.KIND, run: preOneOnOne.run },
  { name: summer.KIND, run: summer.run },
  { name: teamMeeting.KIND, run: teamMeeting.run },
  { name: housekeeping.KIND, run: housekeeping.run },
  { name: milestones.KIND, run: milestones.run },
];

export interface JobsResult {
  enqueued: number;
  perJob: Record<string, number>;
  errors: string[];
  /** Set when jobs were skipped because a run later than `now` already happened (the clock went back). */
  alreadyRunUntil?: Date;
}

/**
 * forwardOnly (the console's :run-jobs): a job that already ran later than
 * `now` is not run again. The console's clock may go back in time, and
 * housekeeping may have pruned the delivery keys that would stop a second
 * send. Servers do not use it: a clock once set far ahead must not silence
 * the scheduler for good; their clocks only move forward.
 */
export async function runDueJobs(deps: JobDeps, now: Date, jobs: readonly Job[] = JOBS, options: { forwardOnly?: boolean; stopping?: () => boolean } = {}): Promise<JobsResult> {
  const result: JobsResult = { enqueued: 0, perJob: {}, errors: [] };
  // Nothing is sent on weekends and holidays; not even a late digest.
  if (!isWorkingDay(todayIn(now))) return result;
  const cursors = options.forwardOnly
    ? await deps.prisma.schedulerCursor.findMany({ where: { job: { in: jobs.map((j) => j.name) }, lastRunAt: { gt: now } } })
    : [];
  const ranLater = new Map(cursors.map((c) => [c.job, c.lastRunAt]));
  for (const job of jobs) {
    // Shutdown: the jobs not run yet run on the next start (their slots are still open).
    if (options.stopping?.()) break;
    const later = ranLater.get(job.name);
    if (later) {
      if (!result.alreadyRunUntil || later > result.alreadyRunUntil) result.alreadyRunUntil = later;
      continue;
    }
    try {
      const n = await job.run(deps, now);
      result.perJob[job.name] = n;
      result.enqueued += n;
      if (n > 0) await advanceCursor(deps, job.name, now);
    } catch (error) {
      // One job's outage must not stop the others; the next tick retries it.
      result.errors.push(job.name);
      deps.log?.('job.failed', { job: job.name, error: logSafeError(error) }, 'error');
    }
  }
  if (result.enqueued > 0) deps.log?.('jobs.enqueued', { ...result.perJob }, 'info');
  return result;
}

/** Runs on start: everything whose slot is still open (the slots' deadlines bound the catch-up). */
export async function catchUp(deps: JobDeps, now: Date, stopping?: () => boolean): Promise<JobsResult> {
  deps.log?.('scheduler.catch-up', { until: now.toISOString() }, 'info');
  return runDueJobs(deps, now, JOBS, { stopping });
}

/** The cursor (the last run that enqueued something) only moves forward, whichever instance ran last. */
async function advanceCursor(deps: JobDeps, job: string, now: Date): Promise<void> {
  const moved = await deps.prisma.schedulerCursor.updateMany({ where: { job, lastRunAt: { lt: now } }, data: { lastRunAt: now } });
  if (moved.count > 0) return;
  try {
    await deps.prisma.schedulerCursor.create({ data: { job, lastRunAt: now } });
  } catch (error) {
    if ((error as { code?: string }).code !== 'P2002') throw error; // another instance created it
  }
}
