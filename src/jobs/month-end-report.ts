// Managers, on the last working day of the month at 14:00: the milestone
// report. Each target met or missed (the team's, then each person's), and
// the year so far. Counts only.
import { TARGET_METRICS, type TargetMetric } from '../domain/enums.js';
import { formatMonth } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { endOfMonth, fromDbDate, toDbDate, todayIn, type LocalDate } from '../domain/local-date.js';
import { deliveryKey, isAway, isSlotOpen, monthEndSlot, yearToDate } from '../domain/reminder-rules.js';
import { okReply, type Reply, type ReplyBlock } from '../domain/reply.js';
import type { Locale } from '../domain/enums.js';
import { enqueueDeliveries, existingDeliveryKeys, type NewDelivery } from '../db/outbox-queries.js';
import { activeTeamStaff, awayUntilOf } from '../db/reminder-queries.js';
import { hoursIncreasesOf, type teamHoursIncreases } from '../db/job-result-queries.js';
import { actualsForScopes } from '../db/scope-actuals.js';
import { personTargetsOf, type PersonTargets } from '../db/month-target-queries.js';
import { teamChartNumbersOf } from '../db/team-chart-queries.js';
import type { Db } from '../db/types.js';
import { chartAttachment } from '../charts/team-chart.js';
import type { JobDeps } from './job.js';

export const KIND = 'monthend';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const today = todayIn(now);
  const { month, slot } = monthEndSlot(today);
  if (!isSlotOpen(slot, now)) return 0;
  const managers = (await activeTeamStaff(deps.prisma, ['MANAGER'])).filter((s) => !isAway(awayUntilOf(s), today));
  const keyOf = (id: string) => deliveryKey(KIND, `month:${month}`, id, month);
  const existing = await existingDeliveryKeys(deps.prisma, managers.map((s) => keyOf(s.id)));
  const due = managers.filter((s): s is typeof s & { teamId: string } => !existing.has(keyOf(s.id)) && Boolean(s.teamId));
  if (due.length === 0) return 0;
  // The numbers are the team's: read for all the managers' teams at once (issue 15), however many teams and managers.
  const teamIds = [...new Set(due.map((s) => s.teamId))];
  const monthStart = `${month}-01`;
  const targets = await monthEndFactsOf(deps.prisma, teamIds, month, today);
  const hours = await hoursIncreasesOf(deps.prisma, teamIds, monthStart, endOfMonth(monthStart));
  const people = await personTargetsOf(deps.prisma, teamIds, monthStart, today);
  // The chart of the month against its targets and the six months before (issue 14), per team and language, drawn off the main thread.
  const numbers = await teamChartNumbersOf(deps.prisma, teamIds, monthStart);
  const chartKey = (s: (typeof due)[number]) => `${s.teamId}|${s.locale}`;
  const chartFor = new Map(due.map((s) => [chartKey(s), s]));
  const charts = new Map(
    await Promise.all(
      [...chartFor].map(async ([key, s]) => [key, await chartAttachment(s.team ?? { name: '' }, monthStart, s.locale, numbers.get(s.teamId) ?? [], deps.log)] as const),
    ),
  );
  const deliveries: NewDelivery[] = due.map((s) => {
    const reply = monthEndReply({ targets: targets.get(s.teamId)!, hours: hours.get(s.teamId)!, people: people.get(s.teamId) ?? [] }, month, s.locale);
    const chart = charts.get(chartKey(s));
    return { key: keyOf(s.id), kind: KIND, teamId: s.teamId, recipientId: s.id, audience: 'dm', payload: chart ? { ...reply, attachment: chart } : reply };
  });
  return enqueueDeliveries(deps.prisma, deliveries, now);
}

/** Per metric, the month's target (if any) and, for each month of the year so far, its actual and target. */
type MonthEndFacts = Record<TargetMetric, { target: number | undefined; actual: number; perMonth: Array<{ actual: number; target: number | undefined }> }>;

/** The teams' targets and actuals for the year up to `month` ('YYYY-MM'): one query for the targets, one per kind of row for the actuals. */
async function monthEndFactsOf(db: Db, teamIds: readonly string[], month: string, today: LocalDate): Promise<Map<string, MonthEndFacts>> {
  const monthStart = `${month}-01`;
  const year = month.slice(0, 4);
  const yearStart = `${year}-01-01`;
  const out = new Map<string, MonthEndFacts>();
  if (teamIds.length === 0) return out;
  const targets = await db.monthlyTarget.findMany({ where: { teamId: { in: [...teamIds] }, month: { gte: toDbDate(yearStart), lte: toDbDate(monthStart) } } });
  const targetOf = new Map(targets.map((x) => [`${x.teamId}|${x.metric}|${fromDbDate(x.month)}`, x.target]));
  const actuals = await actualsForScopes(db, teamIds.map((teamId) => ({ teamId })), TARGET_METRICS, yearStart, monthStart, today);
  for (const teamId of teamIds) {
    const facts = {} as MonthEndFacts;
    for (const metric of TARGET_METRICS) {
      const perMonthActual = actuals({ teamId }, metric);
      const perMonth: Array<{ actual: number; target: number | undefined }> = [];
      for (let mo = 1; mo <= Number(month.slice(5, 7)); mo++) {
        const key = `${year}-${String(mo).padStart(2, '0')}`;
        perMonth.push({ actual: perMonthActual.get(key) ?? 0, target: targetOf.get(`${teamId}|${metric}|${key}-01`) });
      }
      facts[metric] = { target: targetOf.get(`${teamId}|${metric}|${monthStart}`), actual: perMonthActual.get(month) ?? 0, perMonth };
    }
    out.set(teamId, facts);
  }
  return out;
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
