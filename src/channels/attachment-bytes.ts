// A reply's file as bytes, whichever way it rides in the Reply model: UTF-8
// text (CSV exports) or base64 (the chart PNG, see domain/reply.ts).
import type { ReplyAttachment } from '../domain/reply.js';

export function attachmentBytes(attachment: ReplyAttachment): Buffer {
  return Buffer.from(attachment.content, attachment.encoding === 'base64' ? 'base64' : 'utf8');
}
