// /jobbot rules show (/jobbot regler vis): the rules in force today, each with
// its source, the next rule set if one is waiting for its date, and the ready
// sets an admin may switch to (/jobbot rules switch, rules-switch.ts); one
// rule is changed with /jobbot rules set (rules-set.ts). Everyone
// may read them; they hold no citizen data.
import type { PlacementType, TargetGroup } from '../../domain/enums.js';
import { formatShortDateNear } from '../../domain/i18n/format.js';
import { compareLocalDate } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { readyRuleSets, ruleSets, rulesFor } from '../../domain/rules/rules.js';
import type { PlacementTypeRule, TargetGroupRule } from '../../domain/rules/schema.js';
import { helpFor } from '../help.js';
import { setRule } from './rules-set.js';
import { switchRules } from './rules-switch.js';
import type { HandlerContext } from '../context.js';

const SHOW_WORDS = ['show', 'vis', 'list', 'liste'];
const SWITCH_WORDS = ['switch', 'skift', 'skift-til'];
const SET_WORDS = ['set', 'sæt', 'saet', 'ændr', 'aendr', 'change'];

export async function rulesCommand(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const [sub] = args;
  if (sub === undefined || SHOW_WORDS.includes(sub.toLowerCase())) return showRules(ctx);
  if (SWITCH_WORDS.includes(sub.toLowerCase())) return switchRules(ctx, args.slice(1));
  if (SET_WORDS.includes(sub.toLowerCase())) return setRule(ctx, args.slice(1));
  return helpFor(ctx.t, 'jobbot');
}

function showRules(ctx: HandlerContext): Reply {
  const { t } = ctx;
  const s = t.rules.show;
  const set = rulesFor(ctx.today);
  const date = (d: string) => formatShortDateNear(d, t.locale, ctx.today);
  const lines = [s.title(set.title, date(set.effectiveFrom))];
  const next = ruleSets().find((r) => compareLocalDate(r.effectiveFrom, ctx.today) > 0);
  if (next) lines.push(s.next(next.title, date(next.effectiveFrom)));
  for (const ready of readyRuleSets()) lines.push(s.ready(ready.title, ready.id));
  lines.push('', s.groups);
  for (const [group, rule] of Object.entries(set.targetGroups) as Array<[TargetGroup, TargetGroupRule]>) {
    lines.push(s.group(t.labels.targetGroup[group], rule.checkInCadenceDays, rule.openToNew, rule.source.text));
  }
  lines.push('', s.placements);
  for (const [type, rule] of Object.entries(set.placementTypes) as Array<[PlacementType, PlacementTypeRule]>) {
    lines.push(s.placement(t.labels.placementType[type], t.rules.length(rule.defaultLength), rule.followUp.firstAfterDays, rule.followUp.everyDays, rule.extensionNeedsReason));
    for (const limit of rule.limits) {
      const groups = limit.groups === 'others' ? s.others : limit.groups.map((g) => t.labels.targetGroup[g]).join(', ');
      lines.push(s.limit(groups, t.rules.length(limit.max), limit.onExceed === 'warn', limit.source.text));
    }
  }
  const norms = set.caseloadNorms;
  lines.push('', s.norms(norms.CASEWORKER.min, norms.CASEWORKER.max, norms.CONSULTANT.min, norms.CONSULTANT.max, norms.CASEWORKER.source.text));
  lines.push(s.jobResults(set.jobResults.kinds.map((k) => t.labels.outcomeKind[k]).join(', '), set.jobResults.source.text));
  lines.push('', s.change);
  return okReply(lines.join('\n'));
}
