// What every Teams activity handler gets (the channel builds it once): the
// router, sending with the connector's retry, the stored conversation
// references, and who wrote, resolved once per activity by asStaff.
import { TeamsInfo, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { messagesFor } from '../../domain/i18n/messages.js';
import { errorReply, type Reply } from '../../domain/reply.js';
import type { PrismaClient } from '../../db/types.js';
import type { StaffMember } from '../../db/staff-queries.js';
import type { IncomingConversation, RouterDeps } from '../../handlers/context.js';
import type { Log } from '../../logger.js';
import { withConnectorRetry, type RetryOptions } from './connector-retry.js';
import { saveReference, type StoredReference } from './conversation-store.js';
import type { PendingFiles } from './file-consent.js';
import { conversationKey, conversationScope, localeOf, type ActivityLike } from './parse-activity.js';
import type { AdaptiveCard } from './render-adaptive-card.js';
import type { RequestCloudAdapter } from './teams-http.js';
import { cardActivity, type TeamsOutbound } from './teams-outbound.js';
import { resolveTeamsUser, type IdentityResult } from './teams-identity.js';

export interface TeamsTurnKit {
  prisma: PrismaClient;
  router: RouterDeps;
  log: Log;
  /** '' when authentication is off. */
  appId: string;
  authOff: boolean;
  adapter: RequestCloudAdapter;
  outbound: TeamsOutbound;
  retry: RetryOptions;
  /** Exports offered on a consent card, waiting for Allow or Decline. */
  files: PendingFiles;
  /** Work that outlives the turn (celebrations after an invoke was answered): idle() and stop() wait for it. */
  track(work: Promise<void> | undefined): void;
}

/** The activity as this channel reads it. */
export const activityOf = (context: TurnContext) => context.activity as ActivityLike & Activity;

export function send(kit: TeamsTurnKit, context: TurnContext, activity: Partial<Activity>) {
  return withConnectorRetry(() => context.sendActivity(activity), kit.retry, onRetry(kit));
}

export function sendCard(kit: TeamsTurnKit, context: TurnContext, card: AdaptiveCard) {
  return send(kit, context, cardActivity(card));
}

/** Replaces the card with this activity id (the one whose button was pressed). */
export function updateCard(kit: TeamsTurnKit, context: TurnContext, activityId: string, card: AdaptiveCard) {
  return withConnectorRetry(() => context.updateActivity({ ...cardActivity(card), id: activityId }), kit.retry, onRetry(kit));
}

function onRetry(kit: TeamsTurnKit) {
  return (status: number | undefined, attempt: number, delayMs: number) => kit.log('teams.connector.retry', { status, attempt, delayMs }, 'warn');
}

/** Where an activity was said: the conversation the bot keeps a reference for (a channel's, without ;messageid=). */
export function conversationOf(context: TurnContext): IncomingConversation {
  const activity = activityOf(context);
  return { platform: 'teams', id: conversationKey(activity), shared: conversationScope(activity) === 'channel' };
}

/** Keeps the conversation's reference for proactive messages (reminders, digests); never a group chat's. */
export async function storeReference(kit: TeamsTurnKit, context: TurnContext, staffId?: string): Promise<StoredReference | null> {
  const activity = activityOf(context);
  const scope = conversationScope(activity);
  if (scope === 'groupChat') return null; // group chats get answers, never proactive messages
  const key = conversationKey(activity);
  const reference: Partial<ConversationReference> = TurnContext.getConversationReference(activity);
  // Proactive messages start new posts, not replies to this message or thread.
  delete reference.activityId;
  if (reference.conversation) reference.conversation = { ...reference.conversation, id: key };
  return saveReference(kit.prisma, { conversationId: key, scope, reference, staffId: scope === 'personal' ? staffId : undefined });
}

export async function identify(kit: TeamsTurnKit, context: TurnContext): Promise<IdentityResult> {
  const from = context.activity.from;
  // The Emulator has no Entra users: with authentication off, its user id stands in for the object id.
  const emulatorId = kit.authOff && context.activity.channelId === 'emulator' ? from?.id : undefined;
  return resolveTeamsUser(kit.prisma, {
    aadObjectId: from?.aadObjectId ?? emulatorId,
    lookupEmails: async () => {
      const member = await TeamsInfo.getMember(context, from.id);
      return [member.email, member.userPrincipalName].filter((e): e is string => typeof e === 'string');
    },
  });
}

export type StaffOrDenied = { staff: StaffMember; denied?: undefined } | { staff?: undefined; denied: Reply };

/**
 * Who wrote, once per activity: a staff member, or the answer for someone
 * jobbot does not know (whom to ask, with the id to link) or who has left.
 * With `remember`, the conversation reference is stored on the way, also for
 * someone not linked yet, never for staff who have left.
 */
export async function asStaff(kit: TeamsTurnKit, context: TurnContext, options: { remember: boolean }): Promise<StaffOrDenied> {
  const identity = await identify(kit, context);
  if (options.remember && identity.kind !== 'inactive') await storeReference(kit, context, identity.kind === 'staff' ? identity.staff.id : undefined);
  if (identity.kind === 'staff') return { staff: identity.staff };
  const t = messagesFor(localeOf(context.activity));
  if (identity.kind === 'inactive') return { denied: errorReply(t.errors.inactiveUser) };
  return { denied: errorReply(t.teams.unknownUser(kit.router.adminEmails.join(', '), identity.aadObjectId)) };
}
