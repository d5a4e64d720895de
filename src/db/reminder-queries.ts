// Reads behind the scheduled jobs: who gets reminders, their citizens and
// placements and snooze/done states (the digest's numbers: digest-queries.ts). Batched per job
// run, never one query per citizen; the large reads come in pages of PAGE_SIZE rows (paging.ts)
// with flat selects joined here, so no statement or Prisma materialisation stalls the event loop.
import { addDays, compareLocalDate, daysBetween, fromDbDate, toDbDate, type LocalDate } from '../domain/local-date.js';
import type { AssigneeRef, AwayContext, CheckInFact, CoverCandidate, OnBehalfOf, PlacementFact, ReminderRoute, RoutedCitizen, SubjectState } from '../domain/reminder-rules.js';
import { checkInRoute, placementRoute, subGoalSubject, THREE_PARTY_LOOKBACK_DAYS } from '../domain/reminder-rules.js';
import { loopPauser } from './event-loop.js';
import { chunks, pagesById } from './paging.js';
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

/**
 * Snooze/done states per staff member and subject. `kinds` (subject prefixes,
 * e.g. 'checkin') keeps to the subjects a job looks up: the check-in states
 * are most of the table and the placement job never reads them.
 */
export async function reminderStates(db: Db, staffIds: readonly string[], kinds?: readonly string[]): Promise<Map<string, Map<string, SubjectState>>> {
  const out = new Map<string, Map<string, SubjectState>>();
  if (staffIds.length === 0) return out;
  const where: Prisma.ReminderStateWhereInput = {
    staffId: { in: [...staffIds] },
    ...(kinds ? { OR: kinds.map((kind) => ({ subject: { startsWith: `${kind}:` } })) } : {}),
  };
  const select = { id: true, staffId: true, subject: true, snoozedUntil: true, doneAt: true, remindedCount: true, lastRemindedOn: true, escalatedOn: true } as const;
  for await (const rows of pagesById((page) => db.reminderState.findMany({ where: { ...where, ...page.where }, select, orderBy: page.orderBy, take: page.take }))) {
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
function assigneeRef(a: AssigneeRow | null | undefined) {
  return a ? { ...a, awayUntil: a.awayUntil ? fromDbDate(a.awayUntil) : null } : null;
}

/**
 * The staff rows routing needs (assignees and their covers), read flat by id as
 * pages name them and kept for the run: a nested caseworker per citizen made
 * Prisma join 30 000 rows in memory; here each staff member is read at most
 * once, and the recipients (rows of this run) not at all.
 */
class RoutingStaff {
  private readonly byId: Map<string, AssigneeRow>;
  constructor(
    private readonly db: Db,
    private readonly today: LocalDate | undefined,
    recipients: readonly Recipient[],
    /** Assignee rows a read already carries (wishes, sub-goals): not read again. */
    known: ReadonlyArray<AssigneeRow | null> = [],
  ) {
    this.byId = new Map(recipients.map((r) => [r.id, { id: r.id, handle: r.handle, active: r.active, teamId: r.teamId, awayUntil: r.awayUntil, awayCoverId: r.awayCoverId }]));
    for (const a of known) if (a) this.byId.set(a.id, a);
  }

  /** Reads the assignees in `ids` not read yet, and the covers of those away today. */
  async load(ids: ReadonlyArray<string | null>): Promise<void> {
    await this.read(ids);
    if (!this.today) return;
    const today = this.today;
    await this.read(ids.flatMap((id) => {
      const a = id ? this.byId.get(id) : undefined;
      return a?.awayCoverId && a.awayUntil && compareLocalDate(today, fromDbDate(a.awayUntil)) <= 0 ? [a.awayCoverId] : [];
    }));
  }

  get(id: string | null): AssigneeRow | null {
    return id ? (this.byId.get(id) ?? null) : null;
  }

  /** Today's absences for routing (undefined without a today, as before). */
  away(): AwayContext | undefined {
    if (!this.today) return undefined;
    return {
      today: this.today,
      cover: (id): CoverCandidate | undefined => {
        const c = this.byId.get(id);
        return c ? { id: c.id, active: c.active, teamId: c.teamId, awayUntil: c.awayUntil ? fromDbDate(c.awayUntil) : null } : undefined;
      },
    };
  }

  private async read(ids: ReadonlyArray<string | null>): Promise<void> {
    const missing = [...new Set(ids.filter((id): id is string => id !== null && !this.byId.has(id)))];
    for (const chunk of chunks(missing)) {
      const rows = await this.db.staff.findMany({ where: { id: { in: chunk } }, select: ASSIGNEE_AWAY.select });
      for (const r of rows) this.byId.set(r.id, r);
    }
  }
}

/** Today's absences for rows that carry their assignee (wishes, sub-goals): only the covers not among them are read. */
async function awayContext(db: Db, today: LocalDate, assignees: ReadonlyArray<AssigneeRow | null>, recipients: readonly Recipient[] = []): Promise<AwayContext> {
  const staff = new RoutingStaff(db, today, recipients, assignees);
  await staff.load(assignees.map((a) => a?.id ?? null));
  return staff.away()!;
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
  const away = await awayContext(db, today, rows.map((r) => r.assignee), recipients);
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
  const index = indexRecipients(recipients);
  const staff = new RoutingStaff(db, today, recipients);
  const pause = loopPauser();
  for await (const rows of pagesById((page) => checkInCitizenPage(db, recipients, today, page.where.id?.gt, page.take))) {
    await staff.load(rows.map((r) => r.caseworkerId));
    const awayToday = staff.away();
    for (const r of rows) {
      await pause();
      const route = checkInRoute({ teamId: r.teamId, caseworker: assigneeRef(staff.get(r.caseworkerId)) }, awayToday);
      deliverTo(out, index, route, (onBehalfOf) => ({ citizenId: r.id, ref: r.ref, due: r.due, ...(onBehalfOf ? { onBehalfOf } : {}) }));
    }
  }
  return out;
}

/**
 * One page (by id) of the active citizens with a next check-in that the
 * recipients may be reminded of: each caseworker's own, the managers' teams
 * whole (checkInRoute picks the orphans: caseworker left, moved or none) and,
 * with a today, those whose caseworker in a recipient's team is away.
 * Raw SQL with the id lists as two array parameters: Prisma's findMany took
 * ~60 ms of JavaScript per page building 600 parameters and mapping the rows
 * (30 pages at municipality scale; issue 15). The due date comes as text.
 */
export async function checkInCitizenPage(db: Db, recipients: readonly Recipient[], today: LocalDate | undefined, after: string | undefined, take: number) {
  const ids = recipients.map((r) => r.id);
  const teams = managerTeams(recipients);
  const recipientTeams = [...new Set(recipients.flatMap((r) => (r.teamId ? [r.teamId] : [])))];
  return db.$queryRaw<Array<{ id: string; ref: string; teamId: string; due: LocalDate; caseworkerId: string | null }>>`
    SELECT c."id", c."ref", c."teamId", to_char(c."nextCheckInOn", 'YYYY-MM-DD') AS "due", c."caseworkerId"
    FROM "Citizen" c
    WHERE c."status" = 'ACTIVE' AND c."nextCheckInOn" IS NOT NULL AND c."id" > ${after ?? ''}
      AND (c."caseworkerId" = ANY(${ids}::text[])
        OR c."teamId" = ANY(${teams}::text[])
        OR (${today ?? null}::date IS NOT NULL AND c."caseworkerId" IN (
          SELECT s."id" FROM "Staff" s WHERE s."teamId" = ANY(${recipientTeams}::text[]) AND s."active" AND s."awayUntil" >= ${today ?? null}::date)))
    ORDER BY c."id"
    LIMIT ${take}`;
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
  const away = await awayContext(db, today, rows.map((r) => r.citizen.caseworker), recipients);
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
  const index = indexRecipients(recipients);
  const staff = new RoutingStaff(db, today, recipients);
  const pause = loopPauser();
  for await (const rows of pagesById((page) => placementPage(db, recipients, today, page.where.id?.gt, page.take))) {
    // The page carries its citizens' columns (one join in SQL; nested Prisma selects joined every row in memory at once).
    const citizenIds = [...new Set(rows.map((r) => r.citizenId))];
    const citizens = new Map(rows.map((r) => [r.citizenId, { id: r.citizenId, ref: r.ref, teamId: r.teamId, caseworkerId: r.caseworkerId, consultantId: r.consultantId }]));
    await staff.load([...citizens.values()].flatMap((c) => [c.consultantId, c.caseworkerId]));
    // The latest follow-up of each placement: its date is the largest heldOn.
    const latest = await db.placementFollowUp.groupBy({ by: ['placementId'], where: { placementId: { in: rows.map((r) => r.id) } }, _max: { heldOn: true } });
    const latestOn = new Map(latest.map((f) => [f.placementId, f._max.heldOn]));
    const threeParty = await db.meeting.findMany({
      where: { citizenId: { in: citizenIds }, kind: 'THREE_PARTY', heldOn: { lte: toDbDate(today) } },
      select: { citizenId: true, heldOn: true },
    });
    const hours = await db.outcome.findMany({
      where: { citizenId: { in: citizenIds }, kind: 'ORDINARY_HOURS', weeklyHours: { not: null }, occurredOn: { lte: toDbDate(today) } },
      select: { citizenId: true, weeklyHours: true },
      orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }],
    });
    const hoursOf = groupBy(hours, (h) => h.citizenId, (h) => Number(h.weeklyHours));
    // Per citizen, so each placement looks only at its own citizen's meetings (not every meeting once per placement).
    const threePartyOn = groupBy(threeParty, (m) => m.citizenId, (m) => fromDbDate(m.heldOn));
    const awayToday = staff.away();
    for (const r of rows) {
      await pause();
      const citizen = citizens.get(r.citizenId)!;
      const startOn = r.startOn;
      const since = addDays(startOn, -THREE_PARTY_LOOKBACK_DAYS);
      const hasThreeParty = (threePartyOn.get(citizen.id) ?? []).some((heldOn) => compareLocalDate(heldOn, since) >= 0);
      const latestHeldOn = latestOn.get(r.id);
      const fact: PlacementFact = {
        placementId: r.id,
        citizenId: citizen.id,
        ref: citizen.ref,
        company: r.company,
        type: r.type,
        startOn,
        plannedEndOn: r.plannedEndOn,
        followUpCadenceDays: r.followUpCadenceDays,
        firstFollowUpDays: r.firstFollowUpDays,
        latestFollowUpOn: latestHeldOn ? fromDbDate(latestHeldOn) : undefined,
        hasThreeParty,
        ...(hoursOf.has(citizen.id) ? { hoursSeries: hoursOf.get(citizen.id) } : {}),
      };
      const routed = { teamId: citizen.teamId, caseworker: assigneeRef(staff.get(citizen.caseworkerId)), consultant: assigneeRef(staff.get(citizen.consultantId)) };
      deliverTo(out, index, placementRoute(routed, awayToday), (onBehalfOf) => (onBehalfOf ? { ...fact, onBehalfOf } : fact));
    }
  }
  return out;
}

/**
 * One page (by placement id) of the active placements of active citizens that
 * the recipients may be reminded of, with the citizen's columns: the
 * citizen's consultant (else caseworker) among the recipients or away in a
 * recipient's team, and the managers' teams whole (placementRoute picks the
 * orphans). Raw SQL, ids as array parameters, dates as text: Prisma's
 * findMany plus a second read for the citizens spent ~100 ms of JavaScript
 * per page (issue 15).
 */
export async function placementPage(db: Db, recipients: readonly Recipient[], today: LocalDate, after: string | undefined, take: number) {
  const ids = recipients.map((r) => r.id);
  const teams = managerTeams(recipients);
  const recipientTeams = [...new Set(recipients.flatMap((r) => (r.teamId ? [r.teamId] : [])))];
  return db.$queryRaw<
    Array<{
      id: string;
      citizenId: string;
      company: string;
      type: PlacementFact['type'];
      startOn: LocalDate;
      plannedEndOn: LocalDate;
      followUpCadenceDays: number;
      firstFollowUpDays: number | null;
      ref: string;
      teamId: string;
      caseworkerId: string | null;
      consultantId: string | null;
    }>
  >`
    WITH away AS (SELECT s."id" FROM "Staff" s WHERE s."teamId" = ANY(${recipientTeams}::text[]) AND s."active" AND s."awayUntil" >= ${today}::date)
    SELECT p."id", p."citizenId", p."company", p."type"::text AS "type", to_char(p."startOn", 'YYYY-MM-DD') AS "startOn", to_char(p."plannedEndOn", 'YYYY-MM-DD') AS "plannedEndOn",
      p."followUpCadenceDays", p."firstFollowUpDays", c."ref", c."teamId", c."caseworkerId", c."consultantId"
    -- Each placement's citizen by its key, in placement id order (OFFSET 0 keeps the planner from turning this
    -- into a hash join over every citizen, ~150 ms for the first page at 30 000 citizens).
    FROM "Placement" p CROSS JOIN LATERAL (SELECT * FROM "Citizen" c WHERE c."id" = p."citizenId" OFFSET 0) c
    WHERE p."status" = 'ACTIVE' AND c."status" = 'ACTIVE' AND p."id" > ${after ?? ''}
      AND (c."consultantId" = ANY(${ids}::text[])
        OR (c."consultantId" IS NULL AND c."caseworkerId" = ANY(${ids}::text[]))
        OR c."teamId" = ANY(${teams}::text[])
        OR c."consultantId" IN (SELECT "id" FROM away)
        OR (c."consultantId" IS NULL AND c."caseworkerId" IN (SELECT "id" FROM away)))
    ORDER BY p."id"
    LIMIT ${take}`;
}

export interface WeekNumbers {
  meetings: number;
  /** Meetings held within the citizen's cadence after the previous meeting (or the first meeting). */
  meetingsOnTime: number;
  placementsStarted: number;
  outcomes: number;
}
