// Reply → Block Kit, and form → modal view. Pure functions: no client, no
// I/O. Slack's limits are enforced here so a long reply is cut with an
// "… and N more" line (a long text or single list item is split over
// sections) instead of failing with invalid_blocks:
//   50 blocks per message, 100 per modal and Home tab, 3000 characters per
//   section text, 10 fields of 2000 characters per section, 150 per header,
//   75 per button label, 25 buttons per actions block, 100 options per select.
import type { types } from '@slack/bolt';
import type { Reply, ReplyAction, ReplyBlock } from '../../domain/reply.js';
import type { FormDefinition, FormField, FormOption } from '../../handlers/forms.js';

export type Block = types.KnownBlock;

export const LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonsPerBlock: 25,
  contextText: 3000,
  selectOptions: 100,
  optionText: 75,
  modalTitle: 24,
  /** chat.postMessage truncates `text` here; the fallback keeps what a cut or split block shows in part. */
  messageText: 40_000,
  privateMetadata: 3000,
} as const;

export interface RenderOptions {
  /** The "… and N more" line, in the reader's language. */
  andMore: (count: number) => string;
  /** 50 for messages, 100 for modals and the Home tab. */
  maxBlocks?: number;
}

/** Slack reads &, < and > as markup: escape them in text we did not write as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Zero-width joiner: invisible, not whitespace, so a marker beside it is no longer at a word boundary. */
const ZWJ = '\u200D';

/**
 * Reply text → mrkdwn shown as written. The same rule as the Teams renderer
 * (render-adaptive-card.ts): the Reply model's texts are templates with user
 * values already in them, and the only formatting mark in the model is ours,
 * `code` for things to type, so everything else is made literal:
 * - &, < and > are escaped as Slack requires, so `<!channel>`, `<@U…>` and
 *   `<http://…|…>` typed into a company name or note stay text;
 * - *, _, ~ and a lone backtick get a zero-width joiner on each side: Slack's
 *   mrkdwn has no escape character, and emphasis needs the marker at a word
 *   boundary, which the joiner takes away (`*Netto*` is no longer bold);
 * - bare URLs are not auto-linked: every mrkdwn object is `verbatim`.
 * Inside our `code` spans Slack formats nothing, so they are left as they are.
 */
export function literalMrkdwn(text: string): string {
  return escapeMrkdwn(text)
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[*_~`]/g, `${ZWJ}$&${ZWJ}`)))
    .join('');
}

/** The text, cut to at most `max` characters with an ellipsis. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** What a long text is split into: a section, with room for the error mark renderBlocks puts in front. */
const SECTION_PIECE = LIMITS.sectionText - 100;

/**
 * Rendered mrkdwn in pieces of at most `max` characters, so a long text or
 * list item is shown whole over several sections instead of failing or being
 * cut. Split at a line break or space near the end when there is one, and
 * never inside an &amp; escape, beside a zero-width joiner (the marker it
 * guards would be live again) or inside a surrogate pair.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const space = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    let at = space > max * 0.8 ? space + 1 : max;
    if (at === max) {
      const amp = window.lastIndexOf('&');
      if (amp > max - 6 && !window.slice(amp).includes(';')) at = amp;
      while (at > 1 && (rest[at - 1] === ZWJ || rest[at] === ZWJ || /[\uD800-\uDBFF]/.test(rest[at - 1] ?? ''))) at--;
    }
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  pieces.push(rest);
  return pieces;
}

/** Our mrkdwn: no automatic parsing of URLs, channels or user names in it (what is markup, we wrote). */
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text, verbatim: true });
const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: cut(text, max) || ' ', emoji: true });

/**
 * Lines into a section of at most 3000 characters; what does not fit is
 * counted ("… og N mere"). A first item longer than a section on its own is
 * shown whole, split over as many sections as it takes.
 */
function listSections(title: string | undefined, items: string[], moreText: string | undefined, options: RenderOptions): Block[] {
  const head = title ? `*${literalMrkdwn(cut(title, LIMITS.headerText))}*\n` : '';
  const lines = items.map((item) => `• ${literalMrkdwn(item)}`);
  const tail = moreText ? `\n_${literalMrkdwn(cut(moreText, LIMITS.headerText))}_` : '';
  const more = (count: number) => `\n_${literalMrkdwn(options.andMore(count))}_`;
  const sections: string[] = [];
  let text = head;
  let shown = 0;
  for (const line of lines) {
    const remaining = lines.length - shown - 1;
    const reserve = (remaining > 0 ? more(remaining).length : 0) + tail.length;
    const next = `${text}${shown ? '\n' : ''}${line}`;
    if (next.length + reserve > LIMITS.sectionText) break;
    text = next;
    shown++;
  }
  if (shown === 0 && lines.length) {
    const pieces = splitText(`${head}${lines[0]}`, SECTION_PIECE);
    sections.push(...pieces.slice(0, -1));
    text = pieces.at(-1) ?? '';
    shown = 1;
  }
  const end = `${shown < lines.length ? more(lines.length - shown) : ''}${tail}`;
  if (text.length + end.length > LIMITS.sectionText) {
    sections.push(text);
    text = end.slice(1); // without the line break it began with
  } else {
    text += end;
  }
  sections.push(text);
  return sections.map((t) => ({ type: 'section', text: mrkdwn(t || ' ') }));
}

function actionBlocks(actions: ReplyAction[]): Block[] {
  const blocks: Block[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < actions.length; i += LIMITS.buttonsPerBlock) {
    const elements = actions.slice(i, i + LIMITS.buttonsPerBlock).map((a) => {
      // action_id must be unique within a block: a second "meeting.log" becomes "meeting.log#2".
      const count = (seen.get(a.id) ?? 0) + 1;
      seen.set(a.id, count);
      return {
        type: 'button' as const,
        text: plain(a.label, LIMITS.buttonText),
        action_id: count === 1 ? a.id : `${a.id}#${count}`,
        value: cut(a.value, LIMITS.buttonValue),
        ...(a.style ? { style: a.style } : {}),
      };
    });
    blocks.push({ type: 'actions', elements });
  }
  return blocks;
}

/** The Reply model's action id behind a Slack action_id (undoes the "#n" suffix). */
export function replyActionId(slackActionId: string): string {
  return slackActionId.replace(/#\d+$/, '');
}

function renderBlock(block: ReplyBlock, options: RenderOptions): Block[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: plain(block.text, LIMITS.headerText) }];
    case 'text':
      return splitText(literalMrkdwn(block.text), SECTION_PIECE).map((piece) => ({ type: 'section', text: mrkdwn(piece || ' ') }));
    case 'fields': {
      const out: Block[] = [];
      for (let i = 0; i < block.fields.length; i += LIMITS.fieldsPerSection) {
        const fields = block.fields
          .slice(i, i + LIMITS.fieldsPerSection)
          .map((f) => mrkdwn(cut(`*${literalMrkdwn(f.label)}*\n${literalMrkdwn(f.value)}`, LIMITS.fieldText)));
        out.push({ type: 'section', fields });
      }
      return out;
    }
    case 'list':
      return listSections(block.title, block.items, block.moreText, options);
    case 'actions':
      return block.actions.length ? actionBlocks(block.actions) : [];
    case 'context':
      return [{ type: 'context', elements: [mrkdwn(cut(literalMrkdwn(block.text), LIMITS.contextText))] }];
  }
}

/** Reply blocks → Block Kit blocks within the surface's block limit. */
export function renderBlocks(reply: Reply, options: RenderOptions): Block[] {
  const max = options.maxBlocks ?? LIMITS.messageBlocks;
  const blocks = reply.blocks.flatMap((b) => renderBlock(b, options));
  if (reply.status === 'error' && blocks[0]?.type === 'section' && 'text' in blocks[0] && blocks[0].text) {
    blocks[0] = { ...blocks[0], text: mrkdwn(cut(`:warning: ${blocks[0].text.text}`, LIMITS.sectionText)) };
  }
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  kept.push({ type: 'context', elements: [mrkdwn(`_${literalMrkdwn(options.andMore(blocks.length - kept.length))}_`)] });
  return kept;
}

export interface SlackMessage {
  /** Notification and screen-reader text. */
  text: string;
  blocks: Block[];
}

export function renderMessage(reply: Reply, options: RenderOptions): SlackMessage {
  return { text: cut(literalMrkdwn(reply.text), LIMITS.messageText), blocks: renderBlocks(reply, { ...options, maxBlocks: options.maxBlocks ?? LIMITS.messageBlocks }) };
}

/**
 * A message after one of its buttons was pressed: the pressed button's actions
 * block becomes a line saying what happened, everything else stays as it was
 * (a reminder with five citizens keeps the other four buttons). Undefined when
 * the block is not in the message (the caller then replaces the whole message).
 */
export function settleActionBlock(original: readonly Block[] | undefined, blockId: string | undefined, reply: Reply): Block[] | undefined {
  if (!original?.length || !blockId) return undefined;
  const index = original.findIndex((b) => b.type === 'actions' && b.block_id === blockId);
  if (index < 0) return undefined;
  const mark = reply.status === 'ok' ? ':white_check_mark:' : ':warning:';
  // No block_id: Slack asks for a new one when a block changes in an update, and gives it one.
  const line: Block = { type: 'context', elements: [mrkdwn(cut(`${mark} ${literalMrkdwn(reply.text)}`, LIMITS.contextText))] };
  return original.map((b, i) => (i === index ? line : b));
}

export function renderHome(reply: Reply, options: RenderOptions): types.HomeView {
  return { type: 'home', blocks: renderBlocks(reply, { ...options, maxBlocks: LIMITS.surfaceBlocks }) };
}

export const FORM_CALLBACK_ID = 'jobbot.form';

/** Characters typed before Slack asks the app for matching citizens (block_suggestion). */
export const CITIZEN_SEARCH_MIN_QUERY = 1;

/** Form options as Slack select options (at most 100, labels cut to 75 characters). */
export function renderOptions(options: readonly FormOption[]): types.PlainTextOption[] {
  return options.slice(0, LIMITS.selectOptions).map((o) => ({ text: plain(o.label, LIMITS.optionText), value: o.value }));
}

function formElement(field: FormField): types.InputBlockElement {
  const base = { action_id: field.id };
  switch (field.kind) {
    case 'select': {
      const options = field.options ?? [];
      // A citizen picker over Slack's 100 options searches the caseload as the user types
      // (external_select: the options come from the app's block_suggestion handler).
      if (field.format === 'ref' && options.length > LIMITS.selectOptions) {
        const initial = options.find((o) => o.value === field.initial);
        return {
          ...base,
          type: 'external_select',
          min_query_length: CITIZEN_SEARCH_MIN_QUERY,
          ...(initial ? { initial_option: renderOptions([initial])[0] } : {}),
        };
      }
      // Other long lists (and an empty caseload) become a text field; validation then checks the shape.
      if (options.length === 0 || options.length > LIMITS.selectOptions) {
        return { ...base, type: 'plain_text_input', max_length: 40, ...(field.initial ? { initial_value: field.initial } : {}) };
      }
      const rendered = renderOptions(options);
      const initial = rendered.find((o) => o.value === field.initial);
      return { ...base, type: 'static_select', options: rendered, ...(initial ? { initial_option: initial } : {}) };
    }
    case 'date':
      return { ...base, type: 'datepicker', ...(field.initial ? { initial_date: field.initial } : {}) };
    case 'number':
      return {
        ...base,
        type: 'number_input',
        is_decimal_allowed: Boolean(field.decimal),
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(field.initial ? { initial_value: field.initial } : {}),
      };
    case 'text':
      return {
        ...base,
        type: 'plain_text_input',
        multiline: Boolean(field.multiline),
        ...(field.maxLength ? { max_length: field.maxLength } : {}),
        ...(field.initial ? { initial_value: field.initial } : {}),
      };
  }
}

/** A form as a modal: one input block per field, block_id and action_id = field id (and the intro and section headings). */
export function renderModal(form: FormDefinition, privateMetadata: string): types.ModalView {
  // An intro line and section headings ("Teamet", "@anne") around the inputs; at most Slack's 100 blocks.
  const all: Block[] = form.intro ? [{ type: 'context', elements: [mrkdwn(cut(literalMrkdwn(form.intro), LIMITS.contextText))] }] : [];
  let section: string | undefined;
  for (const field of form.fields) {
    if (field.section && field.section !== section) all.push({ type: 'header', text: plain(field.section, LIMITS.headerText) });
    section = field.section;
    all.push({
      type: 'input',
      block_id: field.id,
      label: plain(field.label, 2000),
      optional: !field.required,
      // Picking the meeting form's citizen rebuilds the modal with their sub-goals (slack-forms.ts refreshForm).
      ...(field.refreshesForm ? { dispatch_action: true } : {}),
      element: formElement(field),
      ...(field.hint ? { hint: plain(field.hint, 2000) } : {}),
    });
  }
  const blocks = all.slice(0, LIMITS.surfaceBlocks);
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalTitle),
    close: plain(form.closeLabel, LIMITS.modalTitle),
    private_metadata: privateMetadata.slice(0, LIMITS.privateMetadata),
    blocks,
  };
}

type StateValue = {
  type?: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value?: string } | null;
};

/** view.state.values → field id → submitted string (empty fields left out). */
export function readModalValues(state: Record<string, Record<string, StateValue>>): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [blockId, actions] of Object.entries(state)) {
    for (const v of Object.values(actions)) {
      const value = v.selected_option?.value ?? v.selected_date ?? v.value ?? undefined;
      values[blockId] = value === null ? undefined : value;
    }
  }
  return values;
}
