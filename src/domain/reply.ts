// The platform-neutral reply model. Handlers build these; Slack, Teams and the
// console each render them with a pure function. Nothing platform-specific here.

export interface ReplyAction {
  /** Stable id the channel sends back when pressed, e.g. "meeting.log". */
  id: string;
  label: string;
  /** Opaque value handed back with the action, e.g. a citizen reference. */
  value: string;
  style?: 'primary' | 'danger';
}

export type ReplyBlock =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: Array<{ label: string; value: string }> }
  | { type: 'list'; title?: string; items: string[]; moreText?: string }
  | { type: 'actions'; actions: ReplyAction[] }
  | { type: 'context'; text: string };

export interface Reply {
  /** Plain fallback text: notifications, screen readers, logs without citizen data. */
  text: string;
  blocks: ReplyBlock[];
  /** 'private' replies go only to the asker; 'channel' ones may be posted where asked. */
  visibility: 'private' | 'channel';
  /** Errors are rendered the same way but let channels and tests tell them apart. */
  status: 'ok' | 'error';
  /**
   * A file that goes with the reply: CSV exports (uploaded to the asker's DM in
   * Slack, offered in Teams, written to disk in the console) and the team chart
   * (a PNG: uploaded with the post in Slack, an image in the Teams card, written
   * to disk in the console). The reply's text carries the same facts.
   */
  attachment?: ReplyAttachment;
}

export interface ReplyAttachment {
  filename: string;
  contentType: string;
  /** The file's text (CSV exports are UTF-8 text starting with a byte-order mark), or its bytes in base64 (encoding 'base64'). */
  content: string;
  /** 'base64' for binary files (the chart PNG); absent for UTF-8 text. JSON-safe, so it rides in the outbox as it is. */
  encoding?: 'base64';
  /** For images: what the picture shows, for screen readers. */
  altText?: string;
}

/** An image shown with the message (the team chart), not a file to download. */
export function isImageAttachment(attachment: ReplyAttachment | undefined): attachment is ReplyAttachment & { encoding: 'base64' } {
  return attachment !== undefined && attachment.encoding === 'base64' && attachment.contentType.startsWith('image/');
}

export function okReply(text: string, blocks: ReplyBlock[] = [], visibility: Reply['visibility'] = 'private'): Reply {
  return { text, blocks: blocks.length ? blocks : [{ type: 'text', text }], visibility, status: 'ok' };
}

export function errorReply(text: string, example?: string): Reply {
  const blocks: ReplyBlock[] = [{ type: 'text', text }];
  if (example) blocks.push({ type: 'context', text: example });
  return { text: example ? `${text}\n${example}` : text, blocks, visibility: 'private', status: 'error' };
}

/** Cut a long list so every platform can show it; the rest is counted, never dropped silently. */
export function listBlock(items: string[], limit: number, moreText: (n: number) => string, title?: string): ReplyBlock {
  if (items.length <= limit) return { type: 'list', title, items };
  return { type: 'list', title, items: items.slice(0, limit), moreText: moreText(items.length - limit) };
}
