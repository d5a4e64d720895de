// OutboundChannel for Slack: DMs to linked staff (DM channel ids cached in
// Staff.slackDmChannelId, opened once with conversations.open) and posts to a
// team's Slack channel (Team.slackChannelId; the bot must be invited there).
// Rate limits: the WebClient waits out 429 Retry-After and retries itself.
import type { webApi } from '@slack/bolt';
import type { Destination, OutboundChannel, SendResult } from '../../delivery/outbound-channel.js';
import { isImageAttachment, type Reply } from '../../domain/reply.js';
import { attachmentBytes } from '../attachment-bytes.js';
import { messagesFor } from '../../domain/i18n/messages.js';
import type { PrismaClient } from '../../db/types.js';
import { errorCode } from './identity.js';
import { renderMessage } from './render-block-kit.js';

/** Errors that will not go away by trying again. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'account_inactive',
  'cannot_dm_bot',
  'msg_too_long',
  'invalid_blocks',
  'no_text',
  'restricted_action',
  'message_not_found',
  'cant_update_message',
  'invalid_auth',
  'not_authed',
  'token_revoked',
]);

export interface SlackOutboundDeps {
  prisma: PrismaClient;
  client: webApi.WebClient;
  log: (event: string, fields: Record<string, unknown>) => void;
}

export function createSlackOutbound(deps: SlackOutboundDeps): OutboundChannel & {
  /** The DM channel with a staff member, opened and cached on first use. */
  dmChannel(staffId: string): Promise<string | undefined>;
} {
  const { prisma, client } = deps;

  async function localeOf(destination: Destination): Promise<'da' | 'en'> {
    if (destination.audience === 'team') return 'da'; // team channels speak Danish
    const staff = await prisma.staff.findUnique({ where: { id: destination.staffId }, select: { locale: true } });
    return staff?.locale ?? 'da';
  }

  async function dmChannel(staffId: string, refresh = false): Promise<string | undefined> {
    const staff = await prisma.staff.findUnique({ where: { id: staffId }, select: { slackUserId: true, slackDmChannelId: true } });
    if (!staff?.slackUserId) return undefined;
    if (staff.slackDmChannelId && !refresh) return staff.slackDmChannelId;
    const opened = await client.conversations.open({ users: staff.slackUserId });
    const id = opened.channel?.id;
    if (id) await prisma.staff.update({ where: { id: staffId }, data: { slackDmChannelId: id } });
    return id;
  }

  async function channelFor(destination: Destination, refresh = false): Promise<string | undefined> {
    if (destination.audience === 'dm') return dmChannel(destination.staffId, refresh);
    const team = await prisma.team.findUnique({ where: { id: destination.teamId }, select: { slackChannelId: true } });
    return team?.slackChannelId ?? undefined;
  }

  /**
   * The picture that goes with a post (the team chart), uploaded right under
   * it in the same conversation (files:write). The post is out already and
   * carries the same numbers as text: a failed upload is logged, not retried,
   * so a retry never posts the message twice.
   */
  async function uploadImage(channel: string, reply: Reply): Promise<void> {
    const image = reply.attachment;
    if (!isImageAttachment(image)) return;
    try {
      const file = attachmentBytes(image);
      await client.filesUploadV2({ channel_id: channel, file, filename: image.filename, title: image.filename, ...(image.altText ? { alt_text: image.altText } : {}) });
      deps.log('slack.image.sent', { bytes: file.length });
    } catch (error) {
      deps.log('slack.image.failed', { error: errorCode(error) });
    }
  }

  function failure(error: unknown): SendResult {
    const code = errorCode(error);
    const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
    deps.log('slack.send.failed', { error: code });
    if (typeof retryAfter === 'number') return { ok: false, error: code, retryAfterMs: retryAfter * 1000 };
    return { ok: false, error: code, ...(PERMANENT.has(code) ? { permanent: true } : {}) };
  }

  return {
    name: 'slack',
    dmChannel: (staffId) => dmChannel(staffId),
    async canReach(destination) {
      if (destination.audience === 'dm') {
        const staff = await prisma.staff.findUnique({ where: { id: destination.staffId }, select: { slackUserId: true, active: true } });
        return Boolean(staff?.active && staff.slackUserId);
      }
      const team = await prisma.team.findUnique({ where: { id: destination.teamId }, select: { slackChannelId: true } });
      return Boolean(team?.slackChannelId);
    },
    async send(destination, reply: Reply) {
      const message = renderMessage(reply, { andMore: messagesFor(await localeOf(destination)).common.andMore });
      try {
        let channel = await channelFor(destination);
        if (!channel) return { ok: false, error: 'not_linked', permanent: true };
        try {
          const posted = await client.chat.postMessage({ channel, ...message });
          await uploadImage(posted.channel ?? channel, reply);
          return { ok: true, messageRef: { channel: posted.channel ?? channel, ts: posted.ts ?? '' } };
        } catch (error) {
          // A cached DM channel can go stale (workspace migration): open it again once.
          if (destination.audience !== 'dm' || errorCode(error) !== 'channel_not_found') throw error;
          channel = await channelFor(destination, true);
          if (!channel) return { ok: false, error: 'not_linked', permanent: true };
          const posted = await client.chat.postMessage({ channel, ...message });
          await uploadImage(posted.channel ?? channel, reply);
          return { ok: true, messageRef: { channel: posted.channel ?? channel, ts: posted.ts ?? '' } };
        }
      } catch (error) {
        return failure(error);
      }
    },
    async update(messageRef, reply) {
      const channel = messageRef.channel;
      const ts = messageRef.ts;
      if (!channel || !ts) return { ok: false, error: 'bad_message_ref', permanent: true };
      try {
        await client.chat.update({ channel, ts, ...renderMessage(reply, { andMore: messagesFor('da').common.andMore }) });
        return { ok: true, messageRef: { channel, ts } };
      } catch (error) {
        return failure(error);
      }
    },
  };
}
