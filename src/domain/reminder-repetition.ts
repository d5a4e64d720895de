/**
 * Repetition (issue 9, item 16): a reminder nobody acts on must not come
 * every working day for weeks. After a team's `escalateAfterReminders`
 * morning lists named the same item (default 3; null = never), the item is
 * passed on once to the team's managers and from then on appears only in a
 * summary line on the week's first working day. An item is one subject
 * (reminder-rules.ts subjectKey): a new occurrence (a new due date, an
 * extension) is a new item and starts again from one. Snoozed and done
 * items are not reminded, so they are not counted either. Pure.
 */
import type { LocalDate } from './local-date.js';
import type { SubjectState } from './reminder-rules.js';

export const DEFAULT_ESCALATE_AFTER = 3;
/** The setting's range: once is allowed, more than a month of working days makes no sense. */
export const ESCALATE_AFTER_MIN = 1;
export const ESCALATE_AFTER_MAX = 20;

/** How many earlier days' lists named the subject (today's own count, if already recorded, left out). */
export function remindedBefore(state: SubjectState | undefined, today: LocalDate): number {
  const count = state?.remindedCount ?? 0;
  return state?.lastRemindedOn === today ? Math.max(0, count - 1) : count;
}

export interface RepetitionSplit<T> {
  /** Still reminded every working day (and counted). */
  daily: T[];
  /** Reminded `after` times already: only in the weekly line. */
  repeated: T[];
  /** The repeated ones not yet passed on to the managers: escalate these today. */
  escalate: T[];
}

export function splitRepeated<T>(
  items: readonly T[],
  subjectOf: (item: T) => string,
  states: ReadonlyMap<string, SubjectState>,
  after: number | null,
  today: LocalDate,
): RepetitionSplit<T> {
  const out: RepetitionSplit<T> = { daily: [], repeated: [], escalate: [] };
  for (const item of items) {
    const state = states.get(subjectOf(item));
    if (after === null || remindedBefore(state, today) < after) {
      out.daily.push(item);
      continue;
    }
    out.repeated.push(item);
    if (!state?.escalatedOn) out.escalate.push(item);
  }
  return out;
}
