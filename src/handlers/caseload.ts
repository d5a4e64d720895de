// /caseload (mine), /caseload @handle and /caseload team (managers).
import { caseloadNorm, caseloadStatus } from '../domain/caseload-norms.js';
import { formatShortDate } from '../domain/i18n/format.js';
import { listBlock, okReply, type Reply, type ReplyBlock } from '../domain/reply.js';
import { caseloadFacts, type CaseloadFacts, type CaseloadScope } from '../db/caseload-queries.js';
import type { StaffMember } from '../db/staff-queries.js';
import { recordAudit } from '../db/audit.js';
import { checkTeamMember, fail } from './arguments.js';
import { requireTeam } from './citizen-access.js';
import type { HandlerContext } from './context.js';
import { exampleFor } from './usage-example.js';

const LIST_LIMIT = 15;

export async function showCaseload(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const team = requireTeam(ctx);
  if (!team.ok) return team.reply;
  if (args.length > 1) return fail(t.errors.tooManyWords(args.slice(1).join(' ')), exampleFor(t, 'caseload')).reply;
  const target = args[0];
  // A manager's own caseload is the team's.
  const wantsTeam = target ? ['team', 'teamet', 'alle', 'all'].includes(target.toLowerCase()) : ctx.actor.role === 'MANAGER';
  if (wantsTeam) {
    if (ctx.actor.role !== 'MANAGER') return fail(t.errors.managerOnly).reply;
    return teamCaseload(ctx, team.value);
  }
  let person: StaffMember = ctx.actor;
  if (target) {
    const checked = await checkTeamMember(ctx, target);
    if (!checked.ok) return checked.reply;
    if (checked.value.id !== ctx.actor.id && ctx.actor.role !== 'MANAGER') return fail(t.errors.managerOnly).reply;
    person = checked.value;
  }
  return personCaseload(ctx, person);
}

function scopeFor(person: { id: string; role: string }): CaseloadScope {
  return { staffId: person.id, as: person.role === 'CONSULTANT' ? 'consultant' : 'caseworker' };
}

async function personCaseload(ctx: HandlerContext, person: StaffMember): Promise<Reply> {
  const { t } = ctx;
  const facts = await caseloadFacts(ctx.db, scopeFor(person), ctx.today);
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'caseload.view', channel: ctx.channel, details: { staffId: person.id } });
  const norm = caseloadNorm(person.role);
  const blocks: ReplyBlock[] = [
    { type: 'header', text: t.caseload.title(`${person.displayName} (@${person.handle})`) },
    { type: 'fields', fields: [...summaryFields(ctx, facts), { label: t.caseload.norm, value: norm ? t.caseload.normLine(facts.activeCitizens, norm.min, norm.max, caseloadStatus(facts.activeCitizens, person.role) as 'under' | 'within' | 'over') : t.caseload.noNorm }] },
  ];
  if (facts.overdue.length) {
    blocks.push(listBlock(facts.overdue.map((o) => t.caseload.overdueLine(o.ref, o.daysOverdue)), LIST_LIMIT, t.common.andMore, t.caseload.overdueTitle));
  }
  if (facts.followUpsDue.length) {
    const lines = facts.followUpsDue.map((f) => `${f.ref}, ${f.company}: ${formatShortDate(f.due, t.locale)}`);
    blocks.push(listBlock(lines, LIST_LIMIT, t.common.andMore, t.caseload.followUpsDue));
  }
  return okReply(`${t.caseload.title(person.displayName)}: ${t.common.citizens(facts.activeCitizens)}`, blocks);
}

async function teamCaseload(ctx: HandlerContext, teamId: string): Promise<Reply> {
  const { t } = ctx;
  const team = await ctx.db.team.findUniqueOrThrow({ where: { id: teamId } });
  const facts = await caseloadFacts(ctx.db, { teamId }, ctx.today);
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'caseload.view.team', channel: ctx.channel, details: { teamId } });
  const staff = await ctx.db.staff.findMany({ where: { teamId, active: true, role: { in: ['CASEWORKER', 'CONSULTANT'] } }, orderBy: { handle: 'asc' } });
  const perPerson: string[] = [];
  for (const person of staff) {
    const own = await caseloadFacts(ctx.db, scopeFor(person), ctx.today);
    const norm = caseloadNorm(person.role);
    const status = caseloadStatus(own.activeCitizens, person.role);
    perPerson.push(t.caseload.personLine(person.handle, own.activeCitizens, own.overdue.length) + (norm && status !== 'within' ? ` (${t.caseload.normLine(own.activeCitizens, norm.min, norm.max, status as 'under' | 'over')})` : ''));
  }
  const blocks: ReplyBlock[] = [
    { type: 'header', text: t.caseload.teamTitle(team.name) },
    { type: 'fields', fields: summaryFields(ctx, facts) },
    listBlock(perPerson, LIST_LIMIT, t.common.andMore, t.caseload.perPerson),
  ];
  return okReply(`${t.caseload.teamTitle(team.name)}: ${t.common.citizens(facts.activeCitizens)}`, blocks);
}

function summaryFields(ctx: HandlerContext, facts: CaseloadFacts): Array<{ label: string; value: string }> {
  const { t } = ctx;
  const groups = Object.entries(facts.byTargetGroup)
    .map(([group, count]) => `${t.labels.targetGroup[group as keyof typeof t.labels.targetGroup]} ${count}`)
    .join(', ');
  return [
    { label: t.caseload.active, value: String(facts.activeCitizens) },
    { label: t.caseload.byGroup, value: groups || t.common.none },
    { label: t.caseload.dueThisWeek, value: String(facts.dueThisWeek) },
    { label: t.caseload.overdue, value: String(facts.overdue.length) },
    { label: t.caseload.activePlacements, value: String(facts.activePlacements) },
    { label: t.caseload.followUpsDue, value: String(facts.followUpsDue.length) },
    { label: t.caseload.outcomesThisMonth, value: String(facts.outcomesThisMonth) },
  ];
}
