// Consultants, in May (from the first working day, at their reminder time):
// their active placements that run into July, to plan against drop-out over
// the summer holidays (seed 001). Once per person and year. The placements
// are routed like the morning reminders (placementRoute): the citizen's
// consultant, else the caseworker, else the team's managers standing in.
import { formatShortDateNear } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { compareLocalDate, todayIn } from '../domain/local-date.js';
import { deliveryKey, isAway, isSlotOpen, runsIntoJuly, summerSlot } from '../domain/reminder-rules.js';
import { okReply, type ReplyBlock } from '../domain/reply.js';
import { enqueueDeliveries, existingDeliveryKeys, type NewDelivery } from '../db/outbox-queries.js';
import { activeTeamStaff, awayUntilOf, placementFactsByRecipient } from '../db/reminder-queries.js';
import type { JobDeps } from './job.js';
import { groupByOnBehalf, groupLabel } from './reminder-layout.js';

export const KIND = 'summer';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const today = todayIn(now);
  // Outside May's window (its first working day from midnight to the end of May) nobody's slot can be open: no query.
  const window = summerSlot(today, '00:00');
  if (!window || !isSlotOpen(window.slot, now)) return 0;
  const open = (await activeTeamStaff(deps.prisma)).flatMap((s) => {
    const summer = summerSlot(today, s.reminderTime);
    return summer && isSlotOpen(summer.slot, now) && !isAway(awayUntilOf(s), today) ? [{ staff: s, year: summer.year }] : [];
  });
  if (open.length === 0) return 0;
  const keyOf = (staffId: string, year: number) => deliveryKey(KIND, `year:${year}`, staffId, String(year));
  const existing = await existingDeliveryKeys(deps.prisma, open.map((o) => keyOf(o.staff.id, o.year)));
  const todo = open.filter((o) => !existing.has(keyOf(o.staff.id, o.year)));
  if (todo.length === 0) return 0;
  const facts = await placementFactsByRecipient(deps.prisma, todo.map((o) => o.staff), today);
  const deliveries: NewDelivery[] = [];
  for (const { staff: s, year } of todo) {
    const july = (facts.get(s.id) ?? [])
      .filter((p) => runsIntoJuly(p, year))
      .sort((a, b) => compareLocalDate(a.plannedEndOn, b.plannedEndOn) || a.ref.localeCompare(b.ref));
    if (july.length === 0) continue;
    const t = messagesFor(s.locale).reminders;
    const blocks: ReplyBlock[] = [
      { type: 'header', text: `☀️ ${t.summerTitle}` },
      { type: 'text', text: t.summerIntro(july.length) },
    ];
    for (const group of groupByOnBehalf(july, (p) => p.onBehalfOf)) {
      const items = group.items.map((p) => t.summerLine(p.ref, p.company, formatShortDateNear(p.plannedEndOn, s.locale, today)));
      blocks.push({ type: 'list', ...(group.onBehalfOf ? { title: groupLabel(messagesFor(s.locale), group.onBehalfOf) } : {}), items });
    }
    const citizenIds = july.map((p) => p.citizenId);
    deliveries.push({ key: keyOf(s.id, year), kind: KIND, teamId: s.teamId, recipientId: s.id, audience: 'dm', payload: okReply(t.summerIntro(july.length), blocks), citizenIds });
  }
  return enqueueDeliveries(deps.prisma, deliveries, now);
}
