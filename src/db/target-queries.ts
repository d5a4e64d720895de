// Actual results per target metric for a team and month: the numbers managers steer by.
import type { TargetMetric } from '../domain/enums.js';
import { endOfMonth, toDbDate, type LocalDate } from '../domain/local-date.js';
import { CELEBRATED_OUTCOMES } from '../domain/vocabulary.js';
import type { Db } from './types.js';

export async function actualForMetric(db: Db, teamId: string, metric: TargetMetric, monthStart: LocalDate): Promise<number> {
  const range = { gte: toDbDate(monthStart), lte: toDbDate(endOfMonth(monthStart)) };
  switch (metric) {
    case 'PLACEMENT_STARTS':
      return db.placement.count({ where: { startOn: range, citizen: { teamId } } });
    case 'JOB_OUTCOMES':
      return db.outcome.count({ where: { teamId, occurredOn: range, kind: { in: [...CELEBRATED_OUTCOMES] } } });
    case 'MEETINGS':
      return db.meeting.count({ where: { heldOn: range, citizen: { teamId } } });
    case 'THREE_PARTY_MEETINGS':
      return db.meeting.count({ where: { heldOn: range, kind: 'THREE_PARTY', citizen: { teamId } } });
  }
}
