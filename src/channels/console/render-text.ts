// Reply → plain text for the terminal (and for logs of what a channel sent).
import type { Reply } from '../../domain/reply.js';
import { attachmentBytes } from '../attachment-bytes.js';

export function renderText(reply: Reply): string {
  const out: string[] = [];
  for (const block of reply.blocks) {
    switch (block.type) {
      case 'header':
        out.push(`== ${block.text} ==`);
        break;
      case 'text':
        out.push(block.text);
        break;
      case 'fields':
        for (const f of block.fields) out.push(`  ${f.label}: ${f.value}`);
        break;
      case 'list':
        // Some titles already end in a colon ("… need a new caseworker:"): don't print "::".
        if (block.title) out.push(block.title.endsWith(':') ? block.title : `${block.title}:`);
        for (const item of block.items) out.push(`  • ${item}`);
        if (block.moreText) out.push(`  ${block.moreText}`);
        break;
      case 'actions':
        out.push(block.actions.map((a) => `[${a.label}]`).join(' '));
        break;
      case 'context':
        out.push(`  (${block.text})`);
        break;
    }
  }
  // A file that goes with the reply (exports): named here; the console channel writes it and prints the path.
  if (reply.attachment) {
    // A picture is described in words first (what a screen reader would say), then named.
    if (reply.attachment.altText) out.push(`📊 ${reply.attachment.altText}`);
    out.push(`📎 ${reply.attachment.filename} (${attachmentBytes(reply.attachment).length} bytes)`);
  }
  const text = out.join('\n');
  return reply.status === 'error' ? `⚠ ${text}` : text;
}
