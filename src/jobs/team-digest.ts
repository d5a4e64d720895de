// The team channel, on the week's first working day at the team's digest
// time (Monday 09:00 by default; Tuesday after 2. påskedag): last week's
// meetings (and how many on time), placement starts and outcomes, this
// month's targets with progress bars and the pace still needed, and overdue
// check-ins per person, and the team chart (src/charts/team-chart.ts).
// Counts only: a channel never sees a citizen.
import { TARGET_METRICS } from '../domain/enums.js';
import { formatMonth } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { addDays, isoWeekOf, startOfIsoWeek, startOfMonth, toDbDate, todayIn } from '../domain/local-date.js';
import { deliveryKey, isSlotOpen, weeklyDigestSlot } from '../domain/reminder-rules.js';
import { targetLine, workingDaysLeftInMonth } from '../domain/target-progress.js';
import { okReply, type Reply, type ReplyBlock } from '../domain/reply.js';
import { overdueByPerson } from '../db/caseload-queries.js';
import { enqueueDeliveries, existingDeliveryKeys } from '../db/outbox-queries.js';
import { teamNumbers } from '../db/reminder-queries.js';
import { teamHoursIncreases } from '../db/job-result-queries.js';
import { actualForMetric } from '../db/target-queries.js';
import type { Db } from '../db/types.js';
import { teamChartAttachment } from '../charts/team-chart.js';
import type { JobDeps } from './job.js';

export const KIND = 'digest';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const today = todayIn(now);
  const open = (await deps.prisma.team.findMany()).flatMap((team) => {
    const slot = weeklyDigestSlot(today, team.digestTime);
    if (!slot || !isSlotOpen(slot, now)) return [];
    const week = isoWeekOf(slot.date);
    return [{ team, key: deliveryKey(KIND, `week:${week.year}-${week.week}`, `team:${team.id}`, slot.date) }];
  });
  const existing = await existingDeliveryKeys(deps.prisma, open.map((o) => o.key));
  let count = 0;
  for (const { team, key } of open) {
    if (existing.has(key)) continue;
    const reply = await digestReply(deps.prisma, team.id, today);
    // The month so far against its targets and the six months before, as a picture (issue 14).
    const chart = await teamChartAttachment(deps.prisma, team, startOfMonth(today), 'da', deps.log);
    const payload = chart ? { ...reply, attachment: chart } : reply;
    count += await enqueueDeliveries(deps.prisma, [{ key, kind: KIND, teamId: team.id, recipientId: null, audience: 'team', payload }], now);
  }
  return count;
}

/** The digest as posted; team channels speak Danish. */
export async function digestReply(db: Db, teamId: string, today: string): Promise<Reply> {
  const m = messagesFor('da');
  const t = m.reminders;
  const lastWeekStart = addDays(startOfIsoWeek(today), -7);
  const lastWeekEnd = addDays(lastWeekStart, 6);
  const numbers = await teamNumbers(db, teamId, lastWeekStart, lastWeekEnd);
  // Ordinary hours as progression: more hours is not a new result, but the team sees it.
  const more = await teamHoursIncreases(db, teamId, lastWeekStart, lastWeekEnd);
  const blocks: ReplyBlock[] = [
    { type: 'header', text: `📊 ${t.digestTitle(isoWeekOf(today).week)}` },
    {
      type: 'list',
      title: t.digestLastWeek(isoWeekOf(lastWeekStart).week),
      items: [
        t.meetingsLine(numbers.meetings, numbers.meetingsOnTime),
        t.placementsLine(numbers.placementsStarted),
        t.outcomesLine(numbers.outcomes),
        ...(more.citizens > 0 ? [m.hours.digestLine(more.citizens, more.added)] : []),
      ],
    },
  ];

  const month = startOfMonth(today);
  const monthName = formatMonth(month, 'da');
  const targets = await db.monthlyTarget.findMany({ where: { teamId, month: toDbDate(month) } });
  if (targets.length === 0) {
    blocks.push({ type: 'text', text: t.noTargets(monthName) });
  } else {
    const daysLeft = workingDaysLeftInMonth(today, month);
    const words = { line: t.targetLine, pace: t.pace, reached: t.reached };
    const lines: string[] = [];
    for (const metric of TARGET_METRICS) {
      const target = targets.find((x) => x.metric === metric);
      if (!target) continue;
      lines.push(targetLine(words, m.labels.targetMetric[metric], await actualForMetric(db, teamId, metric, month), target.target, daysLeft));
    }
    blocks.push({ type: 'list', title: t.targetsTitle(monthName), items: lines });
  }

  // The same "overdue per person" as /caseload team: check-ins for caseworkers, follow-ups for consultants.
  const overdue = await overdueByPerson(db, teamId, today);
  const items = overdue.people
    .map((p) => ({ handle: p.handle, count: p.checkIns + p.followUps }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count || a.handle.localeCompare(b.handle))
    .map((x) => t.overduePerson(x.handle, x.count));
  blocks.push(items.length ? { type: 'list', title: t.overdueTitle, items } : { type: 'context', text: t.noOverdue });
  return okReply(t.digestFallback(numbers.meetings, numbers.placementsStarted, numbers.outcomes), blocks, 'channel');
}
