// Optional: a team with teamMeetingEveryDays set gets a post in its channel
// on each meeting day at the digest time (seed 001: every 14 days). The
// cadence counts from the Monday of the week the team was created; a
// meeting day that is not a working day is reminded on the working day before.
import { formatShortDate } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { startOfIsoWeek, todayIn } from '../domain/local-date.js';
import { deliveryKey, isSlotOpen, slotWindow, teamMeetingOccurrence } from '../domain/reminder-rules.js';
import { okReply } from '../domain/reply.js';
import { enqueueDeliveries, existingDeliveryKeys } from '../db/outbox-queries.js';
import type { JobDeps } from './job.js';

export const KIND = 'teammeeting';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const today = todayIn(now);
  const teams = await deps.prisma.team.findMany({ where: { teamMeetingEveryDays: { not: null } } });
  let count = 0;
  for (const team of teams) {
    const occurrence = teamMeetingOccurrence(today, startOfIsoWeek(todayIn(team.createdAt)), team.teamMeetingEveryDays ?? 0);
    if (!occurrence || !isSlotOpen(slotWindow(today, team.digestTime), now)) continue;
    const key = deliveryKey(KIND, `meeting:${occurrence}`, `team:${team.id}`, today);
    if ((await existingDeliveryKeys(deps.prisma, [key])).size > 0) continue;
    const t = messagesFor('da').reminders;
    const text = t.teamMeeting(formatShortDate(occurrence, 'da'));
    count += await enqueueDeliveries(deps.prisma, [{ key, kind: KIND, teamId: team.id, recipientId: null, audience: 'team', payload: okReply(text, [{ type: 'text', text }], 'channel') }], now);
  }
  return count;
}
