// What every scheduled job gets and returns. A job plans messages and puts
// them in the outbox (src/db/outbox-queries.ts); the outbox worker
// (outbox.ts) delivers them. Jobs never send.
import type { PrismaClient } from '../db/types.js';
import type { Log } from '../logger.js';

/** The one logger type (src/logger.ts), under the name the jobs have always used. */
export type JobLog = Log;

export interface JobDeps {
  prisma: PrismaClient;
  log?: JobLog;
  /** JOBBOT_RETENTION_MONTHS: housekeeping erases cases closed longer ago (default DEFAULT_RETENTION_MONTHS). */
  retentionMonths?: number;
}

export interface Job {
  /** Stable name: the SchedulerCursor id (see run-due-jobs.ts). */
  name: string;
  /** Enqueues whatever is due at `now` and not yet in the outbox; returns how many deliveries were new. */
  run(deps: JobDeps, now: Date): Promise<number>;
}

/**
 * Up to this many items get their own buttons in one message; the rest are
 * still listed, as text (see reminder-layout.ts).
 */
export const MAX_ITEMS_WITH_ACTIONS = 10;
