// Reads behind the scheduled jobs: who gets reminders, their citizens and
// placements, snooze/done states and last week's numbers. Batched per job
// run: a handful of queries, never one per citizen.
import { addDays, compareLocalDate, daysBetween, fromDbDate, toDbDate, type LocalDate } from '../domain/local-date.js';
import type { CheckInFact, PlacementFact, SubjectState } from '../domain/reminder-rules.js';
import { THREE_PARTY_LOOKBACK_DAYS } from '../domain/reminder-rules.js';
import { CELEBRATED_OUTCOMES } from '../domain/vocabulary.js';
import type { Db, Staff, Team } from './types.js';

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
    map.set(r.subject, { snoozedUntil: r.snoozedUntil ? fromDbDate(r.snoozedUntil) : null, doneAt: r.doneAt });
    out.set(r.staffId, map);
  }
  return out;
}

/** Active citizens with a next check-in, per caseworker. */
export async function checkInFactsByCaseworker(db: Db, caseworkerIds: readonly string[]): Promise<Map<string, CheckInFact[]>> {
  const out = new Map<string, CheckInFact[]>();
  if (caseworkerIds.length === 0) return out;
  const rows = await db.citizen.findMany({
    where: { status: 'ACTIVE', caseworkerId: { in: [...caseworkerIds] }, nextCheckInOn: { not: null } },
    select: { id: true, ref: true, caseworkerId: true, nextCheckInOn: true },
  });
  for (const r of rows) {
    if (!r.caseworkerId || !r.nextCheckInOn) continue;
    out.set(r.caseworkerId, [...(out.get(r.caseworkerId) ?? []), { citizenId: r.id, ref: r.ref, due: fromDbDate(r.nextCheckInOn) }]);
  }
  return out;
}

/** Active placements per consultant, with the latest follow-up and whether a three-party meeting was held. */
export async function placementFactsByConsultant(db: Db, consultantIds: readonly string[], today: LocalDate): Promise<Map<string, PlacementFact[]>> {
  const out = new Map<string, PlacementFact[]>();
  if (consultantIds.length === 0) return out;
  const rows = await db.placement.findMany({
    where: { status: 'ACTIVE', consultantId: { in: [...consultantIds] }, citizen: { status: 'ACTIVE' } },
    select: {
      id: true,
      consultantId: true,
      company: true,
      type: true,
      startOn: true,
      plannedEndOn: true,
      followUpCadenceDays: true,
      citizen: { select: { id: true, ref: true } },
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
  for (const r of rows) {
    if (!r.consultantId) continue;
    const startOn = fromDbDate(r.startOn);
    const since = addDays(startOn, -THREE_PARTY_LOOKBACK_DAYS);
    const hasThreeParty = threeParty.some((m) => m.citizenId === r.citizen.id && compareLocalDate(fromDbDate(m.heldOn), since) >= 0);
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
      latestFollowUpOn: latest ? fromDbDate(latest.heldOn) : undefined,
      hasThreeParty,
    };
    out.set(r.consultantId, [...(out.get(r.consultantId) ?? []), fact]);
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

/** A team's numbers for [from, to] (inclusive): the digest's "last week". */
export async function teamNumbers(db: Db, teamId: string, from: LocalDate, to: LocalDate): Promise<WeekNumbers> {
  const range = { gte: toDbDate(from), lte: toDbDate(to) };
  const meetings = await db.meeting.findMany({
    where: { heldOn: range, citizen: { teamId } },
    select: { citizenId: true, heldOn: true, citizen: { select: { cadenceDays: true } } },
  });
  const citizenIds = [...new Set(meetings.map((m) => m.citizenId))];
  const earlier = citizenIds.length
    ? await db.meeting.findMany({
        where: { citizenId: { in: citizenIds }, heldOn: { lte: toDbDate(to), gte: toDbDate(addDays(from, -120)) } },
        select: { citizenId: true, heldOn: true },
      })
    : [];
  let meetingsOnTime = 0;
  for (const m of meetings) {
    const held = fromDbDate(m.heldOn);
    const previous = earlier
      .filter((e) => e.citizenId === m.citizenId && compareLocalDate(fromDbDate(e.heldOn), held) < 0)
      .map((e) => fromDbDate(e.heldOn))
      .sort()
      .pop();
    if (!previous || daysBetween(previous, held) <= m.citizen.cadenceDays) meetingsOnTime++;
  }
  const placementsStarted = await db.placement.count({ where: { startOn: range, citizen: { teamId } } });
  const outcomes = await db.outcome.count({ where: { teamId, occurredOn: range, kind: { in: [...CELEBRATED_OUTCOMES] } } });
  return { meetings: meetings.length, meetingsOnTime, placementsStarted, outcomes };
}
