// /citizen reopen <ref> [caseworker:@handle] (genåbn): a closed case comes back
// when the citizen does. The history stays; the case is active again with a
// first check-in one cadence from today, on the caseworker it had if they are
// still here, otherwise on the one named (or on the person reopening it).
import { isManager } from '../../domain/access.js';
import { splitOptions } from '../../domain/command-tokens.js';
import { checkInAfter } from '../../domain/due-dates.js';
import { toDbDate } from '../../domain/local-date.js';
import { formatShortDate } from '../../domain/i18n/format.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { checkOptions, checkRef, checkTeamMember, fail } from '../arguments.js';
import { loadCitizen } from './citizen-access.js';
import type { HandlerContext } from '../context.js';
import { exampleFor } from '../usage-example.js';

export async function reopenCitizen(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'citizen');
  const { positional, options } = splitOptions(args);
  const allowed = checkOptions(t, options, ['caseworker']);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;
  if (positional.length > 1) return fail(t.errors.tooManyWords(positional.slice(1).join(' ')), example).reply;
  const found = await loadCitizen(ctx, ref.value, { action: 'citizen.reopen' });
  if (!found.ok) return found.reply;
  const citizen = found.value;
  if (citizen.status !== 'CLOSED') return fail(t.reopen.notClosed(ref.value)).reply;

  let caseworker = citizen.caseworkerId ? await ctx.db.staff.findFirst({ where: { id: citizen.caseworkerId, active: true } }) : null;
  const named = options.get('caseworker');
  if (named !== undefined) {
    const checked = await checkTeamMember(ctx, named, ['CASEWORKER', 'MANAGER']);
    if (!checked.ok) return checked.reply;
    if (checked.value.id !== ctx.actor.id && !isManager(ctx.actor)) return fail(t.errors.managerOnly).reply;
    caseworker = checked.value;
  }
  if (!caseworker && ctx.actor.role !== 'CONSULTANT') caseworker = ctx.actor;

  const firstCheckIn = checkInAfter(ctx.today, citizen.cadenceDays);
  await ctx.db.citizen.update({
    where: { id: citizen.id },
    data: { status: 'ACTIVE', closeReason: null, closedAt: null, caseworkerId: caseworker?.id ?? null, nextCheckInOn: toDbDate(firstCheckIn) },
  });
  // A new caseworker on return is a caseworker change like any other, and counted.
  if (caseworker && caseworker.id !== citizen.caseworkerId) {
    await ctx.db.caseworkerChange.create({
      data: { citizenId: citizen.id, fromStaffId: citizen.caseworkerId, toStaffId: caseworker.id, changedById: ctx.actor.id, changedAt: ctx.now },
    });
  }
  const owner = caseworker ?? ctx.actor;
  return okReply(t.reopen.reopened(ref.value, owner.displayName, formatShortDate(firstCheckIn, t.locale)));
}
