// /target <metric> <number> [@person] [month] (managers) and /targets [month]:
// monthly production targets with progress and the pace still needed (seed 001, 4.3).
import { formatMonth, formatShortDate } from '../../domain/i18n/format.js';
import { compareLocalDate, startOfMonth, toDbDate, type LocalDate } from '../../domain/local-date.js';
import { parseMonth } from '../../domain/month-words.js';
import { okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { targetLine, workingDaysLeftInMonth } from '../../domain/target-progress.js';
import { parseTargetMetric, TARGET_METRIC_WORDS, wordsFor } from '../../domain/vocabulary.js';
import type { TargetMetric } from '../../domain/enums.js';
import { monthTargets } from '../../db/month-target-queries.js';
import type { StaffMember } from '../../db/staff-queries.js';
import { recordAudit } from '../../db/audit.js';
import { checkInteger, checkTeamMember, checkWord, fail } from '../arguments.js';
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
  // After the number, in any order: one @person (a target of their own) and one month.
  const rest = args.slice(2);
  const people = rest.filter(isPersonWord);
  const others = rest.filter((a) => !isPersonWord(a));
  if (people.length > 1) return fail(t.pipeline.twoPeople, example).reply;
  let month = startOfMonth(ctx.today);
  if (others[0]) {
    const parsed = parseMonth(others[0], ctx.today, 'upcoming');
    if (!parsed) return fail(t.errors.monthInvalid(others[0]), example).reply;
    month = parsed;
  }
  if (others.length > 1) return fail(t.errors.tooManyWords(others.slice(1).join(' ')), example).reply;
  let person: StaffMember | undefined;
  if (people[0]) {
    const checked = await checkTeamMember(ctx, people[0]);
    if (!checked.ok) return checked.reply;
    person = checked.value;
  }
  return recordTarget(ctx, { metric: metric.value, target: target.value, month, person });
}

/** "@anne" or a Slack mention: the person a target is for. */
function isPersonWord(word: string): boolean {
  return word.startsWith('@') || word.startsWith('<@');
}

/** A monthly target as meant, from typed words (setTarget) or a form's values (form-submission.ts). */
export interface TargetEntry {
  metric: TargetMetric;
  target: number;
  /** The month's first day. */
  month: LocalDate;
  /** A target of the person's own (their citizens, as /caseload @person); none: the team's. */
  person?: StaffMember;
}

/** Sets (or replaces) the team's or a person's target: managers only, this month or later; the same rules for text and forms. */
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
  if (entry.person) return recordPersonTarget(ctx, team.value, entry.person, metric.value, target.value, month);
  // Replacing a target changes what "reached" means: the reply says what it replaces.
  const previous = await saveTeamTarget(ctx, team.value, metric.value, month, target.value);
  const args3 = [t.labels.targetMetric[metric.value], target.value, formatMonth(month, t.locale)] as const;
  if (previous !== null && previous !== target.value) return okReply(t.entries.targetReplaced(...args3, previous));
  return okReply(t.targets.set(...args3));
}

/** Sets the team's target for a month (its first day), audited; the target it replaces, or null. Callers check who may. */
export async function saveTeamTarget(ctx: HandlerContext, teamId: string, metric: TargetMetric, month: LocalDate, target: number): Promise<number | null> {
  const key = { teamId_metric_month: { teamId, metric, month: toDbDate(month) } };
  const previous = await ctx.db.monthlyTarget.findUnique({ where: key });
  await ctx.db.monthlyTarget.upsert({
    where: key,
    create: { teamId, metric, month: toDbDate(month), target, setById: ctx.actor.id },
    update: { target, setById: ctx.actor.id },
  });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'target.set', channel: ctx.channel, details: { metric, month, target, previous: previous?.target ?? null } });
  return previous?.target ?? null;
}

/** Sets a person's own target for a month, audited; the target it replaces, or null. Callers check the person is in the team with a caseload. */
export async function savePersonTarget(ctx: HandlerContext, teamId: string, staffId: string, metric: TargetMetric, month: LocalDate, target: number): Promise<number | null> {
  const key = { staffId_metric_month: { staffId, metric, month: toDbDate(month) } };
  const previous = await ctx.db.staffMonthlyTarget.findUnique({ where: key });
  await ctx.db.staffMonthlyTarget.upsert({
    where: key,
    create: { teamId, staffId, metric, month: toDbDate(month), target, setById: ctx.actor.id },
    update: { target, setById: ctx.actor.id, teamId },
  });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'target.set', channel: ctx.channel, details: { metric, month, target, staffId, previous: previous?.target ?? null } });
  return previous?.target ?? null;
}

/** Whether someone can have targets of their own: they have a caseload (caseworkers, consultants). */
export function hasCaseload(role: string): boolean {
  return role === 'CASEWORKER' || role === 'CONSULTANT';
}

/** A person's target: for someone with a caseload in the manager's team. */
async function recordPersonTarget(ctx: HandlerContext, teamId: string, person: StaffMember, metric: TargetMetric, target: number, month: LocalDate): Promise<Reply> {
  const { t } = ctx;
  if (!hasCaseload(person.role)) return fail(t.pipeline.noCaseload(person.handle)).reply;
  const previous = await savePersonTarget(ctx, teamId, person.id, metric, month, target);
  const args4 = [t.labels.targetMetric[metric], person.handle, target, formatMonth(month, t.locale)] as const;
  if (previous !== null && previous !== target) return okReply(t.pipeline.personReplaced(...args4, previous));
  return okReply(t.pipeline.personSet(...args4));
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
  const figures = await monthTargets(ctx.db, team.value, month, ctx.today);
  const monthName = formatMonth(month, t.locale);
  if (figures.team.length === 0 && figures.people.length === 0) return okReply(t.targets.none(monthName));

  const daysLeft = workingDaysLeftInMonth(ctx.today, month);
  const words = { line: t.reminders.targetLine, pace: t.targets.pace, reached: t.targets.reached };
  const lines = figures.team.map((f) => targetLine(words, t.labels.targetMetric[f.metric], f.actual, f.target, daysLeft));
  const personLines = figures.people.flatMap((p) =>
    p.figures.map((f) => targetLine(words, t.pipeline.personMetric(t.labels.targetMetric[f.metric], p.handle), f.actual, f.target, daysLeft)),
  );
  const blocks: ReplyBlock[] = [{ type: 'header', text: t.targets.title(monthName) }];
  if (lines.length) blocks.push({ type: 'list', items: lines });
  if (personLines.length) blocks.push({ type: 'list', title: t.pipeline.peopleTitle(monthName), items: personLines });
  blocks.push({ type: 'context', text: formatShortDate(ctx.today, t.locale) });
  const peopleText = personLines.length ? [t.pipeline.peopleTitle(monthName), ...personLines] : [];
  return okReply(`${t.targets.title(monthName)}\n${[...lines, ...peopleText].join('\n')}`, blocks);
}
