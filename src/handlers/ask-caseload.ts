// "min sagsstamme", "Annes sager", "hvordan går det i teamet?": the /caseload
// answer (same access rules and audit), plus the activity in a period when one is named.
import type { Question } from '../domain/questions/understand.js';
import type { Reply } from '../domain/reply.js';
import { activityBetween, type AskScope } from '../db/ask-queries.js';
import { fail } from './arguments.js';
import { findColleague, periodLabel, personScope } from './ask-scope.js';
import { showCaseload } from './caseload.js';
import type { HandlerContext } from './context.js';

export async function answerMyCaseload(ctx: HandlerContext, q: Question): Promise<Reply> {
  const reply = await showCaseload(ctx, []);
  return withActivity(ctx, q, reply, ctx.actor.role === 'MANAGER' && ctx.actor.teamId ? { teamId: ctx.actor.teamId } : personScope(ctx.actor));
}

export async function answerStaffCaseload(ctx: HandlerContext, q: Question): Promise<Reply> {
  const person = q.staff ? await findColleague(ctx, q.staff) : undefined;
  if (!person) return fail(ctx.t.ask.unknownColleague(q.staff ?? '')).reply;
  if (person.id === ctx.actor.id) return answerMyCaseload(ctx, q);
  const reply = await showCaseload(ctx, [`@${person.handle}`]);
  return withActivity(ctx, q, reply, personScope(person));
}

export async function answerTeamOverview(ctx: HandlerContext, q: Question): Promise<Reply> {
  const reply = await showCaseload(ctx, ['team']);
  return withActivity(ctx, q, reply, { teamId: ctx.actor.teamId ?? '' });
}

async function withActivity(ctx: HandlerContext, q: Question, reply: Reply, scope: AskScope): Promise<Reply> {
  if (!q.period || reply.status === 'error') return reply;
  const { t } = ctx;
  const activity = await activityBetween(ctx.db, scope, q.period.from, q.period.to);
  const title = t.ask.activityTitle(periodLabel(t, q.period));
  return {
    ...reply,
    text: `${reply.text}\n${title}: ${activity.meetings}/${activity.placementsStarted}/${activity.outcomes}`,
    blocks: [
      ...reply.blocks,
      { type: 'header', text: title },
      {
        type: 'fields',
        fields: [
          { label: t.ask.meetingsHeld, value: String(activity.meetings) },
          { label: t.ask.placementsStarted, value: String(activity.placementsStarted) },
          { label: t.ask.outcomesReached, value: String(activity.outcomes) },
        ],
      },
    ],
  };
}
