// /target <metric> <number> [month] (managers) and /targets [month]:
// monthly production targets with progress and the pace still needed (seed 001, 4.3).
import { formatMonth, formatShortDate } from '../../domain/i18n/format.js';
import { compareLocalDate, startOfMonth, toDbDate, type LocalDate } from '../../domain/local-date.js';
import { parseMonth } from '../../domain/month-words.js';
import { okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { targetLine, workingDaysLeftInMonth } from '../../domain/target-progress.js';
import { parseTargetMetric, TARGET_METRIC_WORDS, wordsFor } from '../../domain/vocabulary.js';
import { TARGET_METRICS, type TargetMetric } from '../../domain/enums.js';
import { actualForMetric } from '../../db/target-queries.js';
import { recordAudit } from '../../db/audit.js';
import { checkInteger, checkWord, fail } from '../arguments.js';
import { requireTeam } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { exampleFor } from '../usage-example.js';

const MAX_TARGET = 10_000;

export async function setTarget(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'target');
  const team = requireTeam(ctx);
  if (!team.ok) return team.reply;
  if (ctx.actor.role !== 'MANAGER') return fail(t.errors.managerOnly).reply;
  const metric = checkWord(t, t.what.metric, args[0], parseTargetMetric, wordsFor(TARGET_METRIC_WORDS, t.locale), example);
  if (!metric.ok) return metric.reply;
  if (!args[1]) return fail(t.errors.missing(t.what.number), example).reply;
  const target = checkInteger(t, t.what.target, args[1], 0, MAX_TARGET);
  if (!target.ok) return target.reply;
  let month = startOfMonth(ctx.today);
  if (args[2]) {
    const parsed = parseMonth(args[2], ctx.today, 'upcoming');
    if (!parsed) return fail(t.errors.monthInvalid(args[2]), example).reply;
    month = parsed;
  }
  if (args.length > 3) return fail(t.errors.tooManyWords(args.slice(3).join(' ')), example).reply;
  return recordTarget(ctx, { metric: metric.value, target: target.value, month });
}

/** A monthly target as meant, from typed words (setTarget) or a form's values (form-submission.ts). */
export interface TargetEntry {
  metric: TargetMetric;
  target: number;
  /** The month's first day. */
  month: LocalDate;
}

/** Sets (or replaces) the team's target: managers only, this month or later; the same rules for text and forms. */
export async function recordTarget(ctx: HandlerContext, entry: TargetEntry): Promise<Reply> {
  const { t } = ctx;
  const team = requireTeam(ctx);
  if (!team.ok) return team.reply;
  if (ctx.actor.role !== 'MANAGER') return fail(t.errors.managerOnly).reply;
  const metric = { value: entry.metric };
  const checkedTarget = checkInteger(t, t.what.target, String(entry.target), 0, MAX_TARGET);
  if (!checkedTarget.ok) return checkedTarget.reply;
  const target = checkedTarget;
  const month = startOfMonth(entry.month);
  if (compareLocalDate(month, startOfMonth(ctx.today)) < 0) return fail(t.errors.targetPastMonth(formatMonth(month, t.locale))).reply;
  const key = { teamId_metric_month: { teamId: team.value, metric: metric.value, month: toDbDate(month) } };
  // Replacing a target changes what "reached" means: the reply says what it replaces.
  const previous = await ctx.db.monthlyTarget.findUnique({ where: key });
  await ctx.db.monthlyTarget.upsert({
    where: key,
    create: { teamId: team.value, metric: metric.value, month: toDbDate(month), target: target.value, setById: ctx.actor.id },
    update: { target: target.value, setById: ctx.actor.id },
  });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'target.set', channel: ctx.channel, details: { metric: metric.value, month, target: target.value, previous: previous?.target ?? null } });
  const args3 = [t.labels.targetMetric[metric.value], target.value, formatMonth(month, t.locale)] as const;
  if (previous && previous.target !== target.value) return okReply(t.entries.targetReplaced(...args3, previous.target));
  return okReply(t.targets.set(...args3));
}

export async function listTargets(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const team = requireTeam(ctx);
  if (!team.ok) return team.reply;
  let month = startOfMonth(ctx.today);
  if (args[0]) {
    const parsed = parseMonth(args[0], ctx.today);
    if (!parsed) return fail(t.errors.monthInvalid(args[0]), exampleFor(t, 'targets')).reply;
    month = parsed;
  }
  const targets = await ctx.db.monthlyTarget.findMany({ where: { teamId: team.value, month: toDbDate(month) } });
  const monthName = formatMonth(month, t.locale);
  if (targets.length === 0) return okReply(t.targets.none(monthName));

  const daysLeft = workingDaysLeftInMonth(ctx.today, month);
  const words = { line: t.reminders.targetLine, pace: t.targets.pace, reached: t.targets.reached };
  const lines: string[] = [];
  for (const metric of TARGET_METRICS) {
    const target = targets.find((x) => x.metric === metric);
    if (!target) continue;
    lines.push(targetLine(words, t.labels.targetMetric[metric], await actualForMetric(ctx.db, team.value, metric, month), target.target, daysLeft));
  }
  const blocks: ReplyBlock[] = [
    { type: 'header', text: t.targets.title(monthName) },
    { type: 'list', items: lines },
    { type: 'context', text: formatShortDate(ctx.today, t.locale) },
  ];
  return okReply(`${t.targets.title(monthName)}\n${lines.join('\n')}`, blocks);
}
