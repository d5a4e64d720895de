// The console's clock: follows a base clock (real time, or a test's fixed
// time) shifted by whatever `:clock <datetime>` set, so time travel moves
// the router, the jobs and the outbox together.
import { isValidLocalDate, localDateTimeToInstant, todayIn } from '../../domain/local-date.js';

export interface ConsoleClock {
  now(): Date;
  /** Jump to a Copenhagen wall-clock time; returns the new now. */
  set(instant: Date): Date;
  /** Back to the base clock. */
  reset(): void;
}

export function createConsoleClock(base: () => Date = () => new Date()): ConsoleClock {
  let offsetMs = 0;
  return {
    now: () => new Date(base().getTime() + offsetMs),
    set(instant) {
      offsetMs = instant.getTime() - base().getTime();
      return instant;
    },
    reset() {
      offsetMs = 0;
    },
  };
}

/**
 * "2027-03-30 08:00", "2027-03-30T08:00", "2027-03-30" (08:00) or "08:15"
 * (today): Europe/Copenhagen wall-clock time, DST-correct.
 */
export function parseConsoleDateTime(text: string, now: Date): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})?(?:[ T]?(\d{1,2}[:.]\d{2}))?$/.exec(text.trim());
  if (!m || (!m[1] && !m[2])) return undefined;
  const date = m[1] ?? todayIn(now);
  if (!isValidLocalDate(date)) return undefined;
  try {
    return localDateTimeToInstant(date, m[2] ?? '08:00');
  } catch {
    return undefined;
  }
}
