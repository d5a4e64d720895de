// The numbers behind the team chart (domain/team-chart.ts): per target metric,
// the actuals and targets of the chart's month and the six months before it.
// For any number of teams: one query for the targets and one per kind of row
// (scope-actuals.ts), split per team in memory.
import type { TargetMetric } from '../domain/enums.js';
import { chartMonths } from '../domain/team-chart.js';
import { endOfMonth, toDbDate, fromDbDate } from '../domain/local-date.js';
import { actualsForScopes } from './scope-actuals.js';
import type { Db } from './types.js';

/** The chart keeps to the four activity targets; the pipeline's measures have their own lines in the digest. */
const CHART_METRICS: readonly TargetMetric[] = ['PLACEMENT_STARTS', 'JOB_OUTCOMES', 'MEETINGS', 'THREE_PARTY_MEETINGS'];

export interface MetricMonths {
  metric: TargetMetric;
  months: Array<{ month: string; actual: number; target?: number }>;
}

/** `month`: the chart's month (its first day, 'YYYY-MM-01'). */
export async function teamChartNumbers(db: Db, teamId: string, month: string): Promise<MetricMonths[]> {
  return (await teamChartNumbersOf(db, [teamId], month)).get(teamId)!;
}

/** teamChartNumbers for every team in `teamIds`, in a constant number of statements. */
export async function teamChartNumbersOf(db: Db, teamIds: readonly string[], month: string): Promise<Map<string, MetricMonths[]>> {
  const months = chartMonths(month);
  const first = `${months[0]}-01`;
  const last = `${months[months.length - 1]}-01`;
  const targets = await db.monthlyTarget.findMany({ where: { teamId: { in: [...teamIds] }, month: { gte: toDbDate(first), lte: toDbDate(last) } } });
  const targetOf = new Map(targets.map((x) => [`${x.teamId}|${x.metric}|${fromDbDate(x.month).slice(0, 7)}`, x.target]));
  // None of the chart's metrics waits for a day to come (retention does): the month's end serves as today.
  const actuals = await actualsForScopes(db, teamIds.map((teamId) => ({ teamId })), CHART_METRICS, first, last, endOfMonth(last));
  const out = new Map<string, MetricMonths[]>();
  for (const teamId of teamIds) {
    out.set(
      teamId,
      CHART_METRICS.map((metric) => {
        const perMonth = actuals({ teamId }, metric);
        return {
          metric,
          months: months.map((m) => {
            const target = targetOf.get(`${teamId}|${metric}|${m}`);
            return { month: m, actual: perMonth.get(m) ?? 0, ...(target !== undefined ? { target } : {}) };
          }),
        };
      }),
    );
  }
  return out;
}
