// "hvor mange er i praktik?" → the count by type and the list, ending soonest first.
import { formatShortDate } from '../../domain/i18n/format.js';
import { PLACEMENT_TYPES } from '../../domain/enums.js';
import type { Question } from '../../domain/questions/understand.js';
import { listBlock, okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { placementsFor } from '../../db/ask-queries.js';
import { ANSWER_LIST_LIMIT, moreText, periodLabel, recordAnswerShown, resolveScope } from './ask-scope.js';
import type { HandlerContext } from '../context.js';

export async function answerPlacements(ctx: HandlerContext, q: Question): Promise<Reply> {
  const { t } = ctx;
  const resolved = await resolveScope(ctx, q);
  if (!resolved.ok) return resolved.reply;
  const { scope, label, isTeam } = resolved.value;
  const rows = await placementsFor(ctx.db, scope, q.period);
  await recordAnswerShown(ctx, 'ask.placements', resolved.value, rows.map((r) => r.citizenId));
  const title = q.period ? t.ask.placementsTitlePeriod(label, periodLabel(t, q.period)) : t.ask.placementsTitle(label);
  if (rows.length === 0) return okReply(`${title}: ${t.ask.noPlacements}`, [{ type: 'header', text: title }, { type: 'text', text: t.ask.noPlacements }]);
  const citizens = new Set(rows.map((r) => r.ref)).size;
  const byType = PLACEMENT_TYPES.map((type) => ({ type, count: rows.filter((r) => r.type === type).length }))
    .filter((x) => x.count > 0)
    .map((x) => `${t.labels.placementType[x.type]} ${x.count}`)
    .join(', ');
  const lines = rows.map((r) => t.ask.placementLine(r.ref, r.company, t.labels.placementType[r.type], formatShortDate(r.endOn, t.locale), r.active));
  const blocks: ReplyBlock[] = [
    { type: 'header', text: title },
    { type: 'fields', fields: [{ label: t.ask.placementsCount(citizens), value: String(rows.length) }, { label: t.ask.byType, value: byType }] },
    listBlock(lines, ANSWER_LIST_LIMIT, moreText(t, isTeam)),
  ];
  return okReply(`${title}: ${t.ask.placementsCount(citizens)}`, blocks);
}
