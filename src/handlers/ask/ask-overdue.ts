// "hvem mangler opfølgning?" → overdue check-ins and placement follow-ups, oldest first.
// "hvem har flest overskredne?" → per-person counts for the manager, by the same
// definition as the team overview (overdueByPerson). Overdue means the due date
// has passed, for check-ins and placement follow-ups alike.
import { isWithin } from '../../domain/due-dates.js';
import { formatShortDate } from '../../domain/i18n/format.js';
import type { Question } from '../../domain/questions/understand.js';
import { listBlock, okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { caseloadFacts, overdueByPerson } from '../../db/caseload-queries.js';
import { ANSWER_LIST_LIMIT, handlesOf, moreText, periodLabel, recordAnswerShown, resolveScope } from './ask-scope.js';
import { requireManager } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';

export async function answerOverdue(ctx: HandlerContext, q: Question): Promise<Reply> {
  const { t } = ctx;
  const resolved = await resolveScope(ctx, q);
  if (!resolved.ok) return resolved.reply;
  const { scope, label, isTeam } = resolved.value;
  const facts = await caseloadFacts(ctx.db, scope, ctx.today);
  const inPeriod = (due: string) => !q.period || isWithin(due, q.period.from, q.period.to);
  const checkIns = facts.overdue.filter((o) => inPeriod(o.due));
  const followUps = facts.overdueFollowUps.filter((f) => inPeriod(f.due));
  await recordAnswerShown(ctx, 'ask.overdue', resolved.value, [...checkIns.map((o) => o.citizenId), ...followUps.map((f) => f.citizenId)]);
  const title = q.period ? t.ask.overdueTitlePeriod(label, periodLabel(t, q.period)) : t.ask.overdueTitle(label);
  if (checkIns.length === 0 && followUps.length === 0) return okReply(`${title}: ${t.ask.noneOverdue}`, [{ type: 'header', text: title }, { type: 'text', text: t.ask.noneOverdue }]);

  const handles = isTeam ? await handlesOf(ctx) : new Map<string, string>();
  const date = (d: string) => formatShortDate(d, t.locale);
  const blocks: ReplyBlock[] = [{ type: 'header', text: title }];
  if (checkIns.length) {
    const lines = checkIns.map((o) => t.ask.overdueLine(o.ref, o.daysOverdue, date(o.due), o.caseworkerId ? handles.get(o.caseworkerId) : undefined));
    blocks.push(listBlock(lines, ANSWER_LIST_LIMIT, moreText(t, isTeam), `${t.ask.checkInsTitle} (${checkIns.length})`));
  }
  if (followUps.length) {
    // A placement past its planned end needs an extension or an end, not a follow-up: said as the morning list says it.
    const lines = followUps.map((f) => (f.reason === 'ended' ? t.ask.endedLine(f.ref, f.company, date(f.due)) : t.ask.followUpLine(f.ref, f.company, f.daysOverdue, date(f.due))));
    blocks.push(listBlock(lines, ANSWER_LIST_LIMIT, moreText(t, isTeam), `${t.ask.followUpsTitle} (${followUps.length})`));
  }
  return okReply(`${title}: ${checkIns.length + followUps.length}`, blocks);
}

export async function answerOverdueRanking(ctx: HandlerContext, q: Question): Promise<Reply> {
  const { t } = ctx;
  const team = requireManager(ctx);
  if (!team.ok) return team.reply;
  const overdue = await overdueByPerson(ctx.db, team.value, ctx.today, q.period);
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'ask.overdueRanking', channel: ctx.channel, details: { teamId: team.value } });
  const title = q.period ? t.ask.rankingTitlePeriod(periodLabel(t, q.period)) : t.ask.rankingTitle;
  const ranked = overdue.people
    .filter((r) => r.checkIns + r.followUps > 0)
    .sort((a, b) => b.checkIns + b.followUps - (a.checkIns + a.followUps) || a.handle.localeCompare(b.handle));
  const { unassigned } = overdue;
  if (ranked.length === 0 && unassigned.checkIns + unassigned.followUps === 0) {
    return okReply(`${title}: ${t.ask.rankingNone}`, [{ type: 'header', text: title }, { type: 'text', text: t.ask.rankingNone }]);
  }
  const lines = ranked.map((r) => t.ask.rankingLine(r.handle, t.caseload.overdueTally(r.checkIns, r.followUps, r.role === 'CONSULTANT')));
  // Credited to nobody is still overdue: last, so the lines add up to the team's totals.
  if (unassigned.checkIns + unassigned.followUps > 0) lines.push(t.caseload.unassignedLine(t.caseload.overdueTally(unassigned.checkIns, unassigned.followUps, false)));
  return okReply(`${title}\n${lines.join('\n')}`, [{ type: 'header', text: title }, listBlock(lines, ANSWER_LIST_LIMIT, t.ask.moreTeam)]);
}
