// Sub-goals past their deadline, for the caseworker's morning list (issue 14).
import { daysBetween, fromDbDate, toDbDate, type LocalDate } from '../domain/local-date.js';
import type { Db } from './types.js';

export interface OverdueSubGoal {
  citizenId: string;
  ref: string;
  number: number;
  daysOverdue: number;
}

/** Open sub-goals whose deadline is before today, per caseworker of an active citizen, oldest deadline first. */
export async function overdueSubGoalsByCaseworker(db: Db, caseworkerIds: readonly string[], today: LocalDate): Promise<Map<string, OverdueSubGoal[]>> {
  const out = new Map<string, OverdueSubGoal[]>();
  if (caseworkerIds.length === 0) return out;
  const rows = await db.subGoal.findMany({
    where: { status: 'OPEN', deadlineOn: { lt: toDbDate(today) }, citizen: { status: 'ACTIVE', caseworkerId: { in: [...caseworkerIds] } } },
    select: { number: true, deadlineOn: true, citizen: { select: { id: true, ref: true, caseworkerId: true } } },
    orderBy: [{ deadlineOn: 'asc' }, { number: 'asc' }],
  });
  for (const r of rows) {
    if (!r.deadlineOn || !r.citizen.caseworkerId) continue;
    const list = out.get(r.citizen.caseworkerId) ?? [];
    list.push({ citizenId: r.citizen.id, ref: r.citizen.ref, number: r.number, daysOverdue: daysBetween(fromDbDate(r.deadlineOn), today) });
    out.set(r.citizen.caseworkerId, list);
  }
  return out;
}
