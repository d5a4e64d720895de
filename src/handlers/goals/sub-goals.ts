// /delmål (/goal): the seeds' small, binding steps toward work ("Sæt delmål").
//   /delmål <ref> "<text>" [frist:<date>]   add one (numbered 1, 2, … per citizen)
//   /delmål <ref>                           list them
//   /delmål <ref> nået <n> | droppet <n>    close one (English: reached / dropped)
// The text is free text like a meeting note: the same length limit, and the
// CPR write guard refuses a CPR number in it like everywhere else.
import { splitOptions } from '../../domain/command-tokens.js';
import { formatShortDate } from '../../domain/i18n/format.js';
import type { Messages } from '../../domain/i18n/messages.js';
import { compareLocalDate, daysBetween, fromDbDate, toDbDate } from '../../domain/local-date.js';
import { listBlock, okReply, type Reply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { checkDate, checkOptions, checkRef, fail } from '../arguments.js';
import { loadCitizen } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { MAX_NOTE_LENGTH } from '../meeting/log-meeting.js';
import { goalExample } from './goal-example.js';
import { closeSubGoals, CLOSE_WORDS, findOpenSubGoals, type ClosedStatus } from './sub-goal-marks.js';
import type { SubGoalStatus } from '../../domain/enums.js';

const DEADLINE_KEYS = ['frist', 'deadline'];

export async function subGoalCommand(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const { positional, options } = splitOptions(args);
  const allowed = checkOptions(t, options, DEADLINE_KEYS);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], goalExample(t));
  if (!ref.ok) return ref.reply;
  const rest = positional.slice(1);
  const closeTo = rest.length === 2 ? CLOSE_WORDS[(rest[0] ?? '').toLowerCase()] : undefined;
  if (closeTo && options.size === 0) return closeSubGoal(ctx, ref.value, rest[1] ?? '', closeTo);
  const text = rest.join(' ').trim();
  if (!text) return options.size ? fail(t.goals.textMissing, goalExample(t)).reply : listSubGoals(ctx, ref.value);
  return addSubGoal(ctx, ref.value, text, options.get('frist') ?? options.get('deadline'));
}

async function addSubGoal(ctx: HandlerContext, ref: string, text: string, rawDeadline: string | undefined): Promise<Reply> {
  const { t } = ctx;
  if (text.length > MAX_NOTE_LENGTH) return fail(t.goals.textTooLong(MAX_NOTE_LENGTH)).reply;
  let deadline: string | undefined;
  if (rawDeadline !== undefined) {
    const checked = checkDate(t, rawDeadline, ctx.today, 'future');
    if (!checked.ok) return checked.reply;
    if (compareLocalDate(checked.value, ctx.today) < 0) return fail(t.goals.deadlinePast(rawDeadline)).reply;
    deadline = checked.value;
  }
  const found = await loadCitizen(ctx, ref, { action: 'subgoal.create', requireActive: true });
  if (!found.ok) return found.reply;
  const citizen = found.value;
  const last = await ctx.db.subGoal.findFirst({ where: { citizenId: citizen.id }, orderBy: { number: 'desc' } });
  const number = (last?.number ?? 0) + 1;
  const goal = await ctx.db.subGoal.create({
    data: { citizenId: citizen.id, number, text, deadlineOn: deadline ? toDbDate(deadline) : null, createdById: ctx.actor.id, source: ctx.channel },
  });
  // The audit names the row, never the text.
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'subgoal.create', citizenId: citizen.id, channel: ctx.channel, details: { subGoalId: goal.id, number } });
  const lines = [t.goals.created(ref, number, text)];
  if (deadline) lines.push(t.goals.deadline(formatShortDate(deadline, t.locale)));
  return okReply(lines.join('\n'));
}

async function closeSubGoal(ctx: HandlerContext, ref: string, rawNumber: string, status: ClosedStatus): Promise<Reply> {
  const { t } = ctx;
  const found = await loadCitizen(ctx, ref, { action: 'subgoal.update', requireActive: true });
  if (!found.ok) return found.reply;
  if (!/^\d{1,4}$/.test(rawNumber)) return fail(t.goals.notFound(ref, rawNumber), goalExample(t, 1)).reply;
  const goals = await findOpenSubGoals(ctx, found.value, [Number(rawNumber)]);
  if (!goals.ok) return goals.reply;
  return okReply((await closeSubGoals(ctx, found.value, goals.value, status)).join('\n'));
}

async function listSubGoals(ctx: HandlerContext, ref: string): Promise<Reply> {
  const { t } = ctx;
  const found = await loadCitizen(ctx, ref, { action: 'citizen.view' });
  if (!found.ok) return found.reply;
  const goals = await ctx.db.subGoal.findMany({ where: { citizenId: found.value.id }, orderBy: { number: 'asc' } });
  if (goals.length === 0) return okReply(t.goals.none(ref));
  const lines = subGoalLines(t, goals, ctx.today);
  return okReply([t.goals.listTitle(ref), ...lines].join('\n'), [{ type: 'header', text: t.goals.listTitle(ref) }, listBlock(lines, 50, t.common.andMore)]);
}

/** One line per sub-goal: number, text, status, deadline, and how late an open one is. */
export function subGoalLines(
  t: Messages,
  goals: ReadonlyArray<{ number: number; text: string; status: SubGoalStatus; deadlineOn: Date | null }>,
  today: string,
): string[] {
  return goals.map((g) => {
    const deadline = g.deadlineOn ? fromDbDate(g.deadlineOn) : undefined;
    const line = t.goals.line(g.number, g.text, t.goals.status[g.status], deadline ? formatShortDate(deadline, t.locale) : undefined);
    const late = deadline && g.status === 'OPEN' ? daysBetween(deadline, today) : 0;
    return late > 0 ? `${line} – ${t.goals.overdue(late)}` : line;
  });
}

