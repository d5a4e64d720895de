// "hvem skal jeg følge op på i denne uge?" → check-ins and placement follow-ups
// due in the period (default: today to Sunday), earliest first.
import { isWithin } from '../../domain/due-dates.js';
import { addDays, compareLocalDate, maxLocalDate, startOfIsoWeek } from '../../domain/local-date.js';
import { formatShortDate } from '../../domain/i18n/format.js';
import type { Question } from '../../domain/questions/understand.js';
import { listBlock, okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { dueBetween } from '../../db/ask-queries.js';
import { ANSWER_LIST_LIMIT, handlesOf, moreText, periodLabel, recordAnswerShown, resolveScope } from './ask-scope.js';
import type { HandlerContext } from '../context.js';

export async function answerUpcoming(ctx: HandlerContext, q: Question): Promise<Reply> {
  const { t } = ctx;
  const resolved = await resolveScope(ctx, q);
  if (!resolved.ok) return resolved.reply;
  const { scope, label, isTeam } = resolved.value;
  // What is already overdue belongs to the overdue answer; here only what is still ahead.
  const from = q.period ? maxLocalDate(q.period.from, ctx.today) : ctx.today;
  const to = q.period ? q.period.to : addDays(startOfIsoWeek(ctx.today), 6);
  const when = q.period ? periodLabel(t, q.period) : t.ask.restOfWeek;
  // One read up to the later of the period's end and yesterday: what is ahead is listed, what is overdue only counted.
  const yesterday = addDays(ctx.today, -1);
  const due = await dueBetween(ctx.db, scope, '1970-01-01', maxLocalDate(to, yesterday));
  const items = due.filter((i) => isWithin(i.due, from, to));
  const overdue = due.filter((i) => compareLocalDate(i.due, yesterday) <= 0).length;
  await recordAnswerShown(ctx, 'ask.upcoming', resolved.value, items.map((i) => i.citizenId));
  const title = t.ask.upcomingTitle(label, when);
  const blocks: ReplyBlock[] = [{ type: 'header', text: title }];
  if (items.length === 0) blocks.push({ type: 'text', text: t.ask.noneUpcoming(when) });
  else {
    const handles = isTeam ? await handlesOf(ctx) : undefined;
    const lines = items.map((i) => {
      const due = formatShortDate(i.due, t.locale);
      return i.kind === 'checkIn' ? t.ask.upcomingLine(i.ref, due, i.staffId ? handles?.get(i.staffId) : undefined) : t.ask.upcomingFollowUpLine(i.ref, i.company ?? '', due);
    });
    blocks.push(listBlock(lines, ANSWER_LIST_LIMIT, moreText(t, isTeam)));
  }
  if (overdue > 0) blocks.push({ type: 'context', text: t.ask.alsoOverdue(overdue) });
  return okReply(`${title}: ${items.length}`, blocks);
}
