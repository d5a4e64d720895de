// Whether a citizen may be put in a target group today, by the rules table:
// a group left out of the rule set in force, or closed to new citizens
// (ressourceforløb from 1 Feb 2026), is refused with its rule and source.
import type { TargetGroup } from '../../domain/enums.js';
import { rulesFor, targetGroupRule } from '../../domain/rules/rules.js';
import type { TargetGroupRule } from '../../domain/rules/schema.js';
import { fail, ok, type Checked } from '../arguments.js';
import type { HandlerContext } from '../context.js';

export function checkGroupOpenToNew(ctx: HandlerContext, group: TargetGroup): Checked<TargetGroupRule> {
  const { t } = ctx;
  const rule = targetGroupRule(group, ctx.today);
  if (!rule) return fail(t.rules.groupNotInForce(t.labels.targetGroup[group], rulesFor(ctx.today).title));
  if (!rule.openToNew) return fail(t.rules.groupClosed(t.labels.targetGroup[group], rule.source.text));
  return ok(rule);
}
