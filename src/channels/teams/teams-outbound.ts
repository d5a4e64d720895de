// Proactive Teams messages for the scheduler's outbox: 1:1 reminders to a
// staff member's personal chat, digests and celebrations to the team's linked
// channel, and in-place updates of a card sent earlier. Uses the stored
// conversation references (continueConversationAsync with the app id), so it
// works after a restart. Retries 429/412/502/504; a 403 "bot not in
// conversation roster" marks the reference uninstalled and is permanent.
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Destination, OutboundChannel, SendResult } from '../../delivery/outbound-channel.js';
import type { Reply } from '../../domain/reply.js';
import type { PrismaClient } from '../../db/types.js';
import type { Log } from '../../logger.js';
import { findByConversation, findPersonal, findTeamChannel, markUninstalled, type StoredReference } from './conversation-store.js';
import { describeConnectorError, isNotInRoster, withConnectorRetry, type RetryOptions } from './connector-retry.js';
import { cardAttachment, renderAdaptiveCard, type AdaptiveCard } from './render-adaptive-card.js';

export interface TeamsOutboundDeps {
  adapter: CloudAdapter;
  /** '' when authentication is off (Emulator, tests). */
  appId: string;
  prisma: PrismaClient;
  retry: RetryOptions;
  log: Log;
}

export interface TeamsOutbound extends OutboundChannel {
  readonly name: 'teams';
  /** Sends activities in order (a private answer and a file consent card); stops at the first that fails. */
  sendActivities(ref: StoredReference, activities: ReadonlyArray<Partial<Activity>>): Promise<SendResult>;
}

export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return { type: 'message', summary: activitySummary(card.fallbackText ?? firstText(card)), attachments: [cardAttachment(card)] };
}

/** Longest notification summary we send; Teams cuts the preview much shorter anyway. */
const MAX_SUMMARY = 150;

/**
 * activity.summary: what a notification and the chat list show for a message
 * whose content is a card or a file. Without it Teams says "sent a card". The
 * plain first line of the reply: no citizen names ever reach a reply text.
 */
export function activitySummary(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find(Boolean) ?? 'jobbot';
  return line.length <= MAX_SUMMARY ? line : `${line.slice(0, MAX_SUMMARY - 1)}…`;
}

function firstText(card: AdaptiveCard): string {
  const block = card.body.find((e) => e.type === 'TextBlock' && typeof e.text === 'string');
  return typeof block?.text === 'string' ? block.text : '';
}

/**
 * A proactive turn's activity has a made-up id (continueConversationAsync: a
 * random one; createConversationAsync: the conversation's), which botbuilder
 * would turn into a replyToId. Proactive messages are new posts
 * (sendToConversation), not replies to an activity that does not exist.
 */
export function sendAsNewPosts(context: TurnContext): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) delete activity.replyToId;
    return next();
  });
}

export function createTeamsOutbound(deps: TeamsOutboundDeps): TeamsOutbound {
  const { prisma, log } = deps;

  async function referenceFor(destination: Destination): Promise<StoredReference | null> {
    return destination.audience === 'dm' ? findPersonal(prisma, destination.staffId) : findTeamChannel(prisma, destination.teamId);
  }

  /** Runs `call` in the stored conversation; connector errors come back as a SendResult, never thrown. */
  async function inConversation<T>(ref: StoredReference, call: (context: TurnContext) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; result: SendResult }> {
    if (!ref.installed) return { ok: false, result: { ok: false, error: 'teams: bot not installed in this conversation', permanent: true } };
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    try {
      await deps.adapter.continueConversationAsync(deps.appId, ref.reference as ConversationReference, async (context) => {
        sendAsNewPosts(context);
        // Caught here: the adapter would hand a thrown error to onTurnError and swallow it.
        try {
          outcome = { ok: true, value: await withConnectorRetry(() => call(context), deps.retry, (status, attempt, delayMs) => log('teams.connector.retry', { status, attempt, delayMs }, 'warn')) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (!outcome) return { ok: false, result: { ok: false, error: 'teams: no turn ran' } };
    if (outcome.ok) return outcome;
    const error = describeConnectorError(outcome.error);
    if (isNotInRoster(error)) {
      await markUninstalled(prisma, ref.conversationId);
      log('teams.reference.uninstalled', { conversationRefId: ref.id, scope: ref.scope }, 'warn');
      return { ok: false, result: { ok: false, error: 'teams: BotNotInConversationRoster', permanent: true } };
    }
    log('teams.send.failed', { conversationRefId: ref.id, status: error.status, code: error.code }, 'error');
    return {
      ok: false,
      result: {
        ok: false,
        error: `teams: ${error.status ?? 'network'} ${error.code ?? ''}`.trim(),
        ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
        ...(error.status === 403 || error.status === 404 ? { permanent: true } : {}),
      },
    };
  }

  /** Each activity in its own turn, so a retried one never resends the one before it. */
  async function sendActivities(ref: StoredReference, activities: ReadonlyArray<Partial<Activity>>): Promise<SendResult> {
    let first: SendResult | undefined;
    for (const activity of activities) {
      const sent = await inConversation(ref, (context) => context.sendActivity(activity));
      if (!sent.ok) return sent.result;
      const activityId = sent.value?.id;
      first ??= { ok: true, messageRef: { conversationId: ref.conversationId, ...(activityId ? { activityId } : {}) } };
    }
    return first ?? { ok: true };
  }

  function sendCard(ref: StoredReference, card: AdaptiveCard): Promise<SendResult> {
    return sendActivities(ref, [cardActivity(card)]);
  }

  return {
    name: 'teams',
    sendActivities,
    async canReach(destination) {
      return (await referenceFor(destination)) !== null;
    },
    async send(destination, reply: Reply) {
      const ref = await referenceFor(destination);
      if (!ref) return { ok: false, error: `teams: no ${destination.audience === 'dm' ? 'personal chat' : 'team channel'} stored`, permanent: true };
      return sendCard(ref, renderAdaptiveCard(reply));
    },
    async update(messageRef, reply) {
      const conversationId = messageRef.conversationId;
      const activityId = messageRef.activityId;
      if (!conversationId || !activityId) return { ok: false, error: 'teams: message reference incomplete', permanent: true };
      const ref = await findByConversation(prisma, conversationId);
      if (!ref) return { ok: false, error: 'teams: conversation unknown', permanent: true };
      const updated = await inConversation(ref, (context) => context.updateActivity({ ...cardActivity(renderAdaptiveCard(reply)), id: activityId }));
      return updated.ok ? { ok: true, messageRef } : updated.result;
    },
  };
}
