// Who gets a personal morning message of a kind right now: active staff (of
// the given roles, or all) whose own reminder time has come today, who are not
// away, and whose slot of that kind has not been planned yet today (a sent
// message or a recorded "nothing due" both count: the plan at the reminder
// time is final for the day).
import { dailySlot, deliveryKey, isAway, isSlotOpen } from '../domain/reminder-rules.js';
import { todayIn, type LocalDate } from '../domain/local-date.js';
import { existingDeliveryKeys } from '../db/outbox-queries.js';
import { activeTeamStaff, awayUntilOf, type Recipient } from '../db/reminder-queries.js';
import type { Staff } from '../db/types.js';
import type { JobDeps } from './job.js';

export interface MorningRecipients {
  today: LocalDate;
  recipients: Recipient[];
  /** The delivery key of the recipient's message today. */
  keyOf(staffId: string): string;
}

export async function morningRecipients(deps: JobDeps, kind: string, roles: ReadonlyArray<Staff['role']> | undefined, now: Date): Promise<MorningRecipients> {
  const today = todayIn(now);
  const keyOf = (staffId: string) => deliveryKey(kind, 'daily', staffId, today);
  const staff = await activeTeamStaff(deps.prisma, roles);
  // A few distinct reminder times among 850 staff: each slot worked out once, not per person.
  const slots = new Map<string, ReturnType<typeof dailySlot>>();
  const slotAt = (time: string) => (slots.has(time) ? slots.get(time) : slots.set(time, dailySlot(today, time)).get(time));
  const open = staff.filter((s) => {
    const slot = slotAt(s.reminderTime);
    return slot && isSlotOpen(slot, now) && !isAway(awayUntilOf(s), today);
  });
  const existing = await existingDeliveryKeys(deps.prisma, open.map((s) => keyOf(s.id)));
  return { today, recipients: open.filter((s) => !existing.has(keyOf(s.id))), keyOf };
}
