// The Slack channel: a Bolt app that parses Slack payloads, calls the router,
// renders the Reply as Block Kit and sends it. No business rules here.
//   HTTP mode:   POST /slack/events on the shared HTTP server (signed requests,
//                verified by Bolt's HTTPReceiver: bad signature or stale
//                timestamp → 401).
//   Socket Mode: when an app-level token (SLACK_APP_TOKEN) is given.
// Every listener acks first (Slack's 3 s), then does the work and answers via
// response_url, chat.postEphemeral or a DM. Redeliveries are recognised by the
// router's processed-requests table, keyed on what Slack sends.
//   Form submissions are the exception: routing that finishes within a budget
//   well inside the 3 s answers in the ack itself, so a rule error (citizen
//   not found, not yours, …) stays on the open modal with what the user typed;
//   slower routing acks first (the modal closes) and answers privately after.
//   A citizen picker too long for a static list is an external_select: its
//   options (block_suggestion) are searched in the user's own caseload.
//   Direct messages (message.im): any text goes to routeCommand (commands
//   without the slash, plain-chat questions) and is answered in the DM; a CSV
//   file shared there is an import preview (download with the bot token).
//   Files a reply carries (CSV exports) are uploaded to the user's DM only.
// Never logs message text or file contents.
import { App, HTTPReceiver, LogLevel, webApi, type Authorize, type Logger } from '@slack/bolt';
import type { HttpServer } from '../http-server.js';
import type { OutboundChannel } from '../../delivery/outbound-channel.js';
import { messagesFor, type Messages } from '../../domain/i18n/messages.js';
import type { Locale } from '../../domain/enums.js';
import { todayIn } from '../../domain/local-date.js';
import { errorReply, okReply, type Reply } from '../../domain/reply.js';
import { citizensForPicker, type PickerCitizen } from '../../db/citizen-picker-queries.js';
import type { StaffMember } from '../../db/staff-queries.js';
import type { IncomingConversation } from '../../handlers/context.js';
import { buildDashboard } from '../../handlers/caseload/dashboard.js';
import {
  buildForm,
  citizenOption,
  FORM_ACTIONS,
  fieldForError,
  formForAction,
  formForCommandText,
  formToCommandText,
  isFormId,
  validateForm,
  type FormDefinition,
  type FormId,
  type FormValues,
} from '../../handlers/forms.js';
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_ROWS } from '../../handlers/import/import-caseload.js';
import type { Routed, RouterDeps } from '../../handlers/context.js';
import { routeAction, routeCommand, routeImportUpload } from '../../handlers/router.js';
import { failureText } from '../failure-answer.js';
import { errorCode, identify, type Identity } from './identity.js';
import {
  cut,
  FORM_CALLBACK_ID,
  readModalValues,
  renderHome,
  renderMessage,
  renderModal,
  renderOptions,
  replyActionId,
  settleActionBlock,
  type Block,
  type SlackMessage,
} from './render-block-kit.js';
import { createSlackOutbound } from './slack-outbound.js';
import { unwrapSlackMarkup } from './slack-markup.js';
import { announcementDeliverer } from '../../delivery/deliver-announcements.js';
import { runPool } from '../../delivery/pool.js';

export type SlackLog = (event: string, fields?: Record<string, unknown>, level?: 'debug' | 'info' | 'warn' | 'error') => void;

export interface SlackChannelOptions {
  router: RouterDeps;
  /** xoxb- bot token. */
  botToken: string;
  /** HTTP mode: verifies every request. */
  signingSecret?: string;
  /** xapp- app-level token: Socket Mode instead of HTTP. */
  appToken?: string;
  /** Web API base URL (SLACK_API_URL); default https://slack.com/api/. */
  apiUrl?: string;
  /** HTTP mode: the shared server; the channel adds POST /slack/events to it. */
  http?: HttpServer;
  log?: SlackLog;
  /** WebClient retry policy (5xx, network errors and 429s); tests shorten it. */
  retryConfig?: webApi.RetryOptions;
  /**
   * How long a form submission may route before the ack (default 2000 ms, well
   * inside Slack's 3 s); slower ones are acked first and answered afterwards.
   */
  formAckBudgetMs?: number;
}

export interface SlackChannel {
  mode: 'http' | 'socket';
  app: App;
  /** For the scheduler's outbox: DMs, team posts, in-place updates. */
  outbound: OutboundChannel;
  /** Checks the token (auth.test); in Socket Mode also connects. */
  start(): Promise<void>;
  /** Waits for work in flight, then disconnects (Socket Mode). */
  stop(): Promise<void>;
  /** Resolves when no request is being worked on (tests, graceful shutdown). */
  idle(): Promise<void>;
  /** Re-renders a staff member's App Home. */
  refreshHome(staff: StaffMember): Promise<void>;
  /**
   * Re-renders the App Home of every active staff member linked to Slack, as of
   * `now` (a bounded pool; one failure does not stop the rest). For the
   * scheduler's afterMorning hook.
   */
  refreshHomes(now: Date): Promise<{ refreshed: number; failed: number }>;
}

import { SLACK_EVENTS_PATH } from './manifest-variants.js';
export { SLACK_EVENTS_PATH };

/** App Homes published at once by refreshHomes (views.publish is Tier 4). */
const HOME_REFRESH_CONCURRENCY = 4;

/** A form submission routed within this answers in its ack (rule errors stay on the modal). */
const FORM_ACK_BUDGET_MS = 2_000;

/** Slack shows a select's first 100 options; an options load answers with no more. */
const MAX_LOADED_OPTIONS = 100;

/** A message event as far as the channel reads it (message.im). */
interface ImMessage {
  subtype?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  thread_ts?: string;
  files?: SharedFile[];
}

/** A file in a file_share message (or from files.info). */
interface SharedFile {
  id: string;
  name?: string;
  title?: string;
  filetype?: string;
  mimetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  /** "check_file_info": the event carries only the id; files.info has the rest. */
  file_access?: string;
}

interface FormOrigin {
  /** response_url of the command or message the form was opened from (valid 30 min). */
  responseUrl?: string;
  channelId?: string;
}

interface FormMetadata extends FormOrigin {
  form: FormId;
  locale: Locale;
}

/** How to tell the user that an acknowledged request failed: in their language once known, where they asked. */
interface FailureAnswer {
  locale: () => Locale;
  send: (text: string) => Promise<unknown>;
}

/** What routing a form submission came to. */
type FormOutcome = { kind: 'routed'; actor: StaffMember; routed: Routed } | { kind: 'denied'; identity: Identity } | { kind: 'failed'; error: unknown };

export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const prisma = options.router.prisma;
  const log: SlackLog = options.log ?? (() => {});
  const logger = boltLogger(log);
  const clientOptions: webApi.WebClientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
    logger,
    logLevel: LogLevel.WARN,
  };
  const mode: SlackChannel['mode'] = options.appToken ? 'socket' : 'http';
  // The bot's own ids, learnt once from auth.test in start(). Given a bare token, Bolt would call
  // auth.test before every request (delaying the ack); this authorize answers from memory, and
  // Bolt's ignoreSelf drops the bot's own messages with these ids.
  const self: { botId?: string; botUserId?: string } = {};
  const authorize: Authorize<boolean> = async () => ({ botToken: options.botToken, ...self });
  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (mode === 'socket') {
    app = new App({ authorize, appToken: options.appToken, socketMode: true, logger, logLevel: LogLevel.WARN, clientOptions });
  } else {
    if (!options.signingSecret) throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
    if (!options.http) throw new Error('Slack HTTP mode needs the shared HTTP server');
    receiver = new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: SLACK_EVENTS_PATH, logger, logLevel: LogLevel.WARN, processBeforeResponse: false });
    // The token is checked once in start() (auth.test), not before each ack.
    app = new App({ authorize, receiver, logger, logLevel: LogLevel.WARN, clientOptions });
    const listener = receiver.requestListener;
    options.http.route(SLACK_EVENTS_PATH, (req, res) => {
      try {
        listener(req, res);
      } catch {
        // Bolt throws for anything but POST to the endpoint.
        if (!res.headersSent) res.writeHead(405, { allow: 'POST' });
        res.end();
      }
    });
  }
  // One client with the bot token for everything the channel sends (listeners and the outbox).
  const client = new webApi.WebClient(options.botToken, clientOptions);
  const outbound = createSlackOutbound({ prisma, client, log });
  // Without a composition root's hook (tests, one channel alone), celebrations go out through this channel.
  const router: RouterDeps = {
    ...options.router,
    afterCommit: options.router.afterCommit ?? announcementDeliverer({ prisma, channels: () => [outbound], clock: options.router.clock, log }),
  };

  // Work in flight after the ack: awaited by idle() and stop(). An acknowledged request that fails
  // (the database is down, a bug) still ends in an answer when it says how (onFailure).
  const inflight = new Set<Promise<void>>();
  const track = (what: string, work: () => Promise<void>, onFailure?: FailureAnswer): Promise<void> => {
    const p: Promise<void> = work()
      .catch(async (error: unknown) => {
        log('slack.failed', { what, error: errorCode(error) }, 'error');
        if (onFailure) await answerFailure(what, onFailure);
      })
      .finally(() => inflight.delete(p));
    inflight.add(p);
    return p;
  };
  const idle = async () => {
    while (inflight.size) await Promise.allSettled([...inflight]);
  };
  async function answerFailure(what: string, onFailure: FailureAnswer): Promise<void> {
    try {
      await onFailure.send(await failureText(prisma, messagesFor(onFailure.locale())));
    } catch (error) {
      log('slack.failure_answer.failed', { what, error: errorCode(error) }, 'error');
    }
  }

  const who = (slackUserId: string): Promise<Identity> => identify(prisma, client, slackUserId, (event, fields) => log(event, fields, 'warn'));
  const denial = (identity: Identity): string =>
    identity.kind === 'inactive' ? messagesFor('da').errors.inactiveUser : messagesFor('da').slack.unknownUser(router.adminEmails.join(', '));
  const render = (reply: Reply, t: Messages): SlackMessage => renderMessage(reply, { andMore: t.common.andMore });

  /** Publishes the App Home; `opened` when the user opened it (audited once as dashboard.view), not a refresh. */
  async function refreshHome(staff: StaffMember, deps: RouterDeps = router, opened = false): Promise<void> {
    if (!staff.slackUserId) return;
    const t = messagesFor(staff.locale);
    const reply = await buildDashboard(deps, staff, 'SLACK', { opened });
    await client.views.publish({ user_id: staff.slackUserId, view: renderHome(reply, { andMore: t.common.andMore }) });
  }

  async function refreshHomes(now: Date): Promise<{ refreshed: number; failed: number }> {
    const staff = await prisma.staff.findMany({ where: { active: true, slackUserId: { not: null } }, include: { team: true }, orderBy: { handle: 'asc' } });
    const asOfNow: RouterDeps = { ...router, clock: () => now };
    let refreshed = 0;
    let failed = 0;
    await runPool(staff, HOME_REFRESH_CONCURRENCY, async (member) => {
      try {
        await refreshHome(member, asOfNow);
        refreshed++;
      } catch (error) {
        failed++;
        log('slack.home.refresh_failed', { staffId: member.id, error: errorCode(error) }, 'warn');
      }
    });
    log('slack.homes.refreshed', { refreshed, failed }, 'info');
    return { refreshed, failed };
  }

  /**
   * A reply's file (CSV export) into the user's DM with the bot, never a shared
   * channel: files.getUploadURLExternal, upload, files.completeUploadExternal.
   */
  async function uploadToDm(actor: StaffMember, reply: Reply, dm?: { channel: string; threadTs?: string }): Promise<boolean> {
    const attachment = reply.attachment;
    if (!attachment) return false;
    try {
      const channel = dm?.channel ?? (await outbound.dmChannel(actor.id));
      if (!channel) return false;
      const file = Buffer.from(attachment.content, 'utf8');
      const upload = { file, filename: attachment.filename, title: attachment.filename, initial_comment: reply.text };
      if (dm?.threadTs) await client.filesUploadV2({ ...upload, channel_id: channel, thread_ts: dm.threadTs });
      else await client.filesUploadV2({ ...upload, channel_id: channel });
      log('slack.file.sent', { bytes: file.length });
      return true;
    } catch (error) {
      log('slack.file.failed', { error: errorCode(error) }, 'warn');
      return false;
    }
  }

  /**
   * The answer where a command that produced a file was typed: the file goes to
   * the DM, the answer says so. A redelivered command does not upload twice.
   */
  async function withFileInDm(actor: StaffMember, routed: Routed): Promise<Reply> {
    const { attachment, ...reply } = routed.reply;
    if (!attachment) return routed.reply;
    const t = messagesFor(actor.locale);
    if (!routed.replayed && !(await uploadToDm(actor, routed.reply))) return errorReply(t.slack.files.uploadFailed);
    return { ...reply, blocks: [...reply.blocks, { type: 'context', text: t.slack.files.sentToDm(attachment.filename) }] };
  }

  /** After answering: the router's celebrations settled and, when something changed, a fresh App Home. */
  async function afterRouted(actor: StaffMember, routed: Routed): Promise<void> {
    await routed.posted;
    if (routed.changed) await refreshHome(actor);
  }

  /** Posts to a response_url (valid 30 minutes); false when Slack did not take it. */
  async function postToResponseUrl(responseUrl: string, body: Record<string, unknown>): Promise<boolean> {
    try {
      const response = await fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (response.ok) return true;
      log('slack.response_url.failed', { status: response.status }, 'warn');
    } catch (error) {
      log('slack.response_url.failed', { error: errorCode(error) }, 'warn');
    }
    return false;
  }

  /** An answer only the user sees: response_url if we have one, else an ephemeral message, else a DM. */
  async function answerPrivately(actor: StaffMember, reply: Reply, origin: FormOrigin): Promise<void> {
    const message = render(reply, messagesFor(actor.locale));
    const responseType = reply.visibility === 'channel' ? 'in_channel' : 'ephemeral';
    if (origin.responseUrl && (await postToResponseUrl(origin.responseUrl, { response_type: responseType, replace_original: false, ...message }))) return;
    if (origin.channelId && actor.slackUserId) {
      try {
        await client.chat.postEphemeral({ channel: origin.channelId, user: actor.slackUserId, ...message });
        return;
      } catch (error) {
        log('slack.ephemeral.failed', { error: errorCode(error) }, 'warn');
      }
    }
    const sent = await outbound.send({ audience: 'dm', staffId: actor.id }, reply);
    if (!sent.ok) log('slack.dm.failed', { error: sent.error }, 'warn');
  }

  /** Someone jobbot does not know (or who has left): whom to ask, only to them, and nothing else. */
  async function answerUnknownPrivately(slackUserId: string, identity: Identity, origin: FormOrigin): Promise<void> {
    await answerTextPrivately(slackUserId, denial(identity), origin);
  }

  /** A plain text only this Slack user sees, without knowing who they are in jobbot: response_url, ephemeral, or a DM. */
  async function answerTextPrivately(slackUserId: string, text: string, origin: FormOrigin): Promise<void> {
    if (origin.responseUrl && (await postToResponseUrl(origin.responseUrl, { response_type: 'ephemeral', replace_original: false, text }))) return;
    try {
      if (origin.channelId) {
        await client.chat.postEphemeral({ channel: origin.channelId, user: slackUserId, text });
        return;
      }
      const opened = await client.conversations.open({ users: slackUserId });
      if (opened.channel?.id) await client.chat.postMessage({ channel: opened.channel.id, text });
    } catch (error) {
      log('slack.private_text.failed', { error: errorCode(error) }, 'warn');
    }
  }

  async function openForm(triggerId: string, actor: StaffMember, form: FormId, origin: FormOrigin, prefill?: Record<string, string>): Promise<void> {
    const t = messagesFor(actor.locale);
    const citizens = form === 'citizen' || form === 'target' ? [] : await citizensForPicker(prisma, actor, 'SLACK');
    const definition = buildForm(form, { t, today: todayIn(router.clock()), citizens, prefill });
    const metadata: FormMetadata = { form, locale: actor.locale, ...origin };
    try {
      await client.views.open({ trigger_id: triggerId, view: renderModal(definition, JSON.stringify(metadata)) });
    } catch (error) {
      log('slack.form.open_failed', { form, error: errorCode(error) }, 'warn');
      await answerPrivately(actor, okReply(t.slack.formOpenFailed), origin);
    }
  }

  // Slash commands: every command in manifest.json (and any other) goes to the router.
  app.command(/^\/.+/, async ({ command, ack, respond }) => {
    await ack();
    let locale: Locale = 'da';
    const onFailure: FailureAnswer = { locale: () => locale, send: (text) => respond({ response_type: 'ephemeral', text }) };
    await track('command', async () => {
      const identity = await who(command.user_id);
      if (identity.kind !== 'staff') {
        await respond({ response_type: 'ephemeral', text: denial(identity) });
        return;
      }
      const actor = identity.staff;
      locale = actor.locale;
      const t = messagesFor(actor.locale);
      const text = `${command.command.replace(/^\//, '')} ${unwrapSlackMarkup(command.text ?? '')}`.trim();
      const conversation: IncomingConversation = { platform: 'slack', id: command.channel_id, shared: isSharedChannel(command.channel_id, command.channel_name) };
      const form = formForCommandText(text);
      if (form) {
        await openForm(command.trigger_id, actor, form, { responseUrl: command.response_url, channelId: command.channel_id });
        return;
      }
      // trigger_id is the same in every delivery of one invocation (X-Slack-Retry-Num > 0 included).
      const routed = await routeCommand(router, { text, actor, channel: 'SLACK', conversation, requestKey: `slack:command:${command.trigger_id}` });
      const reply = await withFileInDm(actor, routed);
      await respond({ response_type: reply.visibility === 'channel' && !routed.reply.attachment ? 'in_channel' : 'ephemeral', ...render(reply, t) });
      await afterRouted(actor, routed);
    }, onFailure);
  });

  /** A valid form submission through the router (identity first). Never rejects. */
  async function routeForm(slackUserId: string, form: FormDefinition, values: FormValues, requestKey: string): Promise<FormOutcome> {
    try {
      const identity = await who(slackUserId);
      if (identity.kind !== 'staff') return { kind: 'denied', identity };
      const routed = await routeCommand(router, { text: formToCommandText(form, values), actor: identity.staff, channel: 'SLACK', requestKey });
      return { kind: 'routed', actor: identity.staff, routed };
    } catch (error) {
      return { kind: 'failed', error };
    }
  }

  /** A submission's outcome after the modal closed: privately, where the form was opened from. */
  async function answerForm(slackUserId: string, outcome: FormOutcome, origin: FormMetadata): Promise<void> {
    if (outcome.kind === 'failed') {
      log('slack.failed', { what: 'form', error: errorCode(outcome.error) }, 'error');
      await answerFailure('form', { locale: () => origin.locale, send: (text) => answerTextPrivately(slackUserId, text, origin) });
      return;
    }
    if (outcome.kind === 'denied') {
      log('slack.form.unknown_user', {}, 'warn');
      await answerUnknownPrivately(slackUserId, outcome.identity, origin);
      return;
    }
    await answerPrivately(outcome.actor, outcome.routed.reply, origin);
    await afterRouted(outcome.actor, outcome.routed);
  }

  const formAckBudgetMs = options.formAckBudgetMs ?? FORM_ACK_BUDGET_MS;

  // Form submissions: field checks answer inside the ack (errors beside the field). Routing that is
  // done within the budget answers inside the ack too: a rule error keeps the modal open with the
  // input; success closes it and the answer follows privately. Slower routing: ack, then answer.
  app.view(FORM_CALLBACK_ID, async ({ ack, body, view }) => {
    const metadata = parseMetadata(view.private_metadata);
    if (!metadata) {
      await ack();
      return;
    }
    const t = messagesFor(metadata.locale);
    const today = todayIn(router.clock());
    const form = buildForm(metadata.form, { t, today, citizens: [] });
    const values = readModalValues(view.state.values as Parameters<typeof readModalValues>[0]);
    const errors = validateForm(form, values, t, today);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const slackUserId = body.user.id;
    // A re-submitted view has the same id and hash: the router answers it from the first time.
    const work = routeForm(slackUserId, form, values, `slack:view:${view.id}:${view.hash}`);
    void track('form', async () => void (await work)); // idle() and stop() wait for it, answered in the ack or not
    const outcome = await within(work, formAckBudgetMs);
    if (outcome === undefined) {
      // Too slow to answer in the ack: close the modal now, answer when the router is done.
      await ack();
      await track('form', async () => answerForm(slackUserId, await work, metadata));
      return;
    }
    const onModal = (message: string) => ack({ response_action: 'errors', errors: { [fieldForError(form, values, message)]: cut(message, MAX_FIELD_ERROR) } });
    if (outcome.kind === 'denied') {
      log('slack.form.unknown_user', {}, 'warn');
      await onModal(denial(outcome.identity));
      return;
    }
    if (outcome.kind === 'failed') {
      log('slack.failed', { what: 'form', error: errorCode(outcome.error) }, 'error');
      await onModal(await failureText(prisma, t));
      return;
    }
    const reply = outcome.routed.reply;
    if (reply.status === 'error') {
      // Nothing was written (the router rolled back): the user fixes the field and submits again.
      await onModal(firstText(reply));
      return;
    }
    await ack();
    await track('form', async () => answerForm(slackUserId, outcome, metadata));
  });

  // Options for a citizen picker too long for a static select: the user's own caseload, narrowed by
  // what they typed (block_suggestion; HTTP mode needs the Options Load URL, see README). Not audited
  // per keystroke: openForm audited the picker once when the modal opened.
  app.options<'block_suggestion'>({ type: 'block_suggestion', action_id: 'citizen', callback_id: FORM_CALLBACK_ID }, async ({ ack, body }) => {
    let citizens: PickerCitizen[] = [];
    try {
      const identity = await who(body.user.id);
      // Someone jobbot does not know picks from nothing.
      if (identity.kind === 'staff') citizens = await citizensForPicker(prisma, identity.staff, 'SLACK', { query: body.value ?? '', limit: MAX_LOADED_OPTIONS, audit: false });
    } catch (error) {
      log('slack.options.failed', { error: errorCode(error) }, 'error');
    }
    await ack({ options: renderOptions(citizens.map(citizenOption)) });
  });

  // Buttons: forms open here; everything else is the router's (reminder.snooze, reminder.done, …).
  app.action(/.+/, async ({ ack, body, action: anyAction, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || anyAction.type !== 'button' || !('action_id' in anyAction)) return;
    const action = anyAction;
    let locale: Locale = 'da';
    const failureOrigin: FormOrigin = { responseUrl: body.response_url, channelId: body.channel?.id };
    const onFailure: FailureAnswer = { locale: () => locale, send: (text) => answerTextPrivately(body.user.id, text, failureOrigin) };
    await track('action', async () => {
      const identity = await who(body.user.id);
      if (identity.kind !== 'staff') {
        if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text: denial(identity) });
        return;
      }
      const actor = identity.staff;
      locale = actor.locale;
      const t = messagesFor(actor.locale);
      const actionId = replyActionId(action.action_id);
      const value = action.value ?? '';
      const container = body.container as { type?: string; message_ts?: string; channel_id?: string; is_ephemeral?: boolean } | undefined;
      const channelId = body.channel?.id ?? container?.channel_id;
      const origin: FormOrigin = { responseUrl: body.response_url, channelId };
      const form = formForAction(actionId);
      if (form) {
        await openForm(body.trigger_id, actor, form, origin, value ? { citizen: value } : undefined);
        return;
      }
      // The same button on the same message is one request, however often it is clicked.
      const requestKey = container?.message_ts
        ? `slack:action:${channelId ?? ''}:${container.message_ts}:${action.action_id}:${value}`
        : `slack:action:${action.action_ts}`;
      const routed = await routeAction(router, { actionId, value, actor, channel: 'SLACK', requestKey });
      const message = render(routed.reply, t);
      if (routed.reply.status === 'ok' && container?.type === 'message' && container.message_ts) {
        // Update the reminder in place: the pressed button's row says what happened, the other rows stay.
        const original = (body as { message?: { text?: string; blocks?: Block[] } }).message;
        const settled = settleActionBlock(original?.blocks, action.block_id, routed.reply);
        const update = settled ? { text: original?.text || message.text, blocks: settled } : message;
        if (container.is_ephemeral || !channelId) await respond({ replace_original: true, ...update });
        else await client.chat.update({ channel: channelId, ts: container.message_ts, ...update });
      } else if (routed.reply.status !== 'ok' || container?.type !== 'view') {
        await answerPrivately(actor, routed.reply, { ...origin, responseUrl: body.response_url });
      }
      await afterRouted(actor, routed);
    }, onFailure);
  });

  /** Shared CSV file in a DM → import preview with its apply button (import.apply, handled by routeAction). */
  async function importFromDm(actor: StaffMember, file: SharedFile, requestKey: string, post: (reply: Reply) => Promise<void>): Promise<void> {
    const t = messagesFor(actor.locale);
    const downloaded = await downloadFile(file);
    if (downloaded === 'too-large') return post(errorReply(t.csv.tooLarge(MAX_IMPORT_ROWS)));
    if (downloaded === undefined) return post(errorReply(t.slack.import.downloadFailed));
    const routed = await routeImportUpload(router, { content: downloaded, actor, channel: 'SLACK', requestKey });
    if (routed.replayed) return log('slack.redelivery', { type: 'file_share' });
    await post(routed.reply);
  }

  /** Files in an event may carry only their id ("check_file_info"): files.info has name, type and URL. */
  async function fileDetails(shared: SharedFile): Promise<SharedFile> {
    if (shared.url_private && shared.file_access !== 'check_file_info') return shared;
    try {
      const info = await client.files.info({ file: shared.id });
      return (info.file as SharedFile | undefined) ?? shared;
    } catch (error) {
      log('slack.file.info_failed', { error: errorCode(error) }, 'warn');
      return shared;
    }
  }

  /** A shared file's text, fetched from url_private with the bot token (only from Slack's own file hosts). */
  async function downloadFile(file: SharedFile): Promise<string | 'too-large' | undefined> {
    try {
      if (file.size !== undefined && file.size > MAX_IMPORT_FILE_BYTES) return 'too-large';
      const url = file.url_private_download ?? file.url_private;
      if (!url || !isSlackFileUrl(url, options.apiUrl)) {
        log('slack.file.untrusted_url', {}, 'warn');
        return undefined;
      }
      const response = await fetch(url, { headers: { authorization: `Bearer ${options.botToken}` } });
      // A bad token gets Slack's login page (HTML) instead of the file.
      if (!response.ok || (response.headers.get('content-type') ?? '').includes('text/html')) {
        log('slack.file.download_failed', { status: response.status }, 'warn');
        return undefined;
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length > MAX_IMPORT_FILE_BYTES) return 'too-large';
      return decodeCsvBytes(bytes);
    } catch (error) {
      log('slack.file.download_failed', { error: errorCode(error) }, 'warn');
      return undefined;
    }
  }

  // Direct messages to the bot: commands without the slash, questions, CSV files to import.
  app.event('message', async ({ event, body }) => {
    const message = event as unknown as ImMessage;
    if (message.channel_type !== 'im') return;
    // Only what a person wrote: no bot messages (ours included), edits, deletions or other subtypes.
    if (message.bot_id || !message.user || message.user === self.botUserId) return;
    if (message.subtype !== undefined && message.subtype !== 'file_share') return;
    const slackUserId = message.user;
    const eventId = (body as { event_id?: string }).event_id;
    const thread = message.thread_ts ? { thread_ts: message.thread_ts } : {};
    let locale: Locale = 'da';
    const onFailure: FailureAnswer = { locale: () => locale, send: (text) => client.chat.postMessage({ channel: message.channel, ...thread, text }) };
    await track('dm', async () => {
      const identity = await who(slackUserId);
      if (identity.kind !== 'staff') {
        await client.chat.postMessage({ channel: message.channel, ...thread, text: denial(identity) });
        return;
      }
      const actor = identity.staff;
      locale = actor.locale;
      const t = messagesFor(actor.locale);
      const post = async (reply: Reply): Promise<void> => {
        await client.chat.postMessage({ channel: message.channel, ...thread, ...render(reply, t) });
      };
      // Remember the DM for reminders, so they need no conversations.open.
      if (!actor.slackDmChannelId) await prisma.staff.updateMany({ where: { id: actor.id, slackDmChannelId: null }, data: { slackDmChannelId: message.channel } });
      // The same event redelivered (X-Slack-Retry-Num) has the same event id: the router answers it once.
      const requestKey = eventId ? `slack:event:${eventId}` : undefined;
      const text = stripMention(unwrapSlackMarkup(message.text ?? ''), self.botUserId);

      const files = await Promise.all((message.files ?? []).map(fileDetails));
      const csvFiles = files.filter(isCsvFile);
      if (csvFiles.length > 1) return post(errorReply(t.slack.import.oneFile));
      const [csv] = csvFiles;
      if (csv) return importFromDm(actor, csv, requestKey ?? `slack:file:${csv.id}`, post);
      if (!text) {
        const [other] = files;
        if (other) await post(errorReply(t.slack.import.notCsv(other.name ?? other.title ?? other.id)));
        return;
      }

      // A command without arguments: no trigger_id in a message, so offer the form behind a button.
      const form = formForCommandText(text);
      const formAction = form ? Object.keys(FORM_ACTIONS).find((id) => FORM_ACTIONS[id] === form) : undefined;
      if (form && formAction) {
        return post(okReply(t.slack.dm.formPrompt, [{ type: 'text', text: t.slack.dm.formPrompt }, { type: 'actions', actions: [{ id: formAction, label: t.forms.titles[form], value: '', style: 'primary' }] }]));
      }
      const routed = await routeCommand(router, { text, actor, channel: 'SLACK', conversation: { platform: 'slack', id: message.channel, shared: false }, requestKey });
      if (routed.replayed) return log('slack.redelivery', { type: 'message' });
      if (routed.reply.attachment) {
        // An export asked for in the DM: the file with the answer as its comment.
        if (!(await uploadToDm(actor, routed.reply, { channel: message.channel, threadTs: message.thread_ts }))) await post(errorReply(t.slack.files.uploadFailed));
      } else {
        await post(routed.reply);
      }
      await afterRouted(actor, routed);
    }, onFailure);
  });

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    let locale: Locale = 'da';
    const publish = (reply: Reply) => client.views.publish({ user_id: event.user, view: renderHome(reply, { andMore: messagesFor(locale).common.andMore }) });
    await track(
      'home',
      async () => {
        const identity = await who(event.user);
        if (identity.kind === 'staff') {
          locale = identity.staff.locale;
          await refreshHome(identity.staff, router, true);
          return;
        }
        await publish(okReply(denial(identity)));
      },
      { locale: () => locale, send: (text) => publish(errorReply(text)) },
    );
  });

  app.error(async (error) => {
    log('slack.error', { error: errorCode(error) }, 'error');
  });

  return {
    mode,
    app,
    outbound,
    idle,
    refreshHome: (staff) => track('home', () => refreshHome(staff)),
    refreshHomes,
    async start() {
      try {
        const auth = await client.auth.test();
        self.botUserId = auth.user_id;
        self.botId = auth.bot_id;
        log('slack.ready', { mode, team: auth.team_id, botUser: auth.user_id });
      } catch (error) {
        throw new Error(`Slack did not accept SLACK_BOT_TOKEN (${errorCode(error)})`);
      }
      if (mode === 'socket') await app.start();
    },
    async stop() {
      await idle();
      if (mode === 'socket') await app.stop();
    },
  };
}

/** Creates and starts the Slack channel (see createSlackChannel). */
export async function startSlack(options: SlackChannelOptions): Promise<SlackChannel> {
  const channel = createSlackChannel(options);
  await channel.start();
  return channel;
}


/** "@jobbot hvem mangler opfølgning?" in a DM: the mention of the bot is not part of the question. */
function stripMention(text: string, botUserId: string | undefined): string {
  return (botUserId ? text.replace(new RegExp(`^\\s*<@${botUserId}(\\|[^>]*)?>\\s*`), '') : text).trim();
}

/** Public or private channel, not a DM or a group DM: only there can a team channel be linked. */
function isSharedChannel(channelId: string, channelName: string | undefined): boolean {
  return /^[CG]/.test(channelId) && channelName !== 'directmessage' && !(channelName ?? '').startsWith('mpdm-');
}

function isCsvFile(file: SharedFile): boolean {
  const name = (file.name ?? file.title ?? '').toLowerCase();
  return file.filetype === 'csv' || name.endsWith('.csv') || (file.mimetype ?? '').startsWith('text/csv');
}

/** Files are fetched with the bot token only from Slack's file hosts (or the configured API host: proxies, tests). */
function isSlackFileUrl(raw: string, apiUrl: string | undefined): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' && (url.hostname === 'slack.com' || url.hostname.endsWith('.slack.com'))) return true;
    return apiUrl !== undefined && url.origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
}

/** UTF-8 (with or without BOM); a file Danish Excel saved as "CSV (semikolonsepareret)" is Windows-1252. */
function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The work's result, or undefined when it takes longer than `ms` (the work goes on). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Longest message put beside a modal field. */
const MAX_FIELD_ERROR = 2000;

/** A reply's own message, without the usage example an error may carry below it. */
function firstText(reply: Reply): string {
  const first = reply.blocks.find((b) => b.type === 'text');
  return first && first.type === 'text' ? first.text : reply.text;
}

function parseMetadata(raw: string | undefined): FormMetadata | undefined {
  try {
    const parsed = JSON.parse(raw ?? '') as Partial<FormMetadata>;
    if (!isFormId(parsed.form)) return undefined;
    return {
      form: parsed.form,
      locale: parsed.locale === 'en' ? 'en' : 'da',
      ...(typeof parsed.responseUrl === 'string' ? { responseUrl: parsed.responseUrl } : {}),
      ...(typeof parsed.channelId === 'string' ? { channelId: parsed.channelId } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Bolt and WebClient logs into ours: warnings and errors only, never payloads. */
function boltLogger(log: SlackLog): Logger {
  let level = LogLevel.WARN;
  const line = (args: unknown[]) =>
    args
      .map((a) => (typeof a === 'string' ? a : errorCode(a)))
      .join(' ')
      .slice(0, 300);
  return {
    debug: () => {},
    info: () => {},
    warn: (...args: unknown[]) => log('slack.bolt', { message: line(args) }, 'warn'),
    error: (...args: unknown[]) => log('slack.bolt', { message: line(args) }, 'error'),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}

