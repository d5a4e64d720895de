// The Microsoft Teams channel: botbuilder's CloudAdapter on POST /api/messages
// of the shared HTTP server. Thin, like every channel: activity → Incoming →
// router → Reply → Adaptive Card → send. What it adds is Teams plumbing:
// conversation references for proactive messages, identity by AAD object id,
// card forms, and keeping citizen details out of channels (a private answer
// asked for in a channel goes to the asker's 1:1 chat).
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsInfo,
  TurnContext,
  type Activity,
  type ConversationReference,
  type Response as BotResponse,
} from 'botbuilder';
import { messagesFor, type Messages } from '../../domain/i18n/messages.js';
import { todayIn } from '../../domain/local-date.js';
import { errorReply, okReply, type Reply, type ReplyAttachment } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { citizensForPicker } from '../../db/citizen-picker-queries.js';
import type { StaffMember } from '../../db/staff-queries.js';
import type { IncomingConversation, RouterDeps } from '../../handlers/context.js';
import { buildForm, formForAction, formForCommandText, formToCommandText, isFormId, validateForm, type FormId } from '../../handlers/forms.js';
import { routeAction, routeCommand } from '../../handlers/router.js';
import type { Log } from '../../logger.js';
import { allowsTeamsAuthOff, teamsAuthOffRefusal } from '../../config.js';
import { failureText } from '../failure-answer.js';
import type { HttpServer, RouteHandler } from '../http-server.js';
import { DEFAULT_RETRY, withConnectorRetry, type RetryOptions } from './connector-retry.js';
import {
  fileConsentActivity,
  fileInfoActivity,
  isFileConsentInvoke,
  parseFileConsent,
  PendingFiles,
  UploadError,
  uploadFile,
  type PendingFilesOptions,
} from './file-consent.js';
import { findPersonal, markUninstalled, saveReference, type StoredReference } from './conversation-store.js';
import {
  cardSubmission,
  commandText,
  conversationKey,
  conversationScope,
  isAdaptiveCardInvoke,
  localeOf,
  requestKey,
  type ActivityLike,
} from './parse-activity.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderAdaptiveCard, type AdaptiveCard, type CardData } from './render-adaptive-card.js';
import { renderFormCard } from './render-form-card.js';
import { cardActivity, createTeamsOutbound, sendAsNewPosts, type TeamsOutbound } from './teams-outbound.js';
import { resolveTeamsUser, type IdentityResult } from './teams-identity.js';
import { announcementDeliverer } from '../../delivery/deliver-announcements.js';

export const TEAMS_PATH = '/api/messages';
/** The Bot Connector's OAuth scope in the public cloud (audience of outgoing calls). */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';
const MAX_BODY_BYTES = 1_000_000;

export interface TeamsChannelOptions {
  router: RouterDeps;
  /** MICROSOFT_APP_ID / _PASSWORD / _TENANT_ID of a single-tenant app registration. */
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  /** TEAMS_AUTH=off: no app id, no authentication (Bot Framework Emulator, tests). */
  authOff?: boolean;
  /** process.env.NODE_ENV: authentication can be switched off only when it is unset, development or test (any case). */
  nodeEnv?: string;
  log: Log;
  retry?: Partial<RetryOptions>;
  /** How long an offered file (CSV export) waits in memory for Allow/Decline; default 15 minutes. */
  files?: PendingFilesOptions;
}

export interface TeamsChannel {
  /** The POST /api/messages handler (route it on the shared HTTP server). */
  handleRequest: RouteHandler;
  /** For the scheduler's outbox: 1:1 reminders, team digests and celebrations, card updates. */
  outbound: TeamsOutbound;
  adapter: CloudAdapter;
  authenticated: boolean;
}

/** Builds the channel and routes POST /api/messages on the shared server; says loudly when authentication is off. */
export function startTeams(options: TeamsChannelOptions & { http: HttpServer }): TeamsChannel {
  const channel = createTeamsChannel(options);
  options.http.route(TEAMS_PATH, channel.handleRequest);
  if (channel.authenticated) {
    options.log('teams.ready', { path: TEAMS_PATH, appId: options.appId, tenantId: options.tenantId });
  } else {
    options.log(
      'teams.auth.off',
      {
        path: TEAMS_PATH,
        warning:
          'TEAMS_AUTH=off: /api/messages accepts UNAUTHENTICATED requests from anyone who can reach this port. Only for the Bot Framework Emulator on a developer machine; never in production.',
      },
      'warn',
    );
    process.stderr.write('\n*** jobbot: TEAMS_AUTH=off - Teams endpoint /api/messages is NOT AUTHENTICATED (local Emulator testing only) ***\n\n');
  }
  return channel;
}

export function createTeamsChannel(options: TeamsChannelOptions): TeamsChannel {
  const { log } = options;
  const prisma = options.router.prisma;
  const appId = options.appId?.trim() ?? '';
  if (options.authOff) {
    if (!allowsTeamsAuthOff(options.nodeEnv)) throw new Error(teamsAuthOffRefusal(options.nodeEnv));
    if (appId) throw new Error('TEAMS_AUTH=off cannot be combined with MICROSOFT_APP_ID');
  } else if (!appId || !options.appPassword || !options.tenantId) {
    throw new Error('Teams needs MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID (or TEAMS_AUTH=off for local testing)');
  }
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  const auth = new SingleRetryAuthentication(
    appId
      ? { MicrosoftAppId: appId, MicrosoftAppPassword: options.appPassword, MicrosoftAppTenantId: options.tenantId, MicrosoftAppType: 'SingleTenant' }
      : {},
  );
  const adapter = new RequestCloudAdapter(auth);
  const outbound = createTeamsOutbound({ adapter, appId, prisma, retry, log });
  // Without a composition root's hook (tests, one channel alone), celebrations go out through this channel.
  const router: RouterDeps = {
    ...options.router,
    afterCommit: options.router.afterCommit ?? announcementDeliverer({ prisma, channels: () => [outbound], clock: options.router.clock, log }),
  };
  const onRetry = (status: number | undefined, attempt: number, delayMs: number) => log('teams.connector.retry', { status, attempt, delayMs }, 'warn');
  const send = (context: TurnContext, activity: Partial<Activity>) => withConnectorRetry(() => context.sendActivity(activity), retry, onRetry);
  const sendCard = (context: TurnContext, card: AdaptiveCard) => send(context, cardActivity(card));
  const files = new PendingFiles(options.files);
  const rejections = rejectionLog(log);
  const firstLine = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

  // Every message and every card or file button ends in an answer, also when the database is down
  // (the identity lookup is the first query, outside any handler's error handling).
  adapter.onTurnError = async (context, error) => {
    // The error's message only: never the activity text, which may hold citizen details.
    log('teams.turn.failed', { type: context.activity.type, error: firstLine(error) }, 'error');
    const activity = context.activity as ActivityLike & Activity;
    const answersCard = isAdaptiveCardInvoke(activity);
    if (activity.type !== ActivityTypes.Message && !answersCard && !isFileConsentInvoke(activity)) return;
    const card = renderAdaptiveCard(errorReply(await failureText(prisma, messagesFor(localeOf(activity)))));
    try {
      if (answersCard) {
        // Action.Execute: the answer replaces the pressed card.
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } } });
        return;
      }
      if (activity.type === ActivityTypes.Invoke) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
      await context.sendActivity(cardActivity(card));
    } catch {
      // the connector is down too; the log above is what we have
    }
  };

  // ---- conversation references and identity --------------------------------

  async function storeReference(context: TurnContext, staffId?: string): Promise<StoredReference | null> {
    const activity = context.activity as ActivityLike & Activity;
    const scope = conversationScope(activity);
    if (scope === 'groupChat') return null; // group chats get answers, never proactive messages
    const key = conversationKey(activity);
    const reference: Partial<ConversationReference> = TurnContext.getConversationReference(activity);
    // Proactive messages start new posts, not replies to this message or thread.
    delete reference.activityId;
    if (reference.conversation) reference.conversation = { ...reference.conversation, id: key };
    return saveReference(prisma, { conversationId: key, scope, reference, staffId: scope === 'personal' ? staffId : undefined });
  }

  async function identify(context: TurnContext) {
    const from = context.activity.from;
    // The Emulator has no Entra users: with authentication off, its user id stands in for the object id.
    const emulatorId = options.authOff && context.activity.channelId === 'emulator' ? from?.id : undefined;
    return resolveTeamsUser(prisma, {
      aadObjectId: from?.aadObjectId ?? emulatorId,
      lookupEmails: async () => {
        const member = await TeamsInfo.getMember(context, from.id);
        return [member.email, member.userPrincipalName].filter((e): e is string => typeof e === 'string');
      },
    });
  }

  /** Someone jobbot does not know (whom to ask, with the id to link), or who has left (like Slack). */
  function deniedReply(context: TurnContext, identity: Exclude<IdentityResult, { kind: 'staff' }>): Reply {
    const t = messagesFor(localeOf(context.activity));
    if (identity.kind === 'inactive') return errorReply(t.errors.inactiveUser);
    return errorReply(t.teams.unknownUser(router.adminEmails.join(', '), identity.aadObjectId));
  }

  // ---- delivering answers ----------------------------------------------------

  /** A 1:1 chat with the asker: the stored one, or a new one created through the connector. */
  async function sendPrivately(context: TurnContext, actor: StaffMember, activities: ReadonlyArray<Partial<Activity>>): Promise<boolean> {
    const personal = await findPersonal(prisma, actor.id);
    if (personal) {
      const result = await outbound.sendActivities(personal, activities);
      if (result.ok) return true;
    }
    const activity = context.activity;
    const tenantId = activity.conversation.tenantId ?? (activity.channelData as ActivityLike['channelData'])?.tenant?.id;
    let sent = false;
    try {
      await adapter.createConversationAsync(
        appId,
        activity.channelId,
        activity.serviceUrl,
        BOT_FRAMEWORK_AUDIENCE,
        {
          isGroup: false,
          bot: activity.recipient,
          members: [activity.from],
          tenantId,
          channelData: tenantId ? { tenant: { id: tenantId } } : undefined,
          activity: undefined as unknown as Activity,
        },
        async (created) => {
          sendAsNewPosts(created);
          try {
            await storeReference(created, actor.id);
            for (const activity of activities) await send(created, activity);
            sent = true;
          } catch (error) {
            log('teams.private.failed', { error: firstLine(error) }, 'error');
          }
        },
      );
    } catch (error) {
      log('teams.private.failed', { error: firstLine(error) }, 'error');
    }
    return sent;
  }

  /**
   * Posts a card here, or, if it must stay private and this is a channel, in
   * the asker's 1:1 chat. A file (CSV export) always goes to the 1:1 chat, as
   * a consent card: exports hold citizen data, and Teams offers files to bots
   * in personal chats only. Without a card, only the file is offered.
   */
  async function deliver(context: TurnContext, actor: StaffMember, card: AdaptiveCard | undefined, isPrivate: boolean, file?: ReplyAttachment): Promise<void> {
    const t = messagesFor(actor.locale);
    const offer = file ? files.add(actor.id, file) : undefined;
    const consent = offer ? [fileConsentActivity(offer, t.teams.file.consentDescription)] : [];
    if (conversationScope(context.activity) === 'personal') {
      if (card) await sendCard(context, card);
      for (const activity of consent) await send(context, activity);
      return;
    }
    if (card && !isPrivate) await sendCard(context, card);
    const privately = [...(card && isPrivate ? [cardActivity(card)] : []), ...consent];
    if (privately.length === 0) return;
    const sent = await sendPrivately(context, actor, privately);
    if (!sent && offer) files.discard(offer.id);
    await sendCard(context, renderAdaptiveCard(okReply(sent ? t.teams.privateAnswerSent : t.teams.privateAnswerFailed)));
  }


  // ---- forms and card buttons -------------------------------------------------

  async function formCard(actor: StaffMember, formId: FormId, prefill?: Record<string, string>): Promise<AdaptiveCard> {
    const t = messagesFor(actor.locale);
    const citizens = await citizensForPicker(prisma, actor, 'TEAMS');
    const form = buildForm(formId, { t, today: todayIn(router.clock()), citizens, prefill });
    return renderFormCard(form);
  }

  interface CardOutcome {
    card: AdaptiveCard;
    isPrivate: boolean;
    replayed: boolean;
    /** The router's post-commit work (celebrations), awaited after the answer. */
    posted?: Promise<void>;
    file?: ReplyAttachment;
  }

  async function handleCardData(context: TurnContext, actor: StaffMember, data: CardData): Promise<CardOutcome> {
    const t: Messages = messagesFor(actor.locale);
    const key = requestKey(context.activity);
    if (data.jobbot === 'action') {
      const formId = formForAction(data.actionId);
      if (formId) return { card: await formCard(actor, formId, data.value ? { citizen: data.value } : undefined), isPrivate: true, replayed: false };
      const routed = await routeAction(router, { actionId: data.actionId, value: data.value, actor, channel: 'TEAMS', conversation: conversationOf(context.activity), requestKey: key });
      return { card: renderAdaptiveCard(routed.reply), isPrivate: routed.reply.visibility === 'private', replayed: routed.replayed, posted: routed.posted, file: routed.reply.attachment };
    }
    if (!isFormId(data.form)) return { card: renderAdaptiveCard(errorReply(t.teams.form.expired)), isPrivate: true, replayed: false };
    const today = todayIn(router.clock());
    const citizens = await citizensForPicker(prisma, actor, 'TEAMS');
    const form = buildForm(data.form, { t, today, citizens });
    const values: Record<string, string | undefined> = {};
    for (const field of form.fields) {
      const raw = data[field.id];
      values[field.id] = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
    }
    const errors = validateForm(form, values, t, today);
    if (errors) return { card: renderFormCard(form, { values, errors, notice: t.teams.form.fixFields }), isPrivate: true, replayed: false };
    const routed = await routeCommand(router, { text: formToCommandText(form, values), actor, channel: 'TEAMS', conversation: conversationOf(context.activity), requestKey: key });
    // A rule the form could not check (citizen not found, …): show it on the form, keep what was typed.
    if (routed.reply.status === 'error') return { card: renderFormCard(form, { values, notice: routed.reply.text }), isPrivate: true, replayed: routed.replayed };
    return { card: renderAdaptiveCard(routed.reply), isPrivate: routed.reply.visibility === 'private', replayed: routed.replayed, posted: routed.posted, file: routed.reply.attachment };
  }

  // ---- activities -------------------------------------------------------------

  async function onMessage(context: TurnContext): Promise<void> {
    const activity = context.activity as ActivityLike & Activity;
    const identity = await identify(context);
    // Staff who have left are answered and nothing else: no reference is stored for them.
    if (identity.kind === 'inactive') {
      await sendCard(context, renderAdaptiveCard(deniedReply(context, identity)));
      return;
    }
    const staffId = identity.kind === 'unknown' ? undefined : identity.staff.id;
    await storeReference(context, staffId);
    if (identity.kind === 'unknown') {
      await sendCard(context, renderAdaptiveCard(deniedReply(context, identity)));
      return;
    }
    const actor = identity.staff;

    const data = cardSubmission(activity);
    if (data) {
      // Action.Submit (clients without Universal Actions): replace the card that was pressed.
      const outcome = await handleCardData(context, actor, data);
      if (outcome.replayed) return log('teams.redelivery', { type: 'submit' });
      const inPlace = activity.replyToId && (conversationScope(activity) === 'personal' || !outcome.isPrivate);
      if (inPlace) {
        await withConnectorRetry(() => context.updateActivity({ ...cardActivity(outcome.card), id: activity.replyToId }), retry, onRetry);
        if (outcome.file) await deliver(context, actor, undefined, true, outcome.file);
      } else {
        await deliver(context, actor, outcome.card, outcome.isPrivate, outcome.file);
      }
      await outcome.posted;
      return;
    }

    const text = commandText(activity);
    const formId = formForCommandText(text);
    if (formId) {
      await deliver(context, actor, await formCard(actor, formId), true);
      return;
    }
    const routed = await routeCommand(router, { text, actor, channel: 'TEAMS', conversation: conversationOf(activity), requestKey: requestKey(activity) });
    if (routed.replayed) {
      // Teams redelivered an activity we already answered: answer once.
      log('teams.redelivery', { type: 'message' });
      return;
    }
    await deliver(context, actor, renderAdaptiveCard(routed.reply), routed.reply.visibility === 'private', routed.reply.attachment);
    await routed.posted;
  }

  /** Action.Execute (Universal Actions): the invoke is answered with the card that replaces the pressed one. */
  async function onCardInvoke(context: TurnContext): Promise<void> {
    const activity = context.activity as ActivityLike & Activity;
    const answer = (card: AdaptiveCard) =>
      context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } } });
    const answerMessage = (text: string) =>
      context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } } });
    const identity = await identify(context);
    if (identity.kind !== 'inactive') await storeReference(context, identity.kind === 'staff' ? identity.staff.id : undefined);
    if (identity.kind !== 'staff') {
      await answer(renderAdaptiveCard(deniedReply(context, identity)));
      return;
    }
    const actor = identity.staff;
    const data = cardSubmission(activity);
    if (!data) {
      await answer(renderAdaptiveCard(errorReply(messagesFor(actor.locale).teams.form.expired)));
      return;
    }
    const outcome = await handleCardData(context, actor, data);
    if (conversationScope(activity) !== 'personal' && outcome.isPrivate) {
      // Never replace a shared card with citizen details: send them 1:1 and leave the card alone.
      const t = messagesFor(actor.locale);
      const offer = outcome.file && !outcome.replayed ? files.add(actor.id, outcome.file) : undefined;
      const consent = offer ? [fileConsentActivity(offer, t.teams.file.consentDescription)] : [];
      const sent = outcome.replayed || (await sendPrivately(context, actor, [cardActivity(outcome.card), ...consent]));
      if (!sent && offer) files.discard(offer.id);
      await answerMessage(sent ? t.teams.privateAnswerSent : t.teams.privateAnswerFailed);
    } else {
      await answer(outcome.card);
      if (outcome.file && !outcome.replayed) await deliver(context, actor, undefined, true, outcome.file);
    }
    await outcome.posted;
  }

  /**
   * Allow or Decline pressed on a file consent card (personal chats only).
   * Allow: PUT the bytes to the upload URL Teams made in the user's OneDrive,
   * then show the file. Either way the consent card is replaced, and the file
   * leaves memory. The invoke is answered 200 in every case.
   */
  async function onFileConsent(context: TurnContext): Promise<void> {
    const activity = context.activity as ActivityLike & Activity;
    const done = () => context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
    const consent = parseFileConsent(activity);
    const identity = await identify(context);
    if (identity.kind !== 'staff') {
      await sendCard(context, renderAdaptiveCard(deniedReply(context, identity)));
      await done();
      return;
    }
    const actor = identity.staff;
    const t = messagesFor(actor.locale);
    /** The consent card's buttons are spent: replace it with what happened (or say it anew). */
    const replaceConsentCard = async (reply: Reply) => {
      const card = renderAdaptiveCard(reply);
      if (activity.replyToId) {
        try {
          await withConnectorRetry(() => context.updateActivity({ ...cardActivity(card), id: activity.replyToId }), retry, onRetry);
          return;
        } catch (error) {
          log('teams.file.card-update-failed', { error: firstLine(error) }, 'warn');
        }
      }
      await sendCard(context, card);
    };
    const file = consent?.fileId ? files.take(consent.fileId, actor.id) : undefined;
    if (!consent || !file) {
      await replaceConsentCard(errorReply(t.teams.file.expired(Math.max(1, Math.round(files.ttlMs / 60_000)))));
      await done();
      return;
    }
    if (consent.action === 'decline') {
      log('teams.file.declined', { bytes: file.bytes.length });
      await replaceConsentCard(okReply(t.teams.file.declined(file.filename)));
      await done();
      return;
    }
    const upload = consent.upload;
    try {
      if (!upload?.uploadUrl || !upload.contentUrl) throw new UploadError('no upload URL in the invoke');
      await uploadFile(upload.uploadUrl, file.bytes, { allowHttp: Boolean(options.authOff) });
    } catch (error) {
      // Kept for another press of Allow, until it expires.
      files.restore(file);
      // fetch says only "fetch failed"; the reason (refused header, DNS, TLS) is its cause.
      const cause = error instanceof Error && error.cause !== undefined ? firstLine(error.cause) : undefined;
      log('teams.file.upload-failed', { status: error instanceof UploadError ? (error.status ?? null) : null, error: firstLine(error), cause }, 'error');
      await sendCard(context, renderAdaptiveCard(errorReply(t.teams.file.uploadFailed)));
      await done();
      return;
    }
    log('teams.file.uploaded', { bytes: file.bytes.length });
    await recordAudit(prisma, { actorId: actor.id, action: 'export.file.delivered', channel: 'TEAMS', details: { bytes: file.bytes.length } });
    const name = upload.name ?? file.filename;
    await replaceConsentCard(okReply(t.teams.file.uploaded(name)));
    await send(context, fileInfoActivity({ ...upload, contentUrl: upload.contentUrl, name }));
    await done();
  }

  async function onConversationUpdate(context: TurnContext): Promise<void> {
    const activity = context.activity as ActivityLike & Activity;
    const botId = activity.recipient?.id;
    if (activity.membersRemoved?.some((m) => m.id === botId)) {
      await markUninstalled(prisma, conversationKey(activity));
      log('teams.uninstalled', { scope: conversationScope(activity) });
      return;
    }
    if (!activity.membersAdded?.some((m) => m.id === botId)) return;
    const scope = conversationScope(activity);
    const identity = scope === 'personal' ? await identify(context) : undefined;
    const staff = identity?.kind === 'staff' ? identity.staff : undefined;
    const ref = await storeReference(context, staff?.id);
    log('teams.installed', { scope, conversationRefId: ref?.id ?? null, linked: Boolean(staff) });
    const t = messagesFor(staff?.locale ?? localeOf(activity));
    await sendCard(context, renderAdaptiveCard(okReply(scope === 'personal' ? t.teams.welcomePersonal : t.teams.welcomeChannel)));
  }

  async function onInstallationUpdate(context: TurnContext): Promise<void> {
    const activity = context.activity as ActivityLike & Activity & { action?: string };
    if (activity.action?.startsWith('remove')) {
      await markUninstalled(prisma, conversationKey(activity));
      log('teams.uninstalled', { scope: conversationScope(activity) });
    } else if (activity.action?.startsWith('add')) {
      // The welcome comes with the conversationUpdate; here only the reference.
      const identity = conversationScope(activity) === 'personal' ? await identify(context) : undefined;
      if (identity?.kind !== 'inactive') await storeReference(context, identity?.kind === 'staff' ? identity.staff.id : undefined);
    }
  }

  async function onTurn(context: TurnContext): Promise<void> {
    const activity = context.activity as ActivityLike & Activity;
    switch (activity.type) {
      case ActivityTypes.Message:
        return onMessage(context);
      case ActivityTypes.ConversationUpdate:
        return onConversationUpdate(context);
      case ActivityTypes.InstallationUpdate:
        return onInstallationUpdate(context);
      case ActivityTypes.Invoke:
        if (isAdaptiveCardInvoke(activity)) return onCardInvoke(context);
        if (isFileConsentInvoke(activity)) return onFileConsent(context);
        return; // other invokes (message extensions, …) are not offered: the adapter answers 501
      default:
        return;
    }
  }

  const handleRequest: RouteHandler = async (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('expected a JSON activity');
      return;
    }
    const activity = toActivity(body);
    if (!activity) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('expected an activity with a type');
      return;
    }
    // What CloudAdapter.process does, without its console.error(stack) per failed request: a refused
    // token is one rate-limited JSON log line (anyone can post here), a bug one error line.
    const response = botResponse(res);
    try {
      const invoke = await adapter.processRequestActivity(String(req.headers.authorization ?? ''), activity, onTurn);
      response.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) response.send(invoke.body);
    } catch (error) {
      const refused = isAuthenticationError(error);
      if (refused) rejections.note(firstLine(error) ?? '');
      else log('teams.request.failed', { type: activity.type, error: firstLine(error) }, 'error');
      response.status(refused ? 401 : 500);
    }
    response.end();
  };

  return { handleRequest, outbound, adapter, authenticated: Boolean(appId) };
}

/** CloudAdapter whose activity processing the channel's own request handler calls (authentication included). */
class RequestCloudAdapter extends CloudAdapter {
  processRequestActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * Connector clients without the Azure pipeline's own retry policy: it retries
 * 5xx for seconds on its own and ignores the connector client's
 * `noRetryPolicy` option. Our retry (connector-retry.ts) is the only one, so
 * the statuses, backoff and jitter are ours. If a botbuilder upgrade renames
 * the policy, requests are retried twice (still correct); the retry test notices.
 */
class SingleRetryAuthentication extends ConfigurationBotFrameworkAuthentication {
  override createConnectorFactory(claimsIdentity: Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0]) {
    const inner = super.createConnectorFactory(claimsIdentity);
    return {
      async create(serviceUrl: string, audience?: string) {
        const client = await inner.create(serviceUrl, audience);
        const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(options: { name: string }): unknown } } }).client?.pipeline;
        pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
        return client;
      },
    };
  }
}

/** A posted JSON body as botbuilder expects an activity (timestamps as Dates), or undefined without a type. */
function toActivity(body: unknown): Activity | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return undefined;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/** botframework-connector's AuthenticationError (a missing, invalid or foreign token), recognised by its status code. */
function isAuthenticationError(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return error instanceof Error && (status === 401 || status === 403);
}

/** Window in which refused requests are counted into one log line. */
const REJECTION_LOG_WINDOW_MS = 60_000;

/**
 * Refused requests are logged as one warn line per minute with how many were
 * refused since the last line: a flood of forged requests cannot flood the log.
 * Real elapsed time, not the business clock.
 */
function rejectionLog(log: Log, now: () => number = Date.now): { note(reason: string): void } {
  let lastAt = -Infinity;
  let since = 0;
  return {
    note(reason) {
      since++;
      if (now() - lastAt < REJECTION_LOG_WINDOW_MS) return;
      log('teams.auth.rejected', { status: 401, reason: reason.slice(0, 200), refused: since, windowSeconds: REJECTION_LOG_WINDOW_MS / 1000 }, 'warn');
      lastAt = now();
      since = 0;
    },
  };
}

/** Where an activity was said: the conversation the bot keeps a reference for (a channel's, without ;messageid=). */
function conversationOf(activity: Activity): IncomingConversation {
  const like = activity as ActivityLike & Activity;
  return { platform: 'teams', id: conversationKey(like), shared: conversationScope(like) === 'channel' };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Node's ServerResponse with the express-like methods botbuilder's process() calls. */
function botResponse(res: ServerResponse): BotResponse {
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(body?: unknown) {
      if (body === undefined || body === null) return this;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.write(body);
      } else {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(body));
      }
      return this;
    },
    end() {
      if (!res.writableEnded) res.end();
      return this;
    },
  };
}
