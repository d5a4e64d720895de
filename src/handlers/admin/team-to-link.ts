// Which team a chat channel is linked to (/jobbot slack-channel [team],
// /jobbot teams-channel [team]), and whether the actor may: a team's manager
// links their own team; an administrator any team by name.
import type { Team } from '../../db/types.js';
import type { Reply } from '../../domain/reply.js';
import { fail } from '../arguments.js';
import { actorFacts, type HandlerContext } from '../context.js';

export async function teamToLink(ctx: HandlerContext, args: string[], notAllowed: string): Promise<{ ok: true; team: Team } | { ok: false; reply: Reply }> {
  const { t } = ctx;
  const teamName = args.join(' ').trim();
  const team = teamName ? await ctx.db.team.findUnique({ where: { name: teamName } }) : ctx.actor.team;
  if (!team) return fail(teamName ? t.errors.teamNotFound(teamName) : t.errors.noTeam);
  const managesTeam = ctx.actor.role === 'MANAGER' && ctx.actor.teamId === team.id;
  if (!actorFacts(ctx.actor, ctx.adminEmails).isAdmin && !managesTeam) return fail(notAllowed);
  return { ok: true, team };
}
