// When a check-in or a placement follow-up falls due. Pure: dates in, dates out.
import type { PlacementType } from './enums.js';
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
 * The next check-in after a meeting: an explicit `next:` date wins, otherwise
 * the cadence counts from the latest meeting (a back-dated meeting never moves
 * the due date earlier than a later meeting already set it).
 */
export function nextCheckInAfterMeeting(input: {
  meetingOn: LocalDate;
  latestEarlierMeetingOn?: LocalDate;
  cadenceDays: number;
  explicitNext?: LocalDate;
}): LocalDate {
  if (input.explicitNext) return input.explicitNext;
  const latest = input.latestEarlierMeetingOn ? maxLocalDate(input.meetingOn, input.latestEarlierMeetingOn) : input.meetingOn;
  return addDays(latest, input.cadenceDays);
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

export function isWithin(d: LocalDate, from: LocalDate, to: LocalDate): boolean {
  return compareLocalDate(d, from) >= 0 && compareLocalDate(d, to) <= 0;
}
