// Actual results per target metric for a team or a person and month: the numbers managers steer by.
// A person's figures are counted over their citizens as /caseload @person shows them
// (a consultant's: those they consult on), results as credited.
import type { TargetMetric } from '../domain/enums.js';
import type { LocalDate } from '../domain/local-date.js';
import type { CaseloadScope } from './caseload-queries.js';
import { actualsForScopes } from './scope-actuals.js';
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
  // The same counting as for many scopes at once (the weekly digest, the month-end report).
  return (await actualsForScopes(db, [scope], [metric], fromMonth, toMonth, today))(scope, metric);
}
