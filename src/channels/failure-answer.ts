// What a channel says when a request it has acknowledged fails: the user must
// always get an answer. If the database does not answer a trivial query, the
// outage is the reason and the user is told so (nothing was saved, try again);
// otherwise it is a bug and the generic internal error is said. Asked only on
// the failure path, so it costs nothing while all is well.
import type { Messages } from '../domain/i18n/messages.js';
import type { PrismaClient } from '../db/types.js';

const PROBE_TIMEOUT_MS = 1_500;

/** Whether the database answers `SELECT 1` within the timeout; never throws. */
export async function databaseAnswers(prisma: PrismaClient, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([prisma.$queryRaw`SELECT 1`.then(() => true), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** The text for a failed request: the database outage message when the database is down, else the internal error. */
export async function failureText(prisma: PrismaClient, t: Messages): Promise<string> {
  return (await databaseAnswers(prisma)) ? t.errors.internal : t.outage.database;
}
