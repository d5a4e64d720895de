// A placement's planned end against the longest length the rules allow for
// the citizen's target group: refused with the rule and its source, or, where
// the rule set says 'warn', allowed with the warning as a line of the reply
// and a direct message to the team's managers.
import type { PlacementType, TargetGroup } from '../../domain/enums.js';
import { formatShortDateNear } from '../../domain/i18n/format.js';
import { messagesFor } from '../../domain/i18n/messages.js';
import type { LocalDate } from '../../domain/local-date.js';
import { okReply } from '../../domain/reply.js';
import { exceededLimit } from '../../domain/rules/rules.js';
import { recordAudit } from '../../db/audit.js';
import { enqueueDeliveries } from '../../db/outbox-queries.js';
import { fail, ok, type Checked } from '../arguments.js';
import type { HandlerContext } from '../context.js';

/** ok(undefined): within the rules; ok(text): over, stored with this warning; fail: over, refused. */
export function checkPlacementLimit(ctx: HandlerContext, p: { type: PlacementType; group: TargetGroup; startOn: LocalDate; plannedEndOn: LocalDate }): Checked<string | undefined> {
  const { t } = ctx;
  const over = exceededLimit(p.type, p.group, p.startOn, p.plannedEndOn);
  if (!over) return ok(undefined);
  const args = [
    t.labels.placementType[p.type],
    t.labels.targetGroup[p.group],
    t.rules.length(over.limit.max),
    formatShortDateNear(over.latestEnd, t.locale, ctx.today),
    over.limit.source.text,
  ] as const;
  return over.limit.onExceed === 'warn' ? ok(`⚠ ${t.rules.overMaxWarning(...args)}`) : fail(t.rules.overMax(...args));
}

/**
 * A placement stored over the maximum ('warn'): audited, and each manager of
 * the citizen's team gets a direct message through the outbox, in the same
 * transaction as the placement (an error reply sends nothing).
 */
export async function warnManagersOfLimit(
  ctx: HandlerContext,
  citizen: { id: string; ref: string; teamId: string },
  placement: { id: string; type: PlacementType; plannedEndOn: LocalDate },
): Promise<void> {
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'placement.limit.warning', citizenId: citizen.id, channel: ctx.channel, details: { placementId: placement.id } });
  const managers = await ctx.db.staff.findMany({ where: { teamId: citizen.teamId, role: 'MANAGER', active: true, NOT: { id: ctx.actor.id } }, select: { id: true, locale: true } });
  await enqueueDeliveries(
    ctx.db,
    managers.map((m) => {
      const mt = messagesFor(m.locale);
      const end = formatShortDateNear(placement.plannedEndOn, mt.locale, ctx.today);
      return {
        key: `placement-limit:${placement.id}:${placement.plannedEndOn}:${m.id}`,
        kind: 'placement-limit',
        teamId: citizen.teamId,
        recipientId: m.id,
        audience: 'dm' as const,
        payload: okReply(`⚠ ${mt.rules.managerWarning(citizen.ref, ctx.actor.handle, mt.labels.placementType[placement.type], end)}`),
        citizenIds: [citizen.id],
      };
    }),
    ctx.now,
  );
}
