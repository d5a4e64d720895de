// The readiness pipeline (issue 14): how many citizens are ready, close or
// further away, who moved up in a month, and when a placement counts as
// retained (fastholdt: still running 3 months after its start). Pure.
import type { Readiness } from './enums.js';
import { compareLocalDate, localDateParts, makeLocalDate, daysInMonth, type LocalDate } from './local-date.js';

/** How close to work: higher is closer. */
export const READINESS_RANK: Record<Readiness, number> = { FURTHER: 1, CLOSE: 2, READY: 3 };

/** A placement is retained when it is still running this many months after its start. */
export const RETENTION_MONTHS = 3;

/** Active citizens by current readiness; `unset` has none recorded. */
export interface PipelineCounts {
  READY: number;
  CLOSE: number;
  FURTHER: number;
  unset: number;
}

export const emptyPipeline = (): PipelineCounts => ({ READY: 0, CLOSE: 0, FURTHER: 0, unset: 0 });

/**
 * Whether a citizen moved up in [from, to]: their readiness at the end of the
 * period is closer to work than at its start. The start is the readiness in
 * force before `from`, or, for a citizen first assessed in the period, that
 * first assessment (a first assessment is not a move). Moving up and back down
 * again within the period is no move. `history` is oldest first.
 */
export function movedUpIn(history: ReadonlyArray<{ readiness: Readiness; setOn: LocalDate }>, from: LocalDate, to: LocalDate): boolean {
  let start: Readiness | undefined;
  let end: Readiness | undefined;
  let changedInPeriod = false;
  for (const h of history) {
    if (compareLocalDate(h.setOn, from) < 0) {
      start = h.readiness;
      end = h.readiness;
    } else if (compareLocalDate(h.setOn, to) <= 0) {
      start ??= h.readiness;
      end = h.readiness;
      changedInPeriod = true;
    }
  }
  return changedInPeriod && start !== undefined && end !== undefined && READINESS_RANK[end] > READINESS_RANK[start];
}

/** The same day `months` months later (or earlier), clamped to the month's last day: 30 Nov + 3 = 28 Feb. */
export function addMonths(d: LocalDate, months: number): LocalDate {
  const { year, month, day } = localDateParts(d);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return makeLocalDate(y, m, Math.min(day, daysInMonth(y, m))) ?? d;
}

/** The day a placement has run RETENTION_MONTHS months. */
export function retentionDay(startOn: LocalDate): LocalDate {
  return addMonths(startOn, RETENTION_MONTHS);
}

/**
 * The day a placement counts as retained, or undefined if it does not (yet):
 * it must still run on its retention day (ended on or after it; an open one
 * planned to end on or after it), and that day must have come by `today`.
 */
export function retainedOn(p: { startOn: LocalDate; endedOn: LocalDate | null; plannedEndOn: LocalDate }, today: LocalDate): LocalDate | undefined {
  const day = retentionDay(p.startOn);
  if (compareLocalDate(day, today) > 0) return undefined;
  const lastDay = p.endedOn ?? p.plannedEndOn;
  return compareLocalDate(lastDay, day) >= 0 ? day : undefined;
}

/** The pipeline as every team view shows it: counts by readiness and how many moved up in the month; counts only. */
export interface PipelineFigures {
  counts: PipelineCounts;
  movedUp: number;
}

/** The words the pipeline fields are built from (messages.pipeline). */
export interface PipelineWords {
  digestTitle: string;
  counts(c: PipelineCounts): string;
  movedUpIn(month: string): string;
}

/** "Parathed (aktive borgere): klar … · ikke vurderet …" and "Rykket op i parathed i <month>: n", as label and value. */
export function pipelineFields(words: PipelineWords, pipeline: PipelineFigures, monthName: string): Array<{ label: string; value: string }> {
  return [
    { label: words.digestTitle, value: words.counts(pipeline.counts) },
    { label: words.movedUpIn(monthName), value: String(pipeline.movedUp) },
  ];
}
