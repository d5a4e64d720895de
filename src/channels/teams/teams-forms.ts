// Card forms and card buttons in Teams: a form card for a command or button,
// and what a pressed card sends back, by Action.Submit (a message activity:
// the card is replaced through the connector) or Action.Execute (an invoke:
// the invoke is answered with the card that replaces the pressed one).
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { messagesFor } from '../../domain/i18n/messages.js';
import { todayIn } from '../../domain/local-date.js';
import { errorReply, type ReplyAttachment } from '../../domain/reply.js';
import { citizensForPicker, openSubGoalsForForm } from '../../db/citizen-picker-queries.js';
import type { StaffMember } from '../../db/staff-queries.js';
import type { Routed } from '../../handlers/context.js';
import { submitForm } from '../../handlers/form-submission.js';
import { targetFormContext } from '../../handlers/caseload/target-form.js';
import { buildForm, formForAction, isFormId, MAX_FORM_SUB_GOALS, parseSubGoalFieldId, peopleInValues, subGoalsInValues, type FormDefinition, type FormId } from '../../handlers/forms.js';
import { routeAction } from '../../handlers/router.js';
import { cardRequestKey, cardSubmission, conversationScope } from './parse-activity.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderAdaptiveCard, type AdaptiveCard, type CardData } from './render-adaptive-card.js';
import { renderFormCard } from './render-form-card.js';
import { deliver, sendPrivateAnswer } from './teams-answers.js';
import { activityOf, asStaff, conversationOf, updateCard, type TeamsTurnKit } from './teams-turn.js';

/** A form as an Adaptive Card, with the actor's citizens to pick from. */
export async function formCard(kit: TeamsTurnKit, actor: StaffMember, formId: FormId, prefill?: Record<string, string>): Promise<AdaptiveCard> {
  return renderFormCard(await formFor(kit, actor, formId, prefill));
}

/** The form with what it offers: the actor's citizens, or (the target form) the team's people and the month's targets. */
async function formFor(kit: TeamsTurnKit, actor: StaffMember, formId: FormId, prefill?: Record<string, string>, subGoalsFor: string | undefined = prefill?.citizen): Promise<FormDefinition> {
  const t = messagesFor(actor.locale);
  const today = todayIn(kit.router.clock());
  if (formId === 'target') {
    const targets = await targetFormContext(kit.prisma, actor, today);
    return buildForm(formId, { t, today, citizens: [], people: targets.people, prefill: { ...targets.prefill, ...prefill } });
  }
  const citizens = await citizensForPicker(kit.prisma, actor, 'TEAMS');
  // A meeting form opened for a citizen shows their open sub-goals to tick off (their choices come back in the card's data).
  const subGoals = formId === 'meeting' ? await openSubGoalsForForm(kit.prisma, actor, 'TEAMS', citizens, subGoalsFor, MAX_FORM_SUB_GOALS) : undefined;
  return buildForm(formId, { t, today, citizens, prefill, subGoals });
}

interface CardOutcome {
  card: AdaptiveCard;
  isPrivate: boolean;
  replayed: boolean;
  /** The router's post-commit work (celebrations), started after the answer. */
  posted?: Promise<void>;
  file?: ReplyAttachment;
}

const answered = (routed: Routed): CardOutcome => ({
  card: renderAdaptiveCard(routed.reply),
  isPrivate: routed.reply.visibility === 'private',
  replayed: routed.replayed,
  posted: routed.posted,
  file: routed.reply.attachment,
});

/** What a pressed card sent back: a button (a form to open, or an action to route) or a filled-in form. */
function handleCardData(kit: TeamsTurnKit, context: TurnContext, actor: StaffMember, data: CardData): Promise<CardOutcome> {
  return data.jobbot === 'action' ? pressButton(kit, context, actor, data) : submitCardForm(kit, context, actor, data);
}

async function pressButton(kit: TeamsTurnKit, context: TurnContext, actor: StaffMember, data: Extract<CardData, { jobbot: 'action' }>): Promise<CardOutcome> {
  const formId = formForAction(data.actionId);
  if (formId) return { card: await formCard(kit, actor, formId, data.value ? { citizen: data.value } : undefined), isPrivate: true, replayed: false };
  const routed = await routeAction(kit.router, { actionId: data.actionId, value: data.value, actor, channel: 'TEAMS', conversation: conversationOf(context), requestKey: cardRequestKey(context.activity, data) });
  return answered(routed);
}

/**
 * A submitted form card through the one form path (handlers/form-submission.ts):
 * a field error or a rule the form could not check goes back on the card with
 * what was typed; anything else is answered like a command. The meeting card's
 * "Vis delmål" (data.refresh) only shows the card again for the citizen picked.
 */
async function submitCardForm(kit: TeamsTurnKit, context: TurnContext, actor: StaffMember, data: Extract<CardData, { jobbot: 'form' }>): Promise<CardOutcome> {
  const t = messagesFor(actor.locale);
  if (!isFormId(data.form)) return { card: renderAdaptiveCard(errorReply(t.teams.form.expired)), isPrivate: true, replayed: false };
  const formId = data.form;
  const values: Record<string, string | undefined> = {};
  // A target form's people are read from the card's keys (form-submission.ts checks them).
  for (const field of buildForm(formId, { t, today: todayIn(kit.router.clock()), citizens: [], people: peopleInValues(data) }).fields) {
    const raw = data[field.id];
    values[field.id] = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
  }
  // The sub-goal choices a meeting card showed: their ids name the citizen and number.
  for (const [key, raw] of Object.entries(data)) if (parseSubGoalFieldId(key) && typeof raw === 'string') values[key] = raw;
  // "Vis delmål": nothing is saved; the card again with the picked citizen's open sub-goals (if the user may open them) and what was typed.
  if (data.refresh === true) return { card: renderFormCard(await formFor(kit, actor, formId, undefined, values.citizen), { values }), isPrivate: true, replayed: false };
  const submitted = await submitForm(kit.router, { formId, values, actor, channel: 'TEAMS', conversation: conversationOf(context), requestKey: cardRequestKey(context.activity, data) });
  if (submitted.kind === 'routed') return answered(submitted.routed);
  // The card again, with its citizen picker (or the team's people), its sub-goals, what was typed and what to fix.
  const form = await formFor(kit, actor, formId, undefined, subGoalsInValues(values)?.ref);
  if (submitted.kind === 'invalid') return { card: renderFormCard(form, { values, errors: submitted.errors, notice: t.teams.form.fixFields }), isPrivate: true, replayed: false };
  return { card: renderFormCard(form, { values, notice: submitted.message }), isPrivate: true, replayed: submitted.routed.replayed };
}

/** Action.Submit (clients without Universal Actions): replace the card that was pressed. */
export async function onCardSubmit(kit: TeamsTurnKit, context: TurnContext, actor: StaffMember, data: CardData): Promise<void> {
  const activity = activityOf(context);
  const outcome = await handleCardData(kit, context, actor, data);
  if (outcome.replayed) return kit.log('teams.redelivery', { type: 'submit' });
  const pressed = activity.replyToId;
  if (pressed && (conversationScope(activity) === 'personal' || !outcome.isPrivate)) {
    await updateCard(kit, context, pressed, outcome.card);
    if (outcome.file) await deliver(kit, context, actor, undefined, true, outcome.file);
  } else {
    await deliver(kit, context, actor, outcome.card, outcome.isPrivate, outcome.file);
  }
  await outcome.posted;
}

/** Action.Execute (Universal Actions): the invoke is answered with the card that replaces the pressed one. */
export async function onCardInvoke(kit: TeamsTurnKit, context: TurnContext): Promise<void> {
  const activity = activityOf(context);
  const answer = (card: AdaptiveCard) =>
    context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } } });
  const answerMessage = (text: string) =>
    context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } } });
  const who = await asStaff(kit, context, { remember: true });
  if (who.denied) {
    await answer(renderAdaptiveCard(who.denied));
    return;
  }
  const actor = who.staff;
  const data = cardSubmission(activity);
  if (!data) {
    await answer(renderAdaptiveCard(errorReply(messagesFor(actor.locale).teams.form.expired)));
    return;
  }
  const outcome = await handleCardData(kit, context, actor, data);
  if (conversationScope(activity) !== 'personal' && outcome.isPrivate) {
    // Never replace a shared card with citizen details: send them 1:1 and leave the card alone.
    const t = messagesFor(actor.locale);
    const sent = outcome.replayed || (await sendPrivateAnswer(kit, context, actor, outcome.card, outcome.file));
    await answerMessage(sent ? t.teams.privateAnswerSent : t.teams.privateAnswerFailed);
  } else {
    await answer(outcome.card);
    if (outcome.file && !outcome.replayed) await deliver(kit, context, actor, undefined, true, outcome.file);
  }
  // The invoke response goes out when this turn ends: celebrations (which may back off on 429s
  // past Teams' invoke timeout) go on after it, and stop() waits for them.
  kit.track(outcome.posted);
}
