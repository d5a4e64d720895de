// Managers, on the last working day of the month at 14:00: the milestone
// report. Each target met or missed (the team's, then each person's), and
// the year so far. Counts only.
import { TARGET_METRICS, type TargetMetric } from '../domain/enums.js';
import { formatMonth } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { endOfMonth, toDbDate, todayIn, type LocalDate } from '../domain/local-date.js';
import { deliveryKey, isAway, isSlotOpen, monthEndSlot, yearToDate } from '../domain/reminder-rules.js';
import { okReply, type Reply, type ReplyBlock } from '../domain/reply.js';
import type { Locale } from '../domain/enums.js';
import { enqueueDeliveries, existingDeliveryKeys, type NewDelivery } from '../db/outbox-queries.js';
import { activeTeamStaff, awayUntilOf } from '../db/reminder-queries.js';
import { teamHoursIncreases } from '../db/job-result-queries.js';
import { actualsPerMonth } from '../db/target-queries.js';
import { personTargets, type PersonTargets } from '../db/month-target-queries.js';
import type { Db } from '../db/types.js';
import type { ReplyAttachment } from '../domain/reply.js';
import { teamChartAttachment } from '../charts/team-chart.js';
import type { JobDeps } from './job.js';

export const KIND = 'monthend';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const today = todayIn(now);
  const { month, slot } = monthEndSlot(today);
  if (!isSlotOpen(slot, now)) return 0;
  const managers = (await activeTeamStaff(deps.prisma, ['MANAGER'])).filter((s) => !isAway(awayUntilOf(s), today));
  const keyOf = (id: string) => deliveryKey(KIND, `month:${month}`, id, month);
  const existing = await existingDeliveryKeys(deps.prisma, managers.map((s) => keyOf(s.id)));
  // The numbers are the team's: read once per team, however many managers it has.
  const factsOf = new Map<string, { targets: MonthEndFacts; hours: HoursIncreases; people: PersonTargets[] }>();
  const deliveries: NewDelivery[] = [];
  const charts = new Map<string, ReplyAttachment | undefined>();
  for (const s of managers) {
    if (existing.has(keyOf(s.id)) || !s.teamId) continue;
    const facts = factsOf.get(s.teamId) ?? {
      targets: await monthEndFacts(deps.prisma, s.teamId, month, today),
      hours: await teamHoursIncreases(deps.prisma, s.teamId, `${month}-01`, endOfMonth(`${month}-01`)),
      people: await personTargets(deps.prisma, s.teamId, `${month}-01`, today),
    };
    factsOf.set(s.teamId, facts);
    // The chart of the month against its targets and the six months before (issue 14), per team and language.
    const chartKey = `${s.teamId}|${s.locale}`;
    if (!charts.has(chartKey)) charts.set(chartKey, await teamChartAttachment(deps.prisma, s.team ?? { id: s.teamId, name: '' }, `${month}-01`, s.locale, deps.log));
    const reply = monthEndReply(facts, month, s.locale);
    const chart = charts.get(chartKey);
    deliveries.push({ key: keyOf(s.id), kind: KIND, teamId: s.teamId, recipientId: s.id, audience: 'dm', payload: chart ? { ...reply, attachment: chart } : reply });
  }
  return enqueueDeliveries(deps.prisma, deliveries, now);
}

/** Per metric, the month's target (if any) and, for each month of the year so far, its actual and target. */
type MonthEndFacts = Record<TargetMetric, { target: number | undefined; actual: number; perMonth: Array<{ actual: number; target: number | undefined }> }>;

/** A team's targets and actuals for the year up to `month` ('YYYY-MM'): one query for the targets and one per metric. */
async function monthEndFacts(db: Db, teamId: string, month: string, today: LocalDate): Promise<MonthEndFacts> {
  const monthStart = `${month}-01`;
  const year = month.slice(0, 4);
  const yearStart = `${year}-01-01`;
  const targets = await db.monthlyTarget.findMany({ where: { teamId, month: { gte: toDbDate(yearStart), lte: toDbDate(monthStart) } } });
  const facts = {} as MonthEndFacts;
  for (const metric of TARGET_METRICS) {
    const actuals = await actualsPerMonth(db, teamId, metric, yearStart, monthStart, today);
    const targetOf = (first: string) => targets.find((x) => x.metric === metric && x.month.getTime() === toDbDate(first).getTime())?.target;
    const perMonth: Array<{ actual: number; target: number | undefined }> = [];
    for (let mo = 1; mo <= Number(month.slice(5, 7)); mo++) {
      const key = `${year}-${String(mo).padStart(2, '0')}`;
      perMonth.push({ actual: actuals.get(key) ?? 0, target: targetOf(`${key}-01`) });
    }
    facts[metric] = { target: targetOf(monthStart), actual: actuals.get(month) ?? 0, perMonth };
  }
  return facts;
}

type HoursIncreases = Awaited<ReturnType<typeof teamHoursIncreases>>;

function monthEndReply({ targets: facts, hours, people }: { targets: MonthEndFacts; hours: HoursIncreases; people: PersonTargets[] }, month: string, locale: Locale): Reply {
  const m = messagesFor(locale);
  const t = m.reminders;
  const year = month.slice(0, 4);
  const lines: string[] = [];
  const yearLines: string[] = [];
  let met = 0;
  let total = 0;
  for (const metric of TARGET_METRICS) {
    const label = m.labels.targetMetric[metric];
    const { actual, target, perMonth } = facts[metric];
    if (target !== undefined) {
      total++;
      if (actual >= target) met++;
      lines.push(actual >= target ? t.metricMet(label, actual, target) : t.metricMissed(label, actual, target));
    } else {
      lines.push(t.metricNoTarget(label, actual));
    }
    // Like with like: targets exist only for some months, so they are set against those months' actuals.
    yearLines.push(t.yearLine(label, yearToDate(perMonth)));
  }
  // Ordinary hours as progression (issue 13): not a new result, but the month's steps forward.
  if (hours.citizens > 0) lines.push(m.hours.digestLine(hours.citizens, hours.added));
  const monthName = formatMonth(month, locale);
  const blocks: ReplyBlock[] = [
    { type: 'header', text: `🏁 ${t.monthEndTitle(monthName)}` },
    { type: 'list', items: lines },
    { type: 'list', title: t.yearSoFar(year), items: yearLines },
  ];
  // Each person's own targets (issue 14), met or missed in the same words as the team's.
  const personLines = people.flatMap((p) =>
    p.figures.map((f) => {
      const label = m.pipeline.personMetric(m.labels.targetMetric[f.metric], p.handle);
      return f.actual >= f.target ? t.metricMet(label, f.actual, f.target) : t.metricMissed(label, f.actual, f.target);
    }),
  );
  if (personLines.length) blocks.splice(2, 0, { type: 'list', title: m.pipeline.peopleTitle(monthName), items: personLines });
  return okReply(t.monthEndFallback(monthName, met, total), blocks);
}
