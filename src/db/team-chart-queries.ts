// The numbers behind the team chart (domain/team-chart.ts): per target metric,
// the actuals and targets of the chart's month and the six months before it.
// One query for the targets and one grouped query per metric.
import type { TargetMetric } from '../domain/enums.js';
import { chartMonths } from '../domain/team-chart.js';
import { endOfMonth, toDbDate, fromDbDate } from '../domain/local-date.js';

/** The chart keeps to the four activity targets; the pipeline's measures have their own lines in the digest. */
const CHART_METRICS: readonly TargetMetric[] = ['PLACEMENT_STARTS', 'JOB_OUTCOMES', 'MEETINGS', 'THREE_PARTY_MEETINGS'];
import { actualsPerMonth } from './target-queries.js';
import type { Db } from './types.js';

export interface MetricMonths {
  metric: TargetMetric;
  months: Array<{ month: string; actual: number; target?: number }>;
}

/** `month`: the chart's month (its first day, 'YYYY-MM-01'). */
export async function teamChartNumbers(db: Db, teamId: string, month: string): Promise<MetricMonths[]> {
  const months = chartMonths(month);
  const first = `${months[0]}-01`;
  const last = `${months[months.length - 1]}-01`;
  const targets = await db.monthlyTarget.findMany({ where: { teamId, month: { gte: toDbDate(first), lte: toDbDate(last) } } });
  const out: MetricMonths[] = [];
  for (const metric of CHART_METRICS) {
    // None of the chart's metrics waits for a day to come (retention does): the month's end serves as today.
    const actuals = await actualsPerMonth(db, teamId, metric, first, last, endOfMonth(last));
    out.push({
      metric,
      months: months.map((m) => {
        const target = targets.find((x) => x.metric === metric && fromDbDate(x.month).slice(0, 7) === m)?.target;
        return { month: m, actual: actuals.get(m) ?? 0, ...(target !== undefined ? { target } : {}) };
      }),
    });
  }
  return out;
}
