// The numbers behind /caseload, the App Home dashboard and the digests:
// one read of a set of citizens, summarised in memory (a team is hundreds of rows).
import { dueState, nextFollowUpDue } from '../domain/due-dates.js';
import type { Role, TargetGroup } from '../domain/enums.js';
import { placementOwnerId, placementSubjects, subjectKey } from '../domain/reminder-rules.js';
import { countJobResults } from './job-result-queries.js';
import { addDays, compareLocalDate, endOfMonth, fromDbDate, startOfIsoWeek, startOfMonth, type LocalDate } from '../domain/local-date.js';
import type { Db, Prisma } from './types.js';

export interface OverdueCheckIn {
  citizenId: string;
  ref: string;
  due: LocalDate;
  daysOverdue: number;
  caseworkerId: string | null;
}

export interface FollowUpDue {
  placementId: string;
  citizenId: string;
  ref: string;
  company: string;
  due: LocalDate;
  daysOverdue: number;
  /** 'ended': the planned end has passed with no extension or end registered; else a follow-up is due. */
  reason: 'followup' | 'ended';
  /** Who answers for it: the person its reminders go to, the citizen's consultant, else the caseworker (placementOwnerId). */
  consultantId: string | null;
}

export interface CaseloadFacts {
  activeCitizens: number;
  byTargetGroup: Partial<Record<TargetGroup, number>>;
  dueThisWeek: number;
  /** Check-ins whose due date has passed, oldest first. */
  overdue: OverdueCheckIn[];
  activePlacements: number;
  /** Overdue placements (see overdueOf) and follow-ups due today. */
  followUpsDue: FollowUpDue[];
  /** Overdue placements: a passed planned end or a passed follow-up (not those due today), oldest first. */
  overdueFollowUps: FollowUpDue[];
  outcomesThisMonth: number;
}

/** Whose caseload: a caseworker's own citizens, a consultant's, or a whole team. */
export type CaseloadScope = { staffId: string; as: 'caseworker' | 'consultant' } | { teamId: string };

/** A person's scope: a consultant's citizens are those they consult on, anyone else's those they are caseworker for. */
export function personScope(person: { id: string; role: string }): CaseloadScope {
  return { staffId: person.id, as: person.role === 'CONSULTANT' ? 'consultant' : 'caseworker' };
}

/** The citizens in a scope, whatever their status (add `status: 'ACTIVE'` for the active ones). */
export function citizenWhere(scope: CaseloadScope): Prisma.CitizenWhereInput {
  if ('teamId' in scope) return { teamId: scope.teamId };
  return scope.as === 'consultant' ? { consultantId: scope.staffId } : { caseworkerId: scope.staffId };
}

/** Whose result an outcome is: the team's, or the person's it is credited to (consultant or caseworker). */
export function outcomeCreditWhere(scope: CaseloadScope): Prisma.OutcomeWhereInput {
  if ('teamId' in scope) return { teamId: scope.teamId };
  return scope.as === 'consultant' ? { consultantId: scope.staffId } : { caseworkerId: scope.staffId };
}

/** Select the latest follow-up of a placement, as followUpDueOn needs it. */
export const LATEST_FOLLOW_UP = { orderBy: { heldOn: 'desc' }, take: 1, select: { heldOn: true } } satisfies Prisma.Placement$followUpsArgs;

/** When an active placement's next follow-up falls due: the cadence after the start or the latest follow-up. */
export function followUpDueOn(p: { startOn: Date; followUpCadenceDays: number; firstFollowUpDays: number | null; followUps: Array<{ heldOn: Date }> }): LocalDate {
  const latest = p.followUps[0];
  return nextFollowUpDue({ startOn: fromDbDate(p.startOn), followUpCadenceDays: p.followUpCadenceDays, firstFollowUpDays: p.firstFollowUpDays }, latest ? fromDbDate(latest.heldOn) : undefined);
}

/** What the due and overdue rules need about a citizen and their running placements (also dueBetween). */
export const OVERDUE_SELECT = {
  id: true,
  ref: true,
  nextCheckInOn: true,
  caseworkerId: true,
  consultantId: true,
  placements: {
    where: { status: 'ACTIVE' },
    select: { id: true, company: true, type: true, startOn: true, plannedEndOn: true, followUpCadenceDays: true, firstFollowUpDays: true, consultantId: true, followUps: LATEST_FOLLOW_UP },
  },
} satisfies Prisma.CitizenSelect;

export type OverdueRow = Prisma.CitizenGetPayload<{ select: typeof OVERDUE_SELECT }>;

/** A stored placement's reminder subjects (follow-up, end, three-party), from its row and latest follow-up. */
export function placementSubjectsOfRow(p: {
  id: string;
  type: string;
  startOn: Date;
  plannedEndOn: Date;
  followUpCadenceDays: number;
  firstFollowUpDays: number | null;
  followUps: ReadonlyArray<{ heldOn: Date }>;
}) {
  return placementSubjects({
    placementId: p.id,
    type: p.type,
    startOn: fromDbDate(p.startOn),
    plannedEndOn: fromDbDate(p.plannedEndOn),
    followUpCadenceDays: p.followUpCadenceDays,
    firstFollowUpDays: p.firstFollowUpDays,
    latestFollowUpOn: p.followUps[0] ? fromDbDate(p.followUps[0].heldOn) : undefined,
  });
}

/** The reminder subjects each row has now: a marked "Klaret" on one of them takes it out of "overdue". */
function subjectsOf(c: OverdueRow) {
  return {
    checkIn: c.nextCheckInOn ? subjectKey({ kind: 'checkin', citizenId: c.id, due: fromDbDate(c.nextCheckInOn) }) : undefined,
    placements: c.placements.map(placementSubjectsOfRow),
  };
}

/** The subjects among the rows' current ones that someone marked done (Klaret): one query. */
async function doneSubjects(db: Db, rows: readonly OverdueRow[]): Promise<Set<string>> {
  const keys = rows.flatMap((c) => {
    const s = subjectsOf(c);
    return [...(s.checkIn ? [s.checkIn] : []), ...s.placements.flatMap((p) => [p.end.subject, p.followup.subject])];
  });
  if (keys.length === 0) return new Set();
  const done = await db.reminderState.findMany({ where: { subject: { in: keys }, doneAt: { not: null } }, select: { subject: true } });
  return new Set(done.map((d) => d.subject));
}

/**
 * The one definition of "overdue", behind /caseload, the team overview, the
 * questions, the digest and the 1:1 summaries:
 * - a check-in is overdue when its due date has passed (due today is not yet);
 * - a running placement is overdue when its planned end has passed with no
 *   extension or end registered ('ended', as it leads the consultant's DM),
 *   else when its follow-up's due date has passed; once per placement;
 * - an occurrence someone marked **Klaret** (done) is not overdue: the person
 *   said it is handled. A new meeting or follow-up makes a new occurrence.
 * `followUpsDue` also holds follow-ups due today (not yet overdue).
 */
function overdueOf(c: OverdueRow, today: LocalDate, done: ReadonlySet<string>): { checkIn?: OverdueCheckIn; placements: FollowUpDue[]; dueToday: FollowUpDue[] } {
  const subjects = subjectsOf(c);
  let checkIn: OverdueCheckIn | undefined;
  if (c.nextCheckInOn && subjects.checkIn && !done.has(subjects.checkIn)) {
    const state = dueState(fromDbDate(c.nextCheckInOn), today);
    if (state.isOverdue) checkIn = { citizenId: c.id, ref: c.ref, due: state.due, daysOverdue: state.daysOverdue, caseworkerId: c.caseworkerId };
  }
  const placements: FollowUpDue[] = [];
  const dueToday: FollowUpDue[] = [];
  c.placements.forEach((p, i) => {
    const s = subjects.placements[i];
    if (!s) return;
    const base = { placementId: p.id, citizenId: c.id, ref: c.ref, company: p.company, consultantId: placementOwnerId(c) };
    if (compareLocalDate(s.end.due, today) < 0 && !done.has(s.end.subject)) {
      placements.push({ ...base, due: s.end.due, daysOverdue: dueState(s.end.due, today).daysOverdue, reason: 'ended' });
    } else if (!done.has(s.followup.subject) && compareLocalDate(s.followup.due, today) <= 0) {
      const item: FollowUpDue = { ...base, due: s.followup.due, daysOverdue: dueState(s.followup.due, today).daysOverdue, reason: 'followup' };
      (dueState(s.followup.due, today).isOverdue ? placements : dueToday).push(item);
    }
  });
  return { checkIn, placements, dueToday };
}

/**
 * One citizen's overdue items by the same definition (overdueOf): what the
 * citizen card marks as overdue, so it says what /caseload counts. Nothing for
 * a citizen who is not active.
 */
export async function citizenOverdue(db: Db, citizenId: string, today: LocalDate): Promise<{ checkIn?: OverdueCheckIn; placements: FollowUpDue[] }> {
  const c = await db.citizen.findFirst({ where: { id: citizenId, status: 'ACTIVE' }, select: OVERDUE_SELECT });
  if (!c) return { placements: [] };
  const { checkIn, placements } = overdueOf(c, today, await doneSubjects(db, [c]));
  return { ...(checkIn ? { checkIn } : {}), placements };
}

/** citizenOverdue for a citizen already read with at least OVERDUE_SELECT (its running placements with their latest follow-up): one statement. */
export async function citizenOverdueOfRow(db: Db, c: OverdueRow & { status: string }, today: LocalDate): Promise<{ checkIn?: OverdueCheckIn; placements: FollowUpDue[] }> {
  if (c.status !== 'ACTIVE') return { placements: [] };
  const { checkIn, placements } = overdueOf(c, today, await doneSubjects(db, [c]));
  return { ...(checkIn ? { checkIn } : {}), placements };
}

export async function caseloadFacts(db: Db, scope: CaseloadScope, today: LocalDate): Promise<CaseloadFacts> {
  const citizens = await db.citizen.findMany({
    where: { ...citizenWhere(scope), status: 'ACTIVE' },
    select: { ...OVERDUE_SELECT, targetGroup: true },
  });
  const done = await doneSubjects(db, citizens);
  return { ...summarise(citizens, done, today), outcomesThisMonth: await outcomesIn(db, scope, startOfMonth(today)) };
}

/**
 * /caseload team: the team's caseload facts and its overdue per person from
 * one read of its citizens (caseloadFacts and overdueByPerson read them once
 * each before).
 */
export async function teamCaseloadFacts(db: Db, teamId: string, today: LocalDate): Promise<{ facts: CaseloadFacts; overdue: TeamOverdue }> {
  const citizens = await db.citizen.findMany({ where: { teamId, status: 'ACTIVE' }, select: { ...OVERDUE_SELECT, targetGroup: true } });
  const done = await doneSubjects(db, citizens);
  const facts = { ...summarise(citizens, done, today), outcomesThisMonth: await outcomesIn(db, { teamId }, startOfMonth(today)) };
  const staff = await db.staff.findMany({ where: { teamId, active: true }, select: { id: true, handle: true, role: true }, orderBy: { handle: 'asc' } });
  return { facts, overdue: tallyOverdue(creditsOfItems(overdueItemsOf(citizens, today, done)), staff) };
}

function summarise(citizens: ReadonlyArray<OverdueRow & { targetGroup: TargetGroup }>, done: ReadonlySet<string>, today: LocalDate): Omit<CaseloadFacts, 'outcomesThisMonth'> {
  const weekEnd = addDays(startOfIsoWeek(today), 6);
  const byTargetGroup: CaseloadFacts['byTargetGroup'] = {};
  const overdue: OverdueCheckIn[] = [];
  const followUpsDue: CaseloadFacts['followUpsDue'] = [];
  const overdueFollowUps: FollowUpDue[] = [];
  let dueThisWeek = 0;
  let activePlacements = 0;
  for (const c of citizens) {
    byTargetGroup[c.targetGroup] = (byTargetGroup[c.targetGroup] ?? 0) + 1;
    const items = overdueOf(c, today, done);
    if (items.checkIn) overdue.push(items.checkIn);
    else if (c.nextCheckInOn && !dueState(fromDbDate(c.nextCheckInOn), today).isOverdue && compareLocalDate(fromDbDate(c.nextCheckInOn), weekEnd) <= 0) dueThisWeek++;
    activePlacements += c.placements.length;
    overdueFollowUps.push(...items.placements);
    followUpsDue.push(...items.placements, ...items.dueToday);
  }
  const byAge = (a: { daysOverdue: number; ref: string }, b: { daysOverdue: number; ref: string }) => b.daysOverdue - a.daysOverdue || a.ref.localeCompare(b.ref);
  overdue.sort(byAge);
  followUpsDue.sort(byAge);
  overdueFollowUps.sort(byAge);
  return { activeCitizens: citizens.length, byTargetGroup, dueThisWeek, overdue, activePlacements, followUpsDue, overdueFollowUps };
}

/** Results in a month (the outcomes worth celebrating; case endings are not results), credited as outcomeCreditWhere says. */
export function outcomesIn(db: Db, scope: CaseloadScope, month: LocalDate): Promise<number> {
  // Each citizen once per kind of result and month.
  return countJobResults(db, outcomeCreditWhere(scope), startOfMonth(month), endOfMonth(month));
}

export interface OverdueTally {
  /** Overdue check-ins (the caseworker's to hold). */
  checkIns: number;
  /** Overdue placement follow-ups (the consultant's to hold). */
  followUps: number;
}

export interface PersonOverdue extends OverdueTally {
  /** The staff member's id. */
  id: string;
  handle: string;
  role: Role;
  /** Active citizens of the team they have: as consultant for a consultant, as caseworker for anyone else (as /caseload @handle counts). */
  activeCitizens: number;
}

export interface TeamOverdue {
  /**
   * Every active caseworker and consultant of the team (zeros included), and
   * any other active team member something is credited to; by handle.
   */
  people: PersonOverdue[];
  /** Items nobody active in the team answers for: no caseworker or consultant, or one who has left. */
  unassigned: OverdueTally;
  /** The team's totals: the people and `unassigned` add up to these. */
  total: OverdueTally;
}

/**
 * "Overdue per person", the one tally behind the team overview and the
 * per-person ranking. A caseworker answers for the overdue check-ins of their
 * citizens; a consultant for the overdue follow-ups of the placements they
 * answer for (placementOwnerId: the citizen's consultant, else the
 * caseworker, as the reminders go). Overdue is what
 * overdueOf says (one definition everywhere). Each item is credited to
 * exactly one person or to `unassigned`, so the rows add up to the totals
 * (which are the team's caseloadFacts counts). A period keeps the items that
 * fell due in it.
 */
export async function overdueByPerson(db: Db, teamId: string, today: LocalDate, period?: { from: LocalDate; to: LocalDate }): Promise<TeamOverdue> {
  const items = await teamOverdueItems(db, teamId, today, period);
  const staff = await db.staff.findMany({ where: { teamId, active: true }, select: { id: true, handle: true, role: true }, orderBy: { handle: 'asc' } });
  return tallyOverdue(creditsOfItems(items), staff);
}

/**
 * overdueByPerson for many teams at once, in four statements however many
 * teams (the weekly digest). Check-ins and caseloads are counted per team and
 * person in SQL (reading every active citizen took a second at 30 000); only
 * the citizens with a running placement are read, for overdueOf's follow-ups,
 * with their Klaret marks; then the teams' staff.
 */
export async function overdueByPersonForTeams(db: Db, teamIds: readonly string[], today: LocalDate): Promise<Map<string, TeamOverdue>> {
  const out = new Map<string, TeamOverdue>();
  if (teamIds.length === 0) return out;
  const teams = [...teamIds];
  const creditsOf = new Map<string, OverdueCredits>(teams.map((id) => [id, emptyCredits()]));
  // overdueOf's check-in in SQL: due before today, and not marked done under its subject (subjectKey's
  // 'checkin:<citizen>:<due>'). The done subjects are joined as a set (hashed), not looked up per citizen:
  // ReminderState has no index on subject alone.
  const counted = await db.$queryRaw<Array<{ teamId: string; by: string; staffId: string | null; citizens: number; checkIns: number }>>`
    WITH done AS (SELECT DISTINCT subject FROM "ReminderState" WHERE "doneAt" IS NOT NULL AND subject LIKE 'checkin:%'),
    a AS (
      SELECT c."teamId", c."caseworkerId", c."consultantId", (c."nextCheckInOn" < ${today}::date AND d.subject IS NULL)::int AS late
      FROM "Citizen" c
      LEFT JOIN done d ON d.subject = 'checkin:' || c.id || ':' || to_char(c."nextCheckInOn", 'YYYY-MM-DD')
      WHERE c.status = 'ACTIVE' AND c."teamId" = ANY(${teams}::text[]))
    SELECT "teamId", 'caseworker' AS by, "caseworkerId" AS "staffId", count(*)::int AS citizens, sum(late)::int AS "checkIns" FROM a GROUP BY 1, 3
    UNION ALL
    SELECT "teamId", 'consultant' AS by, "consultantId" AS "staffId", count(*)::int AS citizens, 0 AS "checkIns" FROM a GROUP BY 1, 3`;
  for (const r of counted) {
    const credits = creditsOf.get(r.teamId);
    if (!credits) continue;
    bump(r.by === 'caseworker' ? credits.asCaseworker : credits.asConsultant, r.staffId, Number(r.citizens));
    if (Number(r.checkIns) > 0) credit(credits, r.staffId, 'checkIns', Number(r.checkIns));
  }
  const withPlacements = await db.citizen.findMany({
    where: { teamId: { in: teams }, status: 'ACTIVE', placements: { some: { status: 'ACTIVE' } } },
    select: { ...OVERDUE_SELECT, teamId: true },
  });
  const done = await doneSubjects(db, withPlacements);
  for (const c of withPlacements) {
    const credits = creditsOf.get(c.teamId);
    if (!credits) continue;
    for (const f of overdueOf(c, today, done).placements) credit(credits, f.consultantId, 'followUps', 1);
  }
  const staff = await db.staff.findMany({ where: { teamId: { in: teams }, active: true }, select: { id: true, handle: true, role: true, teamId: true }, orderBy: { handle: 'asc' } });
  const staffOf = new Map<string, typeof staff>(teams.map((id) => [id, []]));
  for (const s of staff) if (s.teamId) staffOf.get(s.teamId)?.push(s);
  for (const teamId of teams) out.set(teamId, tallyOverdue(creditsOf.get(teamId)!, staffOf.get(teamId) ?? []));
  return out;
}

/** A team's overdue items per person they are credited to (only people with some), and its active citizens per caseworker and per consultant. */
interface OverdueCredits {
  credited: Map<string | null, OverdueTally>;
  asCaseworker: Map<string | null, number>;
  asConsultant: Map<string | null, number>;
}

const emptyCredits = (): OverdueCredits => ({ credited: new Map(), asCaseworker: new Map(), asConsultant: new Map() });

/** A team's items (overdueItemsOf) as credits: check-ins to the caseworker, follow-ups to whom the placement's reminders go. */
function creditsOfItems({ citizens, checkIns, placements }: { citizens: readonly OverdueRow[]; checkIns: readonly OverdueCheckIn[]; placements: readonly FollowUpDue[] }): OverdueCredits {
  const credits = emptyCredits();
  for (const c of citizens) {
    bump(credits.asCaseworker, c.caseworkerId, 1);
    bump(credits.asConsultant, c.consultantId, 1);
  }
  for (const o of checkIns) credit(credits, o.caseworkerId, 'checkIns', 1);
  for (const f of placements) credit(credits, f.consultantId, 'followUps', 1);
  return credits;
}

function bump(counts: Map<string | null, number>, key: string | null, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

function credit(credits: OverdueCredits, staffId: string | null, kind: keyof OverdueTally, n: number): void {
  const tally = credits.credited.get(staffId) ?? { checkIns: 0, followUps: 0 };
  tally[kind] += n;
  credits.credited.set(staffId, tally);
}

/** Credits a team's overdue items to its active staff (sorted by handle); the rest is unassigned. */
function tallyOverdue({ credited, asCaseworker, asConsultant }: OverdueCredits, staff: ReadonlyArray<{ id: string; handle: string; role: Role }>): TeamOverdue {
  const counts = new Map(credited);
  const people: PersonOverdue[] = [];
  for (const s of staff) {
    const tally = counts.get(s.id);
    if (!tally && s.role !== 'CASEWORKER' && s.role !== 'CONSULTANT') continue;
    const activeCitizens = (s.role === 'CONSULTANT' ? asConsultant : asCaseworker).get(s.id) ?? 0;
    people.push({ id: s.id, handle: s.handle, role: s.role, activeCitizens, checkIns: tally?.checkIns ?? 0, followUps: tally?.followUps ?? 0 });
    counts.delete(s.id);
  }
  // Whatever is left is credited to nobody, or to someone no longer active in the team.
  const unassigned: OverdueTally = { checkIns: 0, followUps: 0 };
  for (const tally of counts.values()) {
    unassigned.checkIns += tally.checkIns;
    unassigned.followUps += tally.followUps;
  }
  const total: OverdueTally = {
    checkIns: people.reduce((n, p) => n + p.checkIns, unassigned.checkIns),
    followUps: people.reduce((n, p) => n + p.followUps, unassigned.followUps),
  };
  return { people, unassigned, total };
}

/**
 * A team's overdue items (overdueOf), each with whom it is credited to:
 * check-ins to the caseworker, placements to `consultantId`. A period keeps
 * the items that fell due in it. The 1:1 summaries pick a person's from these,
 * so they say what /caseload team says.
 */
export async function teamOverdueItems(
  db: Db,
  teamId: string,
  today: LocalDate,
  period?: { from: LocalDate; to: LocalDate },
): Promise<{ citizens: OverdueRow[]; checkIns: OverdueCheckIn[]; placements: FollowUpDue[] }> {
  const citizens = await db.citizen.findMany({ where: { teamId, status: 'ACTIVE' }, select: OVERDUE_SELECT });
  return overdueItemsOf(citizens, today, await doneSubjects(db, citizens), period);
}

/** The overdue items among read rows (teamOverdueItems without the reads). */
function overdueItemsOf<R extends OverdueRow>(
  citizens: R[],
  today: LocalDate,
  done: ReadonlySet<string>,
  period?: { from: LocalDate; to: LocalDate },
): { citizens: R[]; checkIns: OverdueCheckIn[]; placements: FollowUpDue[] } {
  const inPeriod = (due: LocalDate) => !period || (compareLocalDate(due, period.from) >= 0 && compareLocalDate(due, period.to) <= 0);
  const checkIns: OverdueCheckIn[] = [];
  const placements: FollowUpDue[] = [];
  for (const c of citizens) {
    const items = overdueOf(c, today, done);
    if (items.checkIn && inPeriod(items.checkIn.due)) checkIns.push(items.checkIn);
    placements.push(...items.placements.filter((p) => inPeriod(p.due)));
  }
  const byAge = (a: { daysOverdue: number; ref: string }, b: { daysOverdue: number; ref: string }) => b.daysOverdue - a.daysOverdue || a.ref.localeCompare(b.ref);
  return { citizens, checkIns: checkIns.sort(byAge), placements: placements.sort(byAge) };
}
