// The numbers behind /caseload, the App Home dashboard and the digests:
// one read of a set of citizens, summarised in memory (a team is hundreds of rows).
import { dueState, nextFollowUpDue } from '../domain/due-dates.js';
import type { Role, TargetGroup } from '../domain/enums.js';
import { CELEBRATED_OUTCOMES } from '../domain/vocabulary.js';
import { addDays, compareLocalDate, endOfMonth, fromDbDate, startOfIsoWeek, startOfMonth, toDbDate, type LocalDate } from '../domain/local-date.js';
import type { Db, Prisma } from './types.js';

export interface OverdueCheckIn {
  citizenId: string;
  ref: string;
  due: LocalDate;
  daysOverdue: number;
  caseworkerId: string | null;
}

export interface FollowUpDue {
  placementId: string;
  citizenId: string;
  ref: string;
  company: string;
  due: LocalDate;
  daysOverdue: number;
}

export interface CaseloadFacts {
  activeCitizens: number;
  byTargetGroup: Partial<Record<TargetGroup, number>>;
  dueThisWeek: number;
  /** Check-ins whose due date has passed, oldest first. */
  overdue: OverdueCheckIn[];
  activePlacements: number;
  /** Placement follow-ups due today or earlier. */
  followUpsDue: FollowUpDue[];
  /** Placement follow-ups whose due date has passed (not those due today), oldest first. */
  overdueFollowUps: FollowUpDue[];
  outcomesThisMonth: number;
}

/** Whose caseload: a caseworker's own citizens, a consultant's, or a whole team. */
export type CaseloadScope = { staffId: string; as: 'caseworker' | 'consultant' } | { teamId: string };

/** A person's scope: a consultant's citizens are those they consult on, anyone else's those they are caseworker for. */
export function personScope(person: { id: string; role: string }): CaseloadScope {
  return { staffId: person.id, as: person.role === 'CONSULTANT' ? 'consultant' : 'caseworker' };
}

/** The citizens in a scope, whatever their status (add `status: 'ACTIVE'` for the active ones). */
export function citizenWhere(scope: CaseloadScope): Prisma.CitizenWhereInput {
  if ('teamId' in scope) return { teamId: scope.teamId };
  return scope.as === 'consultant' ? { consultantId: scope.staffId } : { caseworkerId: scope.staffId };
}

/** Whose result an outcome is: the team's, or the person's it is credited to (consultant or caseworker). */
export function outcomeCreditWhere(scope: CaseloadScope): Prisma.OutcomeWhereInput {
  if ('teamId' in scope) return { teamId: scope.teamId };
  return scope.as === 'consultant' ? { consultantId: scope.staffId } : { caseworkerId: scope.staffId };
}

/** Select the latest follow-up of a placement, as followUpDueOn needs it. */
export const LATEST_FOLLOW_UP = { orderBy: { heldOn: 'desc' }, take: 1, select: { heldOn: true } } satisfies Prisma.Placement$followUpsArgs;

/** When an active placement's next follow-up falls due: the cadence after the start or the latest follow-up. */
export function followUpDueOn(p: { startOn: Date; followUpCadenceDays: number; followUps: Array<{ heldOn: Date }> }): LocalDate {
  const latest = p.followUps[0];
  return nextFollowUpDue({ startOn: fromDbDate(p.startOn), followUpCadenceDays: p.followUpCadenceDays }, latest ? fromDbDate(latest.heldOn) : undefined);
}

export async function caseloadFacts(db: Db, scope: CaseloadScope, today: LocalDate): Promise<CaseloadFacts> {
  const citizens = await db.citizen.findMany({
    where: { ...citizenWhere(scope), status: 'ACTIVE' },
    select: {
      id: true,
      ref: true,
      targetGroup: true,
      nextCheckInOn: true,
      caseworkerId: true,
      placements: {
        where: { status: 'ACTIVE' },
        select: { id: true, company: true, startOn: true, followUpCadenceDays: true, followUps: LATEST_FOLLOW_UP },
      },
    },
  });
  const weekEnd = addDays(startOfIsoWeek(today), 6);
  const byTargetGroup: CaseloadFacts['byTargetGroup'] = {};
  const overdue: OverdueCheckIn[] = [];
  const followUpsDue: CaseloadFacts['followUpsDue'] = [];
  let dueThisWeek = 0;
  let activePlacements = 0;
  for (const c of citizens) {
    byTargetGroup[c.targetGroup] = (byTargetGroup[c.targetGroup] ?? 0) + 1;
    if (c.nextCheckInOn) {
      const state = dueState(fromDbDate(c.nextCheckInOn), today);
      if (state.isOverdue) overdue.push({ citizenId: c.id, ref: c.ref, due: state.due, daysOverdue: state.daysOverdue, caseworkerId: c.caseworkerId });
      else if (compareLocalDate(state.due, weekEnd) <= 0) dueThisWeek++;
    }
    for (const p of c.placements) {
      activePlacements++;
      const due = followUpDueOn(p);
      if (compareLocalDate(due, today) <= 0) followUpsDue.push({ placementId: p.id, citizenId: c.id, ref: c.ref, company: p.company, due, daysOverdue: dueState(due, today).daysOverdue });
    }
  }
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.ref.localeCompare(b.ref));
  followUpsDue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.ref.localeCompare(b.ref));
  const overdueFollowUps = followUpsDue.filter((f) => dueState(f.due, today).isOverdue);

  const month = { gte: toDbDate(startOfMonth(today)), lte: toDbDate(endOfMonth(today)) };
  // Results count the outcomes worth celebrating; case endings are not results.
  const outcomeWhere: Prisma.OutcomeWhereInput = {
    occurredOn: month,
    kind: { in: [...CELEBRATED_OUTCOMES] },
    ...outcomeCreditWhere(scope),
  };
  const outcomesThisMonth = await db.outcome.count({ where: outcomeWhere });
  return { activeCitizens: citizens.length, byTargetGroup, dueThisWeek, overdue, activePlacements, followUpsDue, overdueFollowUps, outcomesThisMonth };
}

export interface OverdueTally {
  /** Overdue check-ins (the caseworker's to hold). */
  checkIns: number;
  /** Overdue placement follow-ups (the consultant's to hold). */
  followUps: number;
}

export interface PersonOverdue extends OverdueTally {
  /** The staff member's id. */
  id: string;
  handle: string;
  role: Role;
  /** Active citizens of the team they have: as consultant for a consultant, as caseworker for anyone else (as /caseload @handle counts). */
  activeCitizens: number;
}

export interface TeamOverdue {
  /**
   * Every active caseworker and consultant of the team (zeros included), and
   * any other active team member something is credited to; by handle.
   */
  people: PersonOverdue[];
  /** Items nobody active in the team answers for: no caseworker or consultant, or one who has left. */
  unassigned: OverdueTally;
  /** The team's totals: the people and `unassigned` add up to these. */
  total: OverdueTally;
}

/**
 * "Overdue per person", the one definition behind the team overview and the
 * per-person ranking. A caseworker answers for the overdue check-ins of their
 * citizens; a consultant for the overdue follow-ups of the placements they
 * follow (the placement's consultant, else the citizen's). Overdue means the
 * due date has passed; due today is not overdue yet. Each item is credited to
 * exactly one person or to `unassigned`, so the rows add up to the totals
 * (which are the team's caseloadFacts counts). A period keeps the items that
 * fell due in it.
 */
export async function overdueByPerson(db: Db, teamId: string, today: LocalDate, period?: { from: LocalDate; to: LocalDate }): Promise<TeamOverdue> {
  const citizens = await db.citizen.findMany({
    where: { teamId, status: 'ACTIVE' },
    select: {
      nextCheckInOn: true,
      caseworkerId: true,
      consultantId: true,
      placements: { where: { status: 'ACTIVE' }, select: { consultantId: true, startOn: true, followUpCadenceDays: true, followUps: LATEST_FOLLOW_UP } },
    },
  });
  const counts = new Map<string | null, OverdueTally>();
  const credit = (staffId: string | null, kind: keyof OverdueTally) => {
    const tally = counts.get(staffId) ?? { checkIns: 0, followUps: 0 };
    tally[kind]++;
    counts.set(staffId, tally);
  };
  const asCaseworker = new Map<string | null, number>();
  const asConsultant = new Map<string | null, number>();
  const counted = (due: LocalDate) => dueState(due, today).isOverdue && (!period || (compareLocalDate(due, period.from) >= 0 && compareLocalDate(due, period.to) <= 0));
  for (const c of citizens) {
    asCaseworker.set(c.caseworkerId, (asCaseworker.get(c.caseworkerId) ?? 0) + 1);
    asConsultant.set(c.consultantId, (asConsultant.get(c.consultantId) ?? 0) + 1);
    if (c.nextCheckInOn && counted(fromDbDate(c.nextCheckInOn))) credit(c.caseworkerId, 'checkIns');
    for (const p of c.placements) if (counted(followUpDueOn(p))) credit(p.consultantId ?? c.consultantId, 'followUps');
  }

  const staff = await db.staff.findMany({ where: { teamId, active: true }, select: { id: true, handle: true, role: true }, orderBy: { handle: 'asc' } });
  const people: PersonOverdue[] = [];
  for (const s of staff) {
    const tally = counts.get(s.id);
    if (!tally && s.role !== 'CASEWORKER' && s.role !== 'CONSULTANT') continue;
    const activeCitizens = (s.role === 'CONSULTANT' ? asConsultant : asCaseworker).get(s.id) ?? 0;
    people.push({ id: s.id, handle: s.handle, role: s.role, activeCitizens, checkIns: tally?.checkIns ?? 0, followUps: tally?.followUps ?? 0 });
    counts.delete(s.id);
  }
  // Whatever is left is credited to nobody, or to someone no longer active in the team.
  const unassigned: OverdueTally = { checkIns: 0, followUps: 0 };
  for (const tally of counts.values()) {
    unassigned.checkIns += tally.checkIns;
    unassigned.followUps += tally.followUps;
  }
  const total: OverdueTally = {
    checkIns: people.reduce((n, p) => n + p.checkIns, unassigned.checkIns),
    followUps: people.reduce((n, p) => n + p.followUps, unassigned.followUps),
  };
  return { people, unassigned, total };
}
