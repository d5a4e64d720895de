// Managers, on the working day before each month's first working day, at
// the manager's reminder time: one DM per employee to prepare the monthly
// caseload dialogue (seed 001): caseload vs norm, overdue check-ins,
// placements without a timely follow-up, outcomes of the month that just
// ended, the readiness pipeline and who moved up in that month. The figures
// are /caseload team's (one definition of overdue). A DM to the manager may
// name cases (the manager has access to the whole team).
import { caseloadNorm, caseloadStatus } from '../domain/caseload-norms.js';
import { formatMonth } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { addDays, startOfMonth, todayIn, type LocalDate } from '../domain/local-date.js';
import { deliveryKey, isAway, isSlotOpen, preOneOnOneSlot } from '../domain/reminder-rules.js';
import { okReply, type Reply } from '../domain/reply.js';
import type { Locale } from '../domain/enums.js';
import { outcomesIn, personScope, teamOverdueItems, type FollowUpDue, type OverdueCheckIn } from '../db/caseload-queries.js';
import { enqueueDeliveries, existingDeliveryKeys, type NewDelivery } from '../db/outbox-queries.js';
import { activeTeamStaff, awayUntilOf, type Recipient } from '../db/reminder-queries.js';
import { pipelineOf, type Pipeline } from '../db/pipeline-queries.js';
import { personTargets, type TargetFigure } from '../db/month-target-queries.js';
import type { Db } from '../db/types.js';
import type { JobDeps } from './job.js';

export const KIND = 'preoneonone';
const MAX_REFS = 10;

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const today = todayIn(now);
  // Before the earliest reminder time of the slot's day, or outside it, nobody's slot can be open: no query.
  if (!isSlotOpen(preOneOnOneSlot(today, '00:00').slot, now)) return 0;
  const staff = await activeTeamStaff(deps.prisma);
  const managers = staff.flatMap((manager) => {
    if (manager.role !== 'MANAGER' || isAway(awayUntilOf(manager), today)) return [];
    const { month, slot } = preOneOnOneSlot(today, manager.reminderTime);
    return isSlotOpen(slot, now) ? [{ manager, month }] : [];
  });
  const keyOf = (employeeId: string, managerId: string, month: string) => deliveryKey(KIND, `employee:${employeeId}`, managerId, month);
  const employeesOf = (teamId: string | null) => staff.filter((s) => s.teamId === teamId && (s.role === 'CASEWORKER' || s.role === 'CONSULTANT'));
  const existing = await existingDeliveryKeys(
    deps.prisma,
    managers.flatMap(({ manager, month }) => employeesOf(manager.teamId).map((e) => keyOf(e.id, manager.id, month))),
  );
  const deliveries: NewDelivery[] = [];
  for (const { manager, month } of managers) {
    for (const e of employeesOf(manager.teamId)) {
      const key = keyOf(e.id, manager.id, month);
      if (existing.has(key)) continue;
      deliveries.push({
        key,
        kind: KIND,
        teamId: manager.teamId,
        recipientId: manager.id,
        audience: 'dm',
        ...(await oneOnOneDelivery(deps.prisma, e, month, today, manager.locale)),
      });
    }
  }
  return enqueueDeliveries(deps.prisma, deliveries, now);
}

/** The summary and the citizens it names (for the audit log: a DM that names a case discloses it). */
async function oneOnOneDelivery(db: Db, employee: Recipient, month: string, today: LocalDate, locale: Locale): Promise<{ payload: Reply; citizenIds: string[] }> {
  const { reply, facts } = await oneOnOneSummary(db, employee, month, today, locale);
  const placementIds = facts.placements.slice(0, MAX_REFS).map((f) => f.placementId);
  const placements = placementIds.length ? await db.placement.findMany({ where: { id: { in: placementIds } }, select: { citizenId: true } }) : [];
  const citizenIds = [...new Set([...facts.checkIns.slice(0, MAX_REFS).map((o) => o.citizenId), ...placements.map((p) => p.citizenId)])];
  return { payload: reply, citizenIds };
}

export interface OneOnOneFacts {
  activeCitizens: number;
  /** The overdue check-ins /caseload team credits to this person (as caseworker). */
  checkIns: OverdueCheckIn[];
  /** The overdue placements /caseload team credits to this person (as the placement's or citizen's consultant). */
  placements: FollowUpDue[];
  /** The month the summary looks back on: the one ending as the 1:1 month begins. */
  reviewedMonth: LocalDate;
  outcomes: number;
  /** The person's readiness pipeline today, and how many of their citizens moved up in the reviewed month. */
  pipeline: Pipeline;
  /** The person's own targets for the reviewed month, with their actuals. */
  ownTargets: TargetFigure[];
}

/**
 * One employee's summary for the 1:1 of `month` (YYYY-MM). Its figures are the
 * ones /caseload team shows for the person (overdueByPerson's definitions);
 * the title names the 1:1's month; the results are those of the month that
 * just ended, named as such, whether it is sent on its last working day or late.
 */
export async function oneOnOneSummary(db: Db, employee: Recipient, month: string, today: LocalDate, locale: Locale): Promise<{ reply: Reply; facts: OneOnOneFacts }> {
  const m = messagesFor(locale);
  const t = m.reminders;
  const reviewedMonth = startOfMonth(addDays(`${month}-01`, -1));
  const scope = personScope(employee);
  const team = employee.teamId ? await teamOverdueItems(db, employee.teamId, today) : { citizens: [], checkIns: [], placements: [] };
  const mine = (id: string | null) => id === employee.id;
  const facts: OneOnOneFacts = {
    activeCitizens: team.citizens.filter((c) => mine(employee.role === 'CONSULTANT' ? c.consultantId : c.caseworkerId)).length,
    checkIns: team.checkIns.filter((o) => mine(o.caseworkerId)),
    placements: team.placements.filter((f) => mine(f.consultantId)),
    reviewedMonth,
    outcomes: await outcomesIn(db, scope, reviewedMonth),
    pipeline: await pipelineOf(db, scope, reviewedMonth, today),
    ownTargets: employee.teamId ? ((await personTargets(db, employee.teamId, reviewedMonth, today, employee.id))[0]?.figures ?? []) : [],
  };
  const norm = caseloadNorm(employee.role, today);
  const status = caseloadStatus(facts.activeCitizens, employee.role, today);
  const caseload = norm && status !== 'none' ? m.caseload.normLine(facts.activeCitizens, norm.min, norm.max, status) : String(facts.activeCitizens);
  const overdueRefs = facts.checkIns.slice(0, MAX_REFS).map((o) => `${o.ref} (${m.common.overdueBy(o.daysOverdue)})`);
  const followUpRefs = facts.placements.slice(0, MAX_REFS).map((f) => `${f.ref} – ${f.company} (${m.common.overdueBy(f.daysOverdue)})`);
  const r = m.rhythm;
  const blocks: Reply['blocks'] = [
    { type: 'header', text: t.oneOnOneTitle(`${employee.displayName} (@${employee.handle})`, formatMonth(month, locale)) },
    {
      type: 'fields',
      fields: [
        { label: t.oneOnOneCaseload, value: caseload },
        { label: r.oneOnOneOverdueCheckIns, value: String(facts.checkIns.length) },
        { label: r.oneOnOneOverduePlacements, value: String(facts.placements.length) },
        { label: r.oneOnOneOutcomes(formatMonth(reviewedMonth, locale)), value: String(facts.outcomes) },
        { label: m.pipeline.label, value: m.pipeline.counts(facts.pipeline.counts) },
        { label: m.pipeline.movedUpIn(formatMonth(reviewedMonth, locale)), value: String(facts.pipeline.movedUp) },
      ],
    },
  ];
  if (facts.ownTargets.length) {
    const lines = facts.ownTargets.map((f) => {
      const label = m.labels.targetMetric[f.metric];
      return f.actual >= f.target ? t.metricMet(label, f.actual, f.target) : t.metricMissed(label, f.actual, f.target);
    });
    blocks.push({ type: 'list', title: m.pipeline.ownTargetsTitle(formatMonth(reviewedMonth, locale)), items: lines });
  }
  const more = (n: number) => (n > MAX_REFS ? m.common.andMore(n - MAX_REFS) : undefined);
  if (overdueRefs.length) blocks.push({ type: 'list', title: r.oneOnOneOverdueCheckIns, items: overdueRefs, moreText: more(facts.checkIns.length) });
  if (followUpRefs.length) blocks.push({ type: 'list', title: r.oneOnOneOverduePlacements, items: followUpRefs, moreText: more(facts.placements.length) });
  return { reply: okReply(t.oneOnOneFallback(employee.displayName), blocks), facts };
}
