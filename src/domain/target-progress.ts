// Monthly targets: progress and the pace still needed, as shown by /targets
// and the weekly digest. Pure; the words come from the caller's messages.
import { workingDaysBetween } from './danish-calendar.js';
import { compareLocalDate, endOfMonth, maxLocalDate, type LocalDate } from './local-date.js';

/** Ten-step text bar, the same on every platform: ▓▓▓▓░░░░░░ 40 % */
export function progressBar(actual: number, target: number): string {
  const share = target === 0 ? 1 : Math.min(1, actual / target);
  const filled = Math.round(share * 10);
  return `${'▓'.repeat(filled)}${'░'.repeat(10 - filled)} ${Math.round((target === 0 ? 1 : actual / target) * 100)} %`;
}

/** "Needed per remaining working day": rounded up to one decimal; 0 when reached. */
export function pacePerWorkingDay(actual: number, target: number, workingDaysLeftInMonth: number): number {
  const missing = Math.max(0, target - actual);
  if (missing === 0) return 0;
  return Math.ceil((missing / Math.max(workingDaysLeftInMonth, 1)) * 10) / 10;
}

/** Working days left in `month` (its first day) from today, today included; a future month counts from its start, a past one has none. */
export function workingDaysLeftInMonth(today: LocalDate, month: LocalDate): number {
  const from = maxLocalDate(today, month);
  const end = endOfMonth(month);
  return compareLocalDate(from, end) > 0 ? 0 : workingDaysBetween(from, end);
}

/** The wording a target line is built from (messages.reminders or messages.targets). */
export interface TargetLineWords {
  line(metric: string, actual: number, target: number, bar: string, pace: string): string;
  pace(perDay: number, workingDaysLeft: number): string;
  reached: string;
}

/** One metric's line: label, actual of target, progress bar and the pace still needed (or "reached"). */
export function targetLine(words: TargetLineWords, metric: string, actual: number, target: number, workingDaysLeft: number): string {
  const pace = actual >= target ? words.reached : words.pace(pacePerWorkingDay(actual, target, workingDaysLeft), workingDaysLeft);
  return words.line(metric, actual, target, progressBar(actual, target), pace);
}
