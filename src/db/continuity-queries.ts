// Continuity for the morning lists (issue 14): citizens who have gone without
// a consultant for longer than their team allows (to the team's managers),
// and mentor support about to end (to the citizen's caseworker, else the
// consultant), from two working days before the end until the end day.
import type { MentorKind } from '../domain/enums.js';
import { addDays, compareLocalDate, daysBetween, fromDbDate, todayIn, toDbDate, type LocalDate } from '../domain/local-date.js';
import { endReminderDate } from '../domain/reminder-rules.js';
import { loopPauser } from './event-loop.js';
import { pagesById } from './paging.js';
import type { Db, Prisma } from './types.js';

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
  // Flat reads in pages, joined here: with nested team, consultant and latest change per citizen,
  // Prisma read and joined 20 000 citizens and their changes in one go (a 0.7–1.6 s stall at 30 000 citizens).
  const teams = await db.team.findMany({ where: { id: { in: [...teamIds] }, noConsultantFlagDays: { not: null } }, select: { id: true, noConsultantFlagDays: true } });
  const limitOf = new Map(teams.map((t) => [t.id, t.noConsultantFlagDays]));
  if (limitOf.size === 0) return out;
  const where: Prisma.CitizenWhereInput = { status: 'ACTIVE', teamId: { in: [...limitOf.keys()] }, OR: [{ consultantId: null }, { consultant: { active: false } }] };
  const select = { id: true, ref: true, teamId: true, createdAt: true, consultantId: true } as const;
  const pause = loopPauser();
  for await (const rows of pagesById((page) => db.citizen.findMany({ where: { ...where, ...page.where }, select, orderBy: page.orderBy, take: page.take }))) {
    const consultantIds = [...new Set(rows.flatMap((c) => (c.consultantId ? [c.consultantId] : [])))];
    const leftAt = new Map(
      consultantIds.length ? (await db.staff.findMany({ where: { id: { in: consultantIds } }, select: { id: true, leftAt: true } })).map((s) => [s.id, s.leftAt]) : [],
    );
    // When each citizen without a consultant last had one taken off: the latest such change.
    const withoutIds = rows.filter((c) => !c.consultantId).map((c) => c.id);
    const lastTakenOff = new Map(
      withoutIds.length
        ? (await db.consultantChange.groupBy({ by: ['citizenId'], where: { citizenId: { in: withoutIds }, toStaffId: null }, _max: { changedAt: true } })).map((g) => [g.citizenId, g._max.changedAt])
        : [],
    );
    for (const c of rows) {
      await pause();
      const limit = limitOf.get(c.teamId);
      if (limit === null || limit === undefined) continue;
      const since = c.consultantId ? (leftAt.get(c.consultantId) ?? c.createdAt) : (lastTakenOff.get(c.id) ?? c.createdAt);
      const days = daysBetween(todayIn(since), today);
      if (days <= limit) continue;
      const list = out.get(c.teamId) ?? [];
      list.push({ citizenId: c.id, ref: c.ref, days });
      out.set(c.teamId, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => b.days - a.days || a.ref.localeCompare(b.ref));
  return out;
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
