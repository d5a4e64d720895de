// Finds a citizen for the actor and enforces who may see it. Every successful
// lookup is audit-logged, so reading a card leaves a trace like writing does.
import { canAccessCitizen, isManager } from '../../domain/access.js';
import { toDbDate } from '../../domain/local-date.js';
import { recordAudit } from '../../db/audit.js';
import type { Citizen } from '../../db/types.js';
import { fail, ok, type Checked } from '../arguments.js';
import { actorFacts, type HandlerContext } from '../context.js';

export async function loadCitizen(
  ctx: HandlerContext,
  ref: string,
  purpose: { action: string; requireActive?: boolean },
): Promise<Checked<Citizen>> {
  const { t, actor } = ctx;
  if (!actor.teamId) return fail(t.errors.noTeam);
  const citizen = await ctx.db.citizen.findUnique({ where: { teamId_ref: { teamId: actor.teamId, ref } } });
  if (!citizen) return fail(t.errors.citizenNotFound(ref));
  if (!(await mayAccessCitizen(ctx, citizen))) {
    ctx.refused?.({ actorId: actor.id, action: `${purpose.action}.refused`, citizenId: citizen.id, channel: ctx.channel, details: { reason: 'access' } });
    return fail(t.errors.citizenNotYours(ref));
  }
  if (purpose.requireActive && citizen.status !== 'ACTIVE') return fail(t.errors.citizenClosed(ref));
  await recordAudit(ctx.db, { actorId: actor.id, action: purpose.action, citizenId: citizen.id, channel: ctx.channel });
  return ok(citizen);
}

/**
 * The access rule, with cover: someone covering for an away colleague may see
 * that colleague's citizens (they get their reminders). Who is covered is read
 * only when the plain rule says no, so ordinary commands cost no extra query.
 */
export async function mayAccessCitizen(ctx: HandlerContext, citizen: Pick<Citizen, 'teamId' | 'caseworkerId' | 'consultantId' | 'mentorId'>): Promise<boolean> {
  const facts = actorFacts(ctx.actor, ctx.adminEmails);
  if (canAccessCitizen(facts, citizen)) return true;
  if (!ctx.actor.teamId || ctx.actor.teamId !== citizen.teamId) return false;
  const covered = await ctx.db.staff.findMany({
    where: { awayCoverId: ctx.actor.id, teamId: ctx.actor.teamId, active: true, awayUntil: { gte: toDbDate(ctx.today) } },
    select: { id: true },
  });
  return covered.length > 0 && canAccessCitizen({ ...facts, covering: covered.map((s) => s.id) }, citizen);
}

export function requireTeam(ctx: HandlerContext): Checked<string> {
  return ctx.actor.teamId ? ok(ctx.actor.teamId) : fail(ctx.t.errors.noTeam);
}

/** The actor's team, for what only its manager may do; otherwise the "managers only" (or "no team") reply. */
export function requireManager(ctx: HandlerContext): Checked<string> {
  const team = requireTeam(ctx);
  if (!team.ok) return team;
  if (isManager(ctx.actor)) return team;
  // A command refused for access is audited (reason only; the router writes it after the rollback).
  ctx.refused?.({ actorId: ctx.actor.id, action: 'access.refused', channel: ctx.channel, details: { reason: 'managerOnly' } });
  return fail(ctx.t.errors.managerOnly);
}
