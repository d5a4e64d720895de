// A placement's planned end against the longest length the rules allow for
// the citizen's target group: refused with the rule and its source, or, where
// the rule set says 'warn', allowed with the warning as a line of the reply.
import type { PlacementType, TargetGroup } from '../../domain/enums.js';
import { formatShortDateNear } from '../../domain/i18n/format.js';
import type { LocalDate } from '../../domain/local-date.js';
import { exceededLimit } from '../../domain/rules/rules.js';
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
