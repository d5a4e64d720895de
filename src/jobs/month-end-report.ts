// Managers, on the last working day of the month at 14:00: the milestone
// report. Each target met or missed, and the year so far. Counts only.
import { TARGET_METRICS } from '../domain/enums.js';
import { formatMonth } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { toDbDate, todayIn } from '../domain/local-date.js';
import { deliveryKey, isAway, isSlotOpen, monthEndSlot, yearToDate } from '../domain/reminder-rules.js';
import { okReply, type Reply, type ReplyBlock } from '../domain/reply.js';
import type { Locale } from '../domain/enums.js';
import { enqueueDeliveries, existingDeliveryKeys, type NewDelivery } from '../db/outbox-queries.js';
import { activeTeamStaff, awayUntilOf } from '../db/reminder-queries.js';
import { actualForMetric } from '../db/target-queries.js';
import type { Db } from '../db/types.js';
import type { JobDeps } from './job.js';

export const KIND = 'monthend';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const today = todayIn(now);
  const { month, slot } = monthEndSlot(today);
  if (!isSlotOpen(slot, now)) return 0;
  const managers = (await activeTeamStaff(deps.prisma, ['MANAGER'])).filter((s) => !isAway(awayUntilOf(s), today));
  const keyOf = (id: string) => deliveryKey(KIND, `month:${month}`, id, month);
  const existing = await existingDeliveryKeys(deps.prisma, managers.map((s) => keyOf(s.id)));
  const deliveries: NewDelivery[] = [];
  for (const s of managers) {
    if (existing.has(keyOf(s.id)) || !s.teamId) continue;
    deliveries.push({ key: keyOf(s.id), kind: KIND, teamId: s.teamId, recipientId: s.id, audience: 'dm', payload: await monthEndReply(deps.prisma, s.teamId, month, s.locale) });
  }
  return enqueueDeliveries(deps.prisma, deliveries, now);
}

export async function monthEndReply(db: Db, teamId: string, month: string, locale: Locale): Promise<Reply> {
  const m = messagesFor(locale);
  const t = m.reminders;
  const monthStart = `${month}-01`;
  const year = month.slice(0, 4);
  const targets = await db.monthlyTarget.findMany({ where: { teamId, month: { gte: toDbDate(`${year}-01-01`), lte: toDbDate(monthStart) } } });
  const lines: string[] = [];
  const yearLines: string[] = [];
  let met = 0;
  let total = 0;
  for (const metric of TARGET_METRICS) {
    const label = m.labels.targetMetric[metric];
    const actual = await actualForMetric(db, teamId, metric, monthStart);
    const target = targets.find((x) => x.metric === metric && x.month.getTime() === toDbDate(monthStart).getTime());
    if (target) {
      total++;
      if (actual >= target.target) met++;
      lines.push(actual >= target.target ? t.metricMet(label, actual, target.target) : t.metricMissed(label, actual, target.target));
    } else {
      lines.push(t.metricNoTarget(label, actual));
    }
    // Like with like: targets exist only for some months, so they are set against those months' actuals.
    const perMonth: Array<{ actual: number; target: number | undefined }> = [];
    for (let mo = 1; mo <= Number(month.slice(5, 7)); mo++) {
      const first = `${year}-${String(mo).padStart(2, '0')}-01`;
      const monthTarget = targets.find((x) => x.metric === metric && x.month.getTime() === toDbDate(first).getTime());
      perMonth.push({ actual: first === monthStart ? actual : await actualForMetric(db, teamId, metric, first), target: monthTarget?.target });
    }
    yearLines.push(t.yearLine(label, yearToDate(perMonth)));
  }
  const monthName = formatMonth(month, locale);
  const blocks: ReplyBlock[] = [
    { type: 'header', text: `🏁 ${t.monthEndTitle(monthName)}` },
    { type: 'list', items: lines },
    { type: 'list', title: t.yearSoFar(year), items: yearLines },
  ];
  return okReply(t.monthEndFallback(monthName, met, total), blocks);
}
