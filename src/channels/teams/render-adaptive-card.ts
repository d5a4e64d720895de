// Reply → Adaptive Card 1.5 (the highest version Teams renders). Pure: the
// same reply always gives the same card, so it is golden-tested.
//
// Buttons are Action.Execute (Teams answers the invoke with a card that
// replaces this one in place) with an Action.Submit fallback for clients
// without Universal Actions (older Teams clients, the Bot Framework Emulator).
// Both carry the same data, which parseCardSubmission() reads back.
import { isImageAttachment, type Reply, type ReplyAction, type ReplyAttachment, type ReplyBlock } from '../../domain/reply.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_VERSION = '1.5';
export const MAX_ACTIONS_PER_SET = 5;

/** A JSON object as Adaptive Cards define it; kept loose on purpose (the schema is large). */
export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  fallbackText?: string;
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
}

/** What a card button sends back (activity.value for Submit, value.action.data for Execute). */
export type CardData =
  | { jobbot: 'action'; actionId: string; value: string }
  | { jobbot: 'form'; form: string; [field: string]: unknown };

export function renderAdaptiveCard(reply: Reply): AdaptiveCard {
  const body: CardElement[] = [];
  let first = true;
  for (const block of reply.blocks) {
    body.push(...renderBlock(block, reply.status === 'error' && first));
    first = false;
  }
  if (isImageAttachment(reply.attachment)) {
    // The picture goes above the buttons, if there are any; its text is in the card already.
    const at = body.findIndex((e) => e.type === 'ActionSet');
    body.splice(at === -1 ? body.length : at, 0, imageElement(reply.attachment));
  }
  return card(body, reply.text);
}

/**
 * A picture that goes with the reply (the team chart), inline as a data: URI.
 * Adaptive Cards accept data URIs for Image.url since schema 1.2, and Teams
 * renders them; its message size limit (the "format your bot messages" page
 * of the Teams platform docs) leaves base64 images out of the count, and
 * images must stay within 1024×1024 px and 1 MB (ours: about 980×560, 40 kB).
 * Inline, not a URL on our HTTP server: nothing to serve, guess or expire,
 * nothing that must outlive a restart or be shared between instances, and a
 * team's numbers never leave the message they were sent in.
 */
export function imageElement(attachment: ReplyAttachment): CardElement {
  return {
    type: 'Image',
    url: `data:${attachment.contentType};base64,${attachment.content}`,
    ...(attachment.altText ? { altText: attachment.altText } : {}),
    size: 'Stretch',
    spacing: 'Medium',
  };
}

export function card(body: CardElement[], fallbackText?: string, actions?: CardElement[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    ...(fallbackText ? { fallbackText: plainText(fallbackText) } : {}),
    body,
    ...(actions && actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

export function cardAttachment(content: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

function renderBlock(block: ReplyBlock, attention: boolean): CardElement[] {
  switch (block.type) {
    case 'header':
      return [textBlock(block.text, { size: 'Large', weight: 'Bolder', ...(attention ? { color: 'Attention' } : {}) })];
    case 'text':
      return [textBlock(block.text, attention ? { color: 'Attention' } : {})];
    case 'fields':
      return [{ type: 'FactSet', facts: block.fields.map((f) => ({ title: markdown(f.label), value: markdown(f.value) })) }];
    case 'list': {
      const out: CardElement[] = [];
      if (block.title) out.push(textBlock(block.title, { weight: 'Bolder', spacing: 'Medium' }));
      if (block.items.length) out.push(textBlock(block.items.map((i) => `- ${markdown(i)}`).join('\r'), { spacing: block.title ? 'Small' : 'Default' }, false));
      if (block.moreText) out.push(textBlock(block.moreText, { isSubtle: true, spacing: 'Small' }));
      return out;
    }
    case 'actions': {
      // The Adaptive Cards host config allows 5 actions per set by default
      // (the official SDK reports more as an error); longer rows are split.
      const sets: CardElement[] = [];
      for (let i = 0; i < block.actions.length; i += MAX_ACTIONS_PER_SET) {
        sets.push({ type: 'ActionSet', actions: block.actions.slice(i, i + MAX_ACTIONS_PER_SET).map(renderAction) });
      }
      return sets;
    }
    case 'context':
      return [textBlock(block.text, { isSubtle: true, size: 'Small' })];
  }
}

export function renderAction(action: ReplyAction): CardElement {
  const data: CardData = { jobbot: 'action', actionId: action.id, value: action.value };
  const style = action.style === 'primary' ? { style: 'positive' } : action.style === 'danger' ? { style: 'destructive' } : {};
  return {
    type: 'Action.Execute',
    title: action.label,
    verb: action.id,
    data,
    ...style,
    fallback: { type: 'Action.Submit', title: action.label, data, ...style },
  };
}

export function textBlock(text: string, extra: Record<string, unknown> = {}, convert = true): CardElement {
  return { type: 'TextBlock', text: convert ? markdown(text) : text, wrap: true, ...extra };
}

/**
 * Reply text → TextBlock/Fact markdown. The rule: every character is shown as
 * written, except the one formatting mark the Reply model carries, `code` for
 * things to type (Adaptive Cards have no code spans, so it becomes bold).
 *
 * Why escape everything rather than mark user values in the Reply model: the
 * texts are i18n templates with user values (company names, notes, handles)
 * already interpolated, across dozens of handlers; a model that tags each
 * value would touch all of them and fail open wherever one was missed. We
 * write no other markdown on purpose (no *bold*, _italic_, links or lists in
 * da.ts/en.ts; lists are rendered here), so escaping all of it loses nothing
 * of ours and fails closed: `[Klik her](https://evil.example)`, `*Netto*`,
 * `_x_`, a "- " or "# " at a line start all show literally. Backslash
 * escapes are what Teams honours (desktop, web and, since 2024, mobile). The
 * cost: a value with a pair of backticks still turns bold, never a link.
 */
export function markdown(text: string): string {
  return escapeMarkdown(text).replace(/`([^`\n]+)`/g, '**$1**');
}

/** Teams' card markdown subset made literal: emphasis, links, and block markers at a line start. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_[\]]/g, '\\$&')
    .replace(/^([ \t]*)([-+#>])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])(?=\s|$)/gm, '$1\\$2');
}

function plainText(text: string): string {
  return text.replace(/`([^`\n]+)`/g, '$1');
}
