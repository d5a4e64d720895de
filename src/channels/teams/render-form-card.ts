// A platform-neutral form (src/handlers/forms.ts) → Adaptive Card 1.5 with
// inputs: choice sets (the citizen picker filters as you type), date and
// number inputs, and the validation messages under the fields they concern.
// Pure, like the reply renderer.
import type { FormDefinition, FormField, FormValues } from '../../handlers/forms.js';
import { card, markdown, textBlock, type AdaptiveCard, type CardData, type CardElement } from './render-adaptive-card.js';

export interface FormCardState {
  values?: FormValues;
  /** Field id → message (validateForm). */
  errors?: Record<string, string> | null;
  /** A message for the whole form: "correct the marked fields", or the router's error reply. */
  notice?: string;
}

export function renderFormCard(form: FormDefinition, state: FormCardState = {}): AdaptiveCard {
  const body: CardElement[] = [textBlock(form.title, { size: 'Large', weight: 'Bolder' })];
  if (state.notice) body.push(textBlock(state.notice, { color: 'Attention', weight: 'Bolder' }));
  if (form.intro) body.push(textBlock(form.intro, { isSubtle: true }));
  let section: string | undefined;
  for (const field of form.fields) {
    // A heading where a section starts ("Teamet", "@anne"), with a line above it.
    if (field.section && field.section !== section) body.push(textBlock(field.section, { weight: 'Bolder', size: 'Medium', separator: true, spacing: 'Large' }));
    section = field.section;
    const value = state.values?.[field.id] ?? field.initial;
    body.push(renderInput(field, value, state.errors?.[field.id] !== undefined, form.requiredMessage));
    if (field.hint) body.push(textBlock(field.hint, { isSubtle: true, size: 'Small', spacing: 'None' }));
    const error = state.errors?.[field.id];
    if (error) body.push(textBlock(error, { color: 'Attention', size: 'Small', spacing: 'None' }));
  }
  const data: CardData = { jobbot: 'form', form: form.id };
  const submit = {
    type: 'Action.Execute',
    title: form.submitLabel,
    verb: `form.${form.id}`,
    data,
    style: 'positive',
    fallback: { type: 'Action.Submit', title: form.submitLabel, data, style: 'positive' },
  };
  // "Vis delmål": the card again for the citizen picked, with what was typed (teams-forms.ts); a card cannot react to a choice by itself.
  const refreshData: CardData = { ...data, refresh: true };
  const refresh = form.refreshLabel
    ? [{ type: 'Action.Execute', title: form.refreshLabel, verb: `form.${form.id}.refresh`, data: refreshData, fallback: { type: 'Action.Submit', title: form.refreshLabel, data: refreshData } }]
    : [];
  return card(body, form.title, [submit, ...refresh]);
}

/**
 * An Input.Number's value is a JSON number in the Adaptive Card schema; clients
 * built on the official SDK drop a string ("7"), so a typed or default number
 * vanished when a form was shown again. Danish decimal commas are read too;
 * text that is no number (shown again with its error below) is left out.
 */
export function numberValue(value: string): number | undefined {
  const trimmed = value.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : undefined;
}

function renderInput(field: FormField, value: string | undefined, invalid: boolean, requiredMessage: string): CardElement {
  const given = value !== undefined && value !== '' ? value : undefined;
  const typed = given !== undefined && field.kind === 'number' ? numberValue(given) : given;
  const common = {
    id: field.id,
    label: markdown(field.label),
    // The client checks a required field before sending and shows errorMessage
    // under it; without one the official SDK reports the input as incomplete.
    ...(field.required ? { isRequired: true, errorMessage: requiredMessage } : {}),
    ...(invalid ? { spacing: 'Medium' } : {}),
    ...(typed !== undefined ? { value: typed } : {}),
  };
  switch (field.kind) {
    case 'select': {
      const options = field.options ?? [];
      // A citizen picker with no caseload to offer: type the reference instead.
      if (options.length === 0) return { type: 'Input.Text', ...common, maxLength: 40 };
      return {
        type: 'Input.ChoiceSet',
        ...common,
        choices: options.map((o) => ({ title: o.label, value: o.value })),
        // Typeahead for long lists (the caseload), a dropdown for short ones.
        style: options.length > 8 ? 'filtered' : 'compact',
      };
    }
    case 'date':
      return { type: 'Input.Date', ...common };
    case 'number':
      return {
        type: 'Input.Number',
        ...common,
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
      };
    case 'text':
      return {
        type: 'Input.Text',
        ...common,
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(field.multiline ? { isMultiline: true } : {}),
      };
  }
}
