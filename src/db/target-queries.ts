// Actual results per target metric for a team and month: the numbers managers steer by.
import type { TargetMetric } from '../domain/enums.js';
import { endOfMonth, fromDbDate, toDbDate, type LocalDate } from '../domain/local-date.js';
import { countedResults, countJobResults } from './job-result-queries.js';
import type { Db } from './types.js';

export async function actualForMetric(db: Db, teamId: string, metric: TargetMetric, monthStart: LocalDate): Promise<number> {
  const range = { gte: toDbDate(monthStart), lte: toDbDate(endOfMonth(monthStart)) };
  switch (metric) {
    case 'PLACEMENT_STARTS':
      return db.placement.count({ where: { startOn: range, citizen: { teamId } } });
    case 'JOB_OUTCOMES':
      // Each citizen once per kind of result and month (more hours agreed is progression, not a new result).
      return countJobResults(db, { teamId }, monthStart, endOfMonth(monthStart));
    case 'MEETINGS':
      return db.meeting.count({ where: { heldOn: range, citizen: { teamId } } });
    case 'THREE_PARTY_MEETINGS':
      return db.meeting.count({ where: { heldOn: range, kind: 'THREE_PARTY', citizen: { teamId } } });
  }
}

/**
 * A metric's actuals per month over the months from `fromMonth` to `toMonth`
 * (first days, inclusive), in one grouped query: 'YYYY-MM' -> count; a month
 * with nothing is absent. Counts the same rows as actualForMetric.
 */
export async function actualsPerMonth(db: Db, teamId: string, metric: TargetMetric, fromMonth: LocalDate, toMonth: LocalDate): Promise<Map<string, number>> {
  const range = { gte: toDbDate(fromMonth), lte: toDbDate(endOfMonth(toMonth)) };
  const byDay = await (async (): Promise<Array<{ on: Date; count: number }>> => {
    switch (metric) {
      case 'PLACEMENT_STARTS':
        return (await db.placement.groupBy({ by: ['startOn'], where: { startOn: range, citizen: { teamId } }, _count: { _all: true } })).map((r) => ({ on: r.startOn, count: r._count._all }));
      case 'JOB_OUTCOMES':
        return (await countedResults(db, { teamId }, fromMonth, endOfMonth(toMonth))).map((r) => ({ on: toDbDate(r.occurredOn), count: 1 }));
      case 'MEETINGS':
        return (await db.meeting.groupBy({ by: ['heldOn'], where: { heldOn: range, citizen: { teamId } }, _count: { _all: true } })).map((r) => ({ on: r.heldOn, count: r._count._all }));
      case 'THREE_PARTY_MEETINGS':
        return (await db.meeting.groupBy({ by: ['heldOn'], where: { heldOn: range, kind: 'THREE_PARTY', citizen: { teamId } }, _count: { _all: true } })).map((r) => ({ on: r.heldOn, count: r._count._all }));
    }
  })();
  const out = new Map<string, number>();
  for (const { on, count } of byDay) {
    const month = fromDbDate(on).slice(0, 7);
    out.set(month, (out.get(month) ?? 0) + count);
  }
  return out;
}
