// The per-item reminder counts behind repetition (domain/reminder-repetition.ts):
// stored on ReminderState next to snooze/done, per recipient and subject, so
// erasing a citizen removes them with the rest of its reminder states.
import { toDbDate, type LocalDate } from '../domain/local-date.js';
import { chunks } from './paging.js';
import type { Db, Prisma } from './types.js';
import type { Recipient } from './reminder-queries.js';

/** A recipient's subjects in one morning run. */
export interface StaffSubjects {
  staffId: string;
  subjects: readonly string[];
}

/** One condition per staff member in `chunk`: their subjects. */
function bySubjects(chunk: ReadonlyArray<{ staffId: string; subject: string }>): Prisma.ReminderStateWhereInput[] {
  const subjects = new Map<string, string[]>();
  for (const { staffId, subject } of chunk) {
    const list = subjects.get(staffId);
    if (list) list.push(subject);
    else subjects.set(staffId, [subject]);
  }
  return [...subjects].map(([staffId, list]) => ({ staffId, subject: { in: list } }));
}

/**
 * Counts one more reminder for each subject, at most once a day (a second plan
 * the same day counts nothing). All recipients of a run together, PAGE_SIZE
 * subjects per statement: two statements per recipient were 1 200 round trips
 * for 600 recipients.
 */
export async function recordReminded(db: Db, entries: readonly StaffSubjects[], today: LocalDate): Promise<void> {
  const day = toDbDate(today);
  const pairs = entries.flatMap((e) => e.subjects.map((subject) => ({ staffId: e.staffId, subject })));
  for (const chunk of chunks(pairs)) {
    await db.reminderState.createMany({ data: chunk, skipDuplicates: true });
    await db.reminderState.updateMany({
      where: { AND: [{ OR: bySubjects(chunk) }, { OR: [{ lastRemindedOn: null }, { lastRemindedOn: { lt: day } }] }] },
      data: { remindedCount: { increment: 1 }, lastRemindedOn: day },
    });
  }
}

/** Marks the subjects as passed on to the managers (the first day only); PAGE_SIZE subjects per statement. */
export async function recordEscalated(db: Db, entries: readonly StaffSubjects[], today: LocalDate): Promise<void> {
  const pairs = entries.flatMap((e) => e.subjects.map((subject) => ({ staffId: e.staffId, subject })));
  for (const chunk of chunks(pairs)) {
    await db.reminderState.updateMany({ where: { AND: [{ OR: bySubjects(chunk) }, { escalatedOn: null }] }, data: { escalatedOn: toDbDate(today) } });
  }
}

/** The active managers of each team (who repeated items are escalated to). */
export async function managersByTeam(db: Db, teamIds: readonly string[]): Promise<Map<string, Recipient[]>> {
  const out = new Map<string, Recipient[]>();
  if (teamIds.length === 0) return out;
  const rows = await db.staff.findMany({ where: { active: true, role: 'MANAGER', teamId: { in: [...new Set(teamIds)] } }, include: { team: true }, orderBy: { handle: 'asc' } });
  for (const r of rows) out.set(r.teamId as string, [...(out.get(r.teamId as string) ?? []), r]);
  return out;
}
