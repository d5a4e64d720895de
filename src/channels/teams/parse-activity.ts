// Bot Framework activity → what the router needs: the command text (bot
// @mention and an optional leading slash removed, colleagues' mentions as
// their handles), the colleagues mentioned, files sent, the card data of a
// button or form, the conversation's scope, and a redelivery key. Pure.
import { createHash } from 'node:crypto';
import type { CardData } from './render-adaptive-card.js';

/** The parts of a Bot Framework activity this channel reads (botbuilder's Activity fits). */
export interface ActivityLike {
  type: string;
  id?: string;
  name?: string;
  text?: string;
  value?: unknown;
  locale?: string;
  replyToId?: string;
  channelId?: string;
  serviceUrl?: string;
  from?: { id: string; name?: string; aadObjectId?: string };
  recipient?: { id: string; name?: string };
  conversation?: { id: string; conversationType?: string; tenantId?: string };
  entities?: Array<{ type: string; mentioned?: { id: string; name?: string }; text?: string }>;
  attachments?: Array<{ contentType: string; name?: string; contentUrl?: string; content?: unknown }>;
  channelData?: { channel?: { id?: string }; team?: { id?: string; name?: string }; tenant?: { id?: string }; eventType?: string };
  membersAdded?: Array<{ id: string; aadObjectId?: string }>;
  membersRemoved?: Array<{ id: string; aadObjectId?: string }>;
}

export type ConversationScope = 'personal' | 'channel' | 'groupChat';

export function conversationScope(activity: ActivityLike): ConversationScope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal'; // Teams personal chats, and the Emulator (which sends no type)
}

/**
 * The conversation a proactive message should go to. In a channel, replies in
 * a thread carry ";messageid=…" in the conversation id; posts go to the channel.
 */
export function conversationKey(activity: ActivityLike): string {
  const id = activity.conversation?.id ?? '';
  if (conversationScope(activity) !== 'channel') return id;
  return activity.channelData?.channel?.id ?? id.split(';')[0] ?? id;
}

/** Same activity id from the same conversation = the same request (Teams redelivers after 15 s). */
export function requestKey(activity: ActivityLike): string | undefined {
  if (!activity.id) return undefined;
  return `teams:${activity.conversation?.id ?? ''}:${activity.id}`;
}

/**
 * A pressed card is one request per card, presser and submitted data: every
 * click is a new activity (a new id), so a double click or a second Submit of
 * the same form would otherwise be handled twice. Like Slack's view id and
 * hash. Without the pressed card's id, the activity's own key.
 */
export function cardRequestKey(activity: ActivityLike, data: CardData): string | undefined {
  if (!activity.replyToId) return requestKey(activity);
  const presser = activity.from?.aadObjectId ?? activity.from?.id ?? '';
  const hash = createHash('sha256').update(stableJson(data)).digest('base64url').slice(0, 22);
  return `teams:card:${activity.conversation?.id ?? ''}:${activity.replyToId}:${presser}:${hash}`;
}

/** JSON with object keys sorted, so the same data hashes the same whatever order the client sent it in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The text of a message without the bot's @mention (Teams puts <at>jobbot</at>
 * into the text of channel messages), HTML entities Teams adds, and an
 * optional leading slash ("/meeting …" and "meeting …" are the same).
 * `replacements` (mentioned user id → text, e.g. "@anne") puts a colleague
 * picked from the mention picker back as the handle the commands read; a
 * mention without one is dropped, like the bot's.
 */
export function commandText(activity: ActivityLike, replacements: ReadonlyMap<string, string> = new Map()): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention' || !entity.text) continue;
    const replacement = entity.mentioned ? replacements.get(entity.mentioned.id) : undefined;
    if (replacement !== undefined && entity.mentioned?.id !== botId) {
      // No spaces around: "consultant:<at>Camilla</at>" must stay one token.
      text = text.split(entity.text).join(replacement);
      continue;
    }
    if (botId && entity.mentioned?.id !== botId) continue;
    text = text.split(entity.text).join(' ');
  }
  text = text
    .replace(/<at>[^<]*<\/at>/gi, ' ') // a bot mention whose entity was missing
    .replace(/<[^>]+>/g, ' ') // any other markup Teams wraps around text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.replace(/^\/\s*/, '');
}

/** Someone picked from the mention picker (not the bot): their Teams user id (29:…) and the name shown. */
export interface MentionedPerson {
  id: string;
  name: string;
}

/** The people a message @mentions besides the bot, each once, in order. */
export function mentionedPeople(activity: ActivityLike): MentionedPerson[] {
  const botId = activity.recipient?.id;
  const people = new Map<string, MentionedPerson>();
  for (const entity of activity.entities ?? []) {
    const id = entity.mentioned?.id;
    if (entity.type !== 'mention' || !id || id === botId || !entity.text || people.has(id)) continue;
    const name = entity.mentioned?.name || entity.text.replace(/<[^>]+>/g, '').trim() || id;
    people.set(id, { id, name });
  }
  return [...people.values()];
}

/** What Teams puts on a message for a file sent to the bot in a personal chat. */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** A file sent to the bot: its name, type ("csv") and, in a personal chat, a short-lived pre-authorised download URL. */
export interface SentFile {
  name: string;
  fileType: string;
  downloadUrl?: string;
}

/**
 * Files on a message: the file.download.info attachments of a personal chat,
 * and (channels, group chats, where Teams gives bots no download URL) file
 * references. Inline HTML and cards are not files.
 */
export function sentFiles(activity: ActivityLike): SentFile[] {
  const files: SentFile[] = [];
  for (const attachment of activity.attachments ?? []) {
    const isDownload = attachment.contentType === FILE_DOWNLOAD_INFO;
    if (!isDownload && attachment.contentType !== 'reference') continue;
    const content = isRecord(attachment.content) ? attachment.content : {};
    const name = attachment.name ?? (typeof content.name === 'string' ? content.name : '') ?? '';
    const fileType = typeof content.fileType === 'string' ? content.fileType.toLowerCase() : (/\.([a-z0-9]+)$/i.exec(name)?.[1] ?? '').toLowerCase();
    const downloadUrl = isDownload && typeof content.downloadUrl === 'string' ? content.downloadUrl : undefined;
    files.push({ name, fileType, ...(downloadUrl ? { downloadUrl } : {}) });
  }
  return files;
}

export function isCsvFile(file: SentFile): boolean {
  return file.fileType === 'csv' || file.name.toLowerCase().endsWith('.csv');
}

/** Card data from an Action.Submit message (activity.value) or an Action.Execute invoke (value.action.data). */
export function cardSubmission(activity: ActivityLike): CardData | undefined {
  const value = activity.value;
  if (!isRecord(value)) return undefined;
  const data = activity.type === 'invoke' && isRecord(value.action) ? value.action.data : value;
  if (!isRecord(data)) return undefined;
  if (data.jobbot === 'action' && typeof data.actionId === 'string') {
    return { jobbot: 'action', actionId: data.actionId, value: typeof data.value === 'string' ? data.value : '' };
  }
  if (data.jobbot === 'form' && typeof data.form === 'string') return { ...data, jobbot: 'form', form: data.form };
  return undefined;
}

export function isAdaptiveCardInvoke(activity: ActivityLike): boolean {
  return activity.type === 'invoke' && activity.name === 'adaptiveCard/action';
}

/** The user's language from the Teams client ("da-DK", "en-US"); Danish unless clearly English. */
export function localeOf(activity: ActivityLike): 'da' | 'en' {
  return activity.locale?.toLowerCase().startsWith('en') ? 'en' : 'da';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
