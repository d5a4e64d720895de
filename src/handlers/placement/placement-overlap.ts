// A placement whose period overlaps another running placement of the same
// citizen (at another company; the same company is refused before this) is
// stored with a warning (issue 14: "overlapping placements warn"): a line in
// the reply, an audit row, and a direct message to the team's managers
// through the outbox, in the command's transaction, like a 'warn' limit
// (placement-limits.ts).
import { formatShortDateNear } from '../../domain/i18n/format.js';
import { messagesFor } from '../../domain/i18n/messages.js';
import { fromDbDate, toDbDate, type LocalDate } from '../../domain/local-date.js';
import { okReply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { enqueueDeliveries } from '../../db/outbox-queries.js';
import type { HandlerContext } from '../context.js';

export interface OverlappingPlacement {
  id: string;
  company: string;
  startOn: LocalDate;
  plannedEndOn: LocalDate;
}

/** Running placements of the citizen whose period shares a day with startOn–plannedEndOn, earliest first. */
export async function overlappingPlacements(ctx: HandlerContext, citizenId: string, startOn: LocalDate, plannedEndOn: LocalDate): Promise<OverlappingPlacement[]> {
  const rows = await ctx.db.placement.findMany({
    where: { citizenId, status: 'ACTIVE', startOn: { lte: toDbDate(plannedEndOn) }, plannedEndOn: { gte: toDbDate(startOn) } },
    orderBy: { startOn: 'asc' },
    select: { id: true, company: true, startOn: true, plannedEndOn: true },
  });
  return rows.map((p) => ({ id: p.id, company: p.company, startOn: fromDbDate(p.startOn), plannedEndOn: fromDbDate(p.plannedEndOn) }));
}

/** The reply's warning lines, one per overlapping placement, and whether managers were told. */
export function overlapLines(ctx: HandlerContext, ref: string, overlaps: readonly OverlappingPlacement[], managersTold: number): string[] {
  const shown = (d: LocalDate) => formatShortDateNear(d, ctx.t.locale, ctx.today);
  const lines = overlaps.map((o) => ctx.t.continuity.overlapWarning(ref, o.company, shown(o.startOn), shown(o.plannedEndOn)));
  return lines.length && managersTold > 0 ? [...lines, ctx.t.continuity.overlapManagersTold] : lines;
}

/** Audits the overlap and tells each manager of the team (but the one who started it); returns how many were told. */
export async function warnManagersOfOverlap(
  ctx: HandlerContext,
  citizen: { id: string; ref: string; teamId: string },
  placement: { id: string; company: string },
  overlaps: readonly OverlappingPlacement[],
): Promise<number> {
  await recordAudit(ctx.db, {
    actorId: ctx.actor.id,
    action: 'placement.overlap.warning',
    citizenId: citizen.id,
    channel: ctx.channel,
    details: { placementId: placement.id, overlaps: overlaps.map((o) => o.id).join(',') },
  });
  const managers = await ctx.db.staff.findMany({ where: { teamId: citizen.teamId, role: 'MANAGER', active: true, NOT: { id: ctx.actor.id } }, select: { id: true, locale: true } });
  const others = overlaps.map((o) => o.company).join(', ');
  await enqueueDeliveries(
    ctx.db,
    managers.map((m) => ({
      key: `placement-overlap:${placement.id}:${m.id}`,
      kind: 'placement-overlap',
      teamId: citizen.teamId,
      recipientId: m.id,
      audience: 'dm' as const,
      payload: okReply(`⚠ ${messagesFor(m.locale).continuity.managerOverlap(citizen.ref, ctx.actor.handle, placement.company, others)}`),
      citizenIds: [citizen.id],
    })),
    ctx.now,
  );
  return managers.length;
}
