// Slack payloads → what the channel needs to answer them: who asked (the Slack
// user and workspace), where (the conversation, shared or not), what (the
// text, or the button's action id and value, or the form's values) and the
// request key that makes a redelivery the same request for the router.
// Pure: no SDK call, no database. Each parser takes the payload as Slack
// sends it (`unknown`, since it comes off the wire) and answers undefined
// when it is not a payload the channel acts on (wrong kind, or a required
// field missing), so a malformed payload is ignored rather than half-handled.
import type { Locale } from '../../domain/enums.js';
import type { IncomingConversation } from '../../handlers/context.js';
import { isFormId, type FormId, type FormValues } from '../../handlers/forms.js';
import { FORM_CALLBACK_ID, readModalValues, replyActionId, type Block } from './render-block-kit.js';
import { unwrapSlackMarkup } from './slack-markup.js';

/** Who sent a payload: their Slack user id and, when the payload says, their workspace. */
export interface SlackUser {
  userId: string;
  teamId?: string;
}

/** Where a form was opened from, so its answer can go back there privately. */
export interface FormOrigin {
  /** response_url of the command or message the form was opened from (valid 30 min). */
  responseUrl?: string;
  channelId?: string;
}

/** What a modal carries in its private_metadata, from opening to submission. */
export interface FormMetadata extends FormOrigin {
  form: FormId;
  locale: Locale;
}

/** A slash command (application/x-www-form-urlencoded body, as Bolt hands it over). */
export interface SlashCommandRequest {
  user: SlackUser;
  conversation: IncomingConversation;
  /** The command word without its slash, then what was typed after it (Slack's markup undone). */
  text: string;
  triggerId: string;
  responseUrl?: string;
  /** trigger_id is the same in every delivery of one invocation (X-Slack-Retry-Num > 0 included). */
  requestKey: string;
}

/** A button pressed in a message, a modal or the App Home (block_actions). */
export interface ButtonPress {
  user: SlackUser;
  /** The Reply model's action id (the "#n" Slack needs for uniqueness removed). */
  actionId: string;
  /** The action id exactly as Slack sent it (part of the request key). */
  slackActionId: string;
  value: string;
  blockId?: string;
  triggerId?: string;
  responseUrl?: string;
  /** The payload's own channel (absent for buttons in a modal or the App Home). */
  payloadChannelId?: string;
  /** The payload's channel, else the container's. */
  channelId?: string;
  /** Where the button was pressed, when in a conversation. */
  conversation?: IncomingConversation;
  container: { type?: string; messageTs?: string; isEphemeral: boolean };
  /** The message the button is in, as Slack shows it now (to settle the pressed row in place). */
  message?: { text?: string; blocks?: Block[] };
  /** The same button on the same message is one request, however often it is clicked. */
  requestKey?: string;
}

/** A field in one of our form modals changed and dispatched its action (the meeting form's citizen). */
export interface FormFieldChange {
  user: SlackUser;
  /** The field that changed (its action id). */
  field: string;
  viewId: string;
  /** The view's hash: views.update with it fails rather than overwrite a newer version of the modal. */
  hash?: string;
  metadata: FormMetadata;
  /** What the modal holds now, the new choice included. */
  values: FormValues;
}

/** A modal submitted (view_submission). */
export interface FormSubmissionRequest {
  user: SlackUser;
  /** What the modal was opened with; undefined when it is not one of ours (or unreadable). */
  metadata?: FormMetadata;
  /** Field id → submitted value (empty fields left out). */
  values: FormValues;
  /** A re-submitted view has the same id and hash: the router answers it from the first time. */
  requestKey: string;
}

/** A file in a file_share message (or from files.info). */
export interface SharedFile {
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

/** What a person wrote to the bot in their DM (message.im), files included. */
export interface DirectMessage {
  user: SlackUser;
  /** The DM channel (D…). */
  channelId: string;
  conversation: IncomingConversation;
  threadTs?: string;
  /** Slack's markup undone and a leading mention of the bot removed. */
  text: string;
  files: SharedFile[];
  /** The same event redelivered (X-Slack-Retry-Num) has the same event id. */
  requestKey?: string;
}

/** The App Home tab opened (app_home_opened). */
export interface HomeOpened {
  user: SlackUser;
  requestKey?: string;
}

/** A citizen picker asking for options as the user types (block_suggestion). */
export interface OptionsRequest {
  user: SlackUser;
  /** What the user typed so far. */
  query: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** A string that identifies something: present and not empty. */
const id = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const object = (value: unknown): Json | undefined => (isObject(value) ? value : undefined);

function user(userId: string, teamId: unknown): SlackUser {
  const team = id(teamId);
  return team ? { userId, teamId: team } : { userId };
}

/** Public or private channel, not a DM or a group DM: only there can a team channel be linked. */
export function isSharedChannel(channelId: string, channelName: string | undefined): boolean {
  return /^[CG]/.test(channelId) && channelName !== 'directmessage' && !(channelName ?? '').startsWith('mpdm-');
}

export function parseSlashCommand(body: unknown): SlashCommandRequest | undefined {
  if (!isObject(body)) return undefined;
  const userId = id(body.user_id);
  const channelId = id(body.channel_id);
  const command = id(body.command);
  const triggerId = id(body.trigger_id);
  if (!userId || !channelId || !command || !triggerId) return undefined;
  const responseUrl = id(body.response_url);
  return {
    user: user(userId, body.team_id),
    conversation: { platform: 'slack', id: channelId, shared: isSharedChannel(channelId, text(body.channel_name)) },
    text: `${command.replace(/^\//, '')} ${unwrapSlackMarkup(text(body.text) ?? '')}`.trim(),
    triggerId,
    ...(responseUrl ? { responseUrl } : {}),
    requestKey: `slack:command:${triggerId}`,
  };
}

/** The first action of a block_actions payload (the one Bolt hands to listeners), when it is a button. */
export function parseButtonPress(body: unknown): ButtonPress | undefined {
  if (!isObject(body) || body.type !== 'block_actions') return undefined;
  const action = Array.isArray(body.actions) ? object(body.actions[0]) : undefined;
  const slackActionId = id(action?.action_id);
  if (!action || action.type !== 'button' || !slackActionId) return undefined;
  const who = object(body.user);
  const userId = id(who?.id);
  if (!userId) return undefined;
  const value = text(action.value) ?? '';
  const channel = object(body.channel);
  const payloadChannelId = id(channel?.id);
  const container = object(body.container);
  const channelId = payloadChannelId ?? id(container?.channel_id);
  const containerType = id(container?.type);
  const messageTs = id(container?.message_ts);
  const actionTs = id(action.action_ts);
  const message = object(body.message);
  const blockId = id(action.block_id);
  const triggerId = id(body.trigger_id);
  const responseUrl = id(body.response_url);
  return {
    user: user(userId, who?.team_id ?? object(body.team)?.id),
    actionId: replyActionId(slackActionId),
    slackActionId,
    value,
    ...(blockId ? { blockId } : {}),
    ...(triggerId ? { triggerId } : {}),
    ...(responseUrl ? { responseUrl } : {}),
    ...(payloadChannelId ? { payloadChannelId } : {}),
    ...(channelId ? { channelId } : {}),
    ...(channelId ? { conversation: { platform: 'slack', id: channelId, shared: isSharedChannel(channelId, text(channel?.name)) } } : {}),
    container: {
      ...(containerType ? { type: containerType } : {}),
      ...(messageTs ? { messageTs } : {}),
      isEphemeral: container?.is_ephemeral === true,
    },
    ...(message ? { message: { text: text(message.text), blocks: Array.isArray(message.blocks) ? (message.blocks as Block[]) : undefined } } : {}),
    // Without a message (a button in a modal or the App Home) each press is its own request.
    ...(messageTs
      ? { requestKey: `slack:action:${channelId ?? ''}:${messageTs}:${slackActionId}:${value}` }
      : actionTs
        ? { requestKey: `slack:action:${actionTs}` }
        : {}),
  };
}

/** A block_actions payload from a field (not a button) in one of our form modals, with the view as Slack holds it. */
export function parseFormFieldChange(body: unknown): FormFieldChange | undefined {
  if (!isObject(body) || body.type !== 'block_actions') return undefined;
  const action = Array.isArray(body.actions) ? object(body.actions[0]) : undefined;
  const field = id(action?.action_id);
  const view = object(body.view);
  const viewId = id(view?.id);
  const userId = id(object(body.user)?.id);
  if (!action || action.type === 'button' || !field || !view || !viewId || !userId || view.callback_id !== FORM_CALLBACK_ID) return undefined;
  const metadata = parseFormMetadata(text(view.private_metadata));
  if (!metadata) return undefined;
  const state = object(object(view.state)?.values) ?? {};
  const hash = id(view.hash);
  // The action carries the new choice itself; the view's state has it too (and everything else typed so far).
  const chosen = text(object(action.selected_option)?.value) ?? text(action.value);
  const values = { ...readModalValues(state as Parameters<typeof readModalValues>[0]), ...(chosen !== undefined ? { [field]: chosen } : {}) };
  return {
    user: user(userId, object(body.user)?.team_id ?? object(body.team)?.id),
    field,
    viewId,
    ...(hash ? { hash } : {}),
    metadata,
    values,
  };
}

export function parseFormSubmission(body: unknown): FormSubmissionRequest | undefined {
  if (!isObject(body) || body.type !== 'view_submission') return undefined;
  const who = object(body.user);
  const userId = id(who?.id);
  const view = object(body.view);
  const viewId = id(view?.id);
  if (!userId || !view || !viewId) return undefined;
  const state = object(object(view.state)?.values) ?? {};
  const metadata = parseFormMetadata(text(view.private_metadata));
  return {
    user: user(userId, who?.team_id ?? object(body.team)?.id),
    ...(metadata ? { metadata } : {}),
    values: readModalValues(state as Parameters<typeof readModalValues>[0]),
    requestKey: `slack:view:${viewId}:${text(view.hash) ?? ''}`,
  };
}

/** A modal's private_metadata back into what it was opened with; undefined when it is not ours. */
export function parseFormMetadata(raw: string | undefined): FormMetadata | undefined {
  try {
    const parsed = JSON.parse(raw ?? '') as Partial<FormMetadata> | null;
    if (!isObject(parsed) || !isFormId(parsed.form)) return undefined;
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

/**
 * A message event in a DM (the event_callback envelope, for its event id).
 * Only what a person wrote: no bot messages (ours included), edits, deletions
 * or other subtypes; a file_share message is a person sharing files.
 */
export function parseDirectMessage(body: unknown, botUserId: string | undefined): DirectMessage | undefined {
  if (!isObject(body)) return undefined;
  const event = object(body.event);
  if (!event || event.type !== 'message' || event.channel_type !== 'im') return undefined;
  const userId = id(event.user);
  const channelId = id(event.channel);
  if (event.bot_id || !userId || userId === botUserId || !channelId) return undefined;
  if (event.subtype !== undefined && event.subtype !== 'file_share') return undefined;
  const eventId = id(body.event_id);
  const threadTs = id(event.thread_ts);
  const files = Array.isArray(event.files) ? event.files.filter((f): f is SharedFile => isObject(f) && id(f.id) !== undefined) : [];
  return {
    user: user(userId, event.team ?? body.team_id),
    channelId,
    conversation: { platform: 'slack', id: channelId, shared: false },
    ...(threadTs ? { threadTs } : {}),
    text: stripMention(unwrapSlackMarkup(text(event.text) ?? ''), botUserId),
    files,
    ...(eventId ? { requestKey: `slack:event:${eventId}` } : {}),
  };
}

/** The App Home opened (the event_callback envelope); undefined for the Messages or About tab. */
export function parseHomeOpened(body: unknown): HomeOpened | undefined {
  if (!isObject(body)) return undefined;
  const event = object(body.event);
  const userId = id(event?.user);
  if (!event || event.type !== 'app_home_opened' || event.tab !== 'home' || !userId) return undefined;
  const eventId = id(body.event_id);
  return { user: user(userId, body.team_id), ...(eventId ? { requestKey: `slack:event:${eventId}` } : {}) };
}

export function parseOptionsRequest(body: unknown): OptionsRequest | undefined {
  if (!isObject(body) || body.type !== 'block_suggestion') return undefined;
  const who = object(body.user);
  const userId = id(who?.id);
  if (!userId) return undefined;
  return { user: user(userId, who?.team_id ?? object(body.team)?.id), query: text(body.value) ?? '' };
}

/** "@jobbot hvem mangler opfølgning?" in a DM: the mention of the bot is not part of the question. */
export function stripMention(message: string, botUserId: string | undefined): string {
  return (botUserId ? message.replace(new RegExp(`^\\s*<@${botUserId}(\\|[^>]*)?>\\s*`), '') : message).trim();
}
