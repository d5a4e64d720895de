// The citizens a form's picker offers: the user's own caseload (as caseworker,
// consultant, mentor, or consultant on an active placement); a manager sees
// the team's. Refs and initials only, and the read is audit-logged like any
// other look at citizen data.
import { recordAudit } from './audit.js';
import type { StaffMember } from './staff-queries.js';
import type { Db, SourceChannel } from './types.js';

export interface PickerCitizen {
  ref: string;
  initials: string | null;
}

export async function citizensForPicker(db: Db, actor: StaffMember, channel: SourceChannel): Promise<PickerCitizen[]> {
  if (!actor.teamId) return [];
  // A consultant also follows the citizens of the active placements they are on (reminder "Log follow-up").
  const mine = [{ caseworkerId: actor.id }, { consultantId: actor.id }, { mentorId: actor.id }, { placements: { some: { consultantId: actor.id, status: 'ACTIVE' as const } } }];
  const citizens = await db.citizen.findMany({
    where: { teamId: actor.teamId, status: 'ACTIVE', ...(actor.role === 'MANAGER' ? {} : { OR: mine }) },
    select: { ref: true, initials: true },
    orderBy: { ref: 'asc' },
  });
  await recordAudit(db, { actorId: actor.id, action: 'caseload.picker', channel, details: { count: citizens.length } });
  return citizens;
}
