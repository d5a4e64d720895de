// One path for every channel's forms (a Slack modal, a Teams card): build the
// form, check each field, then hand the values as values to the same record
// function a typed command ends in (recordMeeting, recordOutcome, …), inside
// the router's transaction. Nothing is turned back into command text, so a
// note with quotes or a company that looks like a date is stored as given.
import { messagesFor } from '../domain/i18n/messages.js';
import { todayIn } from '../domain/local-date.js';
import type { SourceChannel } from '../db/types.js';
import type { StaffMember } from '../db/staff-queries.js';
import type { IncomingConversation, Routed, RouterDeps } from './context.js';
import { FORM_ENTRIES, trimmed } from './form-entries.js';
import { buildForm, fieldForError, peopleInValues, subGoalsInValues, validateForm, type FormDefinition, type FormId, type FormValues } from './forms.js';
import { routeEntry } from './router.js';

export interface FormSubmission {
  formId: FormId;
  values: FormValues;
  actor: StaffMember;
  channel: SourceChannel;
  conversation?: IncomingConversation;
  /** The platform's id for this submission (a Slack view id + hash, a Teams activity): handled once. */
  requestKey?: string;
}

export type FormOutcome =
  /** A field is wrong: nothing ran; show the messages beside the fields. */
  | { kind: 'invalid'; form: FormDefinition; errors: Record<string, string> }
  /** A rule the form could not check (citizen not on your caseload, …): nothing was saved; `field` is where it belongs. */
  | { kind: 'rejected'; form: FormDefinition; message: string; field: string; routed: Routed }
  | { kind: 'routed'; form: FormDefinition; routed: Routed };

export async function submitForm(deps: RouterDeps, submission: FormSubmission): Promise<FormOutcome> {
  const t = messagesFor(submission.actor.locale);
  const today = todayIn(deps.clock());
  // Citizens are checked by the record function (access, active case), not against a picker list;
  // so are the people in a target form (recordTargets), whose fields are read from the values.
  const values = trimmed(submission.values);
  // The sub-goal choices the form showed are fields too: checked like the rest.
  const form = buildForm(submission.formId, { t, today, citizens: [], people: peopleInValues(values), subGoals: subGoalsInValues(values) });
  const errors = validateForm(form, values, t, today);
  if (errors) return { kind: 'invalid', form, errors };
  const entry = FORM_ENTRIES[submission.formId];
  const routed = await routeEntry(deps, submission, entry.command, (ctx) => entry.run(ctx, values, false));
  if (routed.reply.status === 'error') {
    return { kind: 'rejected', form, message: routed.reply.text, field: fieldForError(form, values, routed.reply.text), routed };
  }
  return { kind: 'routed', form, routed };
}
