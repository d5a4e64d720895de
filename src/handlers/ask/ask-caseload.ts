// "min sagsstamme", "Annes sager", "hvordan går det i teamet?": the /caseload
// answer (same access rules and audit). A period ("i uge 47") narrows the
// lists to what fell due in it and adds the activity in it (see caseload.ts).
import { isManager } from '../../domain/access.js';
import type { Question } from '../../domain/questions/understand.js';
import type { Reply } from '../../domain/reply.js';
import { fail } from '../arguments.js';
import { findColleague } from './ask-scope.js';
import { showCaseload } from '../caseload/caseload.js';
import type { HandlerContext } from '../context.js';

export async function answerMyCaseload(ctx: HandlerContext, q: Question): Promise<Reply> {
  return showCaseload(ctx, [], q.period);
}

export async function answerStaffCaseload(ctx: HandlerContext, q: Question): Promise<Reply> {
  const person = q.staff ? await findColleague(ctx, q.staff) : undefined;
  if (!person) return fail(ctx.t.ask.unknownColleague(q.staff ?? '')).reply;
  if (person.id === ctx.actor.id) return answerMyCaseload(ctx, q);
  return showCaseload(ctx, [`@${person.handle}`], q.period);
}

/** The team for a manager; anyone else asking about "teamet" gets their own caseload (see answerQuestion). */
export async function answerTeamOverview(ctx: HandlerContext, q: Question): Promise<Reply> {
  if (!isManager(ctx.actor)) return answerMyCaseload(ctx, q);
  return showCaseload(ctx, ['team'], q.period);
}
