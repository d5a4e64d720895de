// A month's targets with their actuals, the team's and each person's (issue 14):
// what /targets, the weekly digest and the month-end report show, read once.
import { TARGET_METRICS, type TargetMetric } from '../domain/enums.js';
import { toDbDate, type LocalDate } from '../domain/local-date.js';
import { personScope } from './caseload-queries.js';
import { actualFor } from './target-queries.js';
import type { Db } from './types.js';

export interface TargetFigure {
  metric: TargetMetric;
  target: number;
  actual: number;
}

export interface PersonTargets {
  staffId: string;
  handle: string;
  figures: TargetFigure[];
}

export interface MonthTargets {
  team: TargetFigure[];
  people: PersonTargets[];
}

const metricOrder = (a: { metric: TargetMetric }, b: { metric: TargetMetric }) => TARGET_METRICS.indexOf(a.metric) - TARGET_METRICS.indexOf(b.metric);

/** The team's and its people's targets for `month` (first day), in the metrics' order, people by handle; actuals up to `today`. */
export async function monthTargets(db: Db, teamId: string, month: LocalDate, today: LocalDate): Promise<MonthTargets> {
  const teamRows = (await db.monthlyTarget.findMany({ where: { teamId, month: toDbDate(month) } })).sort(metricOrder);
  const team: TargetFigure[] = [];
  for (const r of teamRows) team.push({ metric: r.metric, target: r.target, actual: await actualFor(db, { teamId }, r.metric, month, today) });
  return { team, people: await personTargets(db, teamId, month, today) };
}

/** Each person's own targets for `month` in the team (or only `onlyStaffId`'s), people by handle; actuals over their citizens up to `today`. */
export async function personTargets(db: Db, teamId: string, month: LocalDate, today: LocalDate, onlyStaffId?: string): Promise<PersonTargets[]> {
  const personRows = await db.staffMonthlyTarget.findMany({
    // Someone who left or moved to another team has no figures here any more.
    where: { teamId, month: toDbDate(month), staff: { active: true, teamId }, ...(onlyStaffId ? { staffId: onlyStaffId } : {}) },
    include: { staff: { select: { id: true, handle: true, role: true } } },
  });
  const byStaff = new Map<string, PersonTargets>();
  for (const r of personRows.sort(metricOrder)) {
    const person = byStaff.get(r.staffId) ?? { staffId: r.staffId, handle: r.staff.handle, figures: [] };
    person.figures.push({ metric: r.metric, target: r.target, actual: await actualFor(db, personScope(r.staff), r.metric, month, today) });
    byStaff.set(r.staffId, person);
  }
  return [...byStaff.values()].sort((a, b) => a.handle.localeCompare(b.handle));
}
