// The numbers behind /caseload, the App Home dashboard and the digests:
// one read of a set of citizens, summarised in memory (a team is hundreds of rows).
import { dueState, nextFollowUpDue } from '../domain/due-dates.js';
import type { TargetGroup } from '../domain/enums.js';
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

export interface CaseloadFacts {
  activeCitizens: number;
  byTargetGroup: Partial<Record<TargetGroup, number>>;
  dueThisWeek: number;
  overdue: OverdueCheckIn[];
  activePlacements: number;
  followUpsDue: Array<{ placementId: string; ref: string; company: string; due: LocalDate; daysOverdue: number }>;
  outcomesThisMonth: number;
}

/** Whose caseload: a caseworker's own citizens, a consultant's, or a whole team. */
export type CaseloadScope = { staffId: string; as: 'caseworker' | 'consultant' } | { teamId: string };

function citizenWhere(scope: CaseloadScope): Prisma.CitizenWhereInput {
  if ('teamId' in scope) return { teamId: scope.teamId, status: 'ACTIVE' };
  return scope.as === 'consultant' ? { consultantId: scope.staffId, status: 'ACTIVE' } : { caseworkerId: scope.staffId, status: 'ACTIVE' };
}

export async function caseloadFacts(db: Db, scope: CaseloadScope, today: LocalDate): Promise<CaseloadFacts> {
  const citizens = await db.citizen.findMany({
    where: citizenWhere(scope),
    select: {
      id: true,
      ref: true,
      targetGroup: true,
      nextCheckInOn: true,
      caseworkerId: true,
      placements: {
        where: { status: 'ACTIVE' },
        select: { id: true, company: true, startOn: true, followUpCadenceDays: true, followUps: { orderBy: { heldOn: 'desc' }, take: 1, select: { heldOn: true } } },
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
      const latest = p.followUps[0];
      const due = nextFollowUpDue({ startOn: fromDbDate(p.startOn), followUpCadenceDays: p.followUpCadenceDays }, latest ? fromDbDate(latest.heldOn) : undefined);
      if (compareLocalDate(due, today) <= 0) followUpsDue.push({ placementId: p.id, ref: c.ref, company: p.company, due, daysOverdue: dueState(due, today).daysOverdue });
    }
  }
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.ref.localeCompare(b.ref));
  followUpsDue.sort((a, b) => b.daysOverdue - a.daysOverdue);

  const month = { gte: toDbDate(startOfMonth(today)), lte: toDbDate(endOfMonth(today)) };
  // Results count the outcomes worth celebrating; case endings are not results.
  const outcomeWhere: Prisma.OutcomeWhereInput = {
    occurredOn: month,
    kind: { in: [...CELEBRATED_OUTCOMES] },
    ...('teamId' in scope ? { teamId: scope.teamId } : scope.as === 'consultant' ? { consultantId: scope.staffId } : { caseworkerId: scope.staffId }),
  };
  const outcomesThisMonth = await db.outcome.count({ where: outcomeWhere });
  return { activeCitizens: citizens.length, byTargetGroup, dueThisWeek, overdue, activePlacements, followUpsDue, outcomesThisMonth };
}
