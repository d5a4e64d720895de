// The readiness pipeline and the pipeline's monthly measures (issue 14), one
// definition for every view: /caseload, the digest, the 1:1 summary, /targets
// and the month-end report all count through these functions.
import type { Readiness } from '../domain/enums.js';
import { compareLocalDate, endOfMonth, fromDbDate, minLocalDate, startOfMonth, toDbDate, type LocalDate } from '../domain/local-date.js';
import { addMonths, emptyPipeline, movedUpIn, retainedOn, type PipelineCounts } from '../domain/pipeline.js';
import { citizenWhere, type CaseloadScope } from './caseload-queries.js';
import type { Db, Prisma } from './types.js';

export interface Pipeline {
  /** Active citizens in the scope by their current readiness. */
  counts: PipelineCounts;
  /** Citizens in the scope who moved up in the month so far (the READINESS_MOVES measure). */
  movedUp: number;
}

/** The scope's pipeline today, and how many moved up in `month` (its first day) up to `today`. */
export async function pipelineOf(db: Db, scope: CaseloadScope, month: LocalDate, today: LocalDate): Promise<Pipeline> {
  const active = await db.citizen.findMany({
    where: { ...citizenWhere(scope), status: 'ACTIVE' },
    // The newest row is the current readiness, as on the card and for recordReadiness.
    select: { readinessChanges: { orderBy: { createdAt: 'desc' }, take: 1, select: { readiness: true } } },
  });
  const counts = emptyPipeline();
  for (const c of active) counts[c.readinessChanges[0]?.readiness ?? 'unset']++;
  const movedUp = (await movedUpPerMonth(db, citizenWhere(scope), month, month, today)).get(month.slice(0, 7)) ?? 0;
  return { counts, movedUp };
}

/** Citizens (any status) matching `where` who moved up, per month 'YYYY-MM' from `fromMonth` to `toMonth` (first days), each month up to `today`. */
export async function movedUpPerMonth(db: Db, where: Prisma.CitizenWhereInput, fromMonth: LocalDate, toMonth: LocalDate, today: LocalDate): Promise<Map<string, number>> {
  const last = minLocalDate(endOfMonth(toMonth), today);
  const rows = await db.readinessChange.findMany({
    where: { citizen: where, setOn: { lte: toDbDate(last) }, citizenId: { in: await citizensChangedBetween(db, where, fromMonth, last) } },
    select: { citizenId: true, readiness: true, setOn: true },
    orderBy: [{ setOn: 'asc' }, { createdAt: 'asc' }],
  });
  const byCitizen = new Map<string, Array<{ readiness: Readiness; setOn: LocalDate }>>();
  for (const r of rows) byCitizen.set(r.citizenId, [...(byCitizen.get(r.citizenId) ?? []), { readiness: r.readiness, setOn: fromDbDate(r.setOn) }]);
  const out = new Map<string, number>();
  for (let m = fromMonth; compareLocalDate(m, toMonth) <= 0; m = addMonths(m, 1)) {
    const to = minLocalDate(endOfMonth(m), today);
    let count = 0;
    for (const history of byCitizen.values()) if (movedUpIn(history, m, to)) count++;
    if (count > 0) out.set(m.slice(0, 7), count);
  }
  return out;
}

/** Ids of the citizens with a readiness change in [from, to]: only they can have moved. */
async function citizensChangedBetween(db: Db, where: Prisma.CitizenWhereInput, from: LocalDate, to: LocalDate): Promise<string[]> {
  const rows = await db.readinessChange.findMany({ where: { citizen: where, setOn: { gte: toDbDate(from), lte: toDbDate(to) } }, select: { citizenId: true }, distinct: ['citizenId'] });
  return rows.map((r) => r.citizenId);
}

/** Sub-goals reached (closedOn) per month 'YYYY-MM' over the months from `fromMonth` to `toMonth`, for citizens matching `where`. */
export async function subGoalsReachedPerMonth(db: Db, where: Prisma.CitizenWhereInput, fromMonth: LocalDate, toMonth: LocalDate): Promise<Map<string, number>> {
  const rows = await db.subGoal.groupBy({
    by: ['closedOn'],
    where: { status: 'REACHED', citizen: where, closedOn: { gte: toDbDate(startOfMonth(fromMonth)), lte: toDbDate(endOfMonth(toMonth)) } },
    _count: { _all: true },
  });
  const out = new Map<string, number>();
  for (const r of rows) {
    if (!r.closedOn) continue;
    const key = fromDbDate(r.closedOn).slice(0, 7);
    out.set(key, (out.get(key) ?? 0) + r._count._all);
  }
  return out;
}

/** Placements retained (running RETENTION_MONTHS after their start) per month of their retention day, up to `today`, for citizens matching `where`. */
export async function retainedPerMonth(db: Db, where: Prisma.CitizenWhereInput, fromMonth: LocalDate, toMonth: LocalDate, today: LocalDate): Promise<Map<string, number>> {
  const from = startOfMonth(fromMonth);
  const to = minLocalDate(endOfMonth(toMonth), today);
  // A retention day in [from, to] means a start a few months earlier; read a little wider and let retainedOn decide.
  const rows = await db.placement.findMany({
    where: { citizen: where, startOn: { gte: toDbDate(addMonths(from, -4)), lte: toDbDate(to) } },
    select: { startOn: true, endedOn: true, plannedEndOn: true },
  });
  const out = new Map<string, number>();
  for (const p of rows) {
    const day = retainedOn({ startOn: fromDbDate(p.startOn), endedOn: p.endedOn ? fromDbDate(p.endedOn) : null, plannedEndOn: fromDbDate(p.plannedEndOn) }, to);
    if (!day || compareLocalDate(day, from) < 0) continue;
    const key = day.slice(0, 7);
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}
