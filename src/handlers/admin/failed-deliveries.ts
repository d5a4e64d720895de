// /jobbot failed [retry]: messages the outbox gave up on, for the team's
// managers and admins (global admins see every team). `retry` puts them back
// in the queue. Shows kinds, recipients and platform errors; never a payload.
import { formatShortDate } from '../../domain/i18n/format.js';
import { todayIn } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { fail } from '../arguments.js';
import { actorFacts, type HandlerContext } from '../context.js';

const LOOKBACK_MS = 30 * 86_400_000;
const MAX_LINES = 20;

export async function failedDeliveries(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const facts = actorFacts(ctx.actor, ctx.adminEmails);
  if (!facts.isAdmin && ctx.actor.role !== 'MANAGER') return fail(ctx.t.errors.managerOnly).reply;
  if (!facts.isAdmin && !ctx.actor.teamId) return fail(ctx.t.errors.noTeam).reply;
  const where = {
    status: 'FAILED' as const,
    createdAt: { gte: new Date(ctx.now.getTime() - LOOKBACK_MS) },
    ...(facts.isAdmin ? {} : { teamId: ctx.actor.teamId }),
  };
  const r = ctx.t.reminders;
  if ((args[0] ?? '').toLowerCase() === 'retry' || (args[0] ?? '').toLowerCase() === 'igen') {
    const retried = await ctx.db.delivery.updateMany({ where, data: { status: 'PENDING', attempts: 0, nextAttemptAt: ctx.now } });
    await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'delivery.retry', channel: ctx.channel, details: { count: retried.count } });
    return okReply(r.retried(retried.count));
  }
  const rows = await ctx.db.delivery.findMany({ where, orderBy: { createdAt: 'desc' }, take: MAX_LINES + 1 });
  if (rows.length === 0) return okReply(r.noFailed);
  const staff = await ctx.db.staff.findMany({ where: { id: { in: rows.map((d) => d.recipientId).filter((x): x is string => !!x) } }, select: { id: true, handle: true } });
  const handleOf = new Map(staff.map((s) => [s.id, s.handle]));
  const items = rows.slice(0, MAX_LINES).map((d) =>
    r.failedLine(
      d.kind,
      d.recipientId ? `@${handleOf.get(d.recipientId) ?? '?'}` : r.teamChannel,
      d.attempts,
      formatShortDate(todayIn(d.createdAt), ctx.t.locale),
      (d.error ?? '').slice(0, 80),
    ),
  );
  return okReply(`${r.failedTitle}\n${items.join('\n')}`, [
    { type: 'header', text: r.failedTitle },
    { type: 'list', items, moreText: rows.length > MAX_LINES ? ctx.t.common.andMore(rows.length - MAX_LINES) : undefined },
    { type: 'context', text: r.failedHint },
  ]);
}
