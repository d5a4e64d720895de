// Forms as Slack modals: opening one (from a bare command or a button), its
// submission within Slack's 3 s ack, and the citizen picker's options.
//   Field checks answer inside the ack (errors beside the field). Routing that
//   finishes within a budget well inside the 3 s answers inside the ack too: a
//   rule error (citizen not found, not yours, …) keeps the modal open with what
//   the user typed; success closes it and the answer follows privately. Slower
//   routing acks first (the modal closes) and answers privately after.
//   A citizen picker too long for a static list is an external_select: its
//   options (block_suggestion) are searched in the user's own caseload.
//   Picking the meeting form's citizen dispatches an action: the modal is
//   rebuilt (views.update) with that citizen's open sub-goals and what was typed.
import type { SlackViewMiddlewareArgs } from '@slack/bolt';
import { messagesFor } from '../../domain/i18n/messages.js';
import { todayIn } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { citizensForPicker, openSubGoalsForForm, type PickerCitizen } from '../../db/citizen-picker-queries.js';
import type { StaffMember } from '../../db/staff-queries.js';
import { targetFormContext } from '../../handlers/caseload/target-form.js';
import { submitForm as submitEntry, type FormOutcome as Submitted } from '../../handlers/form-submission.js';
import { buildForm, citizenOption, MAX_FORM_SUB_GOALS, withTypedValues, type FormId } from '../../handlers/forms.js';
import { failureText } from '../failure-answer.js';
import { denial, who } from './as-staff.js';
import { errorCode, type Identity } from './identity.js';
import { parseFormSubmission, parseOptionsRequest, type FormFieldChange, type FormMetadata, type FormOrigin } from './parse-payload.js';
import { cut, renderModal, renderOptions } from './render-block-kit.js';
import { answerPrivately, answerTextPrivately } from './slack-answers.js';
import type { SlackDeps } from './slack-deps.js';
import { afterRouted } from './slack-home.js';

/** Slack shows a select's first 100 options; an options load answers with no more. */
const MAX_LOADED_OPTIONS = 100;

/** Longest message put beside a modal field. */
const MAX_FIELD_ERROR = 2000;

/** What routing a form submission came to. */
type FormOutcome = { kind: 'submitted'; actor: StaffMember; submitted: Submitted } | { kind: 'denied'; identity: Identity } | { kind: 'failed'; error: unknown };

export async function openForm(deps: SlackDeps, triggerId: string, actor: StaffMember, form: FormId, origin: FormOrigin, prefill?: Record<string, string>): Promise<void> {
  const t = messagesFor(actor.locale);
  const today = todayIn(deps.router.clock());
  const citizens = form === 'citizen' || form === 'target' ? [] : await citizensForPicker(deps.prisma, actor, 'SLACK');
  // The target form: the team's people and the month's targets filled in.
  const targets = form === 'target' ? await targetFormContext(deps.prisma, actor, today) : undefined;
  // A meeting form opened for a citizen shows their open sub-goals to tick off (their choices come back in state.values).
  const subGoals = form === 'meeting' ? await openSubGoalsForForm(deps.prisma, actor, 'SLACK', citizens, prefill?.citizen, MAX_FORM_SUB_GOALS) : undefined;
  const definition = buildForm(form, { t, today, citizens, prefill: { ...targets?.prefill, ...prefill }, people: targets?.people, subGoals });
  const metadata: FormMetadata = { form, locale: actor.locale, ...origin };
  try {
    await deps.client.views.open({ trigger_id: triggerId, view: renderModal(definition, JSON.stringify(metadata)) });
  } catch (error) {
    deps.log('slack.form.open_failed', { form, error: errorCode(error) }, 'warn');
    await answerPrivately(deps, actor, okReply(t.slack.formOpenFailed), origin);
  }
}

/**
 * A field that rebuilds its form changed (the meeting form's citizen picked):
 * the modal again, through views.update with the view's hash (a stale view is
 * left as it is), with the picked citizen's open sub-goals and everything
 * already typed. Sub-goals only for a citizen the user's picker offers
 * (openSubGoalsForForm checks it, and audits the read); the picker itself was
 * audited when the modal opened. Someone jobbot does not know gets no change:
 * the submission tells them.
 */
export function refreshForm(deps: SlackDeps, change: FormFieldChange): Promise<void> {
  // Tracked like the rest of the work after an ack (idle() and stop() wait for it).
  return deps.track('form.refresh', () => rebuildModal(deps, change));
}

async function rebuildModal(deps: SlackDeps, change: FormFieldChange): Promise<void> {
  const { metadata, values } = change;
  try {
    const identity = await who(deps, change.user.userId);
    if (identity.kind !== 'staff') return;
    const actor = identity.staff;
    const t = messagesFor(actor.locale);
    const today = todayIn(deps.router.clock());
    if (!buildForm(metadata.form, { t, today, citizens: [] }).fields.some((f) => f.id === change.field && f.refreshesForm)) return;
    const citizens = await citizensForPicker(deps.prisma, actor, 'SLACK', { audit: false });
    const subGoals = metadata.form === 'meeting' ? await openSubGoalsForForm(deps.prisma, actor, 'SLACK', citizens, values.citizen, MAX_FORM_SUB_GOALS) : undefined;
    const form = withTypedValues(buildForm(metadata.form, { t, today, citizens, subGoals }), values);
    await deps.client.views.update({ view_id: change.viewId, ...(change.hash ? { hash: change.hash } : {}), view: renderModal(form, JSON.stringify(metadata)) });
  } catch (error) {
    deps.log('slack.form.refresh_failed', { form: metadata.form, error: errorCode(error) }, 'warn');
  }
}

/**
 * A modal submitted (view_submission): the whole form path, from the fields to
 * the answer. Acks exactly once: with field errors, with a rule error on the
 * modal, or empty (the modal closes) before or after routing.
 */
export async function submitForm(deps: SlackDeps, body: unknown, ack: SlackViewMiddlewareArgs['ack']): Promise<void> {
  const submission = parseFormSubmission(body);
  const metadata = submission?.metadata;
  if (!submission || !metadata) {
    await ack();
    return;
  }
  const t = messagesFor(metadata.locale);
  const values = submission.values;
  const slackUserId = submission.user.userId;
  // Identity first, then the one form path every channel takes (handlers/form-submission.ts). Never rejects.
  const route = async (): Promise<FormOutcome> => {
    try {
      const identity = await who(deps, slackUserId);
      if (identity.kind !== 'staff') return { kind: 'denied', identity };
      const submitted = await submitEntry(deps.router, { formId: metadata.form, values, actor: identity.staff, channel: 'SLACK', requestKey: submission.requestKey });
      return { kind: 'submitted', actor: identity.staff, submitted };
    } catch (error) {
      return { kind: 'failed', error };
    }
  };
  const work = route();
  void deps.track('form', async () => void (await work)); // idle() and stop() wait for it, answered in the ack or not
  const outcome = await within(work, deps.formAckBudgetMs);
  if (outcome === undefined) {
    // Too slow to answer in the ack: close the modal now, answer when the router is done.
    await ack();
    await deps.track('form', async () => answerForm(deps, slackUserId, await work, metadata));
    return;
  }
  const onModal = (errors: Record<string, string>) =>
    ack({ response_action: 'errors', errors: Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, cut(message, MAX_FIELD_ERROR)])) });
  // A denial or an outage is shown on the form's first field (the citizen, the reference or the metric).
  const firstField = () => buildForm(metadata.form, { t, today: todayIn(deps.router.clock()), citizens: [] }).fields[0]?.id ?? 'citizen';
  if (outcome.kind === 'denied') {
    deps.log('slack.form.unknown_user', {}, 'warn');
    await onModal({ [firstField()]: denial(deps, outcome.identity) });
    return;
  }
  if (outcome.kind === 'failed') {
    deps.log('slack.failed', { what: 'form', error: errorCode(outcome.error) }, 'error');
    await onModal({ [firstField()]: await failureText(deps.prisma, t) });
    return;
  }
  const submitted = outcome.submitted;
  // A field error, or a rule the form could not check: nothing was written; the user fixes the field and submits again.
  if (submitted.kind === 'invalid') return void (await onModal(submitted.errors));
  if (submitted.kind === 'rejected') return void (await onModal({ [submitted.field]: firstText(submitted.routed.reply) }));
  await ack();
  await deps.track('form', async () => answerForm(deps, slackUserId, outcome, metadata));
}

/** A submission's outcome after the modal closed: privately, where the form was opened from. */
async function answerForm(deps: SlackDeps, slackUserId: string, outcome: FormOutcome, origin: FormMetadata): Promise<void> {
  if (outcome.kind === 'failed') {
    deps.log('slack.failed', { what: 'form', error: errorCode(outcome.error) }, 'error');
    await deps.answerFailure('form', { locale: () => origin.locale, send: (text) => answerTextPrivately(deps, slackUserId, text, origin) });
    return;
  }
  if (outcome.kind === 'denied') {
    deps.log('slack.form.unknown_user', {}, 'warn');
    await answerTextPrivately(deps, slackUserId, denial(deps, outcome.identity), origin);
    return;
  }
  const submitted = outcome.submitted;
  if (submitted.kind === 'invalid') {
    await answerTextPrivately(deps, slackUserId, Object.values(submitted.errors).join(' '), origin);
    return;
  }
  await answerPrivately(deps, outcome.actor, submitted.routed.reply, origin);
  await afterRouted(deps, outcome.actor, submitted.routed);
}

/**
 * Options for a citizen picker too long for a static select: the user's own
 * caseload, narrowed by what they typed (block_suggestion; HTTP mode needs the
 * Options Load URL, see README). Not audited per keystroke: openForm audited
 * the picker once when the modal opened. Someone jobbot does not know picks
 * from nothing.
 */
export async function citizenOptions(deps: SlackDeps, body: unknown): Promise<{ options: ReturnType<typeof renderOptions> }> {
  let citizens: PickerCitizen[] = [];
  try {
    const request = parseOptionsRequest(body);
    const identity = request ? await who(deps, request.user.userId) : undefined;
    if (request && identity?.kind === 'staff') {
      citizens = await citizensForPicker(deps.prisma, identity.staff, 'SLACK', { query: request.query, limit: MAX_LOADED_OPTIONS, audit: false });
    }
  } catch (error) {
    deps.log('slack.options.failed', { error: errorCode(error) }, 'error');
  }
  return { options: renderOptions(citizens.map(citizenOption)) };
}

/** The work's result, or undefined when it takes longer than `ms` (the work goes on). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A reply's own message, without the usage example an error may carry below it. */
function firstText(reply: Reply): string {
  const first = reply.blocks.find((b) => b.type === 'text');
  return first && first.type === 'text' ? first.text : reply.text;
}
