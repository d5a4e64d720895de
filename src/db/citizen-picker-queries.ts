// The citizens a form's picker offers: the user's own caseload (as caseworker,
// consultant, mentor, or consultant on an active placement); a manager sees
// the team's. Refs and initials only, and the read is audit-logged like any
// other look at citizen data. A search (Slack's options load for a caseload
// too long for a static list) narrows the same caseload by what was typed;
// it never widens it.
import { fromDbDate, type LocalDate } from '../domain/local-date.js';
import { recordAudit, recordCitizensShown } from './audit.js';
import type { StaffMember } from './staff-queries.js';
import type { Db, SourceChannel } from './types.js';

export interface PickerCitizen {
  ref: string;
  initials: string | null;
}

export interface PickerSearch {
  /** Part of a reference or of the initials, any case; blank: the whole caseload. */
  query?: string;
  /** At most this many (in reference order). */
  limit?: number;
  /**
   * Record the read (default true). A search as the user types (Slack's options
   * load, per keystroke) is not audited: the picker was, once, when its form opened.
   */
  audit?: boolean;
}

export async function citizensForPicker(db: Db, actor: StaffMember, channel: SourceChannel, search: PickerSearch = {}): Promise<PickerCitizen[]> {
  if (!actor.teamId) return [];
  // A consultant also follows the citizens of the active placements they are on (reminder "Log follow-up").
  const mine = [{ caseworkerId: actor.id }, { consultantId: actor.id }, { mentorId: actor.id }, { placements: { some: { consultantId: actor.id, status: 'ACTIVE' as const } } }];
  const query = search.query?.trim();
  const matching = query
    ? [{ ref: { contains: query, mode: 'insensitive' as const } }, { initials: { contains: query, mode: 'insensitive' as const } }]
    : undefined;
  const citizens = await db.citizen.findMany({
    where: {
      teamId: actor.teamId,
      status: 'ACTIVE',
      AND: [...(actor.role === 'MANAGER' ? [] : [{ OR: mine }]), ...(matching ? [{ OR: matching }] : [])],
    },
    select: { id: true, ref: true, initials: true },
    orderBy: { ref: 'asc' },
    ...(search.limit !== undefined ? { take: search.limit } : {}),
  });
  if (search.audit !== false) {
    await recordCitizensShown(db, { actorId: actor.id, action: 'caseload.picker', channel, details: { count: citizens.length, ...(query ? { search: true } : {}) } }, citizens.map((c) => c.id));
  }
  return citizens.map(({ ref, initials }) => ({ ref, initials }));
}

/** A citizen's open sub-goals as the meeting form shows them (handlers/forms.ts FormSubGoals). */
export interface FormSubGoalRows {
  ref: string;
  goals: Array<{ number: number; text: string; deadline?: LocalDate }>;
}

/**
 * The open sub-goals of the citizen a meeting form was opened for (a reminder's
 * "Log samtale"), so the meeting can tick them off. Only for a citizen the
 * picker offers the actor; the texts shown are audit-logged like a look at the card.
 */
export async function openSubGoalsForForm(
  db: Db,
  actor: StaffMember,
  channel: SourceChannel,
  citizens: readonly PickerCitizen[],
  prefilledRef: string | undefined,
  limit: number,
): Promise<FormSubGoalRows | undefined> {
  const ref = prefilledRef?.toUpperCase();
  if (!ref || !actor.teamId || !citizens.some((c) => c.ref === ref)) return undefined;
  const citizen = await db.citizen.findUnique({
    where: { teamId_ref: { teamId: actor.teamId, ref } },
    select: { id: true, subGoals: { where: { status: 'OPEN' }, orderBy: { number: 'asc' }, take: limit, select: { number: true, text: true, deadlineOn: true } } },
  });
  if (!citizen || citizen.subGoals.length === 0) return undefined;
  await recordAudit(db, { actorId: actor.id, action: 'subgoal.form', citizenId: citizen.id, channel, details: { count: citizen.subGoals.length } });
  return { ref, goals: citizen.subGoals.map((g) => ({ number: g.number, text: g.text, ...(g.deadlineOn ? { deadline: fromDbDate(g.deadlineOn) } : {}) })) };
}
