// Writes to a citizen that carry a rule with them, in one place so the
// commands and the CSV import cannot drift apart.
import { checkInAfter } from '../domain/due-dates.js';
import { fromDbDate, toDbDate, type LocalDate } from '../domain/local-date.js';
import type { Db } from './types.js';

/**
 * Makes `staffId` (or nobody) the citizen's consultant. The citizen's running
 * placements move along: reminders, access and overdue follow-ups follow the
 * citizen's consultant. A different consultant (or none) is recorded as a
 * consultant change, like a change of caseworker (seed 003: one fixed
 * consultant per citizen). Returns how many placements moved.
 */
export async function assignConsultant(db: Db, citizenId: string, staffId: string | null, by: { actorId: string; now: Date }): Promise<number> {
  const before = await db.citizen.findUniqueOrThrow({ where: { id: citizenId }, select: { consultantId: true } });
  await db.citizen.update({ where: { id: citizenId }, data: { consultantId: staffId } });
  if (before.consultantId !== staffId) {
    await db.consultantChange.create({ data: { citizenId, fromStaffId: before.consultantId, toStaffId: staffId, changedById: by.actorId, changedAt: by.now } });
  }
  const moved = await db.placement.updateMany({ where: { citizenId, status: 'ACTIVE' }, data: { consultantId: staffId } });
  return moved.count;
}

/** Sets the check-in cadence; the next check-in counts from the latest meeting (or today), so the due date follows at once. */
export async function setCadence(db: Db, citizenId: string, cadenceDays: number, today: LocalDate): Promise<void> {
  const latest = await db.meeting.findFirst({ where: { citizenId }, orderBy: { heldOn: 'desc' }, select: { heldOn: true } });
  await db.citizen.update({
    where: { id: citizenId },
    data: { cadenceDays, nextCheckInOn: toDbDate(checkInAfter(latest ? fromDbDate(latest.heldOn) : today, cadenceDays)) },
  });
}

/**
 * Consultant changes that count: a consultant replaced or taken off. The first
 * consultant a citizen gets is recorded (timeline) but is not a change.
 */
export function countConsultantChanges(db: Db, citizenId: string): Promise<number> {
  return db.consultantChange.count({ where: { citizenId, fromStaffId: { not: null } } });
}
