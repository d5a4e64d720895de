// The team channel, on the week's first working day at the team's digest
// time (Monday 09:00 by default; Tuesday after 2. påskedag): last week's
// meetings (and how many on time), placement starts and outcomes, this
// month's targets (the team's and each person's) with progress bars and the
// pace still needed, the readiness pipeline, overdue check-ins per person,
// and the team chart (src/charts/team-chart.ts). Counts only: a channel
// never sees a citizen.
import { formatMonth } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { isoWeekOf, startOfMonth, todayIn } from '../domain/local-date.js';
import { deliveryKey, isSlotOpen, weeklyDigestSlot } from '../domain/reminder-rules.js';
import { workingDaysLeftInMonth } from '../domain/target-progress.js';
import { okReply, type Reply, type ReplyBlock } from '../domain/reply.js';
import { digestFacts, digestPeriod, type DigestFacts } from '../db/digest-queries.js';
import { enqueueDeliveries, existingDeliveryKeys, type NewDelivery } from '../db/outbox-queries.js';
import { monthTargets } from '../db/month-target-queries.js';
import { pipelineOf } from '../db/pipeline-queries.js';
import { pipelineBlock, targetBlocks } from './pipeline-blocks.js';
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
  const due = open.filter((o) => !existing.has(o.key));
  // Every team's week in one set of reads (digestFacts), not a dozen statements per team.
  const facts = await digestFacts(deps.prisma, due.map((o) => o.team.id), today);
  const deliveries: NewDelivery[] = [];
  for (const { team, key } of due) {
    const reply = await digestReply(deps.prisma, team.id, today, facts.get(team.id));
    // The month so far against its targets and the six months before, as a picture (issue 14).
    const chart = await teamChartAttachment(deps.prisma, team, startOfMonth(today), 'da', deps.log);
    const payload = chart ? { ...reply, attachment: chart } : reply;
    deliveries.push({ key, kind: KIND, teamId: team.id, recipientId: null, audience: 'team', payload });
  }
  return enqueueDeliveries(deps.prisma, deliveries, now);
}

/** The digest as posted; team channels speak Danish. `facts` when read for many teams at once (digestFacts). */
export async function digestReply(db: Db, teamId: string, today: string, facts?: DigestFacts): Promise<Reply> {
  const m = messagesFor('da');
  const t = m.reminders;
  const lastWeekStart = digestPeriod(today).from;
  const { numbers, hours: more, overdue } = facts ?? (await digestFacts(db, [teamId], today)).get(teamId)!;
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
  // Targets (the team's and each person's) and the pipeline are read per team (month-target-queries, pipeline-queries).
  const monthly = await monthTargets(db, teamId, month, today);
  if (monthly.team.length === 0 && monthly.people.length === 0) {
    blocks.push({ type: 'text', text: t.noTargets(monthName) });
  } else {
    blocks.push(...targetBlocks(m, monthly, workingDaysLeftInMonth(today, month), monthName));
  }
  blocks.push(pipelineBlock(m, await pipelineOf(db, { teamId }, month, today), monthName));

  // The same "overdue per person" as /caseload team: check-ins for caseworkers, follow-ups for consultants.
  const items = overdue.people
    .map((p) => ({ handle: p.handle, count: p.checkIns + p.followUps }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count || a.handle.localeCompare(b.handle))
    .map((x) => t.overduePerson(x.handle, x.count));
  blocks.push(items.length ? { type: 'list', title: t.overdueTitle, items } : { type: 'context', text: t.noOverdue });
  return okReply(t.digestFallback(numbers.meetings, numbers.placementsStarted, numbers.outcomes), blocks, 'channel');
}
