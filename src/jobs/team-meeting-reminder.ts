// Optional: a team with teamMeetingEveryDays set gets a post in its channel
// on each meeting day at the digest time (seed 001: every 14 days). The
// cadence counts from the Monday of the week the team was created; a
// meeting day that is not a working day is reminded on the working day before.
import { formatShortDate } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { startOfIsoWeek, todayIn } from '../domain/local-date.js';
import { deliveryKey, isSlotOpen, slotWindow, teamMeetingOccurrence } from '../domain/reminder-rules.js';
import { okReply } from '../domain/reply.js';
import { enqueueDeliveries, existingDeliveryKeys, type NewDelivery } from '../db/outbox-queries.js';
import type { JobDeps } from './job.js';

export const KIND = 'teammeeting';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const today = todayIn(now);
  const teams = await deps.prisma.team.findMany({ where: { teamMeetingEveryDays: { not: null } } });
  const open = teams.flatMap((team) => {
    const occurrence = teamMeetingOccurrence(today, startOfIsoWeek(todayIn(team.createdAt)), team.teamMeetingEveryDays ?? 0);
    if (!occurrence || !isSlotOpen(slotWindow(today, team.digestTime), now)) return [];
    return [{ team, occurrence, key: deliveryKey(KIND, `meeting:${occurrence}`, `team:${team.id}`, today) }];
  });
  const existing = await existingDeliveryKeys(deps.prisma, open.map((o) => o.key));
  const t = messagesFor('da').reminders;
  const deliveries: NewDelivery[] = open
    .filter((o) => !existing.has(o.key))
    .map(({ team, occurrence, key }) => {
      const text = t.teamMeeting(formatShortDate(occurrence, 'da'));
      return { key, kind: KIND, teamId: team.id, recipientId: null, audience: 'team', payload: okReply(text, [{ type: 'text', text }], 'channel') };
    });
  return enqueueDeliveries(deps.prisma, deliveries, now);
}
