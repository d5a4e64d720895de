// What the main thread (jobs-thread-runner.ts) and the jobs thread
// (src/jobs-thread.ts) say to each other.
import type { SharedDatabase } from '../db/client.js';
import type { LogLevel } from '../logger.js';
import type { JobsResult } from './run-due-jobs.js';

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
