// Colleagues picked from the Teams mention picker ("caseload <at>Anne
// Andersen</at>") → the handles the commands read ("caseload @anne"). The
// entity names only a Teams user id (29:…): its profile (TeamsInfo.getMember)
// gives the AAD object id and e-mail, resolved to staff as a writer is. Someone
// who is not an active, known staff member stops the message: dropping the
// mention would silently change what was asked (a manager would get the
// whole team's caseload instead of Anne's).
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { messagesFor } from '../../domain/i18n/messages.js';
import { errorReply, type Reply } from '../../domain/reply.js';
import type { StaffMember } from '../../db/staff-queries.js';
import { mentionedPeople, type MentionedPerson } from './parse-activity.js';
import { firstLine } from './teams-http.js';
import { resolveTeamsUser, type IdentityResult } from './teams-identity.js';
import { activityOf, type TeamsTurnKit } from './teams-turn.js';

export type ResolvedMentions = { replacements: Map<string, string>; denied?: undefined } | { replacements?: undefined; denied: Reply };

/** Mentioned user id → "@handle" for commandText, or the answer naming the first person jobbot cannot map. */
export async function resolveMentions(kit: TeamsTurnKit, context: TurnContext, actor: StaffMember): Promise<ResolvedMentions> {
  const replacements = new Map<string, string>();
  for (const person of mentionedPeople(activityOf(context))) {
    const identity = await identifyMentioned(kit, context, person);
    if (identity.kind !== 'staff') {
      const teamsId = identity.kind === 'unknown' ? identity.aadObjectId : undefined;
      return { denied: errorReply(messagesFor(actor.locale).mentions.teamsNotLinked(person.name, teamsId)) };
    }
    replacements.set(person.id, `@${identity.staff.handle}`);
  }
  return { replacements };
}

async function identifyMentioned(kit: TeamsTurnKit, context: TurnContext, person: MentionedPerson): Promise<IdentityResult> {
  let member: Awaited<ReturnType<typeof TeamsInfo.getMember>>;
  try {
    member = await TeamsInfo.getMember(context, person.id);
  } catch (error) {
    // Not a member of this conversation or team (or a channel or tag mention): nobody jobbot can name.
    kit.log('teams.mention.lookup_failed', { error: firstLine(error) }, 'warn');
    return { kind: 'unknown' };
  }
  return resolveTeamsUser(kit.prisma, {
    aadObjectId: member.aadObjectId,
    lookupEmails: async () => [member.email, member.userPrincipalName].filter((e): e is string => typeof e === 'string'),
  });
}
