// The Block Kit renderer: golden output over the shared Reply fixtures, and
// Slack's limits (blocks per surface, characters per section) never exceeded.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderBlocks, renderHome, renderMessage, renderModal, LIMITS, replyActionId, readModalValues, settleActionBlock, type Block } from '../../../src/channels/slack/render-block-kit.js';
import { da } from '../../../src/domain/i18n/da.js';
import { errorReply, okReply, type Reply, type ReplyBlock } from '../../../src/domain/reply.js';
import { buildForm, FORM_IDS } from '../../../src/handlers/forms.js';

const fixtures = JSON.parse(readFileSync(new URL('../../fixtures/replies/replies.json', import.meta.url), 'utf8')) as Record<string, Reply | string>;
const replies = Object.entries(fixtures).filter((e): e is [string, Reply] => typeof e[1] !== 'string');
const options = { andMore: da.common.andMore };

function sectionTexts(blocks: ReturnType<typeof renderBlocks>): string[] {
  return blocks.flatMap((b) => {
    const out: string[] = [];
    if ('text' in b && b.text && typeof b.text === 'object' && 'text' in b.text) out.push(b.text.text);
    if ('fields' in b && b.fields) out.push(...b.fields.map((f) => f.text));
    return out;
  });
}

describe('renderMessage (golden)', () => {
  it('renders every shared Reply fixture', async () => {
    const rendered = Object.fromEntries(replies.map(([name, reply]) => [name, renderMessage(reply, options)]));
    await expect(JSON.stringify(rendered, null, 2)).toMatchFileSnapshot('./golden/block-kit-messages.json');
  });

  it('escapes &, < and > and keeps action ids unique within a block', () => {
    const markup = renderMessage(fixtures['markup-in-text'] as Reply, options);
    expect(JSON.stringify(markup.blocks)).toContain('Firma &lt;Netto &amp; Co&gt;');
    const reminder = renderMessage(fixtures.reminder as Reply, options);
    const actions = reminder.blocks.find((b) => b.type === 'actions');
    const ids = actions && 'elements' in actions ? actions.elements.map((e) => ('action_id' in e ? e.action_id : '')) : [];
    expect(ids).toEqual(['meeting.log', 'meeting.log#2', 'reminder.snooze', 'reminder.done']);
    expect(ids.map((id) => replyActionId(id ?? ''))).toEqual(['meeting.log', 'meeting.log', 'reminder.snooze', 'reminder.done']);
  });
});

describe('user text is shown literally', () => {
  const ZWJ = '\u200D';
  /** Emphasis Slack would still apply: a marker at a word boundary (start, space or punctuation beside it). */
  const liveEmphasis = (text: string) => /(^|[\s([{.,;:!?'"-])[*_~]\S/u.test(text) || /\S[*_~]($|[\s)\]}.,;:!?'"-])/u.test(text);
  const allMrkdwn = (blocks: Block[]): Array<{ text: string; verbatim?: boolean }> =>
    JSON.parse(JSON.stringify(blocks), (_key, value) => value).flatMap(function walk(node: any): any[] {
      if (Array.isArray(node)) return node.flatMap(walk);
      if (node && typeof node === 'object') return [...(node.type === 'mrkdwn' ? [node] : []), ...Object.values(node).flatMap(walk)];
      return [];
    });

  it('a company or note with *, _, ~, backticks, mentions and links is not formatted, in every block type', () => {
    const hostile = ['*Netto*', '_Bygma_', '~Jysk~', '`Lidl`', '<!channel>', '<@U0123|anne>', 'https://evil.example', '<https://evil.example|Klik her>'];
    for (const value of hostile) {
      const reply: Reply = {
        text: `Forløb hos ${value}`,
        blocks: [
          { type: 'text', text: `Forløb hos ${value} starter` },
          { type: 'fields', fields: [{ label: 'Virksomhed', value }] },
          { type: 'list', title: value, items: [`C-1042 hos ${value}`] },
          { type: 'context', text: value },
        ],
        visibility: 'private',
        status: 'ok',
      };
      const message = renderMessage(reply, options);
      const objects = allMrkdwn(message.blocks);
      expect(objects.length, value).toBeGreaterThanOrEqual(4);
      for (const object of objects) {
        expect(object.verbatim, value).toBe(true);
        // Our own bold field label and list title (*…*) are the only emphasis left.
        const withoutOurs = object.text.replace(/^\*[^*\n]*\*(\n|$)/, '').replace(/^\*[^\n]*\*\n/, '');
        expect(liveEmphasis(withoutOurs), `${value} → ${JSON.stringify(object.text)}`).toBe(false);
        expect(object.text).not.toMatch(/<[!@#h]/);
      }
      expect(message.text.replaceAll(ZWJ, '')).toBe(`Forløb hos ${value}`.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    }
  });

  it('reads the same once the invisible joiners are gone, and keeps our own `code` spans untouched', () => {
    const [block] = renderBlocks(okReply('Skriv `/placement end C-1042` for *Netto* hos snake_case'), options);
    const text = (block as { text: { text: string } }).text.text;
    expect(text.replaceAll(ZWJ, '')).toBe('Skriv `/placement end C-1042` for *Netto* hos snake_case');
    expect(text).toContain('`/placement end C-1042`');
    expect(text).toContain(`${ZWJ}*${ZWJ}Netto${ZWJ}*${ZWJ}`);
  });
});

describe('limits', () => {
  const many = (n: number): ReplyBlock[] => Array.from({ length: n }, (_, i) => ({ type: 'text', text: `Linje ${i + 1}` }));

  it('cuts a message at 50 blocks with an "… og N mere" line', () => {
    const blocks = renderBlocks({ text: 'x', blocks: many(80), visibility: 'private', status: 'ok' }, options);
    expect(blocks).toHaveLength(LIMITS.messageBlocks);
    expect(JSON.stringify(blocks.at(-1))).toContain('… og 31 mere');
  });

  it('allows 100 blocks on the Home tab', () => {
    const home = renderHome({ text: 'x', blocks: many(150), visibility: 'private', status: 'ok' }, options);
    expect(home.blocks).toHaveLength(LIMITS.surfaceBlocks);
    expect(JSON.stringify(home.blocks.at(-1))).toContain('… og 51 mere');
  });

  it('keeps every section within 3000 characters, counting what is cut', () => {
    const items = Array.from({ length: 400 }, (_, i) => `C-${1000 + i}: ${i} dage over, ${'x'.repeat(20)}`);
    const blocks = renderBlocks({ text: 'x', blocks: [{ type: 'list', title: 'Overskredne', items }], visibility: 'private', status: 'ok' }, options);
    const text = sectionTexts(blocks)[0] ?? '';
    expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const shown = (text.match(/^• /gm) ?? []).length;
    expect(shown).toBeGreaterThan(10);
    expect(text).toContain(`… og ${400 - shown} mere`);
  });

  it('cuts a single over-long text, header and field', () => {
    const reply: Reply = {
      text: 'y'.repeat(5000),
      blocks: [
        { type: 'header', text: 'h'.repeat(300) },
        { type: 'text', text: 't'.repeat(5000) },
        { type: 'fields', fields: Array.from({ length: 12 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(2500) })) },
        { type: 'list', items: ['l'.repeat(5000)] },
      ],
      visibility: 'private',
      status: 'ok',
    };
    const message = renderMessage(reply, options);
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.messageText);
    for (const text of sectionTexts(message.blocks)) expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    const fieldSections = message.blocks.filter((b) => 'fields' in b && b.fields);
    expect(fieldSections).toHaveLength(2); // 10 + 2 fields
  });
});

describe('one list item or text longer than a section', () => {
  const item = `C-1042: ${'Borgeren har fået tilbud om praktik hos Netto & Co. '.repeat(70)}slut`; // ~3,600 characters
  const sectionsOf = (blocks: Block[]) => sectionTexts(blocks).map((t) => t.replaceAll('\u200D', ''));

  it('is split over sections of at most 3000 characters, shown whole, with the rest of the list counted and the full text in the fallback', () => {
    const title = `Overskredne ${'*'.repeat(20)}`;
    const reply = okReply(`${title}\n${item}`, [{ type: 'list', title, items: [item, 'C-2001: 2 dage over'], moreText: '… og 3 mere' }]);
    const message = renderMessage(reply, options);
    const texts = sectionsOf(message.blocks);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const shown = texts.join('');
    expect(shown).toContain(`• ${item.replaceAll('&', '&amp;')}`);
    expect(shown).toContain('… og 1 mere');
    expect(shown).toMatch(/… og 3 mere_$/);
    expect(message.text.replaceAll('\u200D', '')).toContain(item.replaceAll('&', '&amp;'));
  });

  it('a text block too, without cutting an &amp; escape in two', () => {
    const texts = sectionsOf(renderBlocks(okReply(item), options));
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.join('')).toBe(item.replaceAll('&', '&amp;'));
    for (const text of texts) expect(text).not.toMatch(/&(a|am|amp)?$|^(m|mp|p)?;/);
    // No space to split at: a hard split, still not inside an escape.
    const dense = sectionsOf(renderBlocks(okReply('x&'.repeat(2000)), options));
    expect(dense.join('')).toBe('x&amp;'.repeat(2000));
    expect(dense.length).toBeGreaterThan(1);
    for (const text of dense) expect(text).toMatch(/^x?(&amp;x)*(&amp;)?$/);
  });
});

describe('renderModal', () => {
  const citizens = Array.from({ length: 3 }, (_, i) => ({ ref: `C-10${i}`, initials: i ? 'AB' : null }));

  it('renders every form (golden)', async () => {
    const views = Object.fromEntries(FORM_IDS.map((id) => [id, renderModal(buildForm(id, { t: da, today: '2026-11-23', citizens }), '{}')]));
    await expect(JSON.stringify(views, null, 2)).toMatchFileSnapshot('./golden/block-kit-modals.json');
  });

  it('turns a citizen picker of more than 100 into a search (external_select), keeping a pre-filled citizen', () => {
    const lots = Array.from({ length: 101 }, (_, i) => ({ ref: `C-${i}`, initials: i === 7 ? 'AB' : null }));
    const view = renderModal(buildForm('meeting', { t: da, today: '2026-11-23', citizens: lots, prefill: { citizen: 'c-7' } }), '{}');
    const citizen = view.blocks.find((b) => b.block_id === 'citizen');
    expect(citizen && 'element' in citizen && citizen.element).toEqual({
      action_id: 'citizen',
      type: 'external_select',
      min_query_length: 1,
      initial_option: { text: { type: 'plain_text', text: 'C-7 (AB)', emoji: true }, value: 'C-7' },
    });
    // Up to 100, a plain list.
    const few = renderModal(buildForm('meeting', { t: da, today: '2026-11-23', citizens: lots.slice(0, 100) }), '{}');
    const picker = few.blocks.find((b) => b.block_id === 'citizen');
    expect(picker && 'element' in picker && picker.element.type).toBe('static_select');
  });

  it('reads submitted state values back per field', () => {
    expect(
      readModalValues({
        citizen: { citizen: { type: 'static_select', selected_option: { value: 'C-1' } } },
        date: { date: { type: 'datepicker', selected_date: '2026-11-20' } },
        note: { note: { type: 'plain_text_input', value: null } },
        duration: { duration: { type: 'number_input', value: '45' } },
      }),
    ).toEqual({ citizen: 'C-1', date: '2026-11-20', note: undefined, duration: '45' });
  });
});

describe('settleActionBlock', () => {
  const message: Block[] = [
    { type: 'section', block_id: 's1', text: { type: 'mrkdwn', text: 'C-1: 3 dage over' } },
    { type: 'actions', block_id: 'a1', elements: [{ type: 'button', action_id: 'reminder.done', text: { type: 'plain_text', text: 'Klaret' }, value: 'x' }] },
    { type: 'section', block_id: 's2', text: { type: 'mrkdwn', text: 'C-2: i dag' } },
    { type: 'actions', block_id: 'a2', elements: [{ type: 'button', action_id: 'reminder.done', text: { type: 'plain_text', text: 'Klaret' }, value: 'y' }] },
  ];

  it('replaces only the pressed row with what happened, escaped', () => {
    const settled = settleActionBlock(message, 'a1', okReply('Opfølgningen med C-1 <x> er klaret.'))!;
    expect(settled.map((b) => b.type)).toEqual(['section', 'context', 'section', 'actions']);
    expect(JSON.stringify(settled[1])).toContain(':white_check_mark: Opfølgningen med C-1 &lt;x&gt; er klaret.');
    expect(settled[3]).toBe(message[3]);
    expect(JSON.stringify(settleActionBlock(message, 'a2', errorReply('Nej'))![3])).toContain(':warning: Nej');
  });

  it('gives the settled line a new block_id (Slack: a block that changes in an update needs one)', () => {
    const settled = settleActionBlock(message, 'a1', okReply('Klaret.'))!;
    expect(settled[1]!.block_id).not.toBe('a1');
    expect(settled.map((b) => b.block_id).filter(Boolean)).toEqual(['s1', 's2', 'a2']);
  });

  it('gives up (the caller replaces the whole message) when the block is not there', () => {
    expect(settleActionBlock(message, 'nope', okReply('x'))).toBeUndefined();
    expect(settleActionBlock(message, 's1', okReply('x'))).toBeUndefined();
    expect(settleActionBlock([], 'a1', okReply('x'))).toBeUndefined();
    expect(settleActionBlock(undefined, undefined, okReply('x'))).toBeUndefined();
  });
});
