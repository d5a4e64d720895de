// Consultants, each working morning at their reminder time: one DM with the
// placements that need them today: monthly follow-ups due, the day-14
// "extend or end?" decision and any planned end (from two working days
// before), and a nudge when a placement started without a three-party meeting.
// Each placement item carries Log follow-up (opens the follow-up form for the
// citizen), Snooze 1 day and Done.
import { formatShortDate } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { planConsultantItems, type ConsultantItem } from '../domain/reminder-rules.js';
import { okReply, type Reply, type ReplyBlock } from '../domain/reply.js';
import type { Locale, PlacementType } from '../domain/enums.js';
import { enqueueDeliveries, type NewDelivery } from '../db/outbox-queries.js';
import { placementFactsByConsultant, reminderStates } from '../db/reminder-queries.js';
import { MAX_ITEMS_WITH_ACTIONS, type JobDeps } from './job.js';
import { morningRecipients } from './morning-recipients.js';

export const KIND = 'placements';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const { today, recipients: todo, keyOf } = await morningRecipients(deps, KIND, ['CONSULTANT'], now);
  if (todo.length === 0) return 0;
  const facts = await placementFactsByConsultant(deps.prisma, todo.map((s) => s.id), today);
  const states = await reminderStates(deps.prisma, todo.map((s) => s.id));
  const deliveries: NewDelivery[] = [];
  for (const s of todo) {
    const items = planConsultantItems(today, facts.get(s.id) ?? [], states.get(s.id) ?? new Map());
    if (items.length === 0) continue;
    deliveries.push({ key: keyOf(s.id), kind: KIND, teamId: s.teamId, recipientId: s.id, audience: 'dm', payload: consultantReply(items, s.locale, today) });
  }
  return enqueueDeliveries(deps.prisma, deliveries, now);
}

export function consultantItemText(item: ConsultantItem, locale: Locale, today: string): string {
  const m = messagesFor(locale);
  const t = m.reminders;
  const { ref, company } = item.fact;
  switch (item.kind) {
    case 'followup': {
      const when = item.daysOverdue > 0 ? t.overdue(item.daysOverdue) : item.due === today ? t.dueToday : t.dueOn(formatShortDate(item.due, locale));
      return t.followUpLine(ref, company, when);
    }
    case 'decision':
      return t.decisionLine(ref, company, formatShortDate(item.due, locale), item.workingDaysLeft);
    case 'end':
      return t.endLine(ref, company, m.labels.placementType[item.fact.type as PlacementType] ?? item.fact.type, formatShortDate(item.due, locale), item.workingDaysLeft);
    case 'threeparty':
      return t.threePartyLine(ref, company);
  }
}

export function consultantReply(items: readonly ConsultantItem[], locale: Locale, today: string): Reply {
  const t = messagesFor(locale).reminders;
  const blocks: ReplyBlock[] = [{ type: 'header', text: t.consultantTitle }];
  for (const item of items.slice(0, MAX_ITEMS_WITH_ACTIONS)) {
    blocks.push({ type: 'text', text: consultantItemText(item, locale, today) });
    if (item.kind === 'decision') blocks.push({ type: 'context', text: t.decisionHint });
    // "Log follow-up" opens the follow-up form with the citizen filled in (action ids from forms.ts).
    const logFollowUp = item.kind === 'threeparty' ? [] : [{ id: 'followup.log', label: t.logFollowUp, value: item.fact.ref, style: 'primary' as const }];
    blocks.push({
      type: 'actions',
      actions: [
        ...logFollowUp,
        { id: 'reminder.snooze', label: t.snooze, value: item.subject },
        { id: 'reminder.done', label: t.done, value: item.subject },
      ],
    });
  }
  if (items.length > MAX_ITEMS_WITH_ACTIONS) blocks.push({ type: 'context', text: t.more(items.length - MAX_ITEMS_WITH_ACTIONS) });
  return okReply(t.consultantFallback(items.length), blocks);
}
