// Closing sub-goals: the words (nået/droppet, reached/dropped) and the checks
// shared by /delmål <ref> nået <n> and a meeting's delmål:nået:1,2 option.
import type { SubGoalStatus } from '../../domain/enums.js';
import type { Messages } from '../../domain/i18n/messages.js';
import { toDbDate } from '../../domain/local-date.js';
import { recordAudit } from '../../db/audit.js';
import { fail, ok, type Checked } from '../arguments.js';
import type { HandlerContext } from '../context.js';
import { goalExample } from './goal-example.js';

export type ClosedStatus = Exclude<SubGoalStatus, 'OPEN'>;

/** Words that close a sub-goal, Danish and English. */
export const CLOSE_WORDS: Record<string, ClosedStatus> = {
  nået: 'REACHED', naaet: 'REACHED', naet: 'REACHED', reached: 'REACHED', done: 'REACHED',
  droppet: 'DROPPED', drop: 'DROPPED', dropped: 'DROPPED', opgivet: 'DROPPED',
};

/** The meeting option's key: /samtale C-1042 delmål:nået:1,2 (/meeting … goal:reached:1). */
export const MARK_KEYS = ['delmål', 'delmaal', 'goal'];

export interface SubGoalMarks {
  status: ClosedStatus;
  numbers: number[];
}

/** "nået:1,2", "droppet:3" or just "1,2" (reached). */
export function parseMarks(t: Messages, raw: string): Checked<SubGoalMarks> {
  const [first = '', second] = raw.split(':');
  const status = second === undefined ? 'REACHED' : CLOSE_WORDS[first.toLowerCase()];
  const list = second ?? first;
  const numbers = list.split(',').map((x) => x.trim());
  if (!status || numbers.some((x) => !/^\d{1,4}$/.test(x))) return fail(t.goals.badMarks(raw), goalExample(t, 3));
  return ok({ status, numbers: [...new Set(numbers.map(Number))] });
}

/** The open sub-goals the numbers name, or the reason one cannot be closed; writes nothing. */
export async function findOpenSubGoals(ctx: HandlerContext, citizen: { id: string; ref: string }, numbers: readonly number[]): Promise<Checked<Array<{ id: string; number: number }>>> {
  const { t } = ctx;
  const goals = await ctx.db.subGoal.findMany({ where: { citizenId: citizen.id, number: { in: [...numbers] } } });
  const out: Array<{ id: string; number: number }> = [];
  for (const number of numbers) {
    const goal = goals.find((g) => g.number === number);
    if (!goal) return fail(t.goals.notFound(citizen.ref, String(number)), goalExample(t, 1));
    if (goal.status !== 'OPEN') return fail(t.goals.notOpen(goal.number, t.goals.status[goal.status]));
    out.push({ id: goal.id, number });
  }
  return ok(out);
}

/** Closes the sub-goals (already checked open) and returns the reply lines. */
export async function closeSubGoals(ctx: HandlerContext, citizen: { id: string; ref: string }, goals: ReadonlyArray<{ id: string; number: number }>, status: ClosedStatus): Promise<string[]> {
  const { t } = ctx;
  const lines: string[] = [];
  for (const goal of goals) {
    await ctx.db.subGoal.update({ where: { id: goal.id }, data: { status, closedOn: toDbDate(ctx.today) } });
    await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'subgoal.update', citizenId: citizen.id, channel: ctx.channel, details: { subGoalId: goal.id, status } });
    lines.push(status === 'REACHED' ? t.goals.reached(citizen.ref, goal.number) : t.goals.dropped(citizen.ref, goal.number));
  }
  return lines;
}
