// Caseworkers, each working morning at their reminder time: one DM listing
// the check-ins due today or overdue (oldest first), with Log meeting /
// Snooze / Done; the week's first working day adds the rest of the week by
// day. Nothing due, nothing sent: the slot is then recorded as planned
// (recordNothingDue), so the minute ticks after it leave the person alone.
// One morning message per day: the plan at the reminder time is final for
// that day; a check-in that becomes due later the same day is in the next
// working day's message. Citizens whose caseworker left (or who have
// none) go to the team's managers until they are reassigned, labelled
// "For @bo (fratrådt)" (checkInRoute), so nothing is lost.
import { formatShortDateNear } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { isEmptyCheckInPlan, onBehalfKey, planCheckIns, type CheckInPlan, type DueCheckIn } from '../domain/reminder-rules.js';
import { okReply, type Reply, type ReplyBlock } from '../domain/reply.js';
import type { Locale } from '../domain/enums.js';
import { enqueueDeliveries, recordNothingDue, type NewDelivery, type NothingDue } from '../db/outbox-queries.js';
import { checkInFactsByRecipient, overdueSubGoalsByRecipient, reminderStates, type OverdueSubGoal } from '../db/reminder-queries.js';
import { loopPauser } from '../db/event-loop.js';
import { citizensWithoutConsultantByTeam, endingMentorSupportByRecipient, type CitizenWithoutConsultant, type EndingMentorSupport } from '../db/continuity-queries.js';
import type { JobDeps } from './job.js';
import { morningRecipients } from './morning-recipients.js';
import { ButtonBudget, groupByOnBehalf, groupLabel, standInNotes, type ItemView } from './reminder-layout.js';
import { Repetition, weeklyRepeatedBlocks, type RepeatItem } from './repetition.js';

export const KIND = 'checkins';
/** Overdue sub-goals are counted and escalated on their own (their own escalation message per day). */
export const SUB_GOAL_KIND = 'subgoals';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  // Every role: caseworkers for their own citizens, managers for those whose caseworker left.
  const { today, recipients: todo, keyOf } = await morningRecipients(deps, KIND, undefined, now);
  if (todo.length === 0) return 0;
  const facts = await checkInFactsByRecipient(deps.prisma, todo, today);
  // Only the subjects this plan looks up: check-ins and overdue sub-goals.
  const states = await reminderStates(deps.prisma, todo.map((s) => s.id), ['checkin', 'subgoal']);
  const repetition = await Repetition.start(deps.prisma, KIND, today, todo);
  // Sub-goals past their deadline (issue 14), below the check-ins: routed like check-ins (cover while
  // away, managers for a leaver's citizens) and, reminded the team's number of times, passed on to the managers.
  const lateGoals = await overdueSubGoalsByRecipient(deps.prisma, todo, today);
  const goalRepetition = await Repetition.start(deps.prisma, SUB_GOAL_KIND, today, todo);
  // Continuity (issue 14): managers see their team's citizens without a consultant for too long;
  // the caseworker (else the consultant) sees mentor support about to end. Once a day, in this message.
  const managerTeams = [...new Set(todo.flatMap((s) => (s.role === 'MANAGER' && s.teamId ? [s.teamId] : [])))];
  const withoutConsultant = await citizensWithoutConsultantByTeam(deps.prisma, managerTeams, today);
  const mentorEnds = await endingMentorSupportByRecipient(deps.prisma, todo.map((s) => s.id), today);
  const deliveries: NewDelivery[] = [];
  const nothingDue: NothingDue[] = [];
  const pause = loopPauser();
  for (const s of todo) {
    await pause();
    const mine = states.get(s.id) ?? new Map();
    const full = planCheckIns(today, facts.get(s.id) ?? [], mine);
    // Reminded the team's number of times: passed on to the managers, then weekly only.
    const { daily, weekly } = repetition.plan(s, full.due, (i) => checkInRepeatItem(i, today), mine);
    const plan = { due: daily, week: full.week };
    const goalSplit = goalRepetition.plan(s, lateGoals.get(s.id) ?? [], subGoalRepeatItem, mine);
    const goals = goalSplit.daily;
    const unassigned = s.role === 'MANAGER' && s.teamId ? (withoutConsultant.get(s.teamId) ?? []) : [];
    const mentors = mentorEnds.get(s.id) ?? [];
    const repeated = [...weekly.map((i) => checkInRepeatItem(i, today)), ...goalSplit.weekly.map(subGoalRepeatItem)];
    if (isEmptyCheckInPlan(plan) && repeated.length === 0 && goals.length === 0 && unassigned.length === 0 && mentors.length === 0) {
      // Nobody gets an empty message; the record keeps later ticks from planning again today.
      nothingDue.push({ key: keyOf(s.id), kind: KIND, teamId: s.teamId, recipientId: s.id, audience: 'dm' });
      continue;
    }
    repetition.sent(s.id, daily.map((i) => i.subject));
    goalRepetition.sent(s.id, goals.map((g) => g.subject));
    const citizenIds = [...plan.due, ...plan.week.flatMap((d) => d.items), ...weekly, ...goals, ...goalSplit.weekly, ...unassigned, ...mentors].map((i) => i.citizenId);
    const checkIns = withLateSubGoals(checkInReply(plan, s.locale, today, repeated, s.team?.escalateAfterReminders), goals, s.locale);
    const payload = withContinuity(checkIns, unassigned, mentors, s.locale, today);
    deliveries.push({ key: keyOf(s.id), kind: KIND, teamId: s.teamId, recipientId: s.id, audience: 'dm', payload, citizenIds });
  }
  await repetition.save(deps.prisma);
  await goalRepetition.save(deps.prisma);
  await recordNothingDue(deps.prisma, nothingDue, now);
  return enqueueDeliveries(deps.prisma, [...deliveries, ...repetition.escalations, ...goalRepetition.escalations], now);
}

function checkInWhen(item: DueCheckIn, locale: Locale, today: string): string {
  const t = messagesFor(locale).reminders;
  return item.daysOverdue > 0 ? t.overdue(item.daysOverdue) : item.due === today ? t.dueToday : t.dueOn(formatShortDateNear(item.due, locale, today));
}

function checkInRepeatItem(item: DueCheckIn, today: string): RepeatItem {
  return { subject: item.subject, citizenId: item.citizenId, text: (locale) => messagesFor(locale).reminders.checkInLine(item.ref, checkInWhen(item, locale, today)) };
}

export function checkInReply(plan: CheckInPlan, locale: Locale, today: string, repeated: readonly RepeatItem[] = [], escalateAfter?: number | null): Reply {
  const t = messagesFor(locale).reminders;
  const blocks: ReplyBlock[] = [{ type: 'header', text: t.checkInTitle }];
  if (plan.due.length === 0 && repeated.length === 0) blocks.push({ type: 'text', text: t.noneDueToday });
  else blocks.push({ type: 'text', text: t.checkInIntro(plan.due.length) });
  const weekItems = plan.week.flatMap((d) => d.items);
  const groups = groupByOnBehalf([...plan.due, ...weekItems], (i) => i.onBehalfOf);
  blocks.push(...standInNotes(messagesFor(locale), groups.map((g) => g.onBehalfOf)));
  const budget = new ButtonBudget();
  const view = (item: DueCheckIn): ItemView => {
    return {
      text: t.checkInLine(item.ref, checkInWhen(item, locale, today)),
      actions: [
        { id: 'meeting.log', label: t.logMeeting, value: item.ref, style: 'primary' },
        { id: 'reminder.snooze', label: t.snooze, value: item.subject },
        { id: 'reminder.done', label: t.done, value: item.subject },
      ],
    };
  };
  for (const group of groups) {
    const key = onBehalfKey(group.onBehalfOf);
    if (group.onBehalfOf) blocks.push({ type: 'text', text: groupLabel(messagesFor(locale), group.onBehalfOf) });
    blocks.push(...budget.blocks(plan.due.filter((i) => onBehalfKey(i.onBehalfOf) === key).map(view)));
    const week = plan.week
      .map((d) => ({ day: d.day, refs: d.items.filter((i) => onBehalfKey(i.onBehalfOf) === key).map((i) => i.ref) }))
      .filter((d) => d.refs.length > 0);
    if (week.length > 0) blocks.push({ type: 'list', title: t.weekTitle, items: week.map((d) => t.weekDay(formatShortDateNear(d.day, locale, today), d.refs)) });
  }
  blocks.push(...budget.hint(t));
  blocks.push(...weeklyRepeatedBlocks(repeated, locale, escalateAfter));
  const fallback = isEmptyCheckInPlan(plan) && repeated.length > 0 ? messagesFor(locale).repetition.weeklyFallback(repeated.length) : t.checkInFallback(plan.due.length, weekItems.length);
  return okReply(fallback, blocks);
}

function subGoalRepeatItem(goal: OverdueSubGoal): RepeatItem {
  return { subject: goal.subject, citizenId: goal.citizenId, text: (locale) => messagesFor(locale).goals.morningLine(goal.ref, goal.number, goal.daysOverdue) };
}

/** Adds the sub-goals past their deadline to the morning message: one list, then one per person stood in for. */
export function withLateSubGoals(reply: Reply, goals: readonly OverdueSubGoal[], locale: Locale): Reply {
  if (goals.length === 0) return reply;
  const m = messagesFor(locale);
  const t = m.goals;
  const blocks: ReplyBlock[] = [];
  for (const group of groupByOnBehalf(goals, (g) => g.onBehalfOf)) {
    if (group.onBehalfOf) blocks.push({ type: 'text', text: groupLabel(m, group.onBehalfOf) });
    blocks.push({ type: 'list', title: t.morningTitle, items: group.items.map((g) => t.morningLine(g.ref, g.number, g.daysOverdue)) });
  }
  return { ...reply, text: `${reply.text}\n${t.morningTitle}: ${goals.length}`, blocks: [...reply.blocks, ...blocks] };
}

/** Adds the continuity lists (issue 14): mentor support about to end, and for managers citizens without a consultant. */
export function withContinuity(reply: Reply, unassigned: readonly CitizenWithoutConsultant[], mentors: readonly EndingMentorSupport[], locale: Locale, today: string): Reply {
  if (unassigned.length === 0 && mentors.length === 0) return reply;
  const t = messagesFor(locale).continuity;
  const blocks = [...reply.blocks];
  const text = [reply.text];
  if (mentors.length) {
    const items = mentors.map((m) => t.mentorMorningLine(m.ref, t.mentorKind[m.kind], formatShortDateNear(m.endOn, locale, today)));
    blocks.push({ type: 'list', title: t.mentorMorningTitle, items });
    text.push(`${t.mentorMorningTitle}: ${mentors.length}`);
  }
  if (unassigned.length) {
    blocks.push({ type: 'list', title: t.noConsultantTitle, items: unassigned.map((c) => t.noConsultantLine(c.ref, c.days)) });
    blocks.push({ type: 'context', text: t.noConsultantHint });
    text.push(`${t.noConsultantTitle}: ${unassigned.length}`);
  }
  return { ...reply, text: text.join('\n'), blocks };
}
