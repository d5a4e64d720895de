// The jobs thread: runs the scheduled jobs (run-due-jobs.ts) for the main
// thread's scheduler (schedule.ts, through jobs-thread-runner.ts). The morning
// run and the digest read and plan for tens of thousands of citizens; here that
// work never delays a Slack or Teams acknowledgement on the main thread. Jobs
// only enqueue (they never send), so the outbox stays on the main thread with
// the platform clients. The thread has its own Prisma Client on the same
// database (a port to the database thread, or the PostgreSQL URL) and its own
// copy of the rules (the file, and the stored rule changes each run refreshes).
import { parentPort, workerData } from 'node:worker_threads';
import { openSharedDatabase, type SharedDatabase } from '../db/client.js';
import type { Log, LogLevel } from '../logger.js';
import { logSafeError } from '../log-safe-error.js';
import { loadRulesFile } from '../rules-file.js';
import { closeChartRenderer } from '../charts/render-png.js';
import { catchUp, runDueJobs, type JobsResult } from './run-due-jobs.js';

export interface JobsThreadData {
  database: SharedDatabase;
  rulesFile?: string;
  retentionMonths?: number;
}

export interface JobsRunOptions {
  catchUp?: boolean;
  forwardOnly?: boolean;
}

/** `stopping` on a run: shutdown began before the thread heard of it. */
export type JobsThreadRequest = { run: JobsRunOptions & { id: number; now: Date; stopping: boolean } } | { stop: true } | { close: true };

export type JobsThreadEvent =
  | { ready: true }
  | { failed: string }
  | { id: number; result: JobsResult }
  | { id: number; error: string }
  | { log: [event: string, fields: Record<string, unknown> | undefined, level: Exclude<LogLevel, 'silent'> | undefined] }
  | { closed: true };

const port = parentPort!;
const data = workerData as JobsThreadData;
const post = (event: JobsThreadEvent) => port.postMessage(event);
// The main thread's logger writes the lines (one stream, one redaction).
const log: Log = (event, fields, level) => post({ log: [event, fields, level] });

try {
  if (data.rulesFile) loadRulesFile(data.rulesFile);
  const db = await openSharedDatabase(data.database);
  const deps = { prisma: db.prisma, log, retentionMonths: data.retentionMonths };
  // Shutdown: a run stops at its next job; the rest runs on the next start.
  let stopping = false;
  port.on('message', (request: JobsThreadRequest) => {
    if ('run' in request) {
      const { id, now, ...options } = request.run;
      stopping ||= options.stopping;
      const run = options.catchUp
        ? catchUp(deps, now, () => stopping)
        : runDueJobs(deps, now, undefined, { forwardOnly: options.forwardOnly, stopping: () => stopping });
      run.then(
        (result) => post({ id, result }),
        (error: unknown) => post({ id, error: logSafeError(error) }),
      );
    } else if ('stop' in request) {
      stopping = true;
    } else {
      void Promise.allSettled([db.close(), closeChartRenderer()]).then(() => {
        post({ closed: true });
        port.close();
      });
    }
  });
  post({ ready: true });
} catch (error) {
  post({ failed: error instanceof Error ? error.message : String(error) });
  port.close();
}
