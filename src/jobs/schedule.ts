// Wires node-cron: one tick a minute (Europe/Copenhagen) runs the due jobs
// and drains the outbox. Per-person reminder times make a minute tick the
// simplest correct trigger; the jobs themselves decide what is due.
// node-cron does not catch up and runs in every instance: catchUp() on start
// and the delivery keys take care of both.
import cron from 'node-cron';
import { TIME_ZONE } from '../domain/local-date.js';
import type { OutboundChannel } from '../delivery/outbound-channel.js';
import type { PrismaClient } from '../db/types.js';
import { runAfterMorning, type AfterMorningHook } from './after-morning.js';
import { secondsSince, type Metrics } from '../metrics.js';
import type { JobLog } from './job.js';
import { drainOutbox, type DrainResult } from '../delivery/outbox.js';
import { ChannelPacer } from '../delivery/pacer.js';
import { catchUp, runDueJobs, type JobsResult } from './run-due-jobs.js';
import { logSafeError } from '../log-safe-error.js';
import { refreshStoredRules } from '../db/stored-rules.js';
import type { JobsRunner } from './jobs-thread-runner.js';

export interface SchedulerDeps {
  prisma: PrismaClient;
  channels: readonly OutboundChannel[];
  clock: () => Date;
  log?: JobLog;
  /** JOBBOT_RETENTION_MONTHS, for housekeeping's retention of closed cases. */
  retentionMonths?: number;
  /** Default: every minute. */
  cronExpression?: string;
  pacer?: ChannelPacer;
  /**
   * Called once per working day after the morning run (first tick from 08:00
   * local, after the reminders went out), e.g. the Slack channel's refreshHomes.
   * Once across instances and restarts (after-morning.ts).
   */
  afterMorning?: AfterMorningHook;
  /** Times each pass and counts deliveries for /metrics. */
  metrics?: Pick<Metrics, 'delivery' | 'rateLimited' | 'schedulerRun'>;
  /**
   * Runs the jobs in the jobs thread (jobs-thread-runner.ts) instead of on this
   * thread; the outbox and the after-morning hook stay here.
   */
  jobsRunner?: JobsRunner;
}

/** One pass: enqueue what is due, then deliver. Exported for the console's :run-jobs and tests. */
export async function runTick(
  deps: Omit<SchedulerDeps, 'cronExpression' | 'clock'>,
  now: Date,
  options: { catchUp?: boolean; forwardOnly?: boolean; stopping?: () => boolean } = {},
): Promise<{ jobs: JobsResult; outbox: DrainResult }> {
  const start = process.hrtime.bigint();
  const { stopping } = options;
  const jobs = deps.jobsRunner
    ? await runInThread(deps, deps.jobsRunner, now, options)
    : options.catchUp
      ? await catchUp(deps, now, stopping)
      : await runDueJobs(deps, now, undefined, { forwardOnly: options.forwardOnly, stopping });
  const outbox = await drainOutbox({ ...deps, stopping }, now);
  if (deps.afterMorning && !stopping?.()) await runAfterMorning(deps, deps.afterMorning, now);
  deps.metrics?.schedulerRun(secondsSince(start));
  return { jobs, outbox };
}

/**
 * The jobs in the jobs thread. A thread that died fails only the planning: the
 * outbox is still drained this minute, and the runner starts a new thread on
 * the next (the slots are still open, the delivery keys keep it exactly once).
 */
async function runInThread(
  deps: { prisma: PrismaClient; log?: JobLog },
  runner: JobsRunner,
  now: Date,
  options: { catchUp?: boolean; forwardOnly?: boolean; stopping?: () => boolean },
): Promise<JobsResult> {
  try {
    const jobs = await runner.run(now, { catchUp: options.catchUp, forwardOnly: options.forwardOnly });
    // The jobs thread installed the stored rule changes for itself; the answers on this thread need them too.
    await refreshStoredRules(deps.prisma);
    return jobs;
  } catch (error) {
    // At shutdown a pass may be abandoned (jobs-thread-runner.ts): expected, and planned again on the next start.
    if (options.stopping?.()) deps.log?.('scheduler.pass-abandoned', { error: logSafeError(error) }, 'info');
    else deps.log?.('scheduler.jobs-failed', { error: logSafeError(error) }, 'error');
    return { enqueued: 0, perJob: {}, errors: ['jobs-thread'] };
  }
}

/** Starts the scheduler (after an immediate catch-up pass); returns a function that stops it and waits for a running pass. */
export function startScheduler(deps: SchedulerDeps): () => Promise<void> {
  const pacer = deps.pacer ?? new ChannelPacer();
  const tickDeps = { ...deps, pacer };
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const tick = (first: boolean): Promise<unknown> => {
    if (running || stopped) return running ?? Promise.resolve();
    // A pass stops at its next job or message once shutdown begins; what is left runs on the next start.
    running = runTick(tickDeps, deps.clock(), { catchUp: first, stopping: () => stopped })
      .catch((error: unknown) => deps.log?.('scheduler.tick-failed', { error: logSafeError(error) }, 'error'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  void tick(true);
  const task = cron.schedule(deps.cronExpression ?? '* * * * *', () => tick(false), { timezone: TIME_ZONE, name: 'jobbot-scheduler', noOverlap: true });
  return async () => {
    stopped = true;
    deps.jobsRunner?.stop();
    await task.stop();
    await task.destroy();
    await running;
  };
}
