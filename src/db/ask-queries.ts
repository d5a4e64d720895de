// Reads behind the plain-chat answers (issue 6): due check-ins and follow-ups
// in a date range, placements, results and activity in a period, and one
// citizen's timeline. Each takes the scope the handler has already checked.
import type { FollowUpOutcome, MeetingKind, MentorKind, OutcomeKind, PlacementEndReason, PlacementType, CloseReason, Readiness, SubGoalStatus } from '../domain/enums.js';
import { compareLocalDate, fromDbDate, todayIn, toDbDate, type LocalDate } from '../domain/local-date.js';
import { placementOwnerId } from '../domain/reminder-rules.js';
import { countedResults } from './job-result-queries.js';
import { citizenWhere, followUpDueOn, outcomeCreditWhere, OVERDUE_SELECT, type CaseloadScope } from './caseload-queries.js';
import type { Db, Prisma } from './types.js';

export interface DueItem {
  kind: 'checkIn' | 'followUp';
  citizenId: string;
  ref: string;
  due: LocalDate;
  company?: string;
  /** Who answers for it: the caseworker (check-ins); for follow-ups the citizen's consultant, else the caseworker (placementOwnerId). */
  staffId: string | null;
}

/** Check-ins and placement follow-ups of active citizens due in [from, to], earliest first. */
export async function dueBetween(db: Db, scope: CaseloadScope, from: LocalDate, to: LocalDate): Promise<DueItem[]> {
  const citizens = await db.citizen.findMany({ where: { ...citizenWhere(scope), status: 'ACTIVE' }, select: OVERDUE_SELECT });
  const items: DueItem[] = [];
  const inRange = (d: LocalDate) => compareLocalDate(d, from) >= 0 && compareLocalDate(d, to) <= 0;
  for (const c of citizens) {
    if (c.nextCheckInOn) {
      const due = fromDbDate(c.nextCheckInOn);
      if (inRange(due)) items.push({ kind: 'checkIn', citizenId: c.id, ref: c.ref, due, staffId: c.caseworkerId });
    }
    for (const p of c.placements) {
      const due = followUpDueOn(p);
      if (inRange(due)) items.push({ kind: 'followUp', citizenId: c.id, ref: c.ref, due, company: p.company, staffId: placementOwnerId(c) });
    }
  }
  return items.sort((a, b) => compareLocalDate(a.due, b.due) || a.ref.localeCompare(b.ref));
}

export interface PlacementRow {
  citizenId: string;
  ref: string;
  company: string;
  type: PlacementType;
  startOn: LocalDate;
  /** Planned end while active, actual end once ended. */
  endOn: LocalDate;
  active: boolean;
}

/** Active placements, or (with a period) every placement running at some point in it; ending soonest first. */
export async function placementsFor(db: Db, scope: CaseloadScope, period?: { from: LocalDate; to: LocalDate }): Promise<PlacementRow[]> {
  // The same citizens the access rules allow: a placement is seen through its citizen.
  const who: Prisma.PlacementWhereInput = { citizen: citizenWhere(scope) };
  const when: Prisma.PlacementWhereInput = period
    ? { startOn: { lte: toDbDate(period.to) }, OR: [{ status: 'ACTIVE' }, { endedOn: { gte: toDbDate(period.from) } }] }
    : { status: 'ACTIVE' };
  const rows = await db.placement.findMany({
    where: { AND: [who, when] },
    select: { company: true, type: true, startOn: true, plannedEndOn: true, endedOn: true, status: true, citizen: { select: { id: true, ref: true } } },
  });
  return rows
    .map((p) => ({
      citizenId: p.citizen.id,
      ref: p.citizen.ref,
      company: p.company,
      type: p.type,
      startOn: fromDbDate(p.startOn),
      endOn: fromDbDate(p.status === 'ACTIVE' ? p.plannedEndOn : (p.endedOn ?? p.plannedEndOn)),
      active: p.status === 'ACTIVE',
    }))
    .sort((a, b) => compareLocalDate(a.endOn, b.endOn) || a.ref.localeCompare(b.ref));
}

export interface OutcomeRow {
  citizenId: string;
  ref: string;
  kind: OutcomeKind;
  occurredOn: LocalDate;
}

/** Results worth celebrating in [from, to], credited to the person or the team; newest first. */
export async function outcomesBetween(db: Db, scope: CaseloadScope, from: LocalDate, to: LocalDate): Promise<OutcomeRow[]> {
  // Each citizen once per kind of result and month, as targets and tallies count them.
  const counted = await countedResults(db, outcomeCreditWhere(scope), from, to);
  const refs = new Map((await db.citizen.findMany({ where: { id: { in: [...new Set(counted.map((r) => r.citizenId))] } }, select: { id: true, ref: true } })).map((c) => [c.id, c.ref]));
  return counted.reverse().map((o) => ({ citizenId: o.citizenId, ref: refs.get(o.citizenId) ?? '?', kind: o.kind, occurredOn: o.occurredOn }));
}

export interface PeriodActivity {
  meetings: number;
  placementsStarted: number;
  outcomes: number;
}

export async function activityBetween(db: Db, scope: CaseloadScope, from: LocalDate, to: LocalDate): Promise<PeriodActivity> {
  const range = { gte: toDbDate(from), lte: toDbDate(to) };
  const citizen = citizenWhere(scope);
  const [meetings, placementsStarted, outcomes] = [
    await db.meeting.count({ where: { heldOn: range, citizen } }),
    await db.placement.count({ where: { startOn: range, citizen } }),
    (await outcomesBetween(db, scope, from, to)).length,
  ];
  return { meetings, placementsStarted, outcomes };
}

export type TimelineEvent =
  | { date: LocalDate; order: number; kind: 'created' }
  | { date: LocalDate; order: number; kind: 'meeting'; meetingKind: MeetingKind; by: string }
  | { date: LocalDate; order: number; kind: 'placementStart'; company: string; type: PlacementType; plannedEnd: LocalDate }
  | { date: LocalDate; order: number; kind: 'placementEnd'; company: string; reason: PlacementEndReason }
  /** The latest extension of a placement and its reason (the rules table asks one of an internship). */
  | { date: LocalDate; order: number; kind: 'placementExtended'; company: string; plannedEnd: LocalDate; reason: string | null }
  | { date: LocalDate; order: number; kind: 'followUp'; company: string; outcome: FollowUpOutcome }
  | { date: LocalDate; order: number; kind: 'outcome'; outcomeKind: OutcomeKind; weeklyHours?: number }
  | { date: LocalDate; order: number; kind: 'caseworkerChange'; from: string | null; to: string }
  /** Consultant changes and mentor support (issue 14): a consultant taken off has `to` null; mentors by kind and organisation, never a name. */
  | { date: LocalDate; order: number; kind: 'consultantChange'; from: string | null; to: string | null }
  | { date: LocalDate; order: number; kind: 'mentorStart'; mentorKind: MentorKind; organisation: string | null }
  | { date: LocalDate; order: number; kind: 'mentorEnd'; mentorKind: MentorKind }
  | { date: LocalDate; order: number; kind: 'closed'; reason: CloseReason }
  /** Sub-goals (issue 14): set, then reached or dropped; the text is a goal, not a note (the card shows it too). */
  | { date: LocalDate; order: number; kind: 'subGoalSet'; number: number; text: string }
  | { date: LocalDate; order: number; kind: 'subGoalClosed'; number: number; status: Exclude<SubGoalStatus, 'OPEN'> }
  | { date: LocalDate; order: number; kind: 'readiness'; readiness: Readiness };

/** Everything recorded about one citizen, oldest first. Staff appear by handle; notes are never included. */
export async function citizenTimeline(db: Db, citizenId: string, today: LocalDate): Promise<TimelineEvent[]> {
  const c = await db.citizen.findUniqueOrThrow({
    where: { id: citizenId },
    select: {
      createdAt: true,
      closedAt: true,
      closeReason: true,
      meetings: { select: { heldOn: true, kind: true, createdAt: true, loggedBy: { select: { handle: true } } } },
      placements: {
        select: { company: true, type: true, startOn: true, plannedEndOn: true, endedOn: true, endReason: true, extendedOn: true, extensionReason: true, followUps: { select: { heldOn: true, outcome: true } } },
      },
      outcomes: { select: { kind: true, occurredOn: true, weeklyHours: true } },
      caseworkerChanges: { select: { fromStaffId: true, toStaffId: true, changedAt: true } },
      consultantChanges: { select: { fromStaffId: true, toStaffId: true, changedAt: true } },
      mentorSupports: { select: { kind: true, organisation: true, startOn: true, endOn: true } },
      subGoals: { select: { number: true, text: true, status: true, createdAt: true, closedOn: true } },
      readinessChanges: { select: { readiness: true, setOn: true } },
    },
  });
  const staffIds = [...new Set([...c.caseworkerChanges, ...c.consultantChanges].flatMap((x) => [x.fromStaffId, x.toStaffId]).filter((x): x is string => x !== null))];
  const staff = new Map((await db.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true, handle: true } })).map((s) => [s.id, s.handle]));
  const events: TimelineEvent[] = [{ date: todayIn(c.createdAt), order: 0, kind: 'created' }];
  for (const x of c.caseworkerChanges) {
    events.push({ date: todayIn(x.changedAt), order: 1, kind: 'caseworkerChange', from: x.fromStaffId ? (staff.get(x.fromStaffId) ?? null) : null, to: staff.get(x.toStaffId) ?? '?' });
  }
  for (const x of c.consultantChanges) {
    const handle = (id: string | null) => (id ? (staff.get(id) ?? '?') : null);
    events.push({ date: todayIn(x.changedAt), order: 1, kind: 'consultantChange', from: handle(x.fromStaffId), to: handle(x.toStaffId) });
  }
  for (const m of c.mentorSupports) {
    events.push({ date: fromDbDate(m.startOn), order: 3, kind: 'mentorStart', mentorKind: m.kind, organisation: m.organisation });
    // An end still ahead is a plan, not an event: the card and /citizen mentor show it.
    if (m.endOn && compareLocalDate(fromDbDate(m.endOn), today) < 0) events.push({ date: fromDbDate(m.endOn), order: 5, kind: 'mentorEnd', mentorKind: m.kind });
  }
  for (const m of c.meetings) events.push({ date: fromDbDate(m.heldOn), order: 2, kind: 'meeting', meetingKind: m.kind, by: m.loggedBy.handle });
  for (const p of c.placements) {
    events.push({ date: fromDbDate(p.startOn), order: 3, kind: 'placementStart', company: p.company, type: p.type, plannedEnd: fromDbDate(p.plannedEndOn) });
    for (const f of p.followUps) events.push({ date: fromDbDate(f.heldOn), order: 4, kind: 'followUp', company: p.company, outcome: f.outcome });
    if (p.extendedOn) events.push({ date: fromDbDate(p.extendedOn), order: 4, kind: 'placementExtended', company: p.company, plannedEnd: fromDbDate(p.plannedEndOn), reason: p.extensionReason });
    if (p.endedOn) events.push({ date: fromDbDate(p.endedOn), order: 5, kind: 'placementEnd', company: p.company, reason: p.endReason ?? 'OTHER' });
  }
  for (const o of c.outcomes) events.push({ date: fromDbDate(o.occurredOn), order: 6, kind: 'outcome', outcomeKind: o.kind, weeklyHours: o.weeklyHours === null ? undefined : Number(o.weeklyHours) });
  for (const g of c.subGoals) {
    events.push({ date: todayIn(g.createdAt), order: 6, kind: 'subGoalSet', number: g.number, text: g.text });
    if (g.status !== 'OPEN' && g.closedOn) events.push({ date: fromDbDate(g.closedOn), order: 6, kind: 'subGoalClosed', number: g.number, status: g.status });
  }
  for (const r of c.readinessChanges) events.push({ date: fromDbDate(r.setOn), order: 6, kind: 'readiness', readiness: r.readiness });
  if (c.closedAt && c.closeReason) events.push({ date: todayIn(c.closedAt), order: 7, kind: 'closed', reason: c.closeReason });
  return events.sort((a, b) => compareLocalDate(a.date, b.date) || a.order - b.order);
}
