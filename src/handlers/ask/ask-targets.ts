// "hvor langt er vi med målene?" → /targets for the month meant; for a longer
// period (i år) one line per month with targets.
import { TARGET_METRICS } from '../../domain/enums.js';
import { formatMonth } from '../../domain/i18n/format.js';
import { addDays, compareLocalDate, endOfMonth, startOfMonth, toDbDate, type LocalDate } from '../../domain/local-date.js';
import type { Question } from '../../domain/questions/understand.js';
import { listBlock, okReply, type Reply } from '../../domain/reply.js';
import { actualForMetric } from '../../db/target-queries.js';
import { periodLabel } from './ask-scope.js';
import { requireTeam } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { listTargets } from '../caseload/targets.js';

export async function answerTargetProgress(ctx: HandlerContext, q: Question): Promise<Reply> {
  const { t } = ctx;
  const team = requireTeam(ctx);
  if (!team.ok) return team.reply;
  const months = monthsIn(q.period?.from ?? ctx.today, q.period?.to ?? ctx.today);
  const only = months[0];
  if (months.length === 1 && only) return listTargets(ctx, [only.slice(0, 7)]);
  const lines: string[] = [];
  for (const month of months) {
    const targets = await ctx.db.monthlyTarget.findMany({ where: { teamId: team.value, month: toDbDate(month) } });
    const parts: string[] = [];
    for (const metric of TARGET_METRICS) {
      const target = targets.find((x) => x.metric === metric);
      if (!target) continue;
      parts.push(t.targets.line(t.labels.targetMetric[metric], await actualForMetric(ctx.db, team.value, metric, month, ctx.today), target.target));
    }
    if (parts.length) lines.push(t.ask.targetsMonthLine(formatMonth(month, t.locale), parts.join(', ')));
  }
  const when = q.period ? periodLabel(t, q.period) : '';
  const title = t.ask.targetsMonths(when);
  if (lines.length === 0) return okReply(t.ask.targetsNoneInPeriod(when));
  return okReply(`${title}\n${lines.join('\n')}`, [{ type: 'header', text: title }, listBlock(lines, 12, t.common.andMore)]);
}

/** First days of the months from `from` to `to`, at most twelve. */
function monthsIn(from: LocalDate, to: LocalDate): LocalDate[] {
  const months: LocalDate[] = [];
  for (let m = startOfMonth(from); compareLocalDate(m, to) <= 0 && months.length < 12; m = addDays(endOfMonth(m), 1)) months.push(m);
  return months;
}
