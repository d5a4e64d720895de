// The citizens a form's picker offers: the user's own caseload (as caseworker,
// consultant, mentor, or consultant on an active placement); a manager sees
// the team's. Refs and initials only, and the read is audit-logged like any
// other look at citizen data. A search (Slack's options load for a caseload
// too long for a static list) narrows the same caseload by what was typed;
// it never widens it.
import { recordCitizensShown } from './audit.js';
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
