// /jobbot slack-channel [team] typed as a slash command in a Slack channel:
// that channel gets the team's digests and celebrations. The Slack channel
// adds `channel:<id>` from the signed slash-command payload (the user never
// types it; a typed one is removed), and only for shared channels, never for
// a direct message. A team's manager links their own team; an administrator
// any team by name. Mirrors teams-channel-link.ts.
import { okReply, type Reply } from '../domain/reply.js';
import { recordAudit } from '../db/audit.js';
import { fail } from './arguments.js';
import { actorFacts, type HandlerContext } from './context.js';

export const SLACK_CHANNEL_WORDS = ['slack-channel', 'slack-kanal'] as const;

/** The marker the Slack channel appends: `channel:<Slack channel id>`. */
export const SLACK_CHANNEL_ARG = 'channel:';

/** Public (C…) and private (G…) channel ids; D… is a direct message. */
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

export async function linkSlackChannel(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const text = t.slack.channelLink;
  const channelId = args.find((a) => a.startsWith(SLACK_CHANNEL_ARG))?.slice(SLACK_CHANNEL_ARG.length);
  const teamName = args.filter((a) => !a.startsWith(SLACK_CHANNEL_ARG)).join(' ').trim();
  if (ctx.channel !== 'SLACK' || !channelId || !SLACK_CHANNEL_ID.test(channelId)) return fail(text.onlyInChannel).reply;

  const facts = actorFacts(ctx.actor, ctx.adminEmails);
  const team = teamName ? await ctx.db.team.findUnique({ where: { name: teamName } }) : ctx.actor.team;
  if (!team) return fail(teamName ? t.errors.teamNotFound(teamName) : t.errors.noTeam).reply;
  const managesTeam = ctx.actor.role === 'MANAGER' && ctx.actor.teamId === team.id;
  if (!facts.isAdmin && !managesTeam) return fail(text.notAllowed).reply;

  await ctx.db.team.update({ where: { id: team.id }, data: { slackChannelId: channelId } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'team.slack-channel', channel: ctx.channel, details: { teamId: team.id } });
  return okReply(text.linked(team.name), [], 'channel');
}
