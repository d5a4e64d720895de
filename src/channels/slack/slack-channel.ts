// The Slack channel: a Bolt app that hands Slack payloads to small listeners,
// which parse them (parse-payload.ts), call the router, render the Reply as
// Block Kit and send it. No business rules here; this file sets up the app and
// registers the listeners.
//   HTTP mode:   POST /slack/events on the shared HTTP server (signed requests,
//                verified by Bolt's HTTPReceiver: bad signature or stale
//                timestamp → 401).
//   Socket Mode: when an app-level token (SLACK_APP_TOKEN) is given.
// Every listener acks first (Slack's 3 s), then does the work as a staff
// member (as-staff.ts) and answers via response_url, chat.postEphemeral or a
// DM (slack-answers.ts). Redeliveries are recognised by the router's
// processed-requests table, keyed on what Slack sends. Form submissions may
// answer inside their ack (slack-forms.ts). Never logs message text or file
// contents.
import { App, type Authorize, HTTPReceiver, type Logger, LogLevel, type RespondFn, webApi } from '@slack/bolt';
import type { HttpServer } from '../http-server.js';
import type { Channel } from '../channel.js';
import type { StaffMember } from '../../db/staff-queries.js';
import type { RouterDeps } from '../../handlers/context.js';
import { announcementDeliverer } from '../../delivery/deliver-announcements.js';
import { errorCode } from './identity.js';
import { SLACK_EVENTS_PATH } from './manifest-variants.js';
import { FORM_CALLBACK_ID } from './render-block-kit.js';
import { onButton } from './slack-actions.js';
import { createWorkTracker, type SlackDeps, type SlackLog } from './slack-deps.js';
import { citizenOptions, openForm, submitForm } from './slack-forms.js';
import { afterRouted, onHomeOpened, refreshHome, refreshHomes } from './slack-home.js';
import { createSlackOutbound } from './slack-outbound.js';
import { messagesFor } from '../../domain/i18n/messages.js';
import { errorReply, okReply, type Reply } from '../../domain/reply.js';
import { FORM_ACTIONS, formForCommandText } from '../../handlers/forms.js';
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_ROWS } from '../../handlers/import/import-caseload.js';
import { routeCommand, routeImportUpload } from '../../handlers/router.js';
import { asStaff } from './as-staff.js';
import { parseDirectMessage, parseSlashCommand, type SharedFile } from './parse-payload.js';
import { render, uploadToDm, withFileInDm } from './slack-answers.js';

export { SLACK_EVENTS_PATH };
export type { SlackLog };

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

/** start() checks the token (auth.test) and in Socket Mode connects; stop() waits for work in flight, then disconnects. */
export interface SlackChannel extends Channel {
  readonly name: 'slack';
  mode: 'http' | 'socket';
  app: App;
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

/** A form submission routed within this answers in its ack (rule errors stay on the modal). */
const FORM_ACK_BUDGET_MS = 2_000;

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
  const self: SlackDeps['self'] = {};
  const authorize: Authorize<boolean> = async () => ({ botToken: options.botToken, ...self });
  let app: App;
  if (mode === 'socket') {
    app = new App({ authorize, appToken: options.appToken, socketMode: true, logger, logLevel: LogLevel.WARN, clientOptions });
  } else {
    if (!options.signingSecret) throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
    if (!options.http) throw new Error('Slack HTTP mode needs the shared HTTP server');
    const receiver = new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: SLACK_EVENTS_PATH, logger, logLevel: LogLevel.WARN, processBeforeResponse: false });
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
  const client = new webApi.WebClient(options.botToken, clientOptions);
  const outbound = createSlackOutbound({ prisma, client, log });
  // Without a composition root's hook (tests, one channel alone), celebrations go out through this channel.
  const router: RouterDeps = {
    ...options.router,
    afterCommit: options.router.afterCommit ?? announcementDeliverer({ prisma, channels: () => [outbound], clock: options.router.clock, log }),
  };
  const { track, idle, answerFailure } = createWorkTracker(prisma, log);
  const deps: SlackDeps = {
    router,
    prisma,
    client,
    outbound,
    log,
    botToken: options.botToken,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    formAckBudgetMs: options.formAckBudgetMs ?? FORM_ACK_BUDGET_MS,
    self,
    track,
    answerFailure,
  };

  app.command(/^\/.+/, async ({ command, ack, respond }) => {
    await ack();
    await onSlashCommand(deps, command, respond);
  });
  app.view(FORM_CALLBACK_ID, ({ ack, body }) => submitForm(deps, body, ack));
  app.options<'block_suggestion'>({ type: 'block_suggestion', action_id: 'citizen', callback_id: FORM_CALLBACK_ID }, async ({ ack, body }) => {
    await ack(await citizenOptions(deps, body));
  });
  app.action(/.+/, async ({ ack, body, respond }) => {
    await ack();
    await onButton(deps, body, respond);
  });
  app.event('message', ({ body }) => onDirectMessage(deps, body));
  app.event('app_home_opened', ({ body }) => onHomeOpened(deps, body));
  app.error(async (error) => {
    log('slack.error', { error: errorCode(error) }, 'error');
  });

  return {
    name: 'slack',
    mode,
    app,
    outbound,
    idle,
    refreshHome: (staff) => track('home', () => refreshHome(deps, staff)),
    refreshHomes: (now) => refreshHomes(deps, now),
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

// Direct messages to the bot (message.im): any text goes to routeCommand
// (commands without the slash, plain-chat questions) and is answered in the
// DM; a CSV file shared there is an import preview with its apply button
// (downloaded from Slack's file host with the bot token, decoded as UTF-8 or
// Windows-1252). Never logs message text or file contents.

/** A message event (the event_callback envelope): commands without the slash, questions, CSV files to import. */
export async function onDirectMessage(deps: SlackDeps, body: unknown): Promise<void> {
  const message = parseDirectMessage(body, deps.self.botUserId);
  if (!message) return;
  const { client, prisma } = deps;
  const thread = message.threadTs ? { thread_ts: message.threadTs } : {};
  const say = (text: string) => client.chat.postMessage({ channel: message.channelId, ...thread, text });
  await asStaff(deps, { what: 'dm', slackUserId: message.user.userId, deny: say, fail: say }, async (actor) => {
    const t = messagesFor(actor.locale);
    const post = async (reply: Reply): Promise<void> => {
      await client.chat.postMessage({ channel: message.channelId, ...thread, ...render(reply, t) });
    };
    // Remember the DM for reminders, so they need no conversations.open.
    if (!actor.slackDmChannelId) await prisma.staff.updateMany({ where: { id: actor.id, slackDmChannelId: null }, data: { slackDmChannelId: message.channelId } });
    const { requestKey, text } = message;

    const files = await Promise.all(message.files.map((file) => fileDetails(deps, file)));
    const csvFiles = files.filter(isCsvFile);
    if (csvFiles.length > 1) return post(errorReply(t.slack.import.oneFile));
    const [csv] = csvFiles;
    if (csv) return importFromDm(deps, actor, csv, requestKey ?? `slack:file:${csv.id}`, post);
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
    const routed = await routeCommand(deps.router, { text, actor, channel: 'SLACK', conversation: message.conversation, requestKey });
    if (routed.replayed) return deps.log('slack.redelivery', { type: 'message' });
    if (routed.reply.attachment) {
      // An export asked for in the DM: the file with the answer as its comment.
      if (!(await uploadToDm(deps, actor, routed.reply, { channel: message.channelId, threadTs: message.threadTs }))) await post(errorReply(t.slack.files.uploadFailed));
    } else {
      await post(routed.reply);
    }
    await afterRouted(deps, actor, routed);
  });
}

/** Shared CSV file in a DM → import preview with its apply button (import.apply, handled by routeAction). */
async function importFromDm(deps: SlackDeps, actor: StaffMember, file: SharedFile, requestKey: string, post: (reply: Reply) => Promise<void>): Promise<void> {
  const t = messagesFor(actor.locale);
  const downloaded = await downloadFile(deps, file);
  if (downloaded === 'too-large') return post(errorReply(t.csv.tooLarge(MAX_IMPORT_ROWS)));
  if (downloaded === undefined) return post(errorReply(t.slack.import.downloadFailed));
  const routed = await routeImportUpload(deps.router, { content: downloaded, actor, channel: 'SLACK', requestKey });
  if (routed.replayed) return deps.log('slack.redelivery', { type: 'file_share' });
  await post(routed.reply);
}

/** Files in an event may carry only their id ("check_file_info"): files.info has name, type and URL. */
async function fileDetails(deps: SlackDeps, shared: SharedFile): Promise<SharedFile> {
  if (shared.url_private && shared.file_access !== 'check_file_info') return shared;
  try {
    const info = await deps.client.files.info({ file: shared.id });
    return (info.file as SharedFile | undefined) ?? shared;
  } catch (error) {
    deps.log('slack.file.info_failed', { error: errorCode(error) }, 'warn');
    return shared;
  }
}

/** A shared file's text, fetched from url_private with the bot token (only from Slack's own file hosts). */
async function downloadFile(deps: SlackDeps, file: SharedFile): Promise<string | 'too-large' | undefined> {
  try {
    if (file.size !== undefined && file.size > MAX_IMPORT_FILE_BYTES) return 'too-large';
    const url = file.url_private_download ?? file.url_private;
    if (!url || !isSlackFileUrl(url, deps.apiUrl)) {
      deps.log('slack.file.untrusted_url', {}, 'warn');
      return undefined;
    }
    const response = await fetch(url, { headers: { authorization: `Bearer ${deps.botToken}` } });
    // A bad token gets Slack's login page (HTML) instead of the file.
    if (!response.ok || (response.headers.get('content-type') ?? '').includes('text/html')) {
      deps.log('slack.file.download_failed', { status: response.status }, 'warn');
      return undefined;
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_IMPORT_FILE_BYTES) return 'too-large';
    return decodeCsvBytes(bytes);
  } catch (error) {
    deps.log('slack.file.download_failed', { error: errorCode(error) }, 'warn');
    return undefined;
  }
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

// Slash commands: every command in manifest.json (and any other) goes to the
// router; a command without arguments that has a form opens the form instead.
// Answered through the command's response_url (Bolt's respond).

/** After the ack: who asked, then the form or the router's answer. */
export async function onSlashCommand(deps: SlackDeps, body: unknown, respond: RespondFn): Promise<void> {
  const command = parseSlashCommand(body);
  if (!command) return;
  const say = (text: string) => respond({ response_type: 'ephemeral', text });
  await asStaff(deps, { what: 'command', slackUserId: command.user.userId, deny: say, fail: say }, async (actor) => {
    const t = messagesFor(actor.locale);
    const form = formForCommandText(command.text);
    if (form) {
      await openForm(deps, command.triggerId, actor, form, { responseUrl: command.responseUrl, channelId: command.conversation.id });
      return;
    }
    const routed = await routeCommand(deps.router, { text: command.text, actor, channel: 'SLACK', conversation: command.conversation, requestKey: command.requestKey });
    const reply = await withFileInDm(deps, actor, routed);
    await respond({ response_type: reply.visibility === 'channel' && !routed.reply.attachment ? 'in_channel' : 'ephemeral', ...render(reply, t) });
    await afterRouted(deps, actor, routed);
  });
}

// Bolt's and the WebClient's own log lines, into the channel's log.

/** Bolt and WebClient logs into ours: warnings and errors only, never payloads. */
export function boltLogger(log: SlackLog): Logger {
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
