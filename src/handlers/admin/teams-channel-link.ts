// /jobbot teams-channel [team] said by @mention in a Teams channel: that
// channel gets the team's digests and celebrations. Which conversation comes
// from the activity (ctx.conversation, the Teams conversation id), never from
// the text, and the handler links it only when the bot holds a channel
// reference for it. A team's manager links their own team; an administrator
// any team by name (team-to-link.ts, shared with slack-channel-link.ts).
import { okReply, type Reply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { fail } from '../arguments.js';
import type { HandlerContext } from '../context.js';
import { teamToLink } from './team-to-link.js';

export const TEAMS_CHANNEL_WORDS = ['teams-channel', 'teams-kanal'] as const;

export async function linkTeamsChannel(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const text = ctx.t.teams.channelLink;
  const where = ctx.conversation;
  if (ctx.channel !== 'TEAMS' || where?.platform !== 'teams' || !where.shared) return fail(text.onlyInChannel).reply;
  const ref = await ctx.db.conversationRef.findUnique({ where: { platform_conversationId: { platform: 'teams', conversationId: where.id } } });
  if (!ref || ref.scope !== 'channel') return fail(text.onlyInChannel).reply;
  const found = await teamToLink(ctx, args, text.notAllowed);
  if (!found.ok) return found.reply;
  const { team } = found;

  await ctx.db.team.update({ where: { id: team.id }, data: { teamsChannelId: ref.conversationId } });
  await ctx.db.conversationRef.updateMany({ where: { platform: 'teams', teamId: team.id, NOT: { id: ref.id } }, data: { teamId: null } });
  await ctx.db.conversationRef.update({ where: { id: ref.id }, data: { teamId: team.id, installed: true } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'team.teams-channel', channel: ctx.channel, details: { teamId: team.id } });
  return okReply(text.linked(team.name), [], 'channel');
}
