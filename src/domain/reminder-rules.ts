/**
 * When the bot reminds whom about what. Pure: dates and facts in, plans out.
 *
 * Rules (see the README section "When jobbot writes"):
 * - Reminders, digests and reports fire only on Danish working days
 *   (danish-calendar.ts). Something due on a weekend is reminded on the
 *   previous working day; something due in a multi-day closure (Christmas,
 *   Easter) on the first working day after it (dueReminderDateFor).
 * - Times are Copenhagen wall-clock times, turned into instants with
 *   localDateTimeToInstant, so 08:00 is 08:00 on the DST days too.
 * - Each scheduled message has a slot: the instant it becomes due and a
 *   deadline after which a missed slot is no longer sent (a stale morning
 *   list is replaced by the next morning's).
 * - People on leave (awayUntil, inclusive) get nothing; snoozed and done
 *   subjects are left out; nobody gets an empty message.
 */
import {
  addWorkingDays,
  firstWorkingDayOfMonth,
  isWorkingDay,
  lastWorkingDayOfMonth,
  onOrAfterWorkingDay,
  onOrBeforeWorkingDay,
  previousWorkingDay,
  workingDaysBetween,
} from './danish-calendar.js';
import { boundedMemo } from './bounded-memo.js';
import { INITIAL_INTERNSHIP_DAYS, nextFollowUpDue } from './due-dates.js';
import {
  addDays,
  compareLocalDate,
  daysBetween,
  endOfMonth,
  HHMM_RE,
  localDateParts,
  localDateTimeToInstant,
  startOfIsoWeek,
  startOfMonth,
  type LocalDate,
} from './local-date.js';

export const DEFAULT_REMINDER_TIME = '08:00';
/** The month-end milestone report goes out in the afternoon of the last working day. */
export const MONTH_END_REPORT_TIME = '14:00';
/** A three-party nudge stays on the list this long after a placement starts. */
export const THREE_PARTY_NUDGE_DAYS = 30;
/** How far back a three-party meeting still counts for a new placement. */
export const THREE_PARTY_LOOKBACK_DAYS = 180;
/** Working days before a planned end that the decision / end reminder appears. */
export const END_REMINDER_WORKING_DAYS = 2;

// ---------------------------------------------------------------- slots

/** A scheduled message's window: due from `at`, still worth sending until `until` (exclusive). */
export interface SlotWindow {
  /** The local date the slot belongs to (the day it fires). */
  date: LocalDate;
  at: Date;
  until: Date;
}

/** Start of the local day after `d`: the end of d, DST-correct. */
export function endOfLocalDay(d: LocalDate): Date {
  return localDateTimeToInstant(addDays(d, 1), '00:00');
}

export function slotWindow(date: LocalDate, hhmm: string, lastDay: LocalDate = date): SlotWindow {
  return { date, at: localDateTimeToInstant(date, hhmm), until: endOfLocalDay(lastDay) };
}

export function isSlotOpen(slot: SlotWindow, now: Date): boolean {
  return slot.at.getTime() <= now.getTime() && now.getTime() < slot.until.getTime();
}

/** Where a reminder for something due on `due` lands. */
export function reminderDateFor(due: LocalDate): LocalDate {
  return onOrBeforeWorkingDay(due);
}

/**
 * A multi-day closure: a run of non-working days that is more than a weekend,
 * because it holds a holiday or policy day off on a weekday (24–27 December,
 * Easter). Returns the first working day after it when `d` lies in one.
 */
export function closureReturnDay(d: LocalDate): LocalDate | undefined {
  if (isWorkingDay(d)) return undefined;
  const first = addDays(onOrBeforeWorkingDay(d), 1);
  const back = onOrAfterWorkingDay(d);
  for (let x = first; compareLocalDate(x, back) < 0; x = addDays(x, 1)) {
    if (daysBetween(startOfIsoWeek(x), x) < 5) return back;
  }
  return undefined;
}

/**
 * Where the morning lists remind a check-in or follow-up due on `due`. Due on
 * a plain weekend: the working day before (reminderDateFor). Due within a
 * multi-day closure: the first working day after it, so the last working day
 * before Christmas or Easter carries only what is already due, i.e. what would
 * be overdue on return; the rest waits. (Placement ends keep their reminder
 * two working days before: a decision cannot wait.) Remembered per date: a
 * pure function of a fixed calendar, asked once per citizen per run for a few
 * hundred distinct dates (issue 15: the calendar walk was ~0.4 s of a morning run).
 */
export const dueReminderDateFor: (due: LocalDate) => LocalDate = boundedMemo(10_000, (due: LocalDate) => closureReturnDay(due) ?? reminderDateFor(due));

/** The personal morning slot of `today`, or undefined on a non-working day. */
export function dailySlot(today: LocalDate, reminderTime: string): SlotWindow | undefined {
  return isWorkingDay(today) ? slotWindow(today, reminderTime) : undefined;
}

/** The first working day of the ISO week of d (the Monday, or Tuesday after 2. påskedag), if any. */
export function firstWorkingDayOfWeek(d: LocalDate): LocalDate | undefined {
  const monday = startOfIsoWeek(d);
  const first = onOrAfterWorkingDay(monday);
  return daysBetween(monday, first) < 7 ? first : undefined;
}

/** Whether d is the week's first working day: the day the Monday lists and the digest go out. */
export function isWeekStart(d: LocalDate): boolean {
  return firstWorkingDayOfWeek(d) === d;
}

/** The weekly team digest: the week's first working day at digestTime; a missed one is sent late within the week. */
export function weeklyDigestSlot(today: LocalDate, digestTime: string): SlotWindow | undefined {
  const first = firstWorkingDayOfWeek(today);
  if (!first) return undefined;
  return slotWindow(first, digestTime, addDays(startOfIsoWeek(today), 6));
}

/** The month-end report: the last working day of the month; late until the end of the next working day. */
export function monthEndSlot(today: LocalDate): { month: string; slot: SlotWindow } {
  // The candidate is this month's report, or last month's when we are on the next working day.
  const thisLast = lastWorkingDayOfMonth(today);
  const previousLast = lastWorkingDayOfMonth(addDays(startOfMonth(today), -1));
  const last = compareLocalDate(today, thisLast) >= 0 ? thisLast : previousLast;
  const lastDay = addWorkingDays(last, 1);
  return { month: last.slice(0, 7), slot: slotWindow(last, MONTH_END_REPORT_TIME, lastDay) };
}

/**
 * The pre-1:1 summaries for month M go to managers on the working day before
 * M's first working day, at the manager's reminder time; late until the end
 * of M's first working day.
 */
export function preOneOnOneSlot(today: LocalDate, reminderTime: string): { month: string; slot: SlotWindow } {
  const nextMonth = addDays(endOfMonth(today), 1);
  const thisFirst = firstWorkingDayOfMonth(today);
  // On or before this month's first working day, this month is the one being prepared.
  const month = compareLocalDate(today, thisFirst) <= 0 ? startOfMonth(today) : nextMonth;
  const first = firstWorkingDayOfMonth(month);
  return { month: month.slice(0, 7), slot: slotWindow(previousWorkingDay(first), reminderTime, first) };
}

/** The summer reminder: first working day of May at the consultant's time, late until the end of May. */
export function summerSlot(today: LocalDate, reminderTime: string): { year: number; slot: SlotWindow } | undefined {
  const { year, month } = localDateParts(today);
  if (month !== 5) return undefined;
  const may = `${String(year).padStart(4, '0')}-05-01`;
  return { year, slot: slotWindow(firstWorkingDayOfMonth(may), reminderTime, endOfMonth(may)) };
}

/** The July a placement must not drop out over: does it run into July of `year`? */
export function runsIntoJuly(placement: { startOn: LocalDate; plannedEndOn: LocalDate }, year: number): boolean {
  const y = String(year).padStart(4, '0');
  return compareLocalDate(placement.plannedEndOn, `${y}-07-01`) >= 0 && compareLocalDate(placement.startOn, `${y}-07-31`) <= 0;
}

/**
 * The recurring team meeting: every `everyDays` days counted from `anchor`
 * (the Monday of the team's first week); an occurrence on a non-working day
 * is reminded on the working day before. Returns the occurrence reminded
 * today, if any.
 */
export function teamMeetingOccurrence(today: LocalDate, anchor: LocalDate, everyDays: number): LocalDate | undefined {
  if (!Number.isInteger(everyDays) || everyDays < 1 || !isWorkingDay(today)) return undefined;
  // Occurrences reminded today lie on today or on the non-working days right after it.
  for (let d = today; d === today || !isWorkingDay(d); d = addDays(d, 1)) {
    const offset = daysBetween(anchor, d);
    if (offset >= 0 && offset % everyDays === 0) return d;
  }
  return undefined;
}

// ---------------------------------------------------------------- people and subjects

/** Away (on leave) up to and including awayUntil. */
export function isAway(awayUntil: LocalDate | null | undefined, today: LocalDate): boolean {
  return !!awayUntil && compareLocalDate(today, awayUntil) <= 0;
}

export interface SubjectState {
  /** The subject comes back on this date (skipped while today is earlier). */
  snoozedUntil: LocalDate | null;
  doneAt: Date | null;
  /** Morning lists that named it so far (one a day) and the last such day (see reminder-repetition.ts). */
  remindedCount?: number;
  lastRemindedOn?: LocalDate | null;
  /** The day it was passed on to the managers, once. */
  escalatedOn?: LocalDate | null;
}

export function isSuppressed(state: SubjectState | undefined, today: LocalDate): boolean {
  if (!state) return false;
  if (state.doneAt) return true;
  return !!state.snoozedUntil && compareLocalDate(today, state.snoozedUntil) < 0;
}

/** Snooze "1 day": back on the next working day. */
export function defaultSnoozeUntil(today: LocalDate): LocalDate {
  return onOrAfterWorkingDay(addDays(today, 1));
}

/** A snooze until a chosen date: reminders only come on working days, so a weekend or holiday moves to the next working day. */
export function snoozeUntilWorkingDay(chosen: LocalDate): LocalDate {
  return onOrAfterWorkingDay(chosen);
}

/**
 * Reminder subjects: what snooze and done apply to. Each names one occurrence
 * (a check-in due date, a follow-up due date, a planned end), so a new
 * occurrence is reminded afresh. Ids only, never a case reference.
 */
export type ReminderSubject =
  | { kind: 'checkin'; citizenId: string; due: LocalDate }
  | { kind: 'followup'; placementId: string; due: LocalDate }
  | { kind: 'decision'; placementId: string; due: LocalDate }
  | { kind: 'end'; placementId: string; due: LocalDate }
  | { kind: 'threeparty'; placementId: string };

export function subjectKey(s: ReminderSubject): string {
  switch (s.kind) {
    case 'checkin':
      return `checkin:${s.citizenId}:${s.due}`;
    case 'threeparty':
      return `threeparty:${s.placementId}`;
    default:
      return `${s.kind}:${s.placementId}:${s.due}`;
  }
}

/**
 * An overdue sub-goal in the morning lists (issue 14): counted for repetition
 * and escalation, not snoozed by buttons (closing it at a meeting ends it). The
 * citizen id lets erasure find it; a new deadline is a new item.
 */
export function subGoalSubject(citizenId: string, number: number, deadline: LocalDate): string {
  return `subgoal:${citizenId}:${number}:${deadline}`;
}

const SUBJECT_RE = /^(checkin|followup|decision|end|threeparty):([0-9a-f-]{36})(?::(\d{4}-\d{2}-\d{2}))?$/;

export function parseSubject(text: string): ReminderSubject | undefined {
  const m = SUBJECT_RE.exec(text.trim());
  if (!m) return undefined;
  const [, kind, id, due] = m as unknown as [string, ReminderSubject['kind'], string, string | undefined];
  if (kind === 'threeparty') return due ? undefined : { kind, placementId: id };
  if (!due) return undefined;
  return kind === 'checkin' ? { kind, citizenId: id, due } : { kind, placementId: id, due };
}

// ---------------------------------------------------------------- who gets a citizen's reminders

/** The person assigned to a citizen (caseworker or consultant), as the router needs them. */
export interface AssigneeRef {
  id: string;
  handle: string;
  active: boolean;
  teamId: string | null;
  /** Away up to and including this date (`/jobbot away`), if set. */
  awayUntil?: LocalDate | null;
  /** While away: the colleague who covers (`cover:@bo`); none = the team's managers. */
  awayCoverId?: string | null;
}

/** Whether a colleague can take an away person's reminders: in the team, active, not away themselves. */
export interface CoverCandidate {
  id: string;
  active: boolean;
  teamId: string | null;
  awayUntil: LocalDate | null;
}

/** What routing needs to know about today's absences (without it, absence is not considered). */
export interface AwayContext {
  today: LocalDate;
  cover: (staffId: string) => CoverCandidate | undefined;
}

/**
 * Why a team's managers get a reminder instead of the assigned person:
 * they left (`/jobbot staff leave`), they are now on another team, or the
 * citizen has nobody assigned at all.
 */
export type OnBehalfOf = { handle: string; reason: 'left' | 'otherTeam' | 'away' } | { handle: null; reason: 'unassigned' };

/** To the assignee, or to a colleague covering for them (onBehalfOf set), or to the team's managers. */
export type ReminderRoute = { to: 'assignee'; staffId: string; onBehalfOf?: OnBehalfOf } | { to: 'managers'; teamId: string; onBehalfOf: OnBehalfOf };

export interface RoutedCitizen {
  teamId: string;
  caseworker: AssigneeRef | null;
  consultant: AssigneeRef | null;
}

/**
 * The assignee if they can still open the citizen (active, same team); else
 * the team's managers. While the assignee is away, the colleague covering for
 * them (if still in the team and not away too), else the team's managers,
 * labelled with whom it was for.
 */
function routeTo(teamId: string, assignee: AssigneeRef | null, away?: AwayContext): ReminderRoute {
  if (!assignee) return { to: 'managers', teamId, onBehalfOf: { handle: null, reason: 'unassigned' } };
  if (!assignee.active || assignee.teamId !== teamId) {
    return { to: 'managers', teamId, onBehalfOf: { handle: assignee.handle, reason: assignee.active ? 'otherTeam' : 'left' } };
  }
  if (away && isAway(assignee.awayUntil, away.today)) {
    const onBehalfOf: OnBehalfOf = { handle: assignee.handle, reason: 'away' };
    const cover = assignee.awayCoverId ? away.cover(assignee.awayCoverId) : undefined;
    if (cover && cover.active && cover.teamId === teamId && !isAway(cover.awayUntil, away.today)) return { to: 'assignee', staffId: cover.id, onBehalfOf };
    return { to: 'managers', teamId, onBehalfOf };
  }
  return { to: 'assignee', staffId: assignee.id };
}

/**
 * Check-ins go to the citizen's caseworker. Nothing is lost: until a citizen
 * whose caseworker left (or who has none) is reassigned, the team's
 * managers get the reminder, labelled with whom it was for.
 */
export function checkInRoute(citizen: Pick<RoutedCitizen, 'teamId' | 'caseworker'>, away?: AwayContext): ReminderRoute {
  return routeTo(citizen.teamId, citizen.caseworker, away);
}

/**
 * Placement reminders follow the citizen's current consultant, the person
 * access is granted by (never the placement's own consultantId), and fall
 * back to the caseworker when the citizen has no consultant; if that person
 * left, to the team's managers.
 */
export function placementRoute(citizen: RoutedCitizen, away?: AwayContext): ReminderRoute {
  return citizen.consultant ? routeTo(citizen.teamId, citizen.consultant, away) : routeTo(citizen.teamId, citizen.caseworker, away);
}

/**
 * A company's wish list goes to its fixed contact (in any team): while they are
 * away, to their cover, else the managers of the contact's team; if they left,
 * to those managers, until the company gets a new contact. None when the
 * contact belongs to no team.
 */
export function companyContactRoute(contact: AssigneeRef, away?: AwayContext): ReminderRoute | null {
  return contact.teamId ? routeTo(contact.teamId, contact, away) : null;
}

/**
 * Who answers for a running placement in the figures (/caseload team, the
 * digest, the 1:1 summaries): the person its reminders go to by
 * placementRoute's rule, the citizen's current consultant, else the caseworker.
 */
export function placementOwnerId(citizen: { consultantId: string | null; caseworkerId: string | null }): string | null {
  return citizen.consultantId ?? citizen.caseworkerId;
}

/** Whether `staff` gets the reminders of this route: the assignee, or a manager of the citizen's team standing in. */
export function isRoutedTo(route: ReminderRoute, staff: { id: string; role: string; teamId: string | null }): boolean {
  return route.to === 'assignee' ? route.staffId === staff.id : staff.role === 'MANAGER' && staff.teamId === route.teamId;
}

/** A stable key for grouping reminders by whom they were for ('' = the recipient's own). */
export function onBehalfKey(o: OnBehalfOf | undefined): string {
  return o ? `${o.reason}:${o.handle ?? ''}` : '';
}

// ---------------------------------------------------------------- caseworker check-ins

export interface CheckInFact {
  citizenId: string;
  ref: string;
  due: LocalDate;
  /** Set when a manager gets this reminder for someone else (see checkInRoute). */
  onBehalfOf?: OnBehalfOf;
}

export interface DueCheckIn extends CheckInFact {
  subject: string;
  daysOverdue: number;
}

export interface CheckInPlan {
  /** Due today (or on the non-working days up to the next working day) or overdue, oldest first. */
  due: DueCheckIn[];
  /** On the week's first working day: the rest of the week's check-ins, by the day they will be reminded. */
  week: Array<{ day: LocalDate; items: DueCheckIn[] }>;
}

export function planCheckIns(today: LocalDate, facts: readonly CheckInFact[], states: ReadonlyMap<string, SubjectState>): CheckInPlan {
  const due: DueCheckIn[] = [];
  const later = new Map<LocalDate, DueCheckIn[]>();
  const weekEnd = addDays(startOfIsoWeek(today), 6);
  const weekStart = isWeekStart(today);
  for (const f of facts) {
    const subject = subjectKey({ kind: 'checkin', citizenId: f.citizenId, due: f.due });
    const item: DueCheckIn = { ...f, subject, daysOverdue: Math.max(0, daysBetween(f.due, today)) };
    const remindOn = dueReminderDateFor(f.due);
    if (compareLocalDate(remindOn, today) <= 0) {
      if (!isSuppressed(states.get(subject), today)) due.push(item);
    } else if (weekStart && compareLocalDate(remindOn, weekEnd) <= 0) {
      later.set(remindOn, [...(later.get(remindOn) ?? []), item]);
    }
  }
  due.sort((a, b) => compareLocalDate(a.due, b.due) || a.ref.localeCompare(b.ref));
  const week = [...later.entries()]
    .sort(([a], [b]) => compareLocalDate(a, b))
    .map(([day, items]) => ({ day, items: items.sort((a, b) => a.ref.localeCompare(b.ref)) }));
  return { due, week };
}

export function isEmptyCheckInPlan(plan: CheckInPlan): boolean {
  return plan.due.length === 0 && plan.week.length === 0;
}

// ---------------------------------------------------------------- consultant placements

export interface PlacementFact {
  placementId: string;
  citizenId: string;
  ref: string;
  company: string;
  type: string;
  startOn: LocalDate;
  plannedEndOn: LocalDate;
  followUpCadenceDays: number;
  /** Days from the start to the first follow-up (the rules table at the start); null: one cadence. */
  firstFollowUpDays?: number | null;
  latestFollowUpOn?: LocalDate;
  /** Whether the citizen had a three-party meeting between the lookback and today. */
  hasThreeParty: boolean;
  /** The citizen's ordinary hours a week so far, oldest first (issue 13: hours as progression). */
  hoursSeries?: readonly number[];
  /** Set when a manager gets this reminder for someone else (see placementRoute). */
  onBehalfOf?: OnBehalfOf;
}

interface ItemBase {
  subject: string;
  fact: PlacementFact;
  /** The placement also has no three-party meeting yet (the nudge folded into this item). */
  noThreeParty?: boolean;
}

export type ConsultantItem =
  | (ItemBase & { kind: 'followup'; due: LocalDate; daysOverdue: number })
  /** ended: the planned end has passed and nobody registered an extension or the end. */
  | (ItemBase & { kind: 'decision'; due: LocalDate; workingDaysLeft: number; ended: boolean })
  | (ItemBase & { kind: 'end'; due: LocalDate; workingDaysLeft: number; ended: boolean })
  | (ItemBase & { kind: 'threeparty' });

/** An internship planned for at most its initial 14 days (INITIAL_INTERNSHIP_DAYS): its end is the "extend or end?" decision. */
export function isInitialInternship(p: { type: string; startOn: LocalDate; plannedEndOn: LocalDate }): boolean {
  return p.type === 'INTERNSHIP' && daysBetween(p.startOn, p.plannedEndOn) + 1 <= INITIAL_INTERNSHIP_DAYS;
}

/** The day the "extend or end?" / "planned end" reminder first appears: two working days before the end. */
export function endReminderDate(plannedEndOn: LocalDate): LocalDate {
  return addWorkingDays(plannedEndOn, -END_REMINDER_WORKING_DAYS);
}

/** Working days from today up to the planned end, today excluded and the end day included when it is one. */
function workingDaysLeft(today: LocalDate, end: LocalDate): number {
  return workingDaysBetween(addDays(today, 1), end);
}

/** The reminder subjects a placement has now, each for its current occurrence: what planConsultantItems reminds about and snooze/done apply to. */
export interface PlacementSubjects {
  /** The day-14 decision (an initial internship) or the planned end. */
  end: { kind: 'decision' | 'end'; subject: string; due: LocalDate };
  followup: { subject: string; due: LocalDate };
  threeparty: { subject: string };
}

export function placementSubjects(
  p: Pick<PlacementFact, 'placementId' | 'type' | 'startOn' | 'plannedEndOn' | 'followUpCadenceDays' | 'firstFollowUpDays' | 'latestFollowUpOn'>,
): PlacementSubjects {
  const endKind = isInitialInternship(p) ? 'decision' : 'end';
  const followUpDue = nextFollowUpDue(p, p.latestFollowUpOn);
  return {
    end: { kind: endKind, subject: subjectKey({ kind: endKind, placementId: p.placementId, due: p.plannedEndOn }), due: p.plannedEndOn },
    followup: { subject: subjectKey({ kind: 'followup', placementId: p.placementId, due: followUpDue }), due: followUpDue },
    threeparty: { subject: subjectKey({ kind: 'threeparty', placementId: p.placementId }) },
  };
}

/**
 * One item per placement, the most pressing one: a passed planned end, the
 * day-14 decision or a planned end, then a monthly follow-up, then the
 * three-party nudge (folded into a more pressing item as a note). Snoozed
 * and done subjects step aside for the next one. A passed planned end keeps
 * its own wording ("ended … – register an extension or the end") instead of
 * counting working days that are gone, and no longer shows as a follow-up.
 */
export function planConsultantItems(today: LocalDate, facts: readonly PlacementFact[], states: ReadonlyMap<string, SubjectState>): ConsultantItem[] {
  const items: ConsultantItem[] = [];
  for (const fact of facts) {
    if (compareLocalDate(fact.startOn, today) > 0) continue; // not started yet
    const candidates: ConsultantItem[] = [];
    const subjects = placementSubjects(fact);
    if (compareLocalDate(endReminderDate(fact.plannedEndOn), today) <= 0) {
      candidates.push({
        kind: subjects.end.kind,
        subject: subjects.end.subject,
        fact,
        due: subjects.end.due,
        workingDaysLeft: workingDaysLeft(today, fact.plannedEndOn),
        ended: compareLocalDate(fact.plannedEndOn, today) < 0,
      });
    }
    const followUpDue = subjects.followup.due;
    if (compareLocalDate(dueReminderDateFor(followUpDue), today) <= 0) {
      candidates.push({ kind: 'followup', subject: subjects.followup.subject, fact, due: followUpDue, daysOverdue: Math.max(0, daysBetween(followUpDue, today)) });
    }
    if (!fact.hasThreeParty && daysBetween(fact.startOn, today) < THREE_PARTY_NUDGE_DAYS) {
      candidates.push({ kind: 'threeparty', subject: subjects.threeparty.subject, fact });
    }
    const open = candidates.filter((i) => !isSuppressed(states.get(i.subject), today));
    const first = open[0];
    if (!first) continue;
    items.push(first.kind !== 'threeparty' && open.some((i) => i.kind === 'threeparty') ? { ...first, noThreeParty: true } : first);
  }
  const rank = (i: ConsultantItem) => ((i.kind === 'decision' || i.kind === 'end') && i.ended ? -1 : { decision: 0, end: 1, followup: 2, threeparty: 3 }[i.kind]);
  return items.sort((a, b) => rank(a) - rank(b) || a.fact.ref.localeCompare(b.fact.ref));
}

// ---------------------------------------------------------------- delivery keys

/** The outbox key: (kind, subject, recipient, slot). Ids and dates only. */
export function deliveryKey(kind: string, subject: string, recipient: string, slot: string): string {
  return `${kind}|${subject}|${recipient}|${slot}`;
}

// ---------------------------------------------------------------- targets and pace

/**
 * A metric's year so far, compared like with like: the target sum covers only
 * the months that had a target, so it is set against the actuals of those
 * months (actualInTargetMonths); `actual` is the whole year so far.
 */
export interface YearToDate {
  actual: number;
  actualInTargetMonths: number;
  target: number;
  monthsWithTarget: number;
  months: number;
}

export function yearToDate(perMonth: ReadonlyArray<{ actual: number; target: number | undefined }>): YearToDate {
  const withTarget = perMonth.filter((m) => m.target !== undefined);
  return {
    actual: perMonth.reduce((sum, m) => sum + m.actual, 0),
    actualInTargetMonths: withTarget.reduce((sum, m) => sum + m.actual, 0),
    target: withTarget.reduce((sum, m) => sum + (m.target ?? 0), 0),
    monthsWithTarget: withTarget.length,
    months: perMonth.length,
  };
}

// ---------------------------------------------------------------- settings

/** '7.30' / '07:30' → '07:30'; undefined if not a time of day. */
export function normalizeTime(text: string): string | undefined {
  const m = HHMM_RE.exec(text.trim());
  if (!m) return undefined;
  return `${(m[1] ?? '').padStart(2, '0')}:${m[2]}`;
}
