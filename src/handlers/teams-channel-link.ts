// /jobbot teams-channel [team] said by @mention in a Teams channel: that
// channel gets the team's digests and celebrations. The Teams channel adds
// `conversation:<stored reference id>` to the text (the user never types it),
// so the handler links exactly the conversation the bot has a reference for.
// A team's manager links their own team; an administrator any team by name.
import { okReply, type Reply } from '../domain/reply.js';
import { recordAudit } from '../db/audit.js';
import { fail } from './arguments.js';
import { actorFacts, type HandlerContext } from './context.js';

export const TEAMS_CHANNEL_WORDS = ['teams-channel', 'teams-kanal'] as const;

export async function linkTeamsChannel(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const text = t.teams.channelLink;
  const refId = args.find((a) => a.startsWith('conversation:'))?.slice('conversation:'.length);
  const teamName = args.filter((a) => !a.startsWith('conversation:')).join(' ').trim();
  if (ctx.channel !== 'TEAMS' || !refId) return fail(text.onlyInChannel).reply;
  const ref = await ctx.db.conversationRef.findUnique({ where: { id: refId } });
  if (!ref || ref.platform !== 'teams' || ref.scope !== 'channel') return fail(text.onlyInChannel).reply;

  const facts = actorFacts(ctx.actor, ctx.adminEmails);
  const team = teamName ? await ctx.db.team.findUnique({ where: { name: teamName } }) : ctx.actor.team;
  if (!team) return fail(teamName ? t.errors.teamNotFound(teamName) : t.errors.noTeam).reply;
  const managesTeam = ctx.actor.role === 'MANAGER' && ctx.actor.teamId === team.id;
  if (!facts.isAdmin && !managesTeam) return fail(text.notAllowed).reply;

  await ctx.db.team.update({ where: { id: team.id }, data: { teamsChannelId: ref.conversationId } });
  await ctx.db.conversationRef.updateMany({ where: { platform: 'teams', teamId: team.id, NOT: { id: ref.id } }, data: { teamId: null } });
  await ctx.db.conversationRef.update({ where: { id: ref.id }, data: { teamId: team.id, installed: true } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'team.teams-channel', channel: ctx.channel, details: { teamId: team.id } });
  return okReply(text.linked(team.name), [], 'channel');
}
