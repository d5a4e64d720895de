// /jobbot link <platform user> <handle> (admins): ties a Slack or Teams
// account to a staff record when automatic linking by e-mail is not possible.
// The platform user comes as a mention (<@U123ABC|anne>, @U123ABC) or with an
// explicit prefix (slack:U123ABC, teams:<aad object id>); without a prefix it
// is the platform the command was typed on.
import { parseHandle } from '../../domain/command-tokens.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { findStaffByHandle } from '../../db/staff-queries.js';
import { fail } from '../arguments.js';
import { actorFacts, type HandlerContext } from '../context.js';

type Platform = 'slack' | 'teams';

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const TEAMS_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The account id and platform in a mention or prefixed id, or undefined. */
export function parsePlatformAccount(raw: string, typedOn: string): { platform: Platform; id: string } | 'platform-needed' | undefined {
  const prefixed = /^(slack|teams):(.+)$/i.exec(raw);
  if (prefixed) {
    const platform = prefixed[1]!.toLowerCase() as Platform;
    const id = prefixed[2]!.replace(/^<@|>$/g, '').replace(/^@/, '').split('|')[0] ?? '';
    const valid = platform === 'slack' ? SLACK_USER_ID.test(id) : TEAMS_ID.test(id);
    return valid ? { platform, id } : undefined;
  }
  const mention = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(raw) ?? /^@?([UW][A-Z0-9]{2,})$/.exec(raw);
  const id = mention?.[1];
  if (id && SLACK_USER_ID.test(id)) return typedOn === 'SLACK' ? { platform: 'slack', id } : 'platform-needed';
  if (TEAMS_ID.test(raw)) return typedOn === 'TEAMS' ? { platform: 'teams', id: raw } : 'platform-needed';
  return undefined;
}

export async function linkStaff(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const l = t.link;
  if (!actorFacts(ctx.actor, ctx.adminEmails).isAdmin) return fail(t.errors.adminOnly).reply;
  const [rawAccount, rawHandle, ...extra] = args;
  if (!rawAccount) return fail(l.missingAccount).reply;
  const account = parsePlatformAccount(rawAccount, ctx.channel);
  if (account === 'platform-needed') return fail(l.platformNeeded).reply;
  if (!account) return fail(l.invalidAccount(rawAccount)).reply;
  const handle = rawHandle ? parseHandle(rawHandle) : undefined;
  if (!handle) return fail(t.errors.missing(t.what.handle), l.missingAccount).reply;
  if (extra.length) return fail(t.errors.tooManyWords(extra.join(' '))).reply;
  const staff = await findStaffByHandle(ctx.db, handle);
  if (!staff) return fail(t.errors.staffNotFound(handle)).reply;

  const lines: string[] = [];
  const field = account.platform === 'slack' ? 'slackUserId' : 'teamsAadObjectId';
  const previous = await ctx.db.staff.findFirst({ where: { [field]: account.id } });
  if (previous && previous.id !== staff.id) {
    // One account, one person: the admin's word moves the link.
    await ctx.db.staff.update({ where: { id: previous.id }, data: account.platform === 'slack' ? { slackUserId: null, slackDmChannelId: null } : { teamsAadObjectId: null } });
    lines.push(l.moved(previous.handle));
  }
  const changed = account.platform === 'slack' ? staff.slackUserId !== account.id : staff.teamsAadObjectId !== account.id;
  if (changed) {
    await ctx.db.staff.update({
      where: { id: staff.id },
      // A new Slack user means a new DM channel: forget the cached one.
      data: account.platform === 'slack' ? { slackUserId: account.id, slackDmChannelId: null } : { teamsAadObjectId: account.id },
    });
  }
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: `staff.link.${account.platform}`, channel: ctx.channel, details: { staffId: staff.id } });
  return okReply([l.linked(staff.handle, account.platform === 'slack' ? 'Slack' : 'Teams', account.id), ...lines].join('\n'));
}
