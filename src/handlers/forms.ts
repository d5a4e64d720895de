// Platform-neutral form definitions: what a Slack modal or a Teams Adaptive
// Card asks for when a command comes without arguments (or a button asks for
// a form). A submission goes through form-submission.ts to the same record
// function the typed command ends in, as values; the per-field checks here
// put the common mistakes next to the right field. No platform types here.
import { openTargetGroups } from '../domain/rules/rules.js';
import { tokenize } from '../domain/command-tokens.js';
import { containsCprNumber } from '../domain/cpr.js';
import {
  FOLLOW_UP_OUTCOMES,
  MEETING_KINDS,
  OUTCOME_KINDS,
  PLACEMENT_END_REASONS,
  PLACEMENT_TYPES,
  TARGET_METRICS,
  type TargetMetric,
} from '../domain/enums.js';
import { capitalize, formatMonth, formatShortDate } from '../domain/i18n/format.js';
import type { Messages } from '../domain/i18n/messages.js';
import { addDays, compareLocalDate, endOfMonth, isValidLocalDate, monthKey, startOfMonth, type LocalDate } from '../domain/local-date.js';
import { findCommand } from './command-table.js';
import { MAX_NOTE_LENGTH } from './meeting/log-meeting.js';

export const FORM_IDS = ['meeting', 'placement', 'followup', 'placement-end', 'outcome', 'citizen', 'target'] as const;
export type FormId = (typeof FORM_IDS)[number];

export type FieldKind = 'select' | 'date' | 'text' | 'number';

export interface FormOption {
  value: string;
  label: string;
}

export interface FormField {
  id: string;
  kind: FieldKind;
  label: string;
  required: boolean;
  hint?: string;
  /** Pre-filled value: an option value, a LocalDate, a number or text. */
  initial?: string;
  /** select */
  options?: FormOption[];
  /** number */
  min?: number;
  max?: number;
  decimal?: boolean;
  /** text */
  maxLength?: number;
  multiline?: boolean;
  /** Extra shape checks for text (and for a citizen picker a platform shows as text). */
  format?: 'ref' | 'initials';
  /** date: not later than today. */
  notAfterToday?: boolean;
  /** date: strictly after the date in this other field. */
  after?: string;
  /** Required only when another field has this value (a follow-up's end reason when it ends the placement). */
  requiredWhen?: { field: string; is: string };
  /** A heading shown above this field when it differs from the previous field's ("Teamet", "@anne"). */
  section?: string;
  /**
   * Changing this field rebuilds the form (the meeting form's citizen: their open
   * sub-goals appear): Slack dispatches the change, a Teams card gets the form's refresh action.
   */
  refreshesForm?: boolean;
}

export interface FormDefinition {
  id: FormId;
  title: string;
  submitLabel: string;
  closeLabel: string;
  fields: FormField[];
  /** Shown by the client under a required field left empty (Adaptive Cards' errorMessage). */
  requiredMessage: string;
  /** A line above the fields: what the form shows and what a blank field means. */
  intro?: string;
  /** A secondary action that shows the form again for what was chosen ("Vis delmål"), where a client cannot react to a change by itself (Teams). */
  refreshLabel?: string;
}

/** A citizen the user may pick: their own caseload (a manager: the team's). */
export interface PickableCitizen {
  ref: string;
  initials: string | null;
}

export interface FormContext {
  t: Messages;
  today: LocalDate;
  citizens: readonly PickableCitizen[];
  /** e.g. { citizen: 'C-1042' } from a reminder button; the target form: the month's targets by field id. */
  prefill?: Readonly<Record<string, string>>;
  /** The target form: the team's people with a caseload, each with a target of their own (target-form.ts loads them). */
  people?: readonly FormPerson[];
  /** The meeting form's citizen's open sub-goals, to tick off at the meeting (see openSubGoalsForForm). */
  subGoals?: FormSubGoals;
}

/** Someone in the manager's team who can have targets of their own. */
export interface FormPerson {
  id: string;
  handle: string;
}

/**
 * People shown in the target form: a Slack modal holds 100 blocks (a heading
 * and seven measures each); the rest set theirs with /måltal … @person.
 */
export const MAX_FORM_PEOPLE = 10;

/** The target form's field for a measure: the team's ("team:MEETINGS") or a person's ("person:<staff id>:MEETINGS"). */
export function targetFieldId(metric: TargetMetric, staffId?: string): string {
  return staffId ? `person:${staffId}:${metric}` : `team:${metric}`;
}

const TARGET_FIELD = /^(?:team|person:([0-9A-Za-z-]{1,64})):([A-Z_]+)$/;

/** A target field id read back: whose and which measure; undefined for any other key. */
export function parseTargetFieldId(id: string): { staffId?: string; metric: TargetMetric } | undefined {
  const match = TARGET_FIELD.exec(id);
  const metric = TARGET_METRICS.find((m) => m === match?.[2]);
  if (!match || !metric) return undefined;
  return match[1] ? { staffId: match[1], metric } : { metric };
}

/**
 * The people a submitted target form has fields for, read from its keys: the
 * form is checked against what was shown, and recordTargets checks each person
 * is still in the team (nothing is dropped silently). No handles: not needed to check.
 */
export function peopleInValues(values: Readonly<Record<string, unknown>>): FormPerson[] {
  const ids = new Set<string>();
  for (const key of Object.keys(values)) {
    const staffId = parseTargetFieldId(key)?.staffId;
    if (staffId) ids.add(staffId);
  }
  return [...ids].map((id) => ({ id, handle: id }));
}

/** Open sub-goals of one citizen as the meeting form shows them. */
export interface FormSubGoals {
  ref: string;
  goals: ReadonlyArray<{ number: number; text: string; deadline?: LocalDate }>;
}

/** At most this many sub-goals in a form: a modal or card stays short (the oldest open ones first). */
export const MAX_FORM_SUB_GOALS = 10;

const SUB_GOAL_CHOICES = ['OPEN', 'REACHED', 'DROPPED'] as const;
export type SubGoalChoice = (typeof SUB_GOAL_CHOICES)[number];

/**
 * A sub-goal's field id names the citizen it belongs to, "subgoal-2-C-1042", so a
 * submission can tell when the picker was changed to another citizen after the
 * form was opened (then sub-goal 2 would be someone else's).
 */
export function subGoalFieldId(ref: string, number: number): string {
  return `subgoal-${number}-${ref}`;
}

export function parseSubGoalFieldId(id: string): { ref: string; number: number } | undefined {
  const m = /^subgoal-(\d{1,4})-(.+)$/.exec(id);
  return m ? { number: Number(m[1]), ref: m[2] ?? '' } : undefined;
}

/** The sub-goal fields among submitted values, as stubs that buildForm turns into fields again to check them. */
export function subGoalsInValues(values: FormValues): FormSubGoals | undefined {
  const found = Object.keys(values).flatMap((key) => parseSubGoalFieldId(key) ?? []);
  const ref = found[0]?.ref;
  if (ref === undefined) return undefined;
  return { ref, goals: found.filter((f) => f.ref === ref).slice(0, MAX_FORM_SUB_GOALS).map((f) => ({ number: f.number, text: '' })) };
}

export type FormValues = Readonly<Record<string, string | undefined>>;

/** Button action ids that open a form instead of changing data; the value pre-fills the citizen. */
export const FORM_ACTIONS: Readonly<Record<string, FormId>> = {
  'meeting.log': 'meeting',
  'followup.log': 'followup',
  'placement.log': 'placement',
  'placement.end.log': 'placement-end',
  'outcome.log': 'outcome',
  'citizen.add': 'citizen',
};

export function formForAction(actionId: string): FormId | undefined {
  return Object.hasOwn(FORM_ACTIONS, actionId) ? FORM_ACTIONS[actionId] : undefined;
}

export function isFormId(value: unknown): value is FormId {
  return typeof value === 'string' && (FORM_IDS as readonly string[]).includes(value);
}

/**
 * The form for a command typed without arguments ("meeting", "/samtale"), or
 * with only a subcommand ("placement followup"); undefined when the command
 * should simply run (caseload, targets, help …).
 */
export function formForCommandText(text: string): FormId | undefined {
  const tokens = tokenize(text.trim());
  const command = tokens[0] ? findCommand(tokens[0]) : undefined;
  if (!command) return undefined;
  const name = command.words[0];
  if (tokens.length === 1) {
    const byCommand: Record<string, FormId> = { meeting: 'meeting', placement: 'placement', outcome: 'outcome', citizen: 'citizen', target: 'target' };
    return name ? byCommand[name] : undefined;
  }
  if (tokens.length === 2) {
    const sub = command.subcommands?.find((s) => s.words.includes((tokens[1] ?? '').toLowerCase()));
    const bySub: Record<string, FormId> = { 'placement start': 'placement', 'placement followup': 'followup', 'placement end': 'placement-end', 'citizen add': 'citizen' };
    return sub ? bySub[`${name} ${sub.words[0]}`] : undefined;
  }
  return undefined;
}

/** How a citizen appears in a picker: "C-1042 (AB)". */
export function citizenOption(citizen: PickableCitizen): FormOption {
  return { value: citizen.ref, label: citizen.initials ? `${citizen.ref} (${citizen.initials})` : citizen.ref };
}

function enumOptions<T extends string>(values: readonly T[], labels: Record<T, string>): FormOption[] {
  return values.map((value) => ({ value, label: capitalize(labels[value]) }));
}


export function buildForm(id: FormId, ctx: FormContext): FormDefinition {
  const { t, today } = ctx;
  const f = t.forms;
  const prefill = ctx.prefill ?? {};
  const citizenOptions = ctx.citizens.map(citizenOption);
  const prefilledCitizen = prefill.citizen?.toUpperCase();
  const citizen: FormField = {
    id: 'citizen',
    kind: 'select',
    label: f.citizen,
    hint: f.citizenHint,
    required: true,
    options: citizenOptions,
    format: 'ref',
    initial: prefilledCitizen && citizenOptions.some((o) => o.value === prefilledCitizen) ? prefilledCitizen : undefined,
  };
  const note: FormField = { id: 'note', kind: 'text', label: f.note, hint: f.noteHint, required: false, multiline: true, maxLength: MAX_NOTE_LENGTH };
  const fields = ((): FormField[] => {
    switch (id) {
      case 'meeting':
        return [
          // Picking the citizen shows their open sub-goals (the form is rebuilt, what was typed kept).
          { ...citizen, refreshesForm: true },
          { id: 'kind', kind: 'select', label: f.meetingKind, required: true, options: enumOptions(MEETING_KINDS, t.labels.meetingKind), initial: 'INDIVIDUAL' },
          { id: 'date', kind: 'date', label: f.date, required: true, initial: today, notAfterToday: true },
          { id: 'duration', kind: 'number', label: f.duration, required: false, min: 1, max: 600 },
          { id: 'next', kind: 'date', label: f.next, hint: f.nextHint, required: false, after: 'date' },
          note,
          ...subGoalFields(ctx),
        ];
      case 'placement':
        return [
          citizen,
          { id: 'company', kind: 'text', label: f.company, required: true, maxLength: 100 },
          { id: 'type', kind: 'select', label: f.placementType, required: true, options: enumOptions(PLACEMENT_TYPES, t.labels.placementType), initial: 'INTERNSHIP' },
          { id: 'from', kind: 'date', label: f.from, required: true, initial: today },
          { id: 'days', kind: 'number', label: f.days, hint: f.daysHint, required: false, min: 1, max: 3 * 365 },
          { id: 'hours', kind: 'number', label: f.weeklyHours, required: false, min: 1, max: 60, decimal: true },
        ];
      case 'followup':
        return [
          citizen,
          { id: 'outcome', kind: 'select', label: f.followUpOutcome, required: true, options: enumOptions(FOLLOW_UP_OUTCOMES, t.labels.followUpOutcome), initial: 'CONTINUE' },
          { id: 'date', kind: 'date', label: f.date, required: true, initial: today, notAfterToday: true },
          { id: 'hours', kind: 'number', label: f.ordinaryHours, required: false, min: 1, max: 60, decimal: true },
          // What "Afsluttes" and "Forlænges" need, so the follow-up does what it says in one go.
          { id: 'reason', kind: 'select', label: f.followUpEndReason, hint: f.followUpEndReasonHint, required: false, requiredWhen: { field: 'outcome', is: 'END' }, options: enumOptions(PLACEMENT_END_REASONS, t.labels.endReason) },
          { id: 'until', kind: 'date', label: f.newEnd, hint: f.newEndHint, required: false, requiredWhen: { field: 'outcome', is: 'EXTEND' } },
          note,
        ];
      case 'placement-end':
        return [
          citizen,
          { id: 'reason', kind: 'select', label: f.endReason, required: true, options: enumOptions(PLACEMENT_END_REASONS, t.labels.endReason) },
          { id: 'date', kind: 'date', label: f.date, required: true, initial: today, notAfterToday: true },
        ];
      case 'outcome':
        return [
          citizen,
          { id: 'kind', kind: 'select', label: f.outcomeKind, required: true, options: enumOptions(OUTCOME_KINDS, t.labels.outcomeKind), initial: 'ORDINARY_JOB' },
          { id: 'hours', kind: 'number', label: f.weeklyHours, required: false, min: 1, max: 60, decimal: true },
          { id: 'employer', kind: 'text', label: f.employer, required: false, maxLength: 100 },
        ];
      case 'citizen':
        return [
          { id: 'ref', kind: 'text', label: f.ref, hint: f.refHint, required: true, maxLength: 40, format: 'ref', initial: prefill.ref },
          { id: 'initials', kind: 'text', label: f.initials, required: false, maxLength: 4, format: 'initials' },
          // The groups open to new citizens by the rules in force; a blank cadence is the group's default.
          { id: 'group', kind: 'select', label: f.targetGroup, required: true, options: enumOptions(openTargetGroups(today), t.labels.targetGroup), initial: 'JOBPARAT' },
          { id: 'cadence', kind: 'number', label: f.cadence, hint: t.rules.cadenceHint, required: false, min: 1, max: 180 },
        ];
      case 'target': {
        const thisMonth = startOfMonth(today);
        const nextMonth = addDays(endOfMonth(thisMonth), 1);
        const months = [thisMonth, nextMonth].map((m) => ({ value: monthKey(m), label: capitalize(formatMonth(m, t.locale)) }));
        // Every measure for the team, then for each person: blank leaves a target as it is.
        const measure = (metric: TargetMetric, section: string, person?: FormPerson): FormField => {
          const id = targetFieldId(metric, person?.id);
          const label = capitalize(person ? t.pipeline.personMetric(t.labels.targetMetric[metric], person.handle) : t.labels.targetMetric[metric]);
          return { id, kind: 'number', label, required: false, min: 0, max: 10_000, section, initial: prefill[id] };
        };
        const people = (ctx.people ?? []).slice(0, MAX_FORM_PEOPLE);
        return [
          { id: 'month', kind: 'select', label: f.month, required: true, options: months, initial: months[0]?.value },
          ...TARGET_METRICS.map((metric) => measure(metric, f.teamTargets)),
          ...people.flatMap((person) => TARGET_METRICS.map((metric) => measure(metric, `@${person.handle}`, person))),
        ];
      }
    }
  })();
  const intro = id === 'target' ? targetIntro(ctx) : undefined;
  const refresh = fields.some((field) => field.refreshesForm) ? { refreshLabel: f.showSubGoals } : {};
  return { id, title: f.titles[id], submitLabel: f.submit, closeLabel: f.close, fields, requiredMessage: f.errors.required, ...(intro ? { intro } : {}), ...refresh };
}

/**
 * A rebuilt form (the citizen changed) with what the user had already typed or
 * chosen as its initial values; a value for a field the form no longer has
 * (another citizen's sub-goal) is dropped. A blank value blanks a pre-filled field.
 */
export function withTypedValues(form: FormDefinition, values: FormValues): FormDefinition {
  return {
    ...form,
    fields: form.fields.map((field) => {
      if (!Object.hasOwn(values, field.id)) return field;
      const value = clean(values[field.id]);
      const { initial: _initial, ...rest } = field;
      return value === undefined ? rest : { ...rest, initial: value };
    }),
  };
}

/** What the target form shows, and the people left out when the team is larger than a modal holds. */
function targetIntro(ctx: FormContext): string {
  const f = ctx.t.forms;
  const people = ctx.people ?? [];
  const left = people.slice(MAX_FORM_PEOPLE).map((p) => `@${p.handle}`);
  return [f.targetIntro(formatMonth(startOfMonth(ctx.today), ctx.t.locale)), ...(left.length ? [f.targetPeopleLeft(MAX_FORM_PEOPLE, left.join(', '))] : [])].join(' ');
}

/** One choice per open sub-goal: continues (the default), reached or dropped at this meeting. */
function subGoalFields(ctx: FormContext): FormField[] {
  const { t } = ctx;
  const goals = ctx.subGoals?.goals.slice(0, MAX_FORM_SUB_GOALS) ?? [];
  return goals.map((g, i) => ({
    id: subGoalFieldId(ctx.subGoals?.ref ?? '', g.number),
    kind: 'select',
    label: t.forms.subGoal(g.number, g.text, g.deadline ? formatShortDate(g.deadline, t.locale) : undefined),
    required: false,
    options: SUB_GOAL_CHOICES.map((value) => ({ value, label: t.forms.subGoalChoice[value] })),
    initial: 'OPEN',
    ...(i === 0 ? { hint: t.forms.subGoalHint } : {}),
  }));
}

const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
const INITIALS_PATTERN = /^[A-Za-zÆØÅæøå]{1,4}$/;

function clean(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

function parseNumber(raw: string): number | undefined {
  if (!/^\d+([.,]\d+)?$/.test(raw)) return undefined;
  return Number(raw.replace(',', '.'));
}

/** Field id → message, or null when the submission may go to the router. */
export function validateForm(form: FormDefinition, values: FormValues, t: Messages, today: LocalDate): Record<string, string> | null {
  const e = t.forms.errors;
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    const value = clean(values[field.id]);
    if (value === undefined) {
      const when = field.requiredWhen;
      if (field.required) errors[field.id] = e.required;
      else if (when && clean(values[when.field]) === when.is) {
        const label = form.fields.find((x) => x.id === when.field)?.options?.find((o) => o.value === when.is)?.label ?? when.is;
        errors[field.id] = e.requiredFor(label);
      }
      continue;
    }
    if (containsCprNumber(value)) {
      errors[field.id] = e.cpr;
      continue;
    }
    switch (field.kind) {
      case 'select': {
        const options = field.options ?? [];
        // A citizen picker may be shown as free text (long caseloads): then the format decides.
        if (options.length && !field.format && !options.some((o) => o.value === value)) errors[field.id] = e.choose;
        break;
      }
      case 'number': {
        const number = parseNumber(value);
        const min = field.min ?? 0;
        const max = field.max ?? Number.MAX_SAFE_INTEGER;
        if (number === undefined || number < min || number > max || (!field.decimal && !Number.isInteger(number))) {
          errors[field.id] = field.decimal ? e.number(min, max) : e.wholeNumber(min, max);
        }
        break;
      }
      case 'date': {
        if (!isValidLocalDate(value)) errors[field.id] = e.required;
        else if (field.notAfterToday && compareLocalDate(value, today) > 0) errors[field.id] = e.futureDate;
        else if (field.after) {
          const other = clean(values[field.after]);
          const label = form.fields.find((x) => x.id === field.after)?.label ?? field.after;
          if (other && isValidLocalDate(other) && compareLocalDate(value, other) <= 0) errors[field.id] = e.notAfter(label);
        }
        break;
      }
      case 'text': {
        if (field.maxLength && value.length > field.maxLength) errors[field.id] = e.tooLong(field.maxLength);
        break;
      }
    }
    if (errors[field.id] === undefined && field.format === 'ref' && (!REF_PATTERN.test(value) || !/\d/.test(value))) errors[field.id] = e.ref;
    if (errors[field.id] === undefined && field.format === 'initials' && !INITIALS_PATTERN.test(value)) errors[field.id] = e.initials;
  }
  return Object.keys(errors).length ? errors : null;
}

/**
 * The field a rule error from the router belongs to, for a platform that shows
 * errors beside fields (a Slack modal kept open): the first field whose
 * submitted value the message names ("C-2001 er ikke på din sagsstamme" → the
 * citizen), else the form's first field (citizen, reference or metric).
 */
export function fieldForError(form: FormDefinition, values: FormValues, message: string): string {
  const text = message.toLowerCase();
  const named = form.fields.find((field) => {
    const value = clean(values[field.id]);
    return value !== undefined && value.length >= 3 && text.includes(value.toLowerCase());
  });
  return (named ?? form.fields[0])?.id ?? 'citizen';
}
