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
import { App, HTTPReceiver, LogLevel, webApi, type Authorize } from '@slack/bolt';
import type { HttpServer } from '../http-server.js';
import type { Channel } from '../channel.js';
import type { StaffMember } from '../../db/staff-queries.js';
import type { RouterDeps } from '../../handlers/context.js';
import { announcementDeliverer } from '../../delivery/deliver-announcements.js';
import { boltLogger } from './bolt-logger.js';
import { errorCode } from './identity.js';
import { SLACK_EVENTS_PATH } from './manifest-variants.js';
import { FORM_CALLBACK_ID } from './render-block-kit.js';
import { onButton } from './slack-actions.js';
import { onSlashCommand } from './slack-commands.js';
import { AFTER_ACK_LIMITS, createWorkTracker, type AfterAckLimits, type SlackDeps, type SlackLog } from './slack-deps.js';
import { onDirectMessage } from './slack-dm.js';
import { citizenOptions, submitForm } from './slack-forms.js';
import { onHomeOpened, refreshHome, refreshHomes } from './slack-home.js';
import { createSlackOutbound } from './slack-outbound.js';

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
  /** Bounds on work after the ack (default AFTER_ACK_LIMITS: 8 at once, 1 000 waiting). */
  afterAck?: Partial<AfterAckLimits>;
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
  const { track, idle, answerFailure } = createWorkTracker(prisma, log, { ...AFTER_ACK_LIMITS, ...options.afterAck });
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
    homeRefreshes: new Map(),
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
