// The target form (issue 14): a manager sets the month's targets for the team
// and for each person in it, every measure, in one go. The form opens with the
// month's targets filled in (targetFormContext); a submission is saved whole or
// not at all, inside the router's transaction, each change audited as a typed
// /måltal is (saveTeamTarget, savePersonTarget).
import { isManager } from '../../domain/access.js';
import type { TargetMetric } from '../../domain/enums.js';
import { formatMonth } from '../../domain/i18n/format.js';
import { compareLocalDate, startOfMonth, toDbDate, type LocalDate } from '../../domain/local-date.js';
import { errorReply, okReply, type Reply } from '../../domain/reply.js';
import type { StaffMember } from '../../db/staff-queries.js';
import type { Db } from '../../db/types.js';
import { requireManager } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { targetFieldId, type FormPerson } from '../forms.js';
import { hasCaseload, savePersonTarget, saveTeamTarget } from './targets.js';

/** The people in the form and the month's targets by field id; nothing for someone who cannot set targets. */
export async function targetFormContext(db: Db, actor: StaffMember, today: LocalDate): Promise<{ people: FormPerson[]; prefill: Record<string, string> }> {
  if (!actor.teamId || !isManager(actor)) return { people: [], prefill: {} };
  const teamId = actor.teamId;
  const month = toDbDate(startOfMonth(today));
  const [staff, teamTargets, personTargets] = await Promise.all([
    db.staff.findMany({ where: { teamId, active: true, role: { in: ['CASEWORKER', 'CONSULTANT'] } }, select: { id: true, handle: true }, orderBy: { handle: 'asc' } }),
    db.monthlyTarget.findMany({ where: { teamId, month } }),
    db.staffMonthlyTarget.findMany({ where: { teamId, month } }),
  ]);
  const prefill: Record<string, string> = {};
  for (const r of teamTargets) prefill[targetFieldId(r.metric)] = String(r.target);
  for (const r of personTargets) prefill[targetFieldId(r.metric, r.staffId)] = String(r.target);
  return { people: staff, prefill };
}

/** A submitted form's targets: blank fields are left out. */
export interface TargetFormEntry {
  /** The month's first day. */
  month: LocalDate;
  targets: ReadonlyArray<{ metric: TargetMetric; target: number; staffId?: string }>;
}

/** Saves every target given, or none: managers only, this month or later, people in the team with a caseload. */
export async function recordTargets(ctx: HandlerContext, entry: TargetFormEntry): Promise<Reply> {
  const { t } = ctx;
  const team = requireManager(ctx);
  if (!team.ok) return team.reply;
  const month = startOfMonth(entry.month);
  const monthName = formatMonth(month, t.locale);
  if (compareLocalDate(month, startOfMonth(ctx.today)) < 0) return errorReply(t.errors.targetPastMonth(monthName));
  if (entry.targets.length === 0) return errorReply(t.targets.formNothing);
  // Everyone named must still be in the team with a caseload: otherwise nothing is saved.
  const ids = [...new Set(entry.targets.flatMap((x) => (x.staffId ? [x.staffId] : [])))];
  const people = await ctx.db.staff.findMany({ where: { id: { in: ids }, teamId: team.value, active: true }, select: { id: true, handle: true, role: true } });
  if (people.length !== ids.length || people.some((p) => !hasCaseload(p.role))) return errorReply(t.targets.formPersonGone);
  const handleOf = new Map(people.map((p) => [p.id, p.handle]));
  const [teamRows, personRows] = await Promise.all([
    ctx.db.monthlyTarget.findMany({ where: { teamId: team.value, month: toDbDate(month) } }),
    ctx.db.staffMonthlyTarget.findMany({ where: { staffId: { in: ids }, month: toDbDate(month) } }),
  ]);
  const lines: string[] = [];
  let unchanged = 0;
  for (const x of entry.targets) {
    const current = x.staffId
      ? personRows.find((r) => r.staffId === x.staffId && r.metric === x.metric)
      : teamRows.find((r) => r.metric === x.metric);
    // The form shows the month's targets: a value left as it was is no change (and no audit row).
    if (current?.target === x.target) {
      unchanged++;
      continue;
    }
    const previous = x.staffId
      ? await savePersonTarget(ctx, team.value, x.staffId, x.metric, month, x.target)
      : await saveTeamTarget(ctx, team.value, x.metric, month, x.target);
    const metric = t.labels.targetMetric[x.metric];
    const handle = x.staffId ? handleOf.get(x.staffId) : undefined;
    lines.push(t.targets.formLine(handle ? t.pipeline.personMetric(metric, handle) : metric, x.target, previous));
  }
  const head = t.targets.formSaved(monthName, lines.length, unchanged);
  return okReply([head, ...lines].join('\n'), [{ type: 'text', text: head }, ...(lines.length ? [{ type: 'list' as const, items: lines }] : [])]);
}
