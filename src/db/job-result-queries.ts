// Job results as counted: the rules table's result kinds, each citizen once
// per kind and month (domain/job-results.ts). Reads whole months, so a repeat
// inside [from, to] of a result earlier in the same month does not count.
import { countedOnce, hoursIncreases } from '../domain/job-results.js';
import { compareLocalDate, endOfMonth, fromDbDate, startOfMonth, toDbDate, type LocalDate } from '../domain/local-date.js';
import type { OutcomeKind } from '../domain/enums.js';
import { celebratedOutcomes } from '../domain/vocabulary.js';
import type { Db, Prisma } from './types.js';

export interface CountedResult {
  citizenId: string;
  kind: OutcomeKind;
  occurredOn: LocalDate;
}

/** The counted results in [from, to] matching `where` (team or credit), oldest first. */
export async function countedResults(db: Db, where: Prisma.OutcomeWhereInput, from: LocalDate, to: LocalDate): Promise<CountedResult[]> {
  const rows = await db.outcome.findMany({
    where: { ...where, kind: { in: celebratedOutcomes(to) }, occurredOn: { gte: toDbDate(startOfMonth(from)), lte: toDbDate(endOfMonth(to)) } },
    select: { citizenId: true, kind: true, occurredOn: true },
    orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }],
  });
  return countedOnce(rows.map((r) => ({ citizenId: r.citizenId, kind: r.kind, occurredOn: fromDbDate(r.occurredOn) }))).filter(
    (r) => compareLocalDate(r.occurredOn, from) >= 0 && compareLocalDate(r.occurredOn, to) <= 0,
  );
}

export async function countJobResults(db: Db, where: Prisma.OutcomeWhereInput, from: LocalDate, to: LocalDate): Promise<number> {
  return (await countedResults(db, where, from, to)).length;
}

/** Increases of ordinary hours in [from, to] in a team (counts only: the digest names no citizen). */
export async function teamHoursIncreases(db: Db, teamId: string, from: LocalDate, to: LocalDate): Promise<{ citizens: number; added: number }> {
  const inPeriod = await db.outcome.findMany({ where: { teamId, kind: 'ORDINARY_HOURS', occurredOn: { gte: toDbDate(from), lte: toDbDate(to) } }, select: { citizenId: true }, distinct: ['citizenId'] });
  if (inPeriod.length === 0) return { citizens: 0, added: 0 };
  const rows = await db.outcome.findMany({
    where: { citizenId: { in: inPeriod.map((r) => r.citizenId) }, kind: 'ORDINARY_HOURS', weeklyHours: { not: null }, occurredOn: { lte: toDbDate(to) } },
    select: { citizenId: true, occurredOn: true, weeklyHours: true },
    orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }],
  });
  return hoursIncreases(rows.map((r) => ({ citizenId: r.citizenId, occurredOn: fromDbDate(r.occurredOn), hours: Number(r.weeklyHours) })), from, to);
}
