// "hvor mange er kommet i job i denne måned?" → results worth celebrating in the period.
import { formatShortDate } from '../../domain/i18n/format.js';
import { endOfMonth, startOfMonth } from '../../domain/local-date.js';
import type { Question } from '../../domain/questions/understand.js';
import { listBlock, okReply, type Reply } from '../../domain/reply.js';
import { outcomesBetween } from '../../db/ask-queries.js';
import { ANSWER_LIST_LIMIT, moreText, periodLabel, recordAnswerShown, resolveScope } from './ask-scope.js';
import type { HandlerContext } from '../context.js';

export async function answerOutcomes(ctx: HandlerContext, q: Question): Promise<Reply> {
  const { t } = ctx;
  const resolved = await resolveScope(ctx, q);
  if (!resolved.ok) return resolved.reply;
  const { scope, label, isTeam } = resolved.value;
  const period = q.period ?? { kind: 'month' as const, from: startOfMonth(ctx.today), to: endOfMonth(ctx.today) };
  const rows = await outcomesBetween(ctx.db, scope, period.from, period.to);
  await recordAnswerShown(ctx, 'ask.outcomes', resolved.value, rows.map((o) => o.citizenId));
  const when = periodLabel(t, period);
  const title = t.ask.outcomesTitle(label, when);
  if (rows.length === 0) return okReply(`${title}: ${t.ask.outcomesNone(when)}`, [{ type: 'header', text: title }, { type: 'text', text: t.ask.outcomesNone(when) }]);
  const lines = rows.map((o) => t.ask.outcomeLine(formatShortDate(o.occurredOn, t.locale), o.ref, t.labels.outcomeKind[o.kind]));
  return okReply(`${title}: ${t.ask.outcomesCount(rows.length)}`, [
    { type: 'header', text: title },
    { type: 'text', text: t.ask.outcomesCount(rows.length) },
    listBlock(lines, ANSWER_LIST_LIMIT, moreText(t, isTeam)),
  ]);
}
