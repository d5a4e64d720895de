// Every Adaptive Card jobbot sends (replies, reminders, forms) as Microsoft's
// own tools see it: parsed by the official `adaptivecards` SDK (the renderer
// Teams' clients build on) without a parse or validation warning and without
// a value dropped, and valid against the Adaptive Cards 1.5 JSON schema
// (test/fixtures/teams/adaptive-card-schema, from microsoft/AdaptiveCards).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard, type AdaptiveCard } from '../../../src/channels/teams/render-adaptive-card.js';
import { renderFormCard } from '../../../src/channels/teams/render-form-card.js';
import { outgoingForms, outgoingReplies } from '../outgoing-replies.js';

// The UMD bundle: the package's ESM build imports its modules without file
// extensions, which Node cannot load; the bundle is the same code.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

const fixture = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/teams/adaptive-card-schema/${name}`, import.meta.url), 'utf8'));

// ------------------------------------------------------------ the validators

const schema = fixture('adaptive-card-1.5.json');
// Ajv 8 reads a schema's own id from `$id` (draft-06 name); the file still says `id`.
schema.$id = schema.id;
delete schema.id;
// Teams' host property (full-width cards), documented by Microsoft Teams, not part of the card schema.
schema.definitions.AdaptiveCard.properties.msteams = {
  type: 'object',
  properties: { width: { enum: ['Full'] } },
  additionalProperties: false,
};
// Input.ChoiceSet's "filtered" style is version 1.5 in the schema's source
// (schemas/src/enums/ChoiceInputStyle.json) and in Microsoft's 1.5 samples,
// but the generated 1.5.0 file missed it (1.6.0 has it). Teams renders it.
const choiceStyle = schema.definitions.ChoiceInputStyle;
choiceStyle.anyOf[0].enum.push('filtered');
choiceStyle.anyOf[1].pattern = '^([c|C][o|O][m|M][p|P][a|A][c|C][t|T])|([e|E][x|X][p|P][a|A][n|N][d|D][e|E][d|D])|([f|F][i|I][l|L][t|T][e|E][r|R][e|E][d|D])$';

const ajv = new Ajv.default({ strict: false, allErrors: true });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
addFormats.default(ajv);
const validate = ajv.compile(schema);

function schemaErrors(card: unknown): string[] {
  if (validate(card)) return [];
  // anyOf over every element type reports each branch; the specific ones say what is wrong.
  const errors = validate.errors ?? [];
  const specific = errors.filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'enum' && e.instancePath.endsWith('/type')) && e.keyword !== 'required');
  return (specific.length ? specific : errors).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Leaves of a JSON value by path ("/body/0/text" → value). */
function leaves(node: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) leaves(v, `${path}/${k}`, out);
  else out.set(path, node);
  return out;
}

/**
 * What the SDK reports on a card: parse events (unknown types, bad values),
 * validation events (validateProperties: duplicate ids, a required input
 * without an error message, …), and every value it did not keep when
 * serialising the card again: what it drops, a Teams client never shows.
 * Left out of the round trip: `msteams` (host data the SDK does not model),
 * an action's `fallback` (used only when the action type is unknown; checked
 * as an action of its own) and values equal to the SDK's defaults.
 */
function sdkFindings(json: object): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const findings: string[] = [];
  for (let i = 0; i < context.eventCount; i++) findings.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) findings.push(`validate: ${event.message}`);
  const kept = leaves(card.toJSON());
  const defaults = new Set(['/spacing=Default', '/style=compact', '/isRequired=false', '/isMultiSelect=false']);
  for (const [path, value] of leaves(json)) {
    if (path.startsWith('/msteams/') || /\/fallback\//.test(path)) continue;
    if (defaults.has(`${path.slice(path.lastIndexOf('/'))}=${String(value)}`)) continue;
    if (!kept.has(path)) findings.push(`dropped: ${path} = ${JSON.stringify(value)}`);
    // The SDK writes enum values in its own case ("bolder" → "Bolder"); the schema accepts both.
    else if (String(kept.get(path)).toLowerCase() !== String(value).toLowerCase()) findings.push(`changed: ${path} ${JSON.stringify(value)} → ${JSON.stringify(kept.get(path))}`);
  }
  return findings;
}

/** Action fallbacks, as cards of their own: the SDK serialises no fallback, so they are checked here. */
function fallbackCards(card: AdaptiveCard): object[] {
  const out: object[] = [];
  JSON.stringify(card, (key, value) => {
    if (key === 'fallback' && value && typeof value === 'object') out.push({ type: 'AdaptiveCard', version: '1.5', body: [], actions: [value] });
    return value;
  });
  return out;
}

describe('the validators are set up right', () => {
  it("accept Microsoft's own 1.5 sample cards", () => {
    for (const name of ['sample.CalendarReminder.json', 'sample.Input.ChoiceSet.Filtered.json']) {
      // The filtered-choice sample says version 1.0 although its label, errorMessage and style are 1.3–1.5 (the SDK then drops them).
      const card = { ...fixture(name), version: '1.5' };
      expect(schemaErrors(card), name).toEqual([]);
      expect(sdkFindings(card), name).toEqual([]);
    }
  });

  it('reject what Teams would drop or refuse: a number as a string, an unknown property, an unknown element, a required input without a message', () => {
    const base = { type: 'AdaptiveCard', version: '1.5' };
    const numberAsString = { ...base, body: [{ type: 'Input.Number', id: 'n', value: '7' }] };
    expect(schemaErrors(numberAsString).join()).toMatch(/\/body\/0\/value must be number/);
    expect(sdkFindings(numberAsString).join()).toMatch(/dropped: \/body\/0\/value = "7"/);
    expect(schemaErrors({ ...base, body: [{ type: 'TextBlock', text: 'x', colour: 'Attention' }] }).join()).toMatch(/colour/);
    expect(sdkFindings({ ...base, body: [{ type: 'Carousel2' }] }).join()).toMatch(/parse: Unknown element type "Carousel2"/);
    expect(sdkFindings({ ...base, body: [{ type: 'Input.Text', id: 'x', label: 'X', isRequired: true }] }).join()).toMatch(/validate: Required inputs should have an error message/);
    expect(schemaErrors({ ...base, body: [], msteams: { width: 'full width' } })).not.toEqual([]);
  });
});

// ------------------------------------------------------------ our cards

describe('every reply card', () => {
  const replies = outgoingReplies();

  it('covers the shared fixtures, the reminders and the limits', () => {
    expect(replies.length).toBeGreaterThanOrEqual(12);
  });

  it.each(replies)('%s: valid against the 1.5 schema, and the SDK reads all of it', (_name, reply) => {
    const card = renderAdaptiveCard(reply);
    expect(schemaErrors(card)).toEqual([]);
    expect(sdkFindings(card)).toEqual([]);
    for (const fallback of fallbackCards(card)) {
      expect(schemaErrors(fallback)).toEqual([]);
      expect(sdkFindings(fallback)).toEqual([]);
    }
  });
});

describe('every form card', () => {
  it.each(outgoingForms().map((f) => [f.name, f] as const))('%s: valid against the 1.5 schema, and the SDK reads all of it', (_name, { form, ...state }) => {
    const card = renderFormCard(form, state);
    expect(schemaErrors(card)).toEqual([]);
    expect(sdkFindings(card)).toEqual([]);
    for (const fallback of fallbackCards(card)) expect(schemaErrors(fallback)).toEqual([]);
  });
});
