// A month's targets with their actuals, the team's and each person's (issue 14):
// what /targets, the weekly digest and the month-end report show, read once.
import { TARGET_METRICS, type TargetMetric } from '../domain/enums.js';
import { toDbDate, type LocalDate } from '../domain/local-date.js';
import { personScope, type CaseloadScope } from './caseload-queries.js';
import { actualsForScopes } from './scope-actuals.js';
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
  return (await monthTargetsOf(db, [teamId], month, today)).get(teamId)!;
}

/** monthTargets for every team in `teamIds`: a constant number of statements for any number of teams. */
export async function monthTargetsOf(db: Db, teamIds: readonly string[], month: LocalDate, today: LocalDate): Promise<Map<string, MonthTargets>> {
  return targetsOf(db, teamIds, month, today, { teams: true });
}

/** Each person's own targets for `month` in the team (or only `onlyStaffId`'s), people by handle; actuals over their citizens up to `today`. */
export async function personTargets(db: Db, teamId: string, month: LocalDate, today: LocalDate, onlyStaffId?: string): Promise<PersonTargets[]> {
  return (await personTargetsOf(db, [teamId], month, today, onlyStaffId)).get(teamId) ?? [];
}

/** personTargets for every team in `teamIds` (the month-end report's managers). */
export async function personTargetsOf(db: Db, teamIds: readonly string[], month: LocalDate, today: LocalDate, onlyStaffId?: string): Promise<Map<string, PersonTargets[]>> {
  const targets = await targetsOf(db, teamIds, month, today, { teams: false, onlyStaffId });
  return new Map([...targets].map(([teamId, t]) => [teamId, t.people]));
}

/** The targets' rows (the teams' if asked, the people's), then every actual in one statement per kind of row. */
async function targetsOf(db: Db, teamIds: readonly string[], month: LocalDate, today: LocalDate, options: { teams: boolean; onlyStaffId?: string }): Promise<Map<string, MonthTargets>> {
  const teams = [...teamIds];
  const teamRows = options.teams ? (await db.monthlyTarget.findMany({ where: { teamId: { in: teams }, month: toDbDate(month) } })).sort(metricOrder) : [];
  const personRows = (
    await db.staffMonthlyTarget.findMany({
      where: { teamId: { in: teams }, month: toDbDate(month), staff: { active: true }, ...(options.onlyStaffId ? { staffId: options.onlyStaffId } : {}) },
      include: { staff: { select: { id: true, handle: true, role: true, teamId: true } } },
    })
  )
    // Someone who left or moved to another team has no figures here any more.
    .filter((r) => r.staff.teamId === r.teamId)
    .sort(metricOrder);
  const scopes: CaseloadScope[] = [...teamRows.map((r) => ({ teamId: r.teamId })), ...personRows.map((r) => personScope(r.staff))];
  const metrics = [...new Set([...teamRows, ...personRows].map((r) => r.metric))];
  const actuals = await actualsForScopes(db, scopes, metrics, month, month, today);
  const actualOf = (scope: CaseloadScope, metric: TargetMetric) => actuals(scope, metric).get(month.slice(0, 7)) ?? 0;

  const out = new Map<string, MonthTargets>(teams.map((id) => [id, { team: [], people: [] }]));
  for (const r of teamRows) out.get(r.teamId)?.team.push({ metric: r.metric, target: r.target, actual: actualOf({ teamId: r.teamId }, r.metric) });
  const people = new Map<string, PersonTargets & { teamId: string }>();
  for (const r of personRows) {
    const person = people.get(r.staffId) ?? { teamId: r.teamId, staffId: r.staffId, handle: r.staff.handle, figures: [] };
    person.figures.push({ metric: r.metric, target: r.target, actual: actualOf(personScope(r.staff), r.metric) });
    people.set(r.staffId, person);
  }
  for (const { teamId, ...person } of [...people.values()].sort((a, b) => a.handle.localeCompare(b.handle))) out.get(teamId)?.people.push(person);
  return out;
}
