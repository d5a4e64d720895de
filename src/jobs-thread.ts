// The jobs thread's entry: runs the scheduled jobs (jobs/run-due-jobs.ts) for
// the main thread's scheduler (jobs/schedule.ts, through jobs-thread-runner.ts). The morning
// run and the digest read and plan for tens of thousands of citizens; here that
// work never delays a Slack or Teams acknowledgement on the main thread. Jobs
// only enqueue (they never send), so the outbox stays on the main thread with
// the platform clients. The thread has its own Prisma Client on the same
// database (a port to the database thread, or the PostgreSQL URL) and its own
// copy of the rules (the file, and the stored rule changes each run refreshes).
import { parentPort, workerData } from 'node:worker_threads';
import { openSharedDatabase } from './db/client.js';
import type { Log } from './logger.js';
import { logSafeError } from './log-safe-error.js';
import { loadRulesFile } from './rules-file.js';
import { closeChartRenderer } from './charts/render-png.js';
import { catchUp, runDueJobs } from './jobs/run-due-jobs.js';
import type { JobsThreadData, JobsThreadEvent, JobsThreadRequest } from './jobs/jobs-thread-messages.js';

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
