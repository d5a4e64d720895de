// How an answer reaches only the user who asked: the response_url of their
// command or button (valid 30 minutes), else an ephemeral message in the
// channel, else a DM. Files a reply carries (CSV exports) go to the user's DM
// with the bot only, never into a shared channel.
import type { Messages } from '../../domain/i18n/messages.js';
import { messagesFor } from '../../domain/i18n/messages.js';
import { errorReply, type Reply } from '../../domain/reply.js';
import type { StaffMember } from '../../db/staff-queries.js';
import type { Routed } from '../../handlers/context.js';
import { attachmentBytes } from '../attachment-bytes.js';
import { errorCode } from './identity.js';
import type { FormOrigin } from './parse-payload.js';
import { renderMessage, type SlackMessage } from './render-block-kit.js';
import type { SlackDeps } from './slack-deps.js';

export function render(reply: Reply, t: Messages): SlackMessage {
  return renderMessage(reply, { andMore: t.common.andMore });
}

/** Posts to a response_url (valid 30 minutes); false when Slack did not take it. */
export async function postToResponseUrl(deps: SlackDeps, responseUrl: string, body: Record<string, unknown>): Promise<boolean> {
  try {
    const response = await fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.ok) return true;
    deps.log('slack.response_url.failed', { status: response.status }, 'warn');
  } catch (error) {
    deps.log('slack.response_url.failed', { error: errorCode(error) }, 'warn');
  }
  return false;
}

/** An answer only the user sees: response_url if we have one, else an ephemeral message, else a DM. */
export async function answerPrivately(deps: SlackDeps, actor: StaffMember, reply: Reply, origin: FormOrigin): Promise<void> {
  const { client } = deps;
  const message = render(reply, messagesFor(actor.locale));
  const responseType = reply.visibility === 'channel' ? 'in_channel' : 'ephemeral';
  if (origin.responseUrl && (await postToResponseUrl(deps, origin.responseUrl, { response_type: responseType, replace_original: false, ...message }))) return;
  if (origin.channelId && actor.slackUserId) {
    try {
      await client.chat.postEphemeral({ channel: origin.channelId, user: actor.slackUserId, ...message });
      return;
    } catch (error) {
      deps.log('slack.ephemeral.failed', { error: errorCode(error) }, 'warn');
    }
  }
  const sent = await deps.outbound.send({ audience: 'dm', staffId: actor.id }, reply);
  if (!sent.ok) deps.log('slack.dm.failed', { error: sent.error }, 'warn');
}

/** A plain text only this Slack user sees, without knowing who they are in jobbot: response_url, ephemeral, or a DM. */
export async function answerTextPrivately(deps: SlackDeps, slackUserId: string, text: string, origin: FormOrigin): Promise<void> {
  const { client } = deps;
  if (origin.responseUrl && (await postToResponseUrl(deps, origin.responseUrl, { response_type: 'ephemeral', replace_original: false, text }))) return;
  try {
    if (origin.channelId) {
      await client.chat.postEphemeral({ channel: origin.channelId, user: slackUserId, text });
      return;
    }
    const opened = await client.conversations.open({ users: slackUserId });
    if (opened.channel?.id) await client.chat.postMessage({ channel: opened.channel.id, text });
  } catch (error) {
    deps.log('slack.private_text.failed', { error: errorCode(error) }, 'warn');
  }
}

/**
 * A reply's file (CSV export) into the user's DM with the bot, never a shared
 * channel: files.getUploadURLExternal, upload, files.completeUploadExternal.
 */
export async function uploadToDm(deps: SlackDeps, actor: StaffMember, reply: Reply, dm?: { channel: string; threadTs?: string }): Promise<boolean> {
  const { client } = deps;
  const attachment = reply.attachment;
  if (!attachment) return false;
  try {
    const channel = dm?.channel ?? (await deps.outbound.dmChannel(actor.id));
    if (!channel) return false;
    const file = attachmentBytes(attachment);
    const upload = { file, filename: attachment.filename, title: attachment.filename, initial_comment: reply.text };
    if (dm?.threadTs) await client.filesUploadV2({ ...upload, channel_id: channel, thread_ts: dm.threadTs });
    else await client.filesUploadV2({ ...upload, channel_id: channel });
    deps.log('slack.file.sent', { bytes: file.length });
    return true;
  } catch (error) {
    deps.log('slack.file.failed', { error: errorCode(error) }, 'warn');
    return false;
  }
}

/**
 * The answer where a command that produced a file was typed: the file goes to
 * the DM, the answer says so. A redelivered command does not upload twice.
 */
export async function withFileInDm(deps: SlackDeps, actor: StaffMember, routed: Routed): Promise<Reply> {
  const { attachment, ...reply } = routed.reply;
  if (!attachment) return routed.reply;
  const t = messagesFor(actor.locale);
  if (!routed.replayed && !(await uploadToDm(deps, actor, routed.reply))) return errorReply(t.slack.files.uploadFailed);
  return { ...reply, blocks: [...reply.blocks, { type: 'context', text: t.slack.files.sentToDm(attachment.filename) }] };
}
