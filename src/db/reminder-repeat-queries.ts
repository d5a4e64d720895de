// The per-item reminder counts behind repetition (domain/reminder-repetition.ts):
// stored on ReminderState next to snooze/done, per recipient and subject, so
// erasing a citizen removes them with the rest of its reminder states.
import { toDbDate, type LocalDate } from '../domain/local-date.js';
import type { Db } from './types.js';
import type { Recipient } from './reminder-queries.js';

/** Counts one more reminder for each subject, at most once a day (a second plan the same day counts nothing). */
export async function recordReminded(db: Db, staffId: string, subjects: readonly string[], today: LocalDate): Promise<void> {
  if (subjects.length === 0) return;
  const day = toDbDate(today);
  await db.reminderState.createMany({ data: subjects.map((subject) => ({ staffId, subject })), skipDuplicates: true });
  await db.reminderState.updateMany({
    where: { staffId, subject: { in: [...subjects] }, OR: [{ lastRemindedOn: null }, { lastRemindedOn: { lt: day } }] },
    data: { remindedCount: { increment: 1 }, lastRemindedOn: day },
  });
}

/** Marks the subjects as passed on to the managers (the first day only). */
export async function recordEscalated(db: Db, staffId: string, subjects: readonly string[], today: LocalDate): Promise<void> {
  if (subjects.length === 0) return;
  await db.reminderState.updateMany({ where: { staffId, subject: { in: [...subjects] }, escalatedOn: null }, data: { escalatedOn: toDbDate(today) } });
}

/** The active managers of each team (who repeated items are escalated to). */
export async function managersByTeam(db: Db, teamIds: readonly string[]): Promise<Map<string, Recipient[]>> {
  const out = new Map<string, Recipient[]>();
  if (teamIds.length === 0) return out;
  const rows = await db.staff.findMany({ where: { active: true, role: 'MANAGER', teamId: { in: [...new Set(teamIds)] } }, include: { team: true }, orderBy: { handle: 'asc' } });
  for (const r of rows) out.set(r.teamId as string, [...(out.get(r.teamId as string) ?? []), r]);
  return out;
}
