// Actual results per target metric for a team or a person and month: the numbers managers steer by.
// A person's figures are counted over their citizens as /caseload @person shows them
// (a consultant's: those they consult on), results as credited.
import type { TargetMetric } from '../domain/enums.js';
import { endOfMonth, fromDbDate, toDbDate, type LocalDate } from '../domain/local-date.js';
import { citizenWhere, outcomeCreditWhere, type CaseloadScope } from './caseload-queries.js';
import { countedResults } from './job-result-queries.js';
import { movedUpPerMonth, retainedPerMonth, subGoalsReachedPerMonth } from './pipeline-queries.js';
import type { Db } from './types.js';

/** The team's actual for one month (its first day), counted up to `today`. */
export async function actualForMetric(db: Db, teamId: string, metric: TargetMetric, monthStart: LocalDate, today: LocalDate): Promise<number> {
  return actualFor(db, { teamId }, metric, monthStart, today);
}

/** A team's or a person's actual for one month: the same rows as actualsPerMonth. */
export async function actualFor(db: Db, scope: CaseloadScope, metric: TargetMetric, monthStart: LocalDate, today: LocalDate): Promise<number> {
  return (await actualsPerMonthFor(db, scope, metric, monthStart, monthStart, today)).get(monthStart.slice(0, 7)) ?? 0;
}

/**
 * A metric's actuals per month over the months from `fromMonth` to `toMonth`
 * (first days, inclusive), in one grouped query: 'YYYY-MM' -> count; a month
 * with nothing is absent. `today` bounds what has happened yet (a placement
 * is retained only once its day has come).
 */
export async function actualsPerMonth(db: Db, teamId: string, metric: TargetMetric, fromMonth: LocalDate, toMonth: LocalDate, today: LocalDate): Promise<Map<string, number>> {
  return actualsPerMonthFor(db, { teamId }, metric, fromMonth, toMonth, today);
}

export async function actualsPerMonthFor(db: Db, scope: CaseloadScope, metric: TargetMetric, fromMonth: LocalDate, toMonth: LocalDate, today: LocalDate): Promise<Map<string, number>> {
  const range = { gte: toDbDate(fromMonth), lte: toDbDate(endOfMonth(toMonth)) };
  const citizen = citizenWhere(scope);
  const byDay = await (async (): Promise<Array<{ on: Date; count: number }> | Map<string, number>> => {
    switch (metric) {
      case 'PLACEMENT_STARTS':
        return (await db.placement.groupBy({ by: ['startOn'], where: { startOn: range, citizen }, _count: { _all: true } })).map((r) => ({ on: r.startOn, count: r._count._all }));
      case 'JOB_OUTCOMES':
        // Each citizen once per kind of result and month (more hours agreed is progression, not a new result).
        return (await countedResults(db, outcomeCreditWhere(scope), fromMonth, endOfMonth(toMonth))).map((r) => ({ on: toDbDate(r.occurredOn), count: 1 }));
      case 'MEETINGS':
        return (await db.meeting.groupBy({ by: ['heldOn'], where: { heldOn: range, citizen }, _count: { _all: true } })).map((r) => ({ on: r.heldOn, count: r._count._all }));
      case 'THREE_PARTY_MEETINGS':
        return (await db.meeting.groupBy({ by: ['heldOn'], where: { heldOn: range, kind: 'THREE_PARTY', citizen }, _count: { _all: true } })).map((r) => ({ on: r.heldOn, count: r._count._all }));
      case 'READINESS_MOVES':
        return movedUpPerMonth(db, citizen, fromMonth, toMonth, today);
      case 'SUB_GOALS_REACHED':
        return subGoalsReachedPerMonth(db, citizen, fromMonth, toMonth);
      case 'PLACEMENTS_RETAINED':
        return retainedPerMonth(db, citizen, fromMonth, toMonth, today);
    }
  })();
  if (byDay instanceof Map) return byDay;
  const out = new Map<string, number>();
  for (const { on, count } of byDay) {
    const month = fromDbDate(on).slice(0, 7);
    out.set(month, (out.get(month) ?? 0) + count);
  }
  return out;
}
