// /citizen close <ref> <reason>: closes the case and ends its active placements.
import { toDbDate } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { CLOSE_REASON_WORDS, parseCloseReason, wordsFor } from '../../domain/vocabulary.js';
import type { CloseReason, PlacementEndReason } from '../../domain/enums.js';
import type { Db } from '../../db/types.js';
import { checkRef, checkWord, fail } from '../arguments.js';
import { loadCitizen } from './citizen-access.js';
import type { HandlerContext } from '../context.js';
import { exampleFor } from '../usage-example.js';

export async function closeCitizen(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'citizen', 3);
  const ref = checkRef(t, args[0], example);
  if (!ref.ok) return ref.reply;
  const reason = checkWord(t, t.what.closeReason, args[1], parseCloseReason, wordsFor(CLOSE_REASON_WORDS, t.locale), example);
  if (!reason.ok) return reason.reply;
  if (args.length > 2) return fail(t.errors.tooManyWords(args.slice(2).join(' ')), example).reply;
  const found = await loadCitizen(ctx, ref.value, { action: 'citizen.close', requireActive: true });
  if (!found.ok) return found.reply;

  const ended = await closeCase(ctx.db, found.value.id, reason.value, ctx);
  const lines = [t.citizen.closed(ref.value, t.labels.closeReason[reason.value])];
  if (ended > 0) lines.push(t.citizen.placementsEnded(ended));
  return okReply(lines.join('\n'));
}

/** Shared with /outcome: a case that ends also ends its active placements. */
export async function closeCase(db: Db, citizenId: string, reason: CloseReason, ctx: Pick<HandlerContext, 'today' | 'now'>): Promise<number> {
  await db.citizen.update({ where: { id: citizenId }, data: { status: 'CLOSED', closeReason: reason, closedAt: ctx.now, nextCheckInOn: null } });
  const endReason: PlacementEndReason = reason === 'JOB' ? 'JOB' : 'OTHER';
  const { count } = await db.placement.updateMany({
    where: { citizenId, status: 'ACTIVE' },
    data: { status: 'ENDED', endReason, endedOn: toDbDate(ctx.today) },
  });
  return count;
}
