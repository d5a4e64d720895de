// The per-item reminder counts behind repetition (domain/reminder-repetition.ts):
// stored on ReminderState next to snooze/done, per recipient and subject, so
// erasing a citizen removes them with the rest of its reminder states.
import type { LocalDate } from '../domain/local-date.js';
import { yieldToEventLoop } from './event-loop.js';
import { PAGE_SIZE } from './paging.js';
import type { Db } from './types.js';
import type { Recipient } from './reminder-queries.js';

/** A recipient's subjects in one morning run. */
export interface StaffSubjects {
  staffId: string;
  subjects: readonly string[];
}

/** The (staffId, subject) pairs of `entries`, each once (a subject counts once a day whoever lists it twice). */
function uniquePairs(entries: readonly StaffSubjects[]): { staffIds: string[]; subjects: string[] } {
  // A set of subjects per staff member: a joined string key per pair was ~100 ms in one piece for 21 000 pairs.
  const seen = new Map<string, Set<string>>();
  const staffIds: string[] = [];
  const subjects: string[] = [];
  for (const e of entries) {
    let mine = seen.get(e.staffId);
    if (!mine) seen.set(e.staffId, (mine = new Set()));
    for (const subject of e.subjects) {
      if (mine.has(subject)) continue;
      mine.add(subject);
      staffIds.push(e.staffId);
      subjects.push(subject);
    }
  }
  return { staffIds, subjects };
}

/**
 * Counts one more reminder for each subject, at most once a day (a second plan
 * the same day counts nothing): a new state starts at 1, an existing one goes
 * up by 1 unless it was already counted today. One set-based upsert per
 * PAGE_SIZE subjects, parameters as two arrays: Prisma's createMany +
 * updateMany (an OR per staff member) spent ~90 ms per 1 000 subjects building
 * and mapping arguments on this thread, with the SQL on top (issue 15). Raw
 * SQL skips the CPR write guard, which leaves these columns alone anyway
 * (ids, subjects and counts: system fields, cpr-write-guard.ts).
 */
export async function recordReminded(db: Db, entries: readonly StaffSubjects[], today: LocalDate): Promise<void> {
  const { staffIds, subjects } = uniquePairs(entries);
  const now = new Date().toISOString();
  for (let i = 0; i < staffIds.length; i += PAGE_SIZE) {
    if (i > 0) await yieldToEventLoop();
    await db.$executeRaw`
      INSERT INTO "ReminderState" ("id", "staffId", "subject", "remindedCount", "lastRemindedOn", "updatedAt")
      SELECT gen_random_uuid()::text, p."staffId", p."subject", 1, ${today}::date, ${now}::timestamp(3)
      FROM unnest(${staffIds.slice(i, i + PAGE_SIZE)}::text[], ${subjects.slice(i, i + PAGE_SIZE)}::text[]) AS p("staffId", "subject")
      ON CONFLICT ("staffId", "subject") DO UPDATE
        SET "remindedCount" = "ReminderState"."remindedCount" + 1, "lastRemindedOn" = EXCLUDED."lastRemindedOn", "updatedAt" = EXCLUDED."updatedAt"
        WHERE "ReminderState"."lastRemindedOn" IS NULL OR "ReminderState"."lastRemindedOn" < EXCLUDED."lastRemindedOn"`;
  }
}

/** Marks the subjects as passed on to the managers (the first day only); one set-based update per PAGE_SIZE subjects. */
export async function recordEscalated(db: Db, entries: readonly StaffSubjects[], today: LocalDate): Promise<void> {
  const { staffIds, subjects } = uniquePairs(entries);
  const now = new Date().toISOString();
  for (let i = 0; i < staffIds.length; i += PAGE_SIZE) {
    if (i > 0) await yieldToEventLoop();
    await db.$executeRaw`
      UPDATE "ReminderState" r SET "escalatedOn" = ${today}::date, "updatedAt" = ${now}::timestamp(3)
      FROM unnest(${staffIds.slice(i, i + PAGE_SIZE)}::text[], ${subjects.slice(i, i + PAGE_SIZE)}::text[]) AS p("staffId", "subject")
      WHERE r."staffId" = p."staffId" AND r."subject" = p."subject" AND r."escalatedOn" IS NULL`;
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
