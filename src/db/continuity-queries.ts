// Continuity for the morning lists (issue 14): citizens who have gone without
// a consultant for longer than their team allows (to the team's managers),
// and mentor support about to end (to the citizen's caseworker, else the
// consultant), from two working days before the end until the end day.
import type { MentorKind } from '../domain/enums.js';
import { addDays, compareLocalDate, daysBetween, fromDbDate, todayIn, toDbDate, type LocalDate } from '../domain/local-date.js';
import { endReminderDate } from '../domain/reminder-rules.js';
import { loopPauser } from './event-loop.js';
import { pagesById } from './paging.js';
import type { Db } from './types.js';

export interface CitizenWithoutConsultant {
  citizenId: string;
  ref: string;
  /** Whole days since the citizen last had a consultant (or since the case was opened). */
  days: number;
}

/**
 * Active citizens of the given teams with no consultant (none, or one who has
 * left) for more than the team's noConsultantFlagDays, longest first. Since
 * when: the change that took the consultant off, the day the consultant left,
 * or else the day the citizen was added.
 */
export async function citizensWithoutConsultantByTeam(db: Db, teamIds: readonly string[], today: LocalDate): Promise<Map<string, CitizenWithoutConsultant[]>> {
  const out = new Map<string, CitizenWithoutConsultant[]>();
  if (teamIds.length === 0) return out;
  const teams = await db.team.findMany({ where: { id: { in: [...teamIds] }, noConsultantFlagDays: { not: null } }, select: { id: true, noConsultantFlagDays: true } });
  const limitOf = new Map(teams.map((t) => [t.id, t.noConsultantFlagDays]));
  if (limitOf.size === 0) return out;
  const pause = loopPauser();
  for await (const rows of pagesById((page) => withoutConsultantPage(db, [...limitOf.keys()], page.where.id?.gt, page.take))) {
    for (const c of rows) {
      await pause();
      const limit = limitOf.get(c.teamId);
      if (limit === null || limit === undefined) continue;
      const days = daysBetween(todayIn(c.since), today);
      if (days <= limit) continue;
      const list = out.get(c.teamId) ?? [];
      list.push({ citizenId: c.id, ref: c.ref, days });
      out.set(c.teamId, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => b.days - a.days || a.ref.localeCompare(b.ref));
  return out;
}

/**
 * One page (by id) of the active citizens of `teamIds` without a consultant
 * (none, or one who has left), each with since when: the day the consultant
 * left, else the latest change that took the consultant off, else the day the
 * citizen was added. One raw statement per page: nested Prisma reads joined
 * 20 000 citizens in one go (a 0.7–1.6 s stall), and three flat Prisma reads
 * per page still spent ~40 ms of JavaScript each (issue 15).
 */
export async function withoutConsultantPage(db: Db, teamIds: readonly string[], after: string | undefined, take: number) {
  return db.$queryRaw<Array<{ id: string; ref: string; teamId: string; since: Date }>>`
    SELECT c."id", c."ref", c."teamId",
      CASE WHEN c."consultantId" IS NOT NULL THEN COALESCE(s."leftAt", c."createdAt")
           ELSE COALESCE((SELECT max(cc."changedAt") FROM "ConsultantChange" cc WHERE cc."citizenId" = c."id" AND cc."toStaffId" IS NULL), c."createdAt") END AS "since"
    FROM "Citizen" c LEFT JOIN "Staff" s ON s."id" = c."consultantId"
    WHERE c."status" = 'ACTIVE' AND c."teamId" = ANY(${[...teamIds]}::text[]) AND c."id" > ${after ?? ''}
      AND (c."consultantId" IS NULL OR s."active" = false)
    ORDER BY c."id"
    LIMIT ${take}`;
}

export interface EndingMentorSupport {
  citizenId: string;
  ref: string;
  kind: MentorKind;
  endOn: LocalDate;
}

/** Looked at from today: an end this many days ahead is always within two working days' notice (Easter included). */
const LOOK_AHEAD_DAYS = 10;

/**
 * Mentor support of active citizens that ends within the reminder window
 * (endReminderDate, like a placement's planned end, through the end day), per
 * recipient: the citizen's caseworker, else the consultant, among `staffIds`.
 */
export async function endingMentorSupportByRecipient(db: Db, staffIds: readonly string[], today: LocalDate): Promise<Map<string, EndingMentorSupport[]>> {
  const out = new Map<string, EndingMentorSupport[]>();
  if (staffIds.length === 0) return out;
  const ids = [...staffIds];
  const rows = await db.mentorSupport.findMany({
    where: {
      endOn: { gte: toDbDate(today), lte: toDbDate(addDays(today, LOOK_AHEAD_DAYS)) },
      citizen: { status: 'ACTIVE', OR: [{ caseworkerId: { in: ids } }, { consultantId: { in: ids } }] },
    },
    select: {
      kind: true,
      endOn: true,
      citizen: { select: { id: true, ref: true, caseworkerId: true, consultantId: true, caseworker: { select: { active: true } } } },
    },
    orderBy: [{ endOn: 'asc' }, { citizen: { ref: 'asc' } }],
  });
  for (const r of rows) {
    if (!r.endOn) continue;
    const endOn = fromDbDate(r.endOn);
    if (compareLocalDate(endReminderDate(endOn), today) > 0) continue;
    const c = r.citizen;
    const recipient = c.caseworkerId && c.caseworker?.active ? c.caseworkerId : c.consultantId;
    if (!recipient || !ids.includes(recipient)) continue;
    const list = out.get(recipient) ?? [];
    list.push({ citizenId: c.id, ref: c.ref, kind: r.kind, endOn });
    out.set(recipient, list);
  }
  return out;
}
