// /citizen transfer <ref> @handle: a new caseworker. Every change is recorded
// and counted, since each one costs the citizen (seed 003).
import { isManager } from '../../domain/access.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { checkRef, checkTeamMember, fail } from '../arguments.js';
import { loadCitizen } from './citizen-access.js';
import type { HandlerContext } from '../context.js';
import { exampleFor } from '../usage-example.js';

export async function transferCitizen(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'citizen', 2);
  const ref = checkRef(t, args[0], example);
  if (!ref.ok) return ref.reply;
  if (!args[1]) return fail(t.errors.missing(t.what.handle), example).reply;
  if (args.length > 2) return fail(t.errors.tooManyWords(args.slice(2).join(' ')), example).reply;
  const found = await loadCitizen(ctx, ref.value, { action: 'citizen.transfer', requireActive: true });
  if (!found.ok) return found.reply;
  const citizen = found.value;
  // The current caseworker may hand over; anyone else needs to be the manager.
  if (!isManager(ctx.actor) && citizen.caseworkerId !== ctx.actor.id) return fail(t.errors.notAllowed).reply;
  const target = await checkTeamMember(ctx, args[1], ['CASEWORKER', 'MANAGER']);
  if (!target.ok) return target.reply;
  if (citizen.caseworkerId === target.value.id) return fail(t.citizen.transferSame(ref.value, target.value.displayName)).reply;

  const previous = citizen.caseworkerId ? await ctx.db.staff.findUnique({ where: { id: citizen.caseworkerId } }) : null;
  await ctx.db.citizen.update({ where: { id: citizen.id }, data: { caseworkerId: target.value.id } });
  await ctx.db.caseworkerChange.create({
    data: { citizenId: citizen.id, fromStaffId: citizen.caseworkerId, toStaffId: target.value.id, changedById: ctx.actor.id, changedAt: ctx.now },
  });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'citizen.transfer.done', citizenId: citizen.id, channel: ctx.channel, details: { to: target.value.id } });
  const changes = await ctx.db.caseworkerChange.count({ where: { citizenId: citizen.id } });
  const lines = [t.citizen.transferred(ref.value, previous?.displayName ?? t.common.nobody, target.value.displayName)];
  if (changes > 1) lines.push(t.citizen.transferWarning(changes));
  return okReply(lines.join('\n'));
}
