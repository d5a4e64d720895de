// The main thread's handle on the jobs thread (src/jobs-thread.ts): run() sends one
// pass and resolves with its result; the scheduler (schedule.ts) calls it where
// it would call runDueJobs. A thread that dies fails its pass (the tick logs it,
// the next tick retries: the delivery keys keep that exactly-once) and is
// started again on the next run.
import type { Worker } from 'node:worker_threads';
import { transferables, type SharedDatabase } from '../db/client.js';
import type { Log } from '../logger.js';
import { startThread } from '../thread-worker.js';
import type { JobsResult } from './run-due-jobs.js';
import type { JobsRunOptions, JobsThreadData, JobsThreadEvent, JobsThreadRequest } from './jobs-thread-messages.js';

export interface JobsRunner {
  run(now: Date, options: JobsRunOptions): Promise<JobsResult>;
  /**
   * Shutdown begins: a running pass stops at its next job. A job can take many
   * seconds at a municipality's scale (the digest), so a pass still running
   * after `abandonAfterMs` (an option, default 2 s) is abandoned: the thread is ended, its open transaction
   * rolls back (nothing half-written), and the job's slot is still open for
   * the next start, which plans it again.
   */
  stop(): void;
  /** Ends the thread (after its database connection is closed). */
  close(): Promise<void>;
}

export interface JobsThreadOptions {
  /** A new connection to the app's database for the thread (Database.share). */
  share: () => SharedDatabase;
  rulesFile?: string;
  retentionMonths?: number;
  log?: Log;
  /** At shutdown, how long a running pass may go on before it is abandoned (see stop). */
  abandonAfterMs?: number;
}

export function jobsThreadRunner(options: JobsThreadOptions): JobsRunner {
  let thread: Promise<Worker> | undefined;
  let nextId = 1;
  let stopped = false;
  const pending = new Map<number, { resolve: (result: JobsResult) => void; reject: (error: Error) => void }>();

  const start = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const database = options.share();
      const workerData: JobsThreadData = { database, rulesFile: options.rulesFile, retentionMonths: options.retentionMonths };
      const worker = startThread('jobs-thread', { workerData, transferList: transferables(database) });
      worker.unref(); // a pass in flight is awaited by the scheduler; an idle thread keeps nothing alive
      worker.on('message', (event: JobsThreadEvent) => {
        if ('log' in event) options.log?.(...event.log);
        else if ('ready' in event) resolve(worker);
        else if ('failed' in event) reject(new Error(`the jobs thread could not start: ${event.failed}`));
        else if ('id' in event) {
          const waiting = pending.get(event.id);
          pending.delete(event.id);
          if ('result' in event) waiting?.resolve(event.result);
          else waiting?.reject(new Error(event.error));
        }
      });
      const gone = (error: Error) => {
        thread = undefined;
        reject(error);
        for (const waiting of pending.values()) waiting.reject(error);
        pending.clear();
      };
      worker.on('error', (error) => gone(error));
      worker.on('exit', (code) => gone(new Error(stopped ? 'the jobs pass was abandoned for shutdown' : `the jobs thread stopped (exit code ${code})`)));
    });

  return {
    async run(now, runOptions) {
      const worker = await (thread ??= start());
      const id = nextId++;
      return new Promise<JobsResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ run: { ...runOptions, id, now, stopping: stopped } } satisfies JobsThreadRequest);
      });
    },
    stop() {
      stopped = true;
      void thread?.then((worker) => {
        worker.postMessage({ stop: true } satisfies JobsThreadRequest);
        setTimeout(() => {
          if (pending.size > 0) void worker.terminate();
        }, options.abandonAfterMs ?? 2000).unref();
      }, () => undefined);
    },
    async close() {
      const current = thread;
      thread = undefined;
      if (!current) return;
      const worker = await current.catch(() => undefined);
      if (!worker) return;
      if (!stopped) worker.postMessage({ stop: true } satisfies JobsThreadRequest);
      const closed = new Promise<void>((resolve) => {
        worker.on('message', (event: JobsThreadEvent) => 'closed' in event && resolve());
        worker.on('exit', () => resolve());
      });
      worker.postMessage({ close: true } satisfies JobsThreadRequest);
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      await worker.terminate();
    },
  };
}
