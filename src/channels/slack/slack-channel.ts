// The Slack channel: a Bolt app that parses Slack payloads, calls the router,
// renders the Reply as Block Kit and sends it. No business rules here.
//   HTTP mode:   POST /slack/events on the shared HTTP server (signed requests,
//                verified by Bolt's HTTPReceiver: bad signature or stale
//                timestamp → 401).
//   Socket Mode: when an app-level token (SLACK_APP_TOKEN) is given.
// Every listener acks first (Slack's 3 s), then does the work and answers via
// response_url, chat.postEphemeral or a DM. Redeliveries are recognised by the
// router's processed-requests table, keyed on what Slack sends.
import { App, HTTPReceiver, LogLevel, type Logger, type webApi } from '@slack/bolt';
import type { HttpServer } from '../http-server.js';
import type { OutboundChannel } from '../outbound.js';
import { messagesFor, type Messages } from '../../domain/i18n/messages.js';
import type { Locale } from '../../domain/enums.js';
import { todayIn } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { citizensForPicker } from '../../db/citizen-picker-queries.js';
import type { StaffMember } from '../../db/staff-queries.js';
import { buildDashboard } from '../../handlers/dashboard.js';
import { buildForm, formForAction, formForCommandText, formToCommandText, isFormId, validateForm, type FormId } from '../../handlers/forms.js';
import { routeAction, routeCommand, type RouterDeps, type Routed } from '../../handlers/router.js';
import { errorCode, identify, type Identity } from './identity.js';
import { FORM_CALLBACK_ID, readModalValues, renderHome, renderMessage, renderModal, replyActionId, type SlackMessage } from './render-block-kit.js';
import { createSlackOutbound } from './slack-outbound.js';
import { announcementDeliverer, type AnnouncementDelivery } from '../../jobs/deliver-announcements.js';

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
  /** Delivers a command's celebrations from the outbox; default: through this channel alone. */
  deliverAnnouncements?: AnnouncementDelivery;
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
  /** Re-renders a staff member's App Home (e.g. each morning from the scheduler). */
  refreshHome(staff: StaffMember): Promise<void>;
}

export const SLACK_EVENTS_PATH = '/slack/events';

interface FormOrigin {
  /** response_url of the command or message the form was opened from (valid 30 min). */
  responseUrl?: string;
  channelId?: string;
}

interface FormMetadata extends FormOrigin {
  form: FormId;
  locale: Locale;
}

export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const { router } = options;
  const prisma = router.prisma;
  const log: SlackLog = options.log ?? (() => {});
  const logger = boltLogger(log);
  const clientOptions: webApi.WebClientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
    logger,
    logLevel: LogLevel.WARN,
  };
  const mode: SlackChannel['mode'] = options.appToken ? 'socket' : 'http';
  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (mode === 'socket') {
    app = new App({ token: options.botToken, appToken: options.appToken, socketMode: true, logger, logLevel: LogLevel.WARN, clientOptions, tokenVerificationEnabled: false });
  } else {
    if (!options.signingSecret) throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
    if (!options.http) throw new Error('Slack HTTP mode needs the shared HTTP server');
    receiver = new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: SLACK_EVENTS_PATH, logger, logLevel: LogLevel.WARN, processBeforeResponse: false });
    // The token is checked once in start() (auth.test), not before each ack.
    app = new App({ token: options.botToken, receiver, logger, logLevel: LogLevel.WARN, clientOptions, tokenVerificationEnabled: false });
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
  const client = app.client;
  const outbound = createSlackOutbound({ prisma, client, log });
  const deliverAnnouncements =
    options.deliverAnnouncements ?? announcementDeliverer({ prisma, channels: () => [outbound], clock: options.router.clock, log });

  // Work in flight after the ack: awaited by idle() and stop().
  const inflight = new Set<Promise<void>>();
  const track = (what: string, work: () => Promise<void>): Promise<void> => {
    const p: Promise<void> = work()
      .catch((error: unknown) => log('slack.failed', { what, error: errorCode(error) }, 'error'))
      .finally(() => inflight.delete(p));
    inflight.add(p);
    return p;
  };
  const idle = async () => {
    while (inflight.size) await Promise.allSettled([...inflight]);
  };

  const who = (slackUserId: string): Promise<Identity> => identify(prisma, client, slackUserId, (event, fields) => log(event, fields, 'warn'));
  const denial = (identity: Identity): string =>
    identity.kind === 'inactive' ? messagesFor('da').slack.inactiveUser : messagesFor('da').slack.unknownUser(router.adminEmails.join(', '));
  const render = (reply: Reply, t: Messages): SlackMessage => renderMessage(reply, { andMore: t.common.andMore });

  async function refreshHome(staff: StaffMember): Promise<void> {
    if (!staff.slackUserId) return;
    const t = messagesFor(staff.locale);
    const reply = await buildDashboard(router, staff, 'SLACK');
    await client.views.publish({ user_id: staff.slackUserId, view: renderHome(reply, { andMore: t.common.andMore }) });
  }

  /** Celebrations to the team channel and a fresh App Home, after the transaction committed. */
  async function afterRouted(actor: StaffMember, routed: Routed): Promise<void> {
    await deliverAnnouncements(routed);
    if (routed.reply.status === 'ok' && !routed.replayed) await refreshHome(actor);
  }

  /** An answer only the user sees: response_url if we have one, else an ephemeral message, else a DM. */
  async function answerPrivately(actor: StaffMember, reply: Reply, origin: FormOrigin): Promise<void> {
    const message = render(reply, messagesFor(actor.locale));
    if (origin.responseUrl) {
      try {
        const response = await fetch(origin.responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral', replace_original: false, ...message }),
        });
        if (response.ok) return;
        log('slack.response_url.failed', { status: response.status }, 'warn');
      } catch (error) {
        log('slack.response_url.failed', { error: errorCode(error) }, 'warn');
      }
    }
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
    await track('command', async () => {
      const identity = await who(command.user_id);
      if (identity.kind !== 'staff') {
        await respond({ response_type: 'ephemeral', text: denial(identity) });
        return;
      }
      const actor = identity.staff;
      const t = messagesFor(actor.locale);
      const text = `${command.command.replace(/^\//, '')} ${command.text ?? ''}`.trim();
      const form = formForCommandText(text);
      if (form) {
        await openForm(command.trigger_id, actor, form, { responseUrl: command.response_url, channelId: command.channel_id });
        return;
      }
      // trigger_id is the same in every delivery of one invocation (X-Slack-Retry-Num > 0 included).
      const routed = await routeCommand(router, { text, actor, channel: 'SLACK', requestKey: `slack:command:${command.trigger_id}` });
      await respond({ response_type: routed.reply.visibility === 'channel' ? 'in_channel' : 'ephemeral', ...render(routed.reply, t) });
      await afterRouted(actor, routed);
    });
  });

  // Form submissions: field checks answer inside the ack (errors beside the field), the rest after.
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
    await ack();
    await track('form', async () => {
      const identity = await who(body.user.id);
      if (identity.kind !== 'staff') {
        log('slack.form.unknown_user', {}, 'warn');
        return;
      }
      const actor = identity.staff;
      // A re-submitted view has the same id and hash: the router answers it from the first time.
      const routed = await routeCommand(router, { text: formToCommandText(form, values), actor, channel: 'SLACK', requestKey: `slack:view:${view.id}:${view.hash}` });
      await answerPrivately(actor, routed.reply, metadata);
      await afterRouted(actor, routed);
    });
  });

  // Buttons: forms open here; everything else is the router's (reminder.snooze, reminder.done, …).
  app.action(/.+/, async ({ ack, body, action: anyAction, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || anyAction.type !== 'button' || !('action_id' in anyAction)) return;
    const action = anyAction;
    await track('action', async () => {
      const identity = await who(body.user.id);
      if (identity.kind !== 'staff') {
        if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text: denial(identity) });
        return;
      }
      const actor = identity.staff;
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
        // Update the reminder in place.
        if (container.is_ephemeral || !channelId) await respond({ replace_original: true, ...message });
        else await client.chat.update({ channel: channelId, ts: container.message_ts, ...message });
      } else if (routed.reply.status !== 'ok' || container?.type !== 'view') {
        await answerPrivately(actor, routed.reply, { ...origin, responseUrl: body.response_url });
      }
      await afterRouted(actor, routed);
    });
  });

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await track('home', async () => {
      const identity = await who(event.user);
      if (identity.kind === 'staff') {
        await refreshHome(identity.staff);
        return;
      }
      const t = messagesFor('da');
      await client.views.publish({ user_id: event.user, view: renderHome(okReply(denial(identity)), { andMore: t.common.andMore }) });
    });
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
    async start() {
      try {
        const auth = await client.auth.test();
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

