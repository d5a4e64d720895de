// The Microsoft Teams channel: botbuilder's CloudAdapter on POST /api/messages
// of the shared HTTP server. Thin, like every channel: activity → Incoming →
// router → Reply → Adaptive Card → send. What it adds is Teams plumbing:
// conversation references for proactive messages, identity by AAD object id,
// card forms, and keeping citizen details out of channels (a private answer
// asked for in a channel goes to the asker's 1:1 chat).
//
// Here: set-up and which handler an activity goes to. The rooms:
// teams-http.ts (request, authentication), teams-turn.ts (what handlers share,
// asStaff), teams-forms.ts (form cards, card buttons and submissions),
// teams-answers.ts (here or 1:1, file offers and their consent),
// teams-mentions.ts (colleagues @mentioned → handles), teams-import.ts (a CSV
// sent in the 1:1 chat → import preview).
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { messagesFor } from '../../domain/i18n/messages.js';
import { okReply } from '../../domain/reply.js';
import type { RouterDeps } from '../../handlers/context.js';
import { formForCommandText } from '../../handlers/forms.js';
import { routeCommand } from '../../handlers/router.js';
import type { Log } from '../../logger.js';
import { announcementDeliverer } from '../../delivery/deliver-announcements.js';
import type { Channel } from '../channel.js';
import type { HttpServer, RouteHandler } from '../http-server.js';
import { DEFAULT_RETRY, type RetryOptions } from './connector-retry.js';
import { markUninstalled } from './conversation-store.js';
import { isFileConsentInvoke, PendingFiles, type PendingFilesOptions } from './file-consent.js';
import { cardSubmission, commandText, conversationKey, conversationScope, isAdaptiveCardInvoke, isCsvFile, localeOf, requestKey, sentFiles, type ActivityLike } from './parse-activity.js';
import { renderAdaptiveCard } from './render-adaptive-card.js';
import { answerTurnError, deliver, onFileConsent } from './teams-answers.js';
import { formCard, onCardInvoke, onCardSubmit } from './teams-forms.js';
import { onFilesSent } from './teams-import.js';
import { resolveMentions } from './teams-mentions.js';
import { checkedAppId, createAdapter, logStart, requestHandler, TEAMS_PATH, type RequestCloudAdapter, type TeamsAuthSettings } from './teams-http.js';
import { createTeamsOutbound, type TeamsOutbound } from './teams-outbound.js';
import { activityOf, asStaff, conversationOf, identify, sendCard, storeReference, type TeamsTurnKit } from './teams-turn.js';

export { TEAMS_PATH };

export interface TeamsChannelOptions extends TeamsAuthSettings {
  router: RouterDeps;
  log: Log;
  retry?: Partial<RetryOptions>;
  /** How long an offered file (CSV export) waits in memory for Allow/Decline; default 15 minutes. */
  files?: PendingFilesOptions;
  /** The shared HTTP server: start() routes POST /api/messages on it. */
  http?: HttpServer;
}

export interface TeamsChannel extends Channel {
  readonly name: 'teams';
  /** The POST /api/messages handler (start() routes it on the shared HTTP server). */
  handleRequest: RouteHandler;
  /** For the scheduler's outbox: 1:1 reminders, team digests and celebrations, card updates. */
  outbound: TeamsOutbound;
  adapter: RequestCloudAdapter;
  authenticated: boolean;
  /** Resolves when no work started by a request is left (celebrations after an answered invoke). */
  idle(): Promise<void>;
}

/** Builds the channel and routes POST /api/messages on the shared server; says loudly when authentication is off. */
export async function startTeams(options: TeamsChannelOptions & { http: HttpServer }): Promise<TeamsChannel> {
  const channel = createTeamsChannel(options);
  await channel.start();
  return channel;
}

export function createTeamsChannel(options: TeamsChannelOptions): TeamsChannel {
  const { log } = options;
  const prisma = options.router.prisma;
  const appId = checkedAppId(options);
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  const adapter = createAdapter(appId, options);
  const outbound = createTeamsOutbound({ adapter, appId, prisma, retry, log });
  // Without a composition root's hook (tests, one channel alone), celebrations go out through this channel.
  const router: RouterDeps = {
    ...options.router,
    afterCommit: options.router.afterCommit ?? announcementDeliverer({ prisma, channels: () => [outbound], clock: options.router.clock, log }),
  };
  const inflight = new Set<Promise<void>>();
  const kit: TeamsTurnKit = {
    prisma,
    router,
    log,
    appId,
    authOff: Boolean(options.authOff),
    adapter,
    outbound,
    retry,
    files: new PendingFiles(options.files),
    track(work) {
      if (!work) return;
      const p: Promise<void> = work.catch(() => undefined).finally(() => inflight.delete(p));
      inflight.add(p);
    },
  };
  const idle = async () => {
    while (inflight.size) await Promise.allSettled([...inflight]);
  };

  adapter.onTurnError = (context, error) => answerTurnError(kit, context, error);

  async function onMessage(context: TurnContext): Promise<void> {
    const activity = activityOf(context);
    // Staff who have left are answered and nothing else: no reference is stored for them.
    const who = await asStaff(kit, context, { remember: true });
    if (who.denied) {
      await sendCard(kit, context, renderAdaptiveCard(who.denied));
      return;
    }
    const actor = who.staff;
    const data = cardSubmission(activity);
    if (data) return onCardSubmit(kit, context, actor, data);

    const files = sentFiles(activity);
    // A CSV wins over any text with it; another file only when there is nothing else to answer.
    if (files.length && (files.some(isCsvFile) || !commandText(activity))) return onFilesSent(kit, context, actor, files);
    const mentions = await resolveMentions(kit, context, actor);
    if (mentions.denied) {
      await deliver(kit, context, actor, renderAdaptiveCard(mentions.denied), true);
      return;
    }
    const text = commandText(activity, mentions.replacements);
    const formId = formForCommandText(text);
    if (formId) {
      await deliver(kit, context, actor, await formCard(kit, actor, formId), true);
      return;
    }
    const routed = await routeCommand(router, { text, actor, channel: 'TEAMS', conversation: conversationOf(context), requestKey: requestKey(activity) });
    if (routed.replayed) {
      // Teams redelivered an activity we already answered: answer once.
      log('teams.redelivery', { type: 'message' });
      return;
    }
    await deliver(kit, context, actor, renderAdaptiveCard(routed.reply), routed.reply.visibility === 'private', routed.reply.attachment);
    await routed.posted;
  }

  async function onConversationUpdate(context: TurnContext): Promise<void> {
    const activity = activityOf(context);
    const botId = activity.recipient?.id;
    if (activity.membersRemoved?.some((m) => m.id === botId)) {
      await markUninstalled(prisma, conversationKey(activity));
      log('teams.uninstalled', { scope: conversationScope(activity) });
      return;
    }
    if (!activity.membersAdded?.some((m) => m.id === botId)) return;
    const scope = conversationScope(activity);
    const identity = scope === 'personal' ? await identify(kit, context) : undefined;
    const staff = identity?.kind === 'staff' ? identity.staff : undefined;
    const ref = await storeReference(kit, context, staff?.id);
    log('teams.installed', { scope, conversationRefId: ref?.id ?? null, linked: Boolean(staff) });
    const t = messagesFor(staff?.locale ?? localeOf(activity));
    await sendCard(kit, context, renderAdaptiveCard(okReply(scope === 'personal' ? t.teams.welcomePersonal : t.teams.welcomeChannel)));
  }

  async function onInstallationUpdate(context: TurnContext): Promise<void> {
    const activity = context.activity as ActivityLike & { action?: string };
    if (activity.action?.startsWith('remove')) {
      await markUninstalled(prisma, conversationKey(activity));
      log('teams.uninstalled', { scope: conversationScope(activity) });
    } else if (activity.action?.startsWith('add')) {
      // The welcome comes with the conversationUpdate; here only the reference.
      const identity = conversationScope(activity) === 'personal' ? await identify(kit, context) : undefined;
      if (identity?.kind !== 'inactive') await storeReference(kit, context, identity?.kind === 'staff' ? identity.staff.id : undefined);
    }
  }

  async function onTurn(context: TurnContext): Promise<void> {
    const activity = activityOf(context);
    switch (activity.type) {
      case ActivityTypes.Message:
        return onMessage(context);
      case ActivityTypes.ConversationUpdate:
        return onConversationUpdate(context);
      case ActivityTypes.InstallationUpdate:
        return onInstallationUpdate(context);
      case ActivityTypes.Invoke:
        if (isAdaptiveCardInvoke(activity)) return onCardInvoke(kit, context);
        if (isFileConsentInvoke(activity)) return onFileConsent(kit, context);
        return; // other invokes (message extensions, …) are not offered: the adapter answers 501
      default:
        return;
    }
  }

  const handleRequest = requestHandler(adapter, onTurn, log);
  const authenticated = Boolean(appId);

  return {
    name: 'teams',
    handleRequest,
    outbound,
    adapter,
    authenticated,
    idle,
    async start() {
      options.http?.route(TEAMS_PATH, handleRequest);
      logStart(log, authenticated, options);
    },
    async stop() {
      await idle();
    },
  };
}
