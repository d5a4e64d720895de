// /delmål (/goal): the seeds' small, binding steps toward work ("Sæt delmål").
//   /delmål <ref> "<text>" [frist:<date>]   add one (numbered 1, 2, … per citizen)
//   /delmål <ref>                           list them
//   /delmål <ref> nået <n> | droppet <n>    close one (English: reached / dropped)
//   /delmål ret <ref> <n> "<text>" [frist:<date>|ingen]   edit an open one (English: edit)
// The text is free text like a meeting note: the same length limit, and the
// CPR write guard refuses a CPR number in it like everywhere else.
import { splitOptions } from '../../domain/command-tokens.js';
import { formatShortDate } from '../../domain/i18n/format.js';
import type { Messages } from '../../domain/i18n/messages.js';
import { compareLocalDate, daysBetween, fromDbDate, toDbDate } from '../../domain/local-date.js';
import { listBlock, okReply, type Reply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { checkDate, checkOptions, checkRef, fail, joinDateOptions, ok, type Checked } from '../arguments.js';
import { loadCitizen } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { MAX_NOTE_LENGTH } from '../meeting/log-meeting.js';
import { goalExample } from './goal-example.js';
import { closeSubGoals, CLOSE_WORDS, findOpenSubGoals, type ClosedStatus } from './sub-goal-marks.js';
import type { SubGoalStatus } from '../../domain/enums.js';

const DEADLINE_KEYS = ['frist', 'deadline'];
/** The word before the reference that edits a sub-goal: /delmål ret C-1042 1 "…". */
const EDIT_WORDS = ['ret', 'rediger', 'edit'];
/** frist:ingen removes a deadline when editing. */
const NO_DEADLINE_WORDS = ['ingen', 'none'];

export async function subGoalCommand(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  // "frist:i morgen" arrives as two tokens; read it as one date like every date option.
  const { positional, options } = splitOptions(joinDateOptions(args, DEADLINE_KEYS, ctx.today));
  const allowed = checkOptions(t, options, DEADLINE_KEYS);
  if (!allowed.ok) return allowed.reply;
  if (EDIT_WORDS.includes((positional[0] ?? '').toLowerCase())) return editSubGoal(ctx, positional.slice(1), options.get('frist') ?? options.get('deadline'));
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
    const checked = checkDeadline(ctx, rawDeadline);
    if (!checked.ok) return checked.reply;
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

/** A deadline from today on: a past one is refused, not stored. */
function checkDeadline(ctx: HandlerContext, raw: string): Checked<string> {
  const checked = checkDate(ctx.t, raw, ctx.today, 'future');
  if (!checked.ok) return checked;
  if (compareLocalDate(checked.value, ctx.today) < 0) return fail(ctx.t.goals.deadlinePast(raw));
  return ok(checked.value);
}

/**
 * /delmål ret C-1042 1 "Søge 5 stillinger om ugen" frist:18/12: a new text, a
 * new deadline (frist:ingen removes it) or both, on an open sub-goal only (a
 * closed one is history). The same guards as a new one; audited and undoable.
 */
async function editSubGoal(ctx: HandlerContext, positional: readonly string[], rawDeadline: string | undefined): Promise<Reply> {
  const { t } = ctx;
  const example = goalExample(t, 4);
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;
  const rawNumber = positional[1] ?? '';
  if (!/^\d{1,4}$/.test(rawNumber)) return fail(rawNumber ? t.goals.notFound(ref.value, rawNumber) : t.goals.editMissing, example).reply;
  const text = positional.slice(2).join(' ').trim() || undefined;
  if (text === undefined && rawDeadline === undefined) return fail(t.goals.editMissing).reply;
  if (text !== undefined && text.length > MAX_NOTE_LENGTH) return fail(t.goals.textTooLong(MAX_NOTE_LENGTH)).reply;
  let deadline: string | null | undefined;
  if (rawDeadline !== undefined) {
    if (NO_DEADLINE_WORDS.includes(rawDeadline.toLowerCase())) deadline = null;
    else {
      const checked = checkDeadline(ctx, rawDeadline);
      if (!checked.ok) return checked.reply;
      deadline = checked.value;
    }
  }
  const found = await loadCitizen(ctx, ref.value, { action: 'subgoal.update', requireActive: true });
  if (!found.ok) return found.reply;
  const goals = await findOpenSubGoals(ctx, found.value, [Number(rawNumber)]);
  if (!goals.ok) return goals.reply;
  const goal = await ctx.db.subGoal.findUniqueOrThrow({ where: { id: goals.value[0]?.id ?? '' } });
  const data: { text?: string; deadlineOn?: Date | null } = {};
  if (text !== undefined && text !== goal.text) data.text = text;
  const before = goal.deadlineOn ? fromDbDate(goal.deadlineOn) : null;
  if (deadline !== undefined && deadline !== before) data.deadlineOn = deadline ? toDbDate(deadline) : null;
  if (Object.keys(data).length === 0) return okReply(t.goals.editUnchanged(goal.number));
  await ctx.db.subGoal.update({ where: { id: goal.id }, data });
  // The audit names the row and which fields changed, never the text.
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'subgoal.update', citizenId: found.value.id, channel: ctx.channel, details: { subGoalId: goal.id, changed: Object.keys(data).join(',') } });
  const lines = [t.goals.edited(ref.value, goal.number, data.text ?? goal.text)];
  if (deadline) lines.push(t.goals.deadline(formatShortDate(deadline, t.locale)));
  else if (deadline === null && before) lines.push(t.goals.deadlineRemoved);
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

