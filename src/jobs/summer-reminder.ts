// Consultants, in May (from the first working day, at their reminder time):
// their active placements that run into July, to plan against drop-out over
// the summer holidays (seed 001). Once per consultant and year.
import { formatShortDate } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { fromDbDate, todayIn } from '../domain/local-date.js';
import { deliveryKey, isAway, isSlotOpen, runsIntoJuly, summerSlot } from '../domain/reminder-rules.js';
import { okReply, type ReplyBlock } from '../domain/reply.js';
import { enqueueDeliveries, existingDeliveryKeys, type NewDelivery } from '../db/outbox-queries.js';
import { activeTeamStaff, awayUntilOf } from '../db/reminder-queries.js';
import type { JobDeps } from './job.js';

export const KIND = 'summer';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const today = todayIn(now);
  const consultants = (await activeTeamStaff(deps.prisma, ['CONSULTANT'])).filter((s) => !isAway(awayUntilOf(s), today));
  const deliveries: NewDelivery[] = [];
  for (const s of consultants) {
    const summer = summerSlot(today, s.reminderTime);
    if (!summer || !isSlotOpen(summer.slot, now)) continue;
    const key = deliveryKey(KIND, `year:${summer.year}`, s.id, String(summer.year));
    if ((await existingDeliveryKeys(deps.prisma, [key])).size > 0) continue;
    const placements = await deps.prisma.placement.findMany({
      where: { consultantId: s.id, status: 'ACTIVE', citizen: { status: 'ACTIVE' } },
      select: { company: true, startOn: true, plannedEndOn: true, citizen: { select: { ref: true } } },
      orderBy: { plannedEndOn: 'asc' },
    });
    const july = placements.filter((p) => runsIntoJuly({ startOn: fromDbDate(p.startOn), plannedEndOn: fromDbDate(p.plannedEndOn) }, summer.year));
    if (july.length === 0) continue;
    const t = messagesFor(s.locale).reminders;
    const blocks: ReplyBlock[] = [
      { type: 'header', text: `☀️ ${t.summerTitle}` },
      { type: 'text', text: t.summerIntro(july.length) },
      { type: 'list', items: july.map((p) => t.summerLine(p.citizen.ref, p.company, formatShortDate(fromDbDate(p.plannedEndOn), s.locale))) },
    ];
    deliveries.push({ key, kind: KIND, teamId: s.teamId, recipientId: s.id, audience: 'dm', payload: okReply(t.summerIntro(july.length), blocks) });
  }
  return enqueueDeliveries(deps.prisma, deliveries, now);
}
