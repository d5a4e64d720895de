// /jobbot slack-channel [team] typed as a slash command in a Slack channel:
// that channel gets the team's digests and celebrations. Which channel comes
// from the signed slash-command payload (ctx.conversation), never from the
// text, and only a shared channel counts, never a direct message. A team's
// manager links their own team; an administrator any team by name
// (team-to-link.ts, shared with teams-channel-link.ts).
import { okReply, type Reply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { fail } from '../arguments.js';
import type { HandlerContext } from '../context.js';
import { teamToLink } from './team-to-link.js';

export const SLACK_CHANNEL_WORDS = ['slack-channel', 'slack-kanal'] as const;

/** Public (C…) and private (G…) channel ids; D… is a direct message. */
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

export async function linkSlackChannel(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const text = ctx.t.slack.channelLink;
  const where = ctx.conversation;
  if (ctx.channel !== 'SLACK' || where?.platform !== 'slack' || !where.shared || !SLACK_CHANNEL_ID.test(where.id)) return fail(text.onlyInChannel).reply;
  const found = await teamToLink(ctx, args, text.notAllowed);
  if (!found.ok) return found.reply;
  const { team } = found;

  await ctx.db.team.update({ where: { id: team.id }, data: { slackChannelId: where.id } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'team.slack-channel', channel: ctx.channel, details: { teamId: team.id } });
  return okReply(text.linked(team.name), [], 'channel');
}
