// Every Block Kit payload jobbot sends (messages, reminder updates, modals,
// the App Home, select options) as Slack sees it: typed against Slack's own
// argument types (@slack/types, @slack/web-api; `tsc` checks the calls
// below), and within the limits Slack documents for each field (checked at
// runtime here, with Slack's numbers written out, not the renderer's own
// LIMITS, so a wrong constant there fails too). Slack answers a payload over
// a limit with invalid_blocks and the user gets nothing.
import type { HomeView, KnownBlock, ModalView, PlainTextOption, View } from '@slack/types';
import type { ChatPostMessageArguments, ChatUpdateArguments, ViewsOpenArguments, ViewsPublishArguments } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { renderHome, renderMessage, renderModal, renderOptions, settleActionBlock } from '../../../src/channels/slack/render-block-kit.js';
import { da } from '../../../src/domain/i18n/da.js';
import { okReply } from '../../../src/domain/reply.js';
import { outgoingForms, outgoingReplies } from '../outgoing-replies.js';

const options = { andMore: da.common.andMore };

// ------------------------------------------------------------ Slack's types (compile time)

// The calls the channel makes, with exactly these payloads: a renderer output
// Slack's types do not accept fails `npx tsc --noEmit`.
const postMessage = (args: ChatPostMessageArguments) => args;
const update = (args: ChatUpdateArguments) => args;
const openView = (args: ViewsOpenArguments) => args;
const publishView = (args: ViewsPublishArguments) => args;
const asBlocks = (blocks: KnownBlock[]) => blocks;
const asView = (view: View) => view;
const asModal = (view: ModalView) => view;
const asHome = (view: HomeView) => view;
const asOptions = (opts: PlainTextOption[]) => opts;

// ------------------------------------------------------------ Slack's limits (run time)

/** Slack's documented limits (docs.slack.dev Block Kit reference, and @slack/types' doc comments). */
const SLACK = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  textObject: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputMax: 3000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  modalTitle: 24,
  modalButton: 24,
  callbackId: 255,
  privateMetadata: 3000,
  /** chat.postMessage truncates `text` here. */
  messageText: 40_000,
} as const;

type Json = Record<string, any>;

function textObject(where: string, object: Json | undefined, max: number, out: string[], type?: 'plain_text' | 'mrkdwn') {
  if (!object) return out.push(`${where}: missing text`);
  if (type && object.type !== type) out.push(`${where}: ${object.type} where Slack requires ${type}`);
  if (typeof object.text !== 'string' || object.text.length === 0) out.push(`${where}: empty text`);
  else if (object.text.length > max) out.push(`${where}: ${object.text.length} characters > ${max}`);
}

function optionViolations(where: string, opts: Json[], out: string[]) {
  if (opts.length > SLACK.selectOptions) out.push(`${where}: ${opts.length} options > ${SLACK.selectOptions}`);
  for (const [i, o] of opts.entries()) {
    textObject(`${where}.options[${i}]`, o.text, SLACK.optionText, out, 'plain_text');
    if (typeof o.value !== 'string' || o.value.length > SLACK.optionValue) out.push(`${where}.options[${i}]: value over ${SLACK.optionValue}`);
  }
}

function elementViolations(where: string, e: Json, out: string[]) {
  if (e.action_id !== undefined && (e.action_id.length === 0 || e.action_id.length > SLACK.actionId)) out.push(`${where}: action_id length`);
  switch (e.type) {
    case 'button':
      textObject(where, e.text, SLACK.buttonText, out, 'plain_text');
      if (e.value !== undefined && e.value.length > SLACK.buttonValue) out.push(`${where}: value over ${SLACK.buttonValue}`);
      if (e.style !== undefined && !['primary', 'danger'].includes(e.style)) out.push(`${where}: style ${e.style}`);
      break;
    case 'static_select':
      optionViolations(where, e.options ?? [], out);
      if (e.initial_option && !e.options.some((o: Json) => o.value === e.initial_option.value)) out.push(`${where}: initial_option not among the options`);
      break;
    case 'external_select':
      if (e.initial_option) optionViolations(where, [e.initial_option], out);
      break;
    case 'plain_text_input':
      if (e.max_length !== undefined && (e.max_length < 1 || e.max_length > SLACK.plainTextInputMax)) out.push(`${where}: max_length ${e.max_length}`);
      if (e.initial_value !== undefined && e.max_length !== undefined && e.initial_value.length > e.max_length) out.push(`${where}: initial_value over max_length`);
      break;
    case 'datepicker':
      if (e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(e.initial_date)) out.push(`${where}: initial_date ${e.initial_date}`);
      break;
    case 'number_input': {
      const numbers = ['min_value', 'max_value', 'initial_value'].filter((k) => e[k] !== undefined);
      for (const k of numbers) if (typeof e[k] !== 'string' || Number.isNaN(Number(e[k]))) out.push(`${where}: ${k} must be a number as a string`);
      if (!e.is_decimal_allowed) for (const k of numbers) if (!/^-?\d+$/.test(e[k])) out.push(`${where}: ${k} ${e[k]} is not whole`);
      break;
    }
    default:
      out.push(`${where}: unexpected element ${e.type}`);
  }
}

/** Everything in `blocks` Slack would refuse (or silently truncate) on this surface. */
function blockViolations(blocks: Json[], maxBlocks: number): string[] {
  const out: string[] = [];
  if (blocks.length === 0) out.push('no blocks');
  if (blocks.length > maxBlocks) out.push(`${blocks.length} blocks > ${maxBlocks}`);
  const blockIds = blocks.map((b) => b.block_id).filter((id) => id !== undefined);
  if (new Set(blockIds).size !== blockIds.length) out.push('duplicate block_id');
  for (const [i, b] of blocks.entries()) {
    const where = `blocks[${i}] ${b.type}`;
    if (b.block_id !== undefined && (b.block_id.length === 0 || b.block_id.length > SLACK.blockId)) out.push(`${where}: block_id length`);
    switch (b.type) {
      case 'section':
        if (!b.text && !b.fields) out.push(`${where}: neither text nor fields`);
        if (b.text) textObject(where, b.text, SLACK.sectionText, out);
        if (b.fields) {
          if (b.fields.length > SLACK.sectionFields) out.push(`${where}: ${b.fields.length} fields`);
          for (const [j, f] of b.fields.entries()) textObject(`${where}.fields[${j}]`, f, SLACK.fieldText, out);
        }
        break;
      case 'header':
        textObject(where, b.text, SLACK.headerText, out, 'plain_text');
        break;
      case 'context':
        if (b.elements.length === 0 || b.elements.length > SLACK.contextElements) out.push(`${where}: ${b.elements.length} elements`);
        for (const [j, e] of b.elements.entries()) textObject(`${where}.elements[${j}]`, e, SLACK.textObject, out);
        break;
      case 'actions': {
        if (b.elements.length === 0 || b.elements.length > SLACK.actionsElements) out.push(`${where}: ${b.elements.length} elements`);
        const ids = b.elements.map((e: Json) => e.action_id);
        if (new Set(ids).size !== ids.length) out.push(`${where}: duplicate action_id`);
        for (const [j, e] of b.elements.entries()) elementViolations(`${where}.elements[${j}]`, e, out);
        break;
      }
      case 'input':
        textObject(`${where}.label`, b.label, SLACK.inputLabel, out, 'plain_text');
        if (b.hint) textObject(`${where}.hint`, b.hint, SLACK.inputHint, out, 'plain_text');
        elementViolations(`${where}.element`, b.element, out);
        break;
      default:
        out.push(`${where}: unexpected block type`);
    }
  }
  return out;
}

function messageViolations(message: { text: string; blocks: Json[] }): string[] {
  const out = blockViolations(message.blocks, SLACK.messageBlocks);
  if (!message.text) out.push('no fallback text');
  if (message.text.length > SLACK.messageText) out.push(`fallback text ${message.text.length} > ${SLACK.messageText}`);
  return out;
}

function modalViolations(view: Json): string[] {
  const out = blockViolations(view.blocks, SLACK.surfaceBlocks);
  textObject('title', view.title, SLACK.modalTitle, out, 'plain_text');
  if (view.submit) textObject('submit', view.submit, SLACK.modalButton, out, 'plain_text');
  if (view.close) textObject('close', view.close, SLACK.modalButton, out, 'plain_text');
  if (view.callback_id && view.callback_id.length > SLACK.callbackId) out.push('callback_id length');
  if ((view.private_metadata ?? '').length > SLACK.privateMetadata) out.push('private_metadata length');
  return out;
}

// ------------------------------------------------------------ the checks

describe('the limit checks are set up right', () => {
  it('find what Slack refuses', () => {
    const long = 'x'.repeat(3001);
    expect(blockViolations([{ type: 'section', text: { type: 'mrkdwn', text: long } }], 50)).toEqual(['blocks[0] section: 3001 characters > 3000']);
    expect(blockViolations(Array.from({ length: 51 }, () => ({ type: 'divider' })), 50)[0]).toBe('51 blocks > 50');
    expect(blockViolations([{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) } }] }], 50)).toHaveLength(1);
    expect(blockViolations([{ type: 'context', block_id: 'a1', elements: [{ type: 'mrkdwn', text: 'x' }] }, { type: 'section', block_id: 'a1', text: { type: 'mrkdwn', text: 'y' } }], 50)).toEqual(['duplicate block_id']);
    expect(modalViolations({ type: 'modal', title: { type: 'plain_text', text: 'En titel der er for lang til Slack' }, blocks: [{ type: 'divider' }] })).toContain('title: 34 characters > 24');
  });
});

describe('every message', () => {
  it.each(outgoingReplies())('%s: Slack-typed and within the documented limits', (_name, reply) => {
    const message = renderMessage(reply, options);
    const args = postMessage({ channel: 'D0123', ...message });
    expect(messageViolations(args as unknown as { text: string; blocks: Json[] })).toEqual([]);
    // The reminder after a button press: the pressed row replaced in place.
    const row = message.blocks.findIndex((b) => b.type === 'actions');
    if (row >= 0) {
      const withIds = message.blocks.map((b, i) => ({ ...b, block_id: `b${i}` }));
      const settled = settleActionBlock(withIds, `b${row}`, okReply('Opfølgningen med C-1000 er klaret.'))!;
      update({ channel: 'D0123', ts: '1.2', text: message.text, blocks: asBlocks(settled) });
      expect(blockViolations(settled as Json[], SLACK.messageBlocks)).toEqual([]);
      // "If a message is updated, use a new block_id" (Slack): the settled line is a new block.
      expect(settled[row]!.block_id).not.toBe(`b${row}`);
    }
  });

  it.each(outgoingReplies())('%s on the App Home: Slack-typed and within the documented limits', (_name, reply) => {
    const view = publishView({ user_id: 'U0123', view: asView(asHome(renderHome(reply, options))) }).view;
    expect(blockViolations(view.blocks as Json[], SLACK.surfaceBlocks)).toEqual([]);
  });
});

describe('every modal', () => {
  it.each(outgoingForms().map((f) => [f.name, f.form] as const))('%s: Slack-typed and within the documented limits', (_name, form) => {
    const view = openView({ trigger_id: '1.2.3', view: asModal(renderModal(form, JSON.stringify({ form: form.id, channel: 'C0123', prefill: {} }))) }).view;
    expect(modalViolations(view)).toEqual([]);
  });

  it('search results for the citizen picker stay within the option limits', () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ value: `C-${i}`, label: `C-${i} ${'Langt navn på et forløb '.repeat(5)}` }));
    const out: string[] = [];
    optionViolations('options', asOptions(renderOptions(many)), out);
    expect(out).toEqual([]);
  });
});
