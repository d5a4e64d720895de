// The team channel, on the week's first working day at the team's digest
// time (Monday 09:00 by default; Tuesday after 2. påskedag): last week's
// meetings (and how many on time), placement starts and outcomes, this
// month's targets (the team's and each person's) with progress bars and the
// pace still needed, the readiness pipeline, overdue check-ins per person,
// and the team chart (src/charts/team-chart.ts). Counts only: a channel
// never sees a citizen.
import { formatMonth } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { isoWeekOf, startOfMonth, todayIn, type LocalDate } from '../domain/local-date.js';
import { deliveryKey, isSlotOpen, weeklyDigestSlot } from '../domain/reminder-rules.js';
import { workingDaysLeftInMonth } from '../domain/target-progress.js';
import { okReply, type Reply, type ReplyBlock } from '../domain/reply.js';
import { digestFacts, digestPeriod, type DigestFacts } from '../db/digest-queries.js';
import { enqueueDeliveries, existingDeliveryKeys, type NewDelivery } from '../db/outbox-queries.js';
import { monthTargetsOf, type MonthTargets } from '../db/month-target-queries.js';
import { pipelinesOf, type Pipeline } from '../db/pipeline-queries.js';
import { teamChartNumbersOf } from '../db/team-chart-queries.js';
import { pipelineBlock, targetBlocks } from './pipeline-blocks.js';
import type { Db } from '../db/types.js';
import { chartAttachment } from '../charts/team-chart.js';
import type { Log } from '../logger.js';
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
  const digests = await teamDigests(deps.prisma, due.map((o) => o.team), today, deps.log);
  const deliveries: NewDelivery[] = due.map(({ team, key }) => ({ key, kind: KIND, teamId: team.id, recipientId: null, audience: 'team', payload: digests.get(team.id)! }));
  return enqueueDeliveries(deps.prisma, deliveries, now);
}

/**
 * Every team's digest as posted, with its chart: the week, this month's
 * targets, the pipeline and the chart's numbers read for all teams at once
 * (a constant number of statements, issue 15), the charts drawn off the main
 * thread (src/charts/render-png.ts) meanwhile.
 */
export async function teamDigests(db: Db, teams: ReadonlyArray<{ id: string; name: string }>, today: LocalDate, log?: Log): Promise<Map<string, Reply>> {
  const out = new Map<string, Reply>();
  if (teams.length === 0) return out;
  const ids = teams.map((t) => t.id);
  const month = startOfMonth(today);
  // The month so far against its targets and the six months before, as a picture (issue 14): read
  // first, so the charts are drawn in their workers while this thread reads the rest.
  const numbers = await teamChartNumbersOf(db, ids, month);
  const drawing = Promise.all(teams.map((team) => chartAttachment(team, month, 'da', numbers.get(team.id) ?? [], log)));
  const read = await digestReads(db, ids, today);
  const charts = await drawing;
  teams.forEach((team, i) => {
    const reply = digestFromReads(today, read(team.id));
    const chart = charts[i];
    out.set(team.id, chart ? { ...reply, attachment: chart } : reply);
  });
  return out;
}

/** The digest as posted, without the chart; team channels speak Danish. */
export async function digestReply(db: Db, teamId: string, today: LocalDate): Promise<Reply> {
  return digestFromReads(today, (await digestReads(db, [teamId], today))(teamId));
}

interface DigestReads {
  facts: DigestFacts;
  monthly: MonthTargets;
  pipeline: Pipeline;
}

/** What the digests of `teamIds` show, read for all of them at once: the week (digestFacts), this month's targets and the pipeline. */
async function digestReads(db: Db, teamIds: readonly string[], today: LocalDate): Promise<(teamId: string) => DigestReads> {
  const month = startOfMonth(today);
  const facts = await digestFacts(db, teamIds, today);
  const monthly = await monthTargetsOf(db, teamIds, month, today);
  const pipelines = await pipelinesOf(db, teamIds.map((teamId) => ({ teamId })), month, today);
  return (teamId) => ({ facts: facts.get(teamId)!, monthly: monthly.get(teamId) ?? { team: [], people: [] }, pipeline: pipelines({ teamId }) });
}

function digestFromReads(today: LocalDate, { facts, monthly, pipeline }: DigestReads): Reply {
  const m = messagesFor('da');
  const t = m.reminders;
  const lastWeekStart = digestPeriod(today).from;
  const { numbers, hours: more, overdue } = facts;
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
  if (monthly.team.length === 0 && monthly.people.length === 0) {
    blocks.push({ type: 'text', text: t.noTargets(monthName) });
  } else {
    blocks.push(...targetBlocks(m, monthly, workingDaysLeftInMonth(today, month), monthName));
  }
  blocks.push(pipelineBlock(m, pipeline, monthName));

  // The same "overdue per person" as /caseload team: check-ins for caseworkers, follow-ups for consultants.
  const items = overdue.people
    .map((p) => ({ handle: p.handle, count: p.checkIns + p.followUps }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count || a.handle.localeCompare(b.handle))
    .map((x) => t.overduePerson(x.handle, x.count));
  blocks.push(items.length ? { type: 'list', title: t.overdueTitle, items } : { type: 'context', text: t.noOverdue });
  return okReply(t.digestFallback(numbers.meetings, numbers.placementsStarted, numbers.outcomes), blocks, 'channel');
}
