// Reads behind the scheduled jobs: who gets reminders, their citizens and
// placements and snooze/done states (the digest's numbers: digest-queries.ts). Batched per job
// run: a handful of queries, never one per citizen.
import { addDays, compareLocalDate, daysBetween, fromDbDate, toDbDate, type LocalDate } from '../domain/local-date.js';
import type { AssigneeRef, AwayContext, CheckInFact, CoverCandidate, OnBehalfOf, PlacementFact, ReminderRoute, RoutedCitizen, SubjectState } from '../domain/reminder-rules.js';
import { checkInRoute, placementRoute, subGoalSubject, THREE_PARTY_LOOKBACK_DAYS } from '../domain/reminder-rules.js';
import { loopPauser } from './event-loop.js';
import type { Db, Prisma, Staff, Team } from './types.js';

export type Recipient = Staff & { team: Team | null };

/** Active staff on a team; leave (awayUntil) is decided by the caller against its own today. */
export function activeTeamStaff(db: Db, roles?: ReadonlyArray<Staff['role']>): Promise<Recipient[]> {
  return db.staff.findMany({
    where: { active: true, teamId: { not: null }, ...(roles ? { role: { in: [...roles] } } : {}) },
    include: { team: true },
    orderBy: { handle: 'asc' },
  });
}

export function awayUntilOf(staff: Pick<Staff, 'awayUntil'>): LocalDate | null {
  return staff.awayUntil ? fromDbDate(staff.awayUntil) : null;
}

/** Snooze/done states per staff member and subject. */
export async function reminderStates(db: Db, staffIds: readonly string[]): Promise<Map<string, Map<string, SubjectState>>> {
  const out = new Map<string, Map<string, SubjectState>>();
  if (staffIds.length === 0) return out;
  const rows = await db.reminderState.findMany({ where: { staffId: { in: [...staffIds] } } });
  for (const r of rows) {
    const map = out.get(r.staffId) ?? new Map<string, SubjectState>();
    map.set(r.subject, {
      snoozedUntil: r.snoozedUntil ? fromDbDate(r.snoozedUntil) : null,
      doneAt: r.doneAt,
      remindedCount: r.remindedCount,
      lastRemindedOn: r.lastRemindedOn ? fromDbDate(r.lastRemindedOn) : null,
      escalatedOn: r.escalatedOn ? fromDbDate(r.escalatedOn) : null,
    });
    out.set(r.staffId, map);
  }
  return out;
}

const ASSIGNEE = { select: { id: true, handle: true, active: true, teamId: true } } as const;
export const ASSIGNEE_AWAY = { select: { id: true, handle: true, active: true, teamId: true, awayUntil: true, awayCoverId: true } } as const;

/** What the routing rules (checkInRoute, placementRoute) need to know about one citizen. */
export function citizenRouting(db: Db, citizenId: string): Promise<RoutedCitizen> {
  return db.citizen.findUniqueOrThrow({ where: { id: citizenId }, select: { teamId: true, caseworker: ASSIGNEE, consultant: ASSIGNEE } });
}

type AssigneeRow = { id: string; handle: string; active: boolean; teamId: string | null; awayUntil: Date | null; awayCoverId: string | null };

/** An assignee row as the routing rules take it (dates as local dates). */
function assigneeRef(a: AssigneeRow | null) {
  return a ? { ...a, awayUntil: a.awayUntil ? fromDbDate(a.awayUntil) : null } : null;
}

/** Today's absences for routing: the colleagues named as cover by the assignees in `rows` (one query). */
async function awayContext(db: Db, today: LocalDate, assignees: ReadonlyArray<AssigneeRow | null>): Promise<AwayContext> {
  const ids = [...new Set(assignees.flatMap((a) => (a?.awayCoverId && a.awayUntil && compareLocalDate(today, fromDbDate(a.awayUntil)) <= 0 ? [a.awayCoverId] : [])))];
  const covers = ids.length ? await db.staff.findMany({ where: { id: { in: ids } }, select: { id: true, active: true, teamId: true, awayUntil: true } }) : [];
  const byId = new Map<string, CoverCandidate>(covers.map((c) => [c.id, { ...c, awayUntil: c.awayUntil ? fromDbDate(c.awayUntil) : null }]));
  return { today, cover: (id) => byId.get(id) };
}

/** Citizens of the recipients' teams whose `who` is away today: their reminders go to a cover or the managers. */
function awayIn(recipients: readonly Recipient[], today: LocalDate): Prisma.StaffWhereInput & { teamId: { in: string[] } } {
  return { teamId: { in: [...new Set(recipients.flatMap((r) => (r.teamId ? [r.teamId] : [])))] }, active: true, awayUntil: { gte: toDbDate(today) } };
}

/** Managers among the recipients: they take the reminders of citizens whose person left (see checkInRoute). */
export function managerTeams(recipients: readonly Recipient[]): string[] {
  return [...new Set(recipients.filter((r) => r.role === 'MANAGER' && r.teamId).map((r) => r.teamId as string))];
}

// Orphans (the assignee left, moved team or is missing) are not selected in SQL: a condition per
// team became one LEFT JOIN per team (1.1 s at 50 teams and 30 000 citizens). The managers' teams are
// read whole and the routing rules, which decide anyway, hand each row to its recipient.

/** Hands a routed item to its recipients among `recipients`: the assignee (or their cover), or every manager of the citizen's team. */
function deliverTo<T>(out: Map<string, T[]>, recipients: RecipientIndex, route: ReminderRoute, item: (onBehalfOf?: OnBehalfOf) => T): void {
  const add = (staffId: string) => {
    const list = out.get(staffId);
    if (list) list.push(item(route.onBehalfOf));
    else out.set(staffId, [item(route.onBehalfOf)]);
  };
  if (route.to === 'assignee') {
    if (recipients.ids.has(route.staffId)) add(route.staffId);
    return;
  }
  for (const managerId of recipients.managersByTeam.get(route.teamId) ?? []) add(managerId);
}

/** Values by key, in the items' order (Map.groupBy needs Node 21). */
function groupBy<T, K, V>(items: readonly T[], key: (item: T) => K, value: (item: T) => V): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(value(item));
    else out.set(key(item), [value(item)]);
  }
  return out;
}

/** The recipients indexed once per run, not searched once per citizen (850 staff × 30 000 citizens). */
interface RecipientIndex {
  ids: ReadonlySet<string>;
  managersByTeam: ReadonlyMap<string, readonly string[]>;
}

function indexRecipients(recipients: readonly Recipient[]): RecipientIndex {
  const managers = recipients.filter((r): r is Recipient & { teamId: string } => r.role === 'MANAGER' && r.teamId !== null);
  const managersByTeam = groupBy(managers, (r) => r.teamId, (r) => r.id);
  return { ids: new Set(recipients.map((r) => r.id)), managersByTeam };
}

/**
 * Items routed by one assignee each (the rules in reminder-rules.ts decide;
 * absence and cover considered today), per recipient among `recipients`: the
 * same hand-out as the check-in and placement reminders, for other lists
 * (a company's wishes, wishesToContactByRecipient). A null route: nobody.
 */
export async function deliverRouted<T>(
  db: Db,
  recipients: readonly Recipient[],
  today: LocalDate,
  rows: ReadonlyArray<{ assignee: AssigneeRow; route: (assignee: AssigneeRef, away: AwayContext) => ReminderRoute | null; item: (onBehalfOf?: OnBehalfOf) => T }>,
): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>();
  if (recipients.length === 0 || rows.length === 0) return out;
  const index = indexRecipients(recipients);
  const away = await awayContext(db, today, rows.map((r) => r.assignee));
  for (const r of rows) {
    const route = r.route(assigneeRef(r.assignee)!, away);
    if (route) deliverTo(out, index, route, r.item);
  }
  return out;
}

/** Colleagues each recipient covers today (away, same team, named as cover): their citizens are the cover's to open too (access.ts). */
export async function coveredToday(db: Db, recipients: readonly Recipient[], today: LocalDate): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (recipients.length === 0) return out;
  const teamOf = new Map(recipients.map((r) => [r.id, r.teamId]));
  const rows = await db.staff.findMany({
    where: { awayCoverId: { in: [...teamOf.keys()] }, active: true, awayUntil: { gte: toDbDate(today) } },
    select: { id: true, teamId: true, awayCoverId: true },
  });
  for (const r of rows) {
    if (!r.awayCoverId || r.teamId === null || teamOf.get(r.awayCoverId) !== r.teamId) continue;
    out.set(r.awayCoverId, [...(out.get(r.awayCoverId) ?? []), r.id]);
  }
  return out;
}

/**
 * Active citizens with a next check-in, per recipient: each caseworker's own
 * citizens, and for managers the citizens of their team whose caseworker left
 * or who have none (labelled with onBehalfOf).
 */
export async function checkInFactsByRecipient(db: Db, recipients: readonly Recipient[], today?: LocalDate): Promise<Map<string, CheckInFact[]>> {
  const out = new Map<string, CheckInFact[]>();
  if (recipients.length === 0) return out;
  const teams = managerTeams(recipients);
  const rows = await db.citizen.findMany({
    where: {
      status: 'ACTIVE',
      nextCheckInOn: { not: null },
      OR: [
        { caseworkerId: { in: recipients.map((r) => r.id) } },
        // A manager's teams whole: checkInRoute picks the orphans (caseworker left, moved or none) in memory.
        ...(teams.length ? [{ teamId: { in: teams } }] : []),
        ...(today ? [{ caseworker: awayIn(recipients, today) }] : []),
      ],
    },
    select: { id: true, ref: true, teamId: true, nextCheckInOn: true, caseworker: ASSIGNEE_AWAY },
  });
  const index = indexRecipients(recipients);
  const away = today ? await awayContext(db, today, rows.map((r) => r.caseworker)) : undefined;
  const pause = loopPauser();
  for (const r of rows) {
    await pause();
    if (!r.nextCheckInOn) continue;
    const due = fromDbDate(r.nextCheckInOn);
    const route = checkInRoute({ teamId: r.teamId, caseworker: assigneeRef(r.caseworker) }, away);
    deliverTo(out, index, route, (onBehalfOf) => ({ citizenId: r.id, ref: r.ref, due, ...(onBehalfOf ? { onBehalfOf } : {}) }));
  }
  return out;
}

/** An open sub-goal past its deadline, as a morning list names it. */
export interface OverdueSubGoal {
  citizenId: string;
  ref: string;
  number: number;
  daysOverdue: number;
  /** One per deadline (reminder-rules.ts subGoalSubject): counted for repetition like a check-in. */
  subject: string;
  onBehalfOf?: OnBehalfOf;
}

/**
 * Open sub-goals past their deadline per recipient, oldest deadline first,
 * routed like check-ins (checkInRoute): the citizen's caseworker, their cover
 * while they are away, else the team's managers, labelled with whom it was for.
 */
export async function overdueSubGoalsByRecipient(db: Db, recipients: readonly Recipient[], today: LocalDate): Promise<Map<string, OverdueSubGoal[]>> {
  const out = new Map<string, OverdueSubGoal[]>();
  if (recipients.length === 0) return out;
  const teams = managerTeams(recipients);
  const rows = await db.subGoal.findMany({
    where: {
      status: 'OPEN',
      deadlineOn: { lt: toDbDate(today) },
      citizen: {
        status: 'ACTIVE',
        OR: [
          { caseworkerId: { in: recipients.map((r) => r.id) } },
          // A manager's teams whole: checkInRoute picks the orphans in memory.
          ...(teams.length ? [{ teamId: { in: teams } }] : []),
          { caseworker: awayIn(recipients, today) },
        ],
      },
    },
    select: { number: true, deadlineOn: true, citizen: { select: { id: true, ref: true, teamId: true, caseworker: ASSIGNEE_AWAY } } },
    orderBy: [{ deadlineOn: 'asc' }, { number: 'asc' }],
  });
  const index = indexRecipients(recipients);
  const away = await awayContext(db, today, rows.map((r) => r.citizen.caseworker));
  for (const r of rows) {
    if (!r.deadlineOn) continue;
    const deadline = fromDbDate(r.deadlineOn);
    const goal = { citizenId: r.citizen.id, ref: r.citizen.ref, number: r.number, daysOverdue: daysBetween(deadline, today), subject: subGoalSubject(r.citizen.id, r.number, deadline) };
    const route = checkInRoute({ teamId: r.citizen.teamId, caseworker: assigneeRef(r.citizen.caseworker) }, away);
    deliverTo(out, index, route, (onBehalfOf) => (onBehalfOf ? { ...goal, onBehalfOf } : goal));
  }
  return out;
}

/**
 * Active placements per recipient, with the latest follow-up and whether a
 * three-party meeting was held. The recipient is decided by the citizen's
 * current consultant (falling back to the caseworker), never by the
 * placement's consultantId: reminders go only to people who may open the
 * citizen (see placementRoute).
 */
export async function placementFactsByRecipient(db: Db, recipients: readonly Recipient[], today: LocalDate): Promise<Map<string, PlacementFact[]>> {
  const out = new Map<string, PlacementFact[]>();
  if (recipients.length === 0) return out;
  const ids = recipients.map((r) => r.id);
  const teams = managerTeams(recipients);
  const rows = await db.placement.findMany({
    where: {
      status: 'ACTIVE',
      citizen: {
        status: 'ACTIVE',
        OR: [
          { consultantId: { in: ids } },
          { consultantId: null, caseworkerId: { in: ids } },
          // A manager's teams whole: placementRoute picks the orphans in memory.
          ...(teams.length ? [{ teamId: { in: teams } }] : []),
          { consultant: awayIn(recipients, today) },
          { consultantId: null, caseworker: awayIn(recipients, today) },
        ],
      },
    },
    select: {
      id: true,
      company: true,
      type: true,
      startOn: true,
      plannedEndOn: true,
      followUpCadenceDays: true,
      firstFollowUpDays: true,
      citizen: { select: { id: true, ref: true, teamId: true, caseworker: ASSIGNEE_AWAY, consultant: ASSIGNEE_AWAY } },
      followUps: { orderBy: { heldOn: 'desc' }, take: 1, select: { heldOn: true } },
    },
  });
  const citizenIds = [...new Set(rows.map((r) => r.citizen.id))];
  const threeParty = citizenIds.length
    ? await db.meeting.findMany({
        where: { citizenId: { in: citizenIds }, kind: 'THREE_PARTY', heldOn: { lte: toDbDate(today) } },
        select: { citizenId: true, heldOn: true },
      })
    : [];
  const hours = citizenIds.length
    ? await db.outcome.findMany({
        where: { citizenId: { in: citizenIds }, kind: 'ORDINARY_HOURS', weeklyHours: { not: null }, occurredOn: { lte: toDbDate(today) } },
        select: { citizenId: true, weeklyHours: true },
        orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }],
      })
    : [];
  const hoursOf = groupBy(hours, (h) => h.citizenId, (h) => Number(h.weeklyHours));
  // Per citizen, so each placement looks only at its own citizen's meetings (not every meeting once per placement).
  const threePartyOn = groupBy(threeParty, (m) => m.citizenId, (m) => fromDbDate(m.heldOn));
  const index = indexRecipients(recipients);
  const away = await awayContext(db, today, rows.flatMap((r) => [r.citizen.consultant, r.citizen.caseworker]));
  const pause = loopPauser();
  for (const r of rows) {
    await pause();
    const startOn = fromDbDate(r.startOn);
    const since = addDays(startOn, -THREE_PARTY_LOOKBACK_DAYS);
    const hasThreeParty = (threePartyOn.get(r.citizen.id) ?? []).some((heldOn) => compareLocalDate(heldOn, since) >= 0);
    const latest = r.followUps[0];
    const fact: PlacementFact = {
      placementId: r.id,
      citizenId: r.citizen.id,
      ref: r.citizen.ref,
      company: r.company,
      type: r.type,
      startOn,
      plannedEndOn: fromDbDate(r.plannedEndOn),
      followUpCadenceDays: r.followUpCadenceDays,
      firstFollowUpDays: r.firstFollowUpDays,
      latestFollowUpOn: latest ? fromDbDate(latest.heldOn) : undefined,
      hasThreeParty,
      ...(hoursOf.has(r.citizen.id) ? { hoursSeries: hoursOf.get(r.citizen.id) } : {}),
    };
    const routed = { teamId: r.citizen.teamId, caseworker: assigneeRef(r.citizen.caseworker), consultant: assigneeRef(r.citizen.consultant) };
    deliverTo(out, index, placementRoute(routed, away), (onBehalfOf) => (onBehalfOf ? { ...fact, onBehalfOf } : fact));
  }
  return out;
}

export interface WeekNumbers {
  meetings: number;
  /** Meetings held within the citizen's cadence after the previous meeting (or the first meeting). */
  meetingsOnTime: number;
  placementsStarted: number;
  outcomes: number;
}
