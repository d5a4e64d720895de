// /caseload (mine), /caseload @handle and /caseload team (managers).
// Asked in plain chat with a period ("min sagsstamme i uge 47"), the figures
// stay today's (labelled so) and the lists narrow to what fell due in the
// period, followed by the activity in it.
import { isManager } from '../../domain/access.js';
import { caseloadNorm, caseloadStatus } from '../../domain/caseload-norms.js';
import { dueState } from '../../domain/due-dates.js';
import { formatShortDate } from '../../domain/i18n/format.js';
import type { Period } from '../../domain/questions/period.js';
import { listBlock, okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { activityBetween, dueBetween } from '../../db/ask-queries.js';
import { caseloadFacts, personScope, teamCaseloadFacts, type CaseloadFacts, type CaseloadScope } from '../../db/caseload-queries.js';
import { pipelineOf } from '../../db/pipeline-queries.js';
import type { StaffMember } from '../../db/staff-queries.js';
import { startOfMonth } from '../../domain/local-date.js';
import { recordAudit, recordCitizensShown } from '../../db/audit.js';
import { checkTeamMember, fail } from '../arguments.js';
import { periodLabel } from '../ask/ask-scope.js';
import { requireManager, requireTeam } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { exampleFor } from '../usage-example.js';

const LIST_LIMIT = 15;

export async function showCaseload(ctx: HandlerContext, args: string[], period?: Period): Promise<Reply> {
  const { t } = ctx;
  const team = requireTeam(ctx);
  if (!team.ok) return team.reply;
  if (args.length > 1) return fail(t.errors.tooManyWords(args.slice(1).join(' ')), exampleFor(t, 'caseload')).reply;
  const target = args[0];
  // A manager's own caseload is the team's.
  const wantsTeam = target ? ['team', 'teamet', 'alle', 'all'].includes(target.toLowerCase()) : isManager(ctx.actor);
  if (wantsTeam) {
    const managed = requireManager(ctx);
    if (!managed.ok) return managed.reply;
    return teamCaseload(ctx, managed.value, period);
  }
  let person: StaffMember = ctx.actor;
  if (target) {
    const checked = await checkTeamMember(ctx, target);
    if (!checked.ok) return checked.reply;
    if (checked.value.id !== ctx.actor.id && !isManager(ctx.actor)) return fail(t.errors.managerOnly).reply;
    person = checked.value;
  }
  return personCaseload(ctx, person, period);
}

async function personCaseload(ctx: HandlerContext, person: StaffMember, period?: Period): Promise<Reply> {
  const { t } = ctx;
  const scope = personScope(person);
  const facts = await caseloadFacts(ctx.db, scope, ctx.today);
  const audit = { actorId: ctx.actor.id, action: 'caseload.view', channel: ctx.channel, details: { staffId: person.id } };
  const norm = caseloadNorm(person.role, ctx.today);
  const blocks: ReplyBlock[] = [
    { type: 'header', text: t.caseload.title(`${person.displayName} (@${person.handle})`) },
    { type: 'fields', fields: [...summaryFields(ctx, facts), { label: t.caseload.norm, value: norm ? t.caseload.normLine(facts.activeCitizens, norm.min, norm.max, caseloadStatus(facts.activeCitizens, person.role, ctx.today) as 'under' | 'within' | 'over') : t.caseload.noNorm }] },
    await pipelineFields(ctx, scope),
  ];
  const text = `${t.caseload.title(person.displayName)}: ${t.common.citizens(facts.activeCitizens)}`;
  if (period) {
    blocks.push({ type: 'context', text: t.caseload.statusToday(formatShortDate(ctx.today, t.locale)) });
    const due = await dueInPeriod(ctx, scope, period);
    blocks.push(...due.blocks);
    await recordCitizensShown(ctx.db, audit, due.citizenIds);
    return withActivity(ctx, okReply(text, blocks), scope, period);
  }
  if (facts.overdue.length) {
    blocks.push(listBlock(facts.overdue.map((o) => t.caseload.overdueLine(o.ref, o.daysOverdue)), LIST_LIMIT, t.common.andMore, t.caseload.overdueTitle));
  }
  if (facts.overdueFollowUps.length) {
    const lines = facts.overdueFollowUps.map((f) => (f.reason === 'ended' ? t.ask.endedLine(f.ref, f.company, formatShortDate(f.due, t.locale)) : `${f.ref}, ${f.company}: ${formatShortDate(f.due, t.locale)}`));
    blocks.push(listBlock(lines, LIST_LIMIT, t.common.andMore, t.caseload.overdueFollowUps));
  }
  // Every citizen on a list, also those behind "and N more": erring towards recording too much.
  await recordCitizensShown(ctx.db, audit, [...facts.overdue.map((o) => o.citizenId), ...facts.overdueFollowUps.map((f) => f.citizenId)]);
  return okReply(text, blocks);
}

/** Check-ins and placement follow-ups still open that fell due in the period, earliest first. */
async function dueInPeriod(ctx: HandlerContext, scope: CaseloadScope, period: Period): Promise<{ blocks: ReplyBlock[]; citizenIds: string[] }> {
  const { t } = ctx;
  const label = periodLabel(t, period);
  const items = await dueBetween(ctx.db, scope, period.from, period.to);
  if (items.length === 0) return { blocks: [{ type: 'header', text: t.caseload.dueInPeriodTitle(label) }, { type: 'text', text: t.caseload.noneDueInPeriod(label) }], citizenIds: [] };
  const lines = items.map((i) => {
    const due = formatShortDate(i.due, t.locale);
    const late = dueState(i.due, ctx.today).daysOverdue;
    return i.kind === 'checkIn' ? t.caseload.dueInPeriodCheckIn(i.ref, due, late) : t.caseload.dueInPeriodFollowUp(i.ref, i.company ?? '', due, late);
  });
  return { blocks: [{ type: 'header', text: t.caseload.dueInPeriodTitle(label) }, listBlock(lines, LIST_LIMIT, t.common.andMore)], citizenIds: items.map((i) => i.citizenId) };
}

/** Meetings held, placements started and results reached in the period. */
async function withActivity(ctx: HandlerContext, reply: Reply, scope: CaseloadScope, period: Period): Promise<Reply> {
  const { t } = ctx;
  const activity = await activityBetween(ctx.db, scope, period.from, period.to);
  const title = t.ask.activityTitle(periodLabel(t, period));
  return {
    ...reply,
    text: `${reply.text}\n${title}: ${activity.meetings}/${activity.placementsStarted}/${activity.outcomes}`,
    blocks: [
      ...reply.blocks,
      { type: 'header', text: title },
      {
        type: 'fields',
        fields: [
          { label: t.ask.meetingsHeld, value: String(activity.meetings) },
          { label: t.ask.placementsStarted, value: String(activity.placementsStarted) },
          { label: t.ask.outcomesReached, value: String(activity.outcomes) },
        ],
      },
    ],
  };
}

async function teamCaseload(ctx: HandlerContext, teamId: string, period?: Period): Promise<Reply> {
  const { t } = ctx;
  const team = await ctx.db.team.findUniqueOrThrow({ where: { id: teamId } });
  // Overdue per person as in the ranking (check-ins to the caseworker, follow-ups to the consultant), from the same read.
  const { facts, overdue } = await teamCaseloadFacts(ctx.db, teamId, ctx.today);
  // The team view shows counts per person, never a citizen: the summary row is the whole trace.
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'caseload.view.team', channel: ctx.channel, details: { teamId } });
  const perPerson: string[] = [];
  for (const person of overdue.people) {
    const cases = person.activeCitizens;
    const norm = caseloadNorm(person.role, ctx.today);
    const status = caseloadStatus(cases, person.role, ctx.today);
    const tally = t.caseload.overdueTally(person.checkIns, person.followUps, person.role === 'CONSULTANT');
    perPerson.push(t.caseload.personLine(person.handle, cases, tally) + (norm && status !== 'within' ? ` (${t.caseload.normLine(cases, norm.min, norm.max, status as 'under' | 'over')})` : ''));
  }
  const { unassigned } = overdue;
  if (unassigned.checkIns + unassigned.followUps > 0) perPerson.push(t.caseload.unassignedLine(t.caseload.overdueTally(unassigned.checkIns, unassigned.followUps, false)));
  const blocks: ReplyBlock[] = [
    { type: 'header', text: t.caseload.teamTitle(team.name) },
    { type: 'fields', fields: summaryFields(ctx, facts) },
    await pipelineFields(ctx, { teamId }),
    listBlock(perPerson, LIST_LIMIT, t.common.andMore, t.caseload.perPerson),
  ];
  if (period) blocks.push({ type: 'context', text: t.caseload.statusToday(formatShortDate(ctx.today, t.locale)) });
  const reply = okReply(`${t.caseload.teamTitle(team.name)}: ${t.common.citizens(facts.activeCitizens)}`, blocks);
  return period ? withActivity(ctx, reply, { teamId }, period) : reply;
}

/** The readiness pipeline today (active citizens) and how many moved up this month: counts, never a citizen. */
async function pipelineFields(ctx: HandlerContext, scope: CaseloadScope): Promise<ReplyBlock> {
  const { t } = ctx;
  const pipeline = await pipelineOf(ctx.db, scope, startOfMonth(ctx.today), ctx.today);
  return {
    type: 'fields',
    fields: [
      { label: t.pipeline.label, value: t.pipeline.counts(pipeline.counts) },
      { label: t.pipeline.movedUpThisMonth, value: String(pipeline.movedUp) },
    ],
  };
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
    { label: t.caseload.overdueFollowUps, value: String(facts.overdueFollowUps.length) },
    { label: t.caseload.outcomesThisMonth, value: String(facts.outcomesThisMonth) },
  ];
}
