// Job results as counted: the rules table's result kinds, each citizen once
// per kind and month (domain/job-results.ts). Reads whole months, so a repeat
// inside [from, to] of a result earlier in the same month does not count.
import { countedOnce, hoursIncreases, type HoursRow } from '../domain/job-results.js';
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
  return (await hoursIncreasesOf(db, [teamId], from, to)).get(teamId)!;
}

/** teamHoursIncreases for every team in `teamIds`, in one statement. */
export async function hoursIncreasesOf(db: Db, teamIds: readonly string[], from: LocalDate, to: LocalDate): Promise<Map<string, { citizens: number; added: number }>> {
  const out = new Map(teamIds.map((id) => [id, { citizens: 0, added: 0 }]));
  const teams = [...teamIds];
  const inPeriod = (on: Date) => compareLocalDate(fromDbDate(on), from) >= 0 && compareLocalDate(fromDbDate(on), to) <= 0;
  // Every entry up to the period's end of the citizens with one in the period in these teams: an increase
  // is against the entry before it, whichever team logged that.
  const rows = await db.outcome.findMany({
    where: { kind: 'ORDINARY_HOURS', occurredOn: { lte: toDbDate(to) }, citizen: { outcomes: { some: { teamId: { in: teams }, kind: 'ORDINARY_HOURS', occurredOn: { gte: toDbDate(from), lte: toDbDate(to) } } } } },
    select: { citizenId: true, teamId: true, occurredOn: true, weeklyHours: true },
    orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }],
  });
  const byCitizen = new Map<string, HoursRow[]>();
  const citizensOf = new Map<string, Set<string>>();
  for (const r of rows) {
    // A team's citizens: those with an entry in the period logged in it (with or without hours, as before).
    if (inPeriod(r.occurredOn) && out.has(r.teamId)) citizensOf.set(r.teamId, (citizensOf.get(r.teamId) ?? new Set()).add(r.citizenId));
    if (r.weeklyHours === null) continue;
    const list = byCitizen.get(r.citizenId) ?? [];
    list.push({ citizenId: r.citizenId, occurredOn: fromDbDate(r.occurredOn), hours: Number(r.weeklyHours) });
    byCitizen.set(r.citizenId, list);
  }
  for (const [teamId, citizens] of citizensOf) out.set(teamId, hoursIncreases([...citizens].flatMap((id) => byCitizen.get(id) ?? []), from, to));
  return out;
}
