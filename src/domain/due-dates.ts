// When a check-in or a placement follow-up falls due. Pure: dates in, dates out.
import type { PlacementType } from './enums.js';
import { onOrAfterWorkingDay } from './danish-calendar.js';
import { addDays, compareLocalDate, daysBetween, maxLocalDate, type LocalDate } from './local-date.js';

export const DEFAULT_CHECK_IN_CADENCE_DAYS = 7;
export const DEFAULT_FOLLOW_UP_CADENCE_DAYS = 30;
/** An internship (virksomhedspraktik) starts as 14 days; longer only with a job prospect. */
export const INITIAL_INTERNSHIP_DAYS = 14;

/** Planned length of a new placement when none is given: internships 14 days, others typical lengths. */
export const DEFAULT_PLACEMENT_LENGTH_DAYS: Record<PlacementType, number> = {
  INTERNSHIP: INITIAL_INTERNSHIP_DAYS,
  WAGE_SUBSIDY_PRIVATE: 26 * 7,
  WAGE_SUBSIDY_PUBLIC: 26 * 7,
  ORDINARY_HOURS: 13 * 7,
  UTILITY_WORK: 13 * 7,
  ADULT_APPRENTICE: 365,
  FLEXJOB: 365,
};

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

/** A placement's next follow-up: cadence days after the start or the latest follow-up. */
export function nextFollowUpDue(placement: { startOn: LocalDate; followUpCadenceDays: number }, latestFollowUpOn?: LocalDate): LocalDate {
  return addDays(latestFollowUpOn ?? placement.startOn, placement.followUpCadenceDays);
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
