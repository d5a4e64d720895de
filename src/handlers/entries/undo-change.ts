// "Fortryd" (undo): takes back exactly one command's change, for ten minutes,
// by the person who made it. The router records each change's inverse steps
// (src/db/change-journal.ts); this applies them newest first and refuses,
// changing nothing, if the same rows were changed again since.
import { errorReply, okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import type { Messages } from '../../domain/i18n/messages.js';
import { recordAudit } from '../../db/audit.js';
import { decode, delegate, encode, withoutJournal, type UndoStep } from '../../db/change-journal.js';
import type { Db, Prisma } from '../../db/types.js';
import type { HandlerContext } from '../context.js';

export const UNDO_MINUTES = 10;
export const UNDO_ACTION = 'change.undo';

/** Keeps one command's inverse steps for UNDO_MINUTES; returns its id for the button. */
export async function recordUndoableChange(
  db: Db,
  change: { actorId: string; command: string; steps: UndoStep[]; citizenIds: string[]; now: Date },
): Promise<string> {
  const row = await db.undoableChange.create({
    data: {
      actorId: change.actorId,
      command: change.command,
      citizenIds: change.citizenIds,
      steps: change.steps as unknown as Prisma.InputJsonValue,
      createdAt: change.now,
      expiresAt: new Date(change.now.getTime() + UNDO_MINUTES * 60_000),
    },
  });
  return row.id;
}

/** The reply with a Fortryd button and a line saying how long it works. */
export function withUndoButton(reply: Reply, changeId: string, t: Messages): Reply {
  const blocks: ReplyBlock[] = [
    ...reply.blocks,
    { type: 'actions', actions: [{ id: UNDO_ACTION, label: t.undo.button, value: changeId }] },
    { type: 'context', text: t.undo.hint(UNDO_MINUTES) },
  ];
  return { ...reply, blocks };
}

/** The Fortryd button: the change it carries. */
export function undoAction(ctx: HandlerContext, changeId: string): Promise<Reply> {
  return undoChange(ctx, changeId);
}

/** `/jobbot undo` (fortryd): the actor's latest change that can still be undone. */
export async function undoLatest(ctx: HandlerContext): Promise<Reply> {
  const latest = await ctx.db.undoableChange.findFirst({
    where: { actorId: ctx.actor.id, undoneAt: null, expiresAt: { gt: ctx.now } },
    orderBy: { seq: 'desc' },
  });
  if (!latest) return errorReply(ctx.t.undo.nothing(UNDO_MINUTES));
  return undoChange(ctx, latest.id);
}

async function undoChange(ctx: HandlerContext, changeId: string): Promise<Reply> {
  const { t } = ctx;
  const change = await ctx.db.undoableChange.findUnique({ where: { id: changeId } });
  if (!change) return errorReply(t.undo.expired(UNDO_MINUTES)); // pruned by housekeeping: long expired
  if (change.actorId !== ctx.actor.id) return errorReply(t.undo.notYours);
  if (change.undoneAt) return errorReply(t.undo.already);
  if (change.expiresAt.getTime() <= ctx.now.getTime()) return errorReply(t.undo.expired(UNDO_MINUTES));

  // The undo's own writes are not a new change to undo.
  const outcome = await withoutJournal(() => applyInverse(ctx.db, change.steps as unknown as UndoStep[]));
  if (outcome === 'conflict') return errorReply(t.undo.conflict);

  await ctx.db.undoableChange.update({ where: { id: change.id }, data: { undoneAt: ctx.now } });
  for (const citizenId of change.citizenIds.length > 0 ? change.citizenIds : [null]) {
    await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'change.undone', citizenId, channel: ctx.channel, details: { command: change.command } });
  }
  const lines = [t.undo.done(change.command)];
  if (outcome === 'already-posted') lines.push(t.undo.celebrationSent);
  return okReply(lines.join('\n'));
}

type InverseOutcome = 'undone' | 'already-posted' | 'conflict';

async function applyInverse(db: Db, steps: UndoStep[]): Promise<InverseOutcome> {
  let outcome: InverseOutcome = 'undone';
  const created = new Set(steps.flatMap((s) => (s.op === 'delete' ? [s.id] : [])));
  for (const step of [...steps].reverse()) {
    if (step.op === 'withdraw') {
      const { count } = await db.delivery.deleteMany({ where: { key: { in: step.keys }, status: 'PENDING' } });
      if (count < step.keys.length) outcome = 'already-posted';
      continue;
    }
    if (step.op === 'delete') {
      // A citizen added by this change may have got meetings, placements or outcomes from someone since.
      if (step.model === 'Citizen' && (await hasLaterRows(db, step.id, created))) return 'conflict';
      await delegate(db, step.model).deleteMany({ where: { id: step.id } });
      continue;
    }
    const row = await delegate(db, step.model).findUnique({ where: { id: step.id } });
    if (!row) return 'conflict';
    const changedSince = Object.entries(step.after).some(([field, value]) => JSON.stringify(encode(row[field])) !== JSON.stringify(value));
    if (changedSince) return 'conflict';
    const data = Object.fromEntries(Object.entries(step.before).map(([field, value]) => [field, decode(value)]));
    await delegate(db, step.model).updateMany({ where: { id: step.id }, data });
  }
  return outcome;
}

async function hasLaterRows(db: Db, citizenId: string, created: ReadonlySet<string>): Promise<boolean> {
  const notCreated = { citizenId, id: { notIn: [...created] } };
  // One after the other: a transaction is one connection.
  if ((await db.meeting.count({ where: notCreated })) > 0) return true;
  if ((await db.placement.count({ where: notCreated })) > 0) return true;
  return (await db.outcome.count({ where: notCreated })) > 0;
}
