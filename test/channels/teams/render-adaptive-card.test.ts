// The Adaptive Card renderers: golden output over the shared Reply fixtures
// and the forms, plus the few rules Teams cares about.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../../src/channels/teams/render-adaptive-card.js';
import { renderFormCard } from '../../../src/channels/teams/render-form-card.js';
import { cardRequestKey, cardSubmission, commandText } from '../../../src/channels/teams/parse-activity.js';
import { da } from '../../../src/domain/i18n/da.js';
import type { Reply } from '../../../src/domain/reply.js';
import { buildForm, FORM_IDS, validateForm } from '../../../src/handlers/forms.js';

const fixtures = JSON.parse(readFileSync(new URL('../../fixtures/replies/replies.json', import.meta.url), 'utf8')) as Record<string, Reply | string>;
const replies = Object.entries(fixtures).filter((e): e is [string, Reply] => typeof e[1] !== 'string');
const TODAY = '2026-11-23';
const citizens = [{ ref: 'C-1042', initials: 'AB' }, { ref: 'C-2001', initials: null }];

describe('renderAdaptiveCard (golden)', () => {
  it('renders every shared Reply fixture', async () => {
    const rendered = Object.fromEntries(replies.map(([name, reply]) => [name, renderAdaptiveCard(reply)]));
    await expect(JSON.stringify(rendered, null, 2)).toMatchFileSnapshot('./golden/adaptive-cards.json');
  });

  it('stays within Adaptive Cards 1.5 and Teams message size', () => {
    for (const [name, reply] of replies) {
      const card = renderAdaptiveCard(reply);
      expect(card.version, name).toBe('1.5');
      expect(JSON.stringify(card).length, name).toBeLessThan(28_000);
      const types = JSON.stringify(card).match(/"type":"[A-Za-z.]+"/g) ?? [];
      for (const t of types) expect(['"type":"AdaptiveCard"', '"type":"TextBlock"', '"type":"FactSet"', '"type":"ActionSet"', '"type":"Action.Execute"', '"type":"Action.Submit"']).toContain(t);
    }
  });

  it('marks errors and turns `code` into bold', () => {
    const card = renderAdaptiveCard({ text: 'Skriv `help`', blocks: [{ type: 'text', text: 'Skriv `help`' }], visibility: 'private', status: 'error' });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Skriv **help**', color: 'Attention', wrap: true });
    expect(card.fallbackText).toBe('Skriv help');
  });

  it('gives buttons an Action.Execute with an Action.Submit fallback carrying the same data', () => {
    const card = renderAdaptiveCard({ text: 'x', blocks: [{ type: 'actions', actions: [{ id: 'reminder.done', label: 'Klaret', value: 'checkin:1', style: 'primary' }] }], visibility: 'private', status: 'ok' });
    const action = (card.body[0] as { actions: Array<Record<string, any>> }).actions[0]!;
    expect(action).toMatchObject({ type: 'Action.Execute', verb: 'reminder.done', style: 'positive', data: { jobbot: 'action', actionId: 'reminder.done', value: 'checkin:1' } });
    expect(action.fallback).toMatchObject({ type: 'Action.Submit', data: action.data });
  });
});

describe('a picture with the reply (the team chart)', () => {
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';
  const reply: Reply = {
    text: 'Milepæl',
    blocks: [
      { type: 'header', text: 'Milepæl' },
      { type: 'actions', actions: [{ id: 'milestone.post', label: 'Send', value: 'x' }] },
    ],
    visibility: 'channel',
    status: 'ok',
    attachment: { filename: 'maaltal-2026-11.png', contentType: 'image/png', encoding: 'base64', content: png, altText: 'Diagram: praktikstarter 2 af 4' },
  };

  it('is an Image with a data: URI and its alt text, above the buttons; a CSV file is not an image', () => {
    const card = renderAdaptiveCard(reply);
    expect(card.body.map((e) => e.type)).toEqual(['TextBlock', 'Image', 'ActionSet']);
    expect(card.body[1]).toMatchObject({ type: 'Image', url: `data:image/png;base64,${png}`, altText: 'Diagram: praktikstarter 2 af 4' });
    const csv = renderAdaptiveCard({ ...reply, attachment: { filename: 'x.csv', contentType: 'text/csv; charset=utf-8', content: 'a;b' } });
    expect(csv.body.some((e) => e.type === 'Image')).toBe(false);
  });
});

describe('user text in cards is shown literally', () => {
  const hostile = ['[Klik her](https://evil.example)', '*Netto*', '__Bygma__', 'Jysk_Nord_', '- ikke en liste', '# ikke en overskrift', '1. ikke nummereret', '> ikke et citat', 'a\\*b'];
  /** What a CommonMark renderer shows for backslash escapes: the character itself. */
  const shown = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  /** A markdown construct still live: an unescaped [, ], *, _, or a block marker at a line start. */
  const live = (markdown: string) => /(^|[^\\])(\\\\)*[[\]*_]/.test(markdown) || /^[ \t]*([-+#>]|\d+[.)])(\s|$)/m.test(markdown);
  const texts = (card: unknown): string[] => {
    const out: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const element = node as Record<string, unknown>;
        if (element.type === 'TextBlock' && typeof element.text === 'string') out.push(element.text);
        if ('title' in element && 'value' in element && typeof element.value === 'string') out.push(String(element.title), element.value);
        Object.values(element).forEach(walk);
      }
    };
    walk(card);
    return out;
  };

  it('escapes links, emphasis and line-start markers in every block type, and shows each value as typed', () => {
    for (const value of hostile) {
      const reply: Reply = {
        text: value,
        blocks: [
          { type: 'header', text: value },
          { type: 'text', text: `Forløb hos ${value}` },
          { type: 'fields', fields: [{ label: value, value }] },
          { type: 'list', title: value, items: [value, `C-1042 hos ${value}`], moreText: value },
          { type: 'context', text: value },
        ],
        visibility: 'private',
        status: 'ok',
      };
      const card = renderAdaptiveCard(reply);
      const rendered = texts(card);
      expect(rendered.length, value).toBeGreaterThanOrEqual(8);
      for (const text of rendered) {
        // The list block's own "- " markers are ours; what follows them must be inert.
        for (const line of text.split('\r').map((l) => l.replace(/^- /, ''))) expect(live(line), `${value} → ${line}`).toBe(false);
      }
      expect(rendered[0] && shown(rendered[0])).toBe(value);
      for (const text of rendered) expect(text).not.toMatch(/(^|[^\\])\]\(https/);
    }
  });

  it('keeps our own `code` mark as bold, with the user value inside it escaped', () => {
    const card = renderAdaptiveCard({ text: 'x', blocks: [{ type: 'text', text: 'Skriv `/placement end C-1 [Klik](x)` eller *Netto*' }], visibility: 'private', status: 'ok' });
    expect((card.body[0] as { text: string }).text).toBe('Skriv **/placement end C-1 \\[Klik\\](x)** eller \\*Netto\\*');
  });

  it('escapes a form card\'s notice (the router\'s reply, with user values) too', () => {
    const form = buildForm('meeting', { t: da, today: TODAY, citizens });
    const card = renderFormCard(form, { notice: 'Ukendt virksomhed [Klik her](https://evil.example)' });
    expect(texts(card)).toContain('Ukendt virksomhed \\[Klik her\\](https://evil.example)');
  });
});

describe('Input.Number', () => {
  const numberInputs = (card: unknown): Array<Record<string, unknown>> =>
    JSON.stringify(card) ? (JSON.parse(JSON.stringify(card)) as { body: Array<Record<string, unknown>> }).body.filter((e) => e.type === 'Input.Number') : [];

  it('carries its value as a JSON number (typed numbers, decimal commas), as the 1.5 schema says', () => {
    // A blank cadence is the target group's default from the rules table, so the field starts empty.
    const citizen = renderFormCard(buildForm('citizen', { t: da, today: TODAY, citizens }));
    expect(numberInputs(citizen).find((e) => e.id === 'cadence')).toMatchObject({ min: 1, max: 180 });
    expect(numberInputs(citizen).find((e) => e.id === 'cadence')).not.toHaveProperty('value');
    const placement = buildForm('placement', { t: da, today: TODAY, citizens });
    const shownAgain = renderFormCard(placement, { values: { days: '14', hours: '7,5' }, errors: null });
    expect(numberInputs(shownAgain).map((e) => [e.id, e.value])).toEqual([
      ['days', 14],
      ['hours', 7.5],
    ]);
    for (const input of [...numberInputs(citizen), ...numberInputs(shownAgain)]) {
      if ('value' in input) expect(typeof input.value, String(input.id)).toBe('number');
    }
  });

  it('leaves out text that is no number (its validation message says what to fix)', () => {
    const meeting = buildForm('meeting', { t: da, today: TODAY, citizens });
    const card = renderFormCard(meeting, { values: { duration: 'en time' }, errors: { duration: 'Skriv et tal' } });
    const duration = numberInputs(card).find((e) => e.id === 'duration')!;
    expect(duration).not.toHaveProperty('value');
    expect(JSON.stringify(card)).toContain('Skriv et tal');
  });
});

describe('renderFormCard (golden)', () => {
  it('renders every form, empty and with validation messages', async () => {
    const rendered: Record<string, unknown> = {};
    for (const id of FORM_IDS) {
      const form = buildForm(id, { t: da, today: TODAY, citizens });
      rendered[id] = renderFormCard(form);
      const values = { citizen: 'C-1042', date: '2026-12-24', duration: 'x' };
      rendered[`${id}-invalid`] = renderFormCard(form, { values, errors: validateForm(form, values, da, TODAY), notice: da.teams.form.fixFields });
    }
    await expect(JSON.stringify(rendered, null, 2)).toMatchFileSnapshot('./golden/adaptive-card-forms.json');
  });
});

describe('parsing activities', () => {
  const bot = { id: '28:bot', name: 'jobbot' };
  it('strips the bot mention, markup and an optional leading slash', () => {
    const mention = { type: 'mention', text: '<at>jobbot</at>', mentioned: bot };
    expect(commandText({ type: 'message', recipient: bot, text: '<at>jobbot</at> /meeting C-1042 phone', entities: [mention] })).toBe('meeting C-1042 phone');
    expect(commandText({ type: 'message', recipient: bot, text: '<p><at>jobbot</at>&nbsp;caseload</p>', entities: [mention] })).toBe('caseload');
    expect(commandText({ type: 'message', recipient: bot, text: 'outcome C-1 job &quot;Netto &amp; Co&quot;' })).toBe('outcome C-1 job "Netto & Co"');
  });

  it('reads card data from Action.Submit and Action.Execute, and ignores anything else', () => {
    const data = { jobbot: 'action', actionId: 'reminder.snooze', value: 'x' };
    expect(cardSubmission({ type: 'message', value: data })).toEqual(data);
    expect(cardSubmission({ type: 'invoke', value: { action: { type: 'Action.Execute', data } } })).toEqual(data);
    expect(cardSubmission({ type: 'message', value: { something: 'else' } })).toBeUndefined();
    expect(cardSubmission({ type: 'message' })).toBeUndefined();
  });

  it('keys a pressed card by card, presser and data (in any key order); without the card id, by the activity', () => {
    const press = (id: string, replyToId: string | undefined, user: string) => ({ type: 'invoke', id, replyToId, from: { id: `29:${user}`, aadObjectId: user }, conversation: { id: 'a:1' } });
    const form = { jobbot: 'form' as const, form: 'meeting', citizen: 'C-1042', date: '2026-11-20' };
    const key = cardRequestKey(press('f:1', 'card-1', 'anne'), form);
    expect(cardRequestKey(press('f:2', 'card-1', 'anne'), { date: '2026-11-20', citizen: 'C-1042', form: 'meeting', jobbot: 'form' })).toBe(key);
    expect(cardRequestKey(press('f:2', 'card-1', 'anne'), { ...form, date: '2026-11-19' })).not.toBe(key);
    expect(cardRequestKey(press('f:2', 'card-2', 'anne'), form)).not.toBe(key);
    expect(cardRequestKey(press('f:2', 'card-1', 'bo'), form)).not.toBe(key);
    expect(cardRequestKey(press('f:3', undefined, 'anne'), form)).toBe('teams:a:1:f:3');
  });
});
