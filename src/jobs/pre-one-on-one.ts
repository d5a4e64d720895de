// Managers, on the working day before each month's first working day, at
// the manager's reminder time: one DM per employee to prepare the monthly
// caseload dialogue (seed 001): caseload vs norm, overdue check-ins,
// placements without a timely follow-up, outcomes. A DM to the manager may
// name cases (the manager has access to the whole team).
import { caseloadNorm, caseloadStatus } from '../domain/caseload-norms.js';
import { formatMonth } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { todayIn, type LocalDate } from '../domain/local-date.js';
import { deliveryKey, isAway, isSlotOpen, preOneOnOneSlot } from '../domain/reminder-rules.js';
import { okReply, type Reply } from '../domain/reply.js';
import type { Locale } from '../domain/enums.js';
import { caseloadFacts, type CaseloadFacts } from '../db/caseload-queries.js';
import { enqueueDeliveries, existingDeliveryKeys, type NewDelivery } from '../db/outbox-queries.js';
import { activeTeamStaff, awayUntilOf, type Recipient } from '../db/reminder-queries.js';
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
  const placementIds = facts.followUpsDue.slice(0, MAX_REFS).map((f) => f.placementId);
  const placements = placementIds.length ? await db.placement.findMany({ where: { id: { in: placementIds } }, select: { citizenId: true } }) : [];
  const citizenIds = [...new Set([...facts.overdue.slice(0, MAX_REFS).map((o) => o.citizenId), ...placements.map((p) => p.citizenId)])];
  return { payload: reply, citizenIds };
}

export async function oneOnOneSummary(db: Db, employee: Recipient, month: string, today: LocalDate, locale: Locale): Promise<{ reply: Reply; facts: CaseloadFacts }> {
  const m = messagesFor(locale);
  const t = m.reminders;
  const as = employee.role === 'CONSULTANT' ? 'consultant' : 'caseworker';
  const facts = await caseloadFacts(db, { staffId: employee.id, as }, today);
  const norm = caseloadNorm(employee.role);
  const status = caseloadStatus(facts.activeCitizens, employee.role);
  const caseload = norm && status !== 'none' ? m.caseload.normLine(facts.activeCitizens, norm.min, norm.max, status) : String(facts.activeCitizens);
  const overdueRefs = facts.overdue.slice(0, MAX_REFS).map((o) => `${o.ref} (${m.common.overdueBy(o.daysOverdue)})`);
  const followUpRefs = facts.followUpsDue.slice(0, MAX_REFS).map((f) => `${f.ref} – ${f.company}`);
  const blocks: Reply['blocks'] = [
    { type: 'header', text: t.oneOnOneTitle(`${employee.displayName} (@${employee.handle})`, formatMonth(month, locale)) },
    {
      type: 'fields',
      fields: [
        { label: t.oneOnOneCaseload, value: caseload },
        { label: t.oneOnOneOverdue, value: String(facts.overdue.length) },
        { label: t.oneOnOneNoFollowUp, value: String(facts.followUpsDue.length) },
        { label: t.oneOnOneOutcomes, value: String(facts.outcomesThisMonth) },
      ],
    },
  ];
  if (overdueRefs.length) blocks.push({ type: 'list', title: t.oneOnOneOverdue, items: overdueRefs, moreText: facts.overdue.length > MAX_REFS ? m.common.andMore(facts.overdue.length - MAX_REFS) : undefined });
  if (followUpRefs.length) blocks.push({ type: 'list', title: t.oneOnOneNoFollowUp, items: followUpRefs, moreText: facts.followUpsDue.length > MAX_REFS ? m.common.andMore(facts.followUpsDue.length - MAX_REFS) : undefined });
  return { reply: okReply(t.oneOnOneFallback(employee.displayName), blocks), facts };
}
