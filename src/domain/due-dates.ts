// When a check-in or a placement follow-up falls due. Pure: dates in, dates out.
import { onOrAfterWorkingDay } from './danish-calendar.js';
import { addDays, compareLocalDate, daysBetween, maxLocalDate, type LocalDate } from './local-date.js';

// Default cadences, lengths and follow-up rhythms are in the rules table (src/domain/rules).
/** An internship (virksomhedspraktik) planned for at most this long ends in an "extend or end?" decision. */
export const INITIAL_INTERNSHIP_DAYS = 14;

/**
 * A check-in computed from a cadence: `cadenceDays` after `from`, moved to the
 * next Danish working day when it lands on a weekend or holiday (a date a
 * user types is kept as typed; only computed dates move).
 */
export function checkInAfter(from: LocalDate, cadenceDays: number): LocalDate {
  return onOrAfterWorkingDay(addDays(from, cadenceDays));
}

/**
 * The next check-in after a meeting: an explicit `next:` date wins. Otherwise
 * a meeting older than (or on the same day as) the citizen's latest other
 * meeting changes nothing: that newer meeting already set the next check-in,
 * perhaps by an agreed `next:` date. A new latest meeting counts the cadence
 * from its own date. `changed` is false when the current date is kept.
 */
export function nextCheckInAfterMeeting(input: {
  meetingOn: LocalDate;
  latestOtherMeetingOn?: LocalDate;
  currentNext?: LocalDate;
  cadenceDays: number;
  explicitNext?: LocalDate;
}): { date: LocalDate; changed: boolean } {
  if (input.explicitNext) return { date: input.explicitNext, changed: true };
  const olderThanLatest = input.latestOtherMeetingOn !== undefined && compareLocalDate(input.meetingOn, input.latestOtherMeetingOn) <= 0;
  if (olderThanLatest && input.currentNext) return { date: input.currentNext, changed: false };
  const from = input.latestOtherMeetingOn ? maxLocalDate(input.meetingOn, input.latestOtherMeetingOn) : input.meetingOn;
  return { date: checkInAfter(from, input.cadenceDays), changed: true };
}

export interface DueState {
  due: LocalDate;
  /** Days past due, 0 when due today or later. */
  daysOverdue: number;
  isOverdue: boolean;
}

export function dueState(due: LocalDate, today: LocalDate): DueState {
  const late = daysBetween(due, today);
  return { due, daysOverdue: Math.max(0, late), isOverdue: late > 0 };
}

/**
 * A placement's next follow-up: cadence days after the latest follow-up; the
 * first one `firstFollowUpDays` after the start (the rules at the start: a
 * week into an internship), or one cadence when the placement has none.
 */
export function nextFollowUpDue(placement: { startOn: LocalDate; followUpCadenceDays: number; firstFollowUpDays?: number | null }, latestFollowUpOn?: LocalDate): LocalDate {
  if (latestFollowUpOn) return addDays(latestFollowUpOn, placement.followUpCadenceDays);
  return addDays(placement.startOn, placement.firstFollowUpDays ?? placement.followUpCadenceDays);
}

/** Planned end for a new placement: internships default to 14 days (inclusive of the start day). */
export function plannedEndFor(startOn: LocalDate, lengthDays: number): LocalDate {
  return addDays(startOn, lengthDays - 1);
}

/** A planned end computed from a length (not typed): moved to the next working day when it lands on a day off. */
export function workingPlannedEndFor(startOn: LocalDate, lengthDays: number): LocalDate {
  return onOrAfterWorkingDay(plannedEndFor(startOn, lengthDays));
}

export function isWithin(d: LocalDate, from: LocalDate, to: LocalDate): boolean {
  return compareLocalDate(d, from) >= 0 && compareLocalDate(d, to) <= 0;
}
