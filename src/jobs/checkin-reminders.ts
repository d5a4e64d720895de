// Caseworkers, each working morning at their reminder time: one DM listing
// the check-ins due today or overdue (oldest first), with Log meeting /
// Snooze / Done; the week's first working day adds the rest of the week by
// day. Nothing due, nothing sent.
import { formatShortDate } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { isEmptyCheckInPlan, planCheckIns, type CheckInPlan } from '../domain/reminder-rules.js';
import { okReply, type Reply, type ReplyBlock } from '../domain/reply.js';
import type { Locale } from '../domain/enums.js';
import { enqueueDeliveries, type NewDelivery } from '../db/outbox-queries.js';
import { checkInFactsByCaseworker, reminderStates } from '../db/reminder-queries.js';
import { MAX_ITEMS_WITH_ACTIONS, type JobDeps } from './job.js';
import { morningRecipients } from './morning-recipients.js';

export const KIND = 'checkins';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const { today, recipients: todo, keyOf } = await morningRecipients(deps, KIND, ['CASEWORKER'], now);
  if (todo.length === 0) return 0;
  const facts = await checkInFactsByCaseworker(deps.prisma, todo.map((s) => s.id));
  const states = await reminderStates(deps.prisma, todo.map((s) => s.id));
  const deliveries: NewDelivery[] = [];
  for (const s of todo) {
    const plan = planCheckIns(today, facts.get(s.id) ?? [], states.get(s.id) ?? new Map());
    if (isEmptyCheckInPlan(plan)) continue; // nobody gets an empty message
    deliveries.push({ key: keyOf(s.id), kind: KIND, teamId: s.teamId, recipientId: s.id, audience: 'dm', payload: checkInReply(plan, s.locale, today) });
  }
  return enqueueDeliveries(deps.prisma, deliveries, now);
}

export function checkInReply(plan: CheckInPlan, locale: Locale, today: string): Reply {
  const t = messagesFor(locale).reminders;
  const blocks: ReplyBlock[] = [{ type: 'header', text: t.checkInTitle }];
  if (plan.due.length === 0) blocks.push({ type: 'text', text: t.noneDueToday });
  else blocks.push({ type: 'text', text: t.checkInIntro(plan.due.length) });
  for (const item of plan.due.slice(0, MAX_ITEMS_WITH_ACTIONS)) {
    const when = item.daysOverdue > 0 ? t.overdue(item.daysOverdue) : item.due === today ? t.dueToday : t.dueOn(formatShortDate(item.due, locale));
    blocks.push({ type: 'text', text: t.checkInLine(item.ref, when) });
    blocks.push({
      type: 'actions',
      actions: [
        { id: 'meeting.log', label: t.logMeeting, value: item.ref, style: 'primary' },
        { id: 'reminder.snooze', label: t.snooze, value: item.subject },
        { id: 'reminder.done', label: t.done, value: item.subject },
      ],
    });
  }
  if (plan.due.length > MAX_ITEMS_WITH_ACTIONS) blocks.push({ type: 'context', text: t.more(plan.due.length - MAX_ITEMS_WITH_ACTIONS) });
  if (plan.week.length > 0) {
    blocks.push({
      type: 'list',
      title: t.weekTitle,
      items: plan.week.map((d) => t.weekDay(formatShortDate(d.day, locale), d.items.map((i) => i.ref))),
    });
  }
  const laterCount = plan.week.reduce((sum, d) => sum + d.items.length, 0);
  return okReply(t.checkInFallback(plan.due.length, laterCount), blocks);
}
