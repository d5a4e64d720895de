// /citizen <ref>: the citizen card. Only for staff assigned to the citizen and their manager.
import { wishesOf } from '../../db/company-queries.js';
import { formatNumber, formatShortDate } from '../../domain/i18n/format.js';
import { fromDbDate } from '../../domain/local-date.js';
import { listBlock, okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { citizenOverdueOfRow, LATEST_FOLLOW_UP } from '../../db/caseload-queries.js';
import { checkRef } from '../arguments.js';
import { loadCitizen } from './citizen-access.js';
import type { HandlerContext } from '../context.js';
import { exampleFor } from '../usage-example.js';
import { readinessText } from '../goals/readiness.js';
import { subGoalLines } from '../goals/sub-goals.js';
import { mentorSupportLine } from './citizen-mentor.js';

const MEETINGS_SHOWN = 5;
const READINESS_SHOWN = 4;
const SUB_GOALS_SHOWN = 10;

export async function showCitizen(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const ref = checkRef(t, args[0], exampleFor(t, 'citizen', 1));
  if (!ref.ok) return ref.reply;
  const found = await loadCitizen(ctx, ref.value, { action: 'citizen.view' });
  if (!found.ok) return found.reply;

  const citizen = await ctx.db.citizen.findUniqueOrThrow({
    where: { id: found.value.id },
    // The people (caseworker, consultant, mentor, who logged the meetings) are read below in one statement, not one per relation.
    include: {
      meetings: { orderBy: [{ heldOn: 'desc' }, { createdAt: 'desc' }], take: MEETINGS_SHOWN },
      placements: { orderBy: { startOn: 'desc' }, include: { followUps: LATEST_FOLLOW_UP } },
      outcomes: { orderBy: [{ occurredOn: 'desc' }, { createdAt: 'desc' }] },
      subGoals: { orderBy: { number: 'asc' } },
      readinessChanges: { orderBy: { createdAt: 'desc' }, take: READINESS_SHOWN },
      mentorSupports: { orderBy: [{ startOn: 'desc' }, { createdAt: 'desc' }] },
      // The first consultant is recorded but is not a change (countConsultantChanges).
      _count: { select: { caseworkerChanges: true, meetings: true, consultantChanges: { where: { fromStaffId: { not: null } } } } },
    },
  });
  const staffIds = [citizen.caseworkerId, citizen.consultantId, citizen.mentorId, ...citizen.meetings.map((m) => m.loggedById)].filter((id): id is string => id !== null);
  const staff = new Map((await ctx.db.staff.findMany({ where: { id: { in: [...new Set(staffIds)] } }, select: { id: true, displayName: true, handle: true } })).map((s) => [s.id, s]));
  const date = (d: Date) => formatShortDate(fromDbDate(d), t.locale);
  const person = (id: string | null) => {
    const s = id ? staff.get(id) : undefined;
    return s ? `${s.displayName} (@${s.handle})` : t.common.nobody;
  };

  const fields: Array<{ label: string; value: string }> = [
    { label: t.citizen.status, value: t.labels.status[citizen.status] },
    { label: t.citizen.targetGroup, value: t.labels.targetGroup[citizen.targetGroup] },
    { label: t.citizen.caseworker, value: person(citizen.caseworkerId) },
    { label: t.citizen.consultant, value: person(citizen.consultantId) },
  ];
  if (citizen.mentorId) fields.push({ label: t.citizen.mentor, value: person(citizen.mentorId) });
  // Readiness (issue 14): the current one first, then where the citizen came from.
  fields.push({ label: t.goals.readinessLabel, value: citizen.readinessChanges.length ? readinessText(t, citizen.readinessChanges) : t.goals.readinessNotSet });
  fields.push({ label: t.citizen.cadence, value: t.citizen.everyNDays(citizen.cadenceDays) });
  // Overdue as /caseload, the questions and the digests count it (one definition: a "Klaret" check-in is not).
  const overdue = await citizenOverdueOfRow(ctx.db, { ...citizen, placements: citizen.placements.filter((p) => p.status === 'ACTIVE') }, ctx.today);
  if (citizen.status === 'ACTIVE' && citizen.nextCheckInOn) {
    const shown = formatShortDate(fromDbDate(citizen.nextCheckInOn), t.locale);
    fields.push({ label: t.citizen.nextCheckIn, value: overdue.checkIn ? t.citizen.overdue(shown, overdue.checkIn.daysOverdue) : shown });
  }
  if (citizen.closedAt && citizen.closeReason) {
    fields.push({ label: t.citizen.status, value: t.citizen.closedInfo(formatShortDate(fromDbDate(citizen.closedAt), t.locale), t.labels.closeReason[citizen.closeReason]) });
  }
  fields.push({ label: t.citizen.caseworkerChanges, value: String(citizen._count.caseworkerChanges) });
  fields.push({ label: t.continuity.consultantChanges, value: String(citizen._count.consultantChanges) });
  // Mentor support (issue 14): kind and organisation, never a person.
  if (citizen.mentorSupports.length) {
    fields.push({ label: t.continuity.mentorLabel, value: citizen.mentorSupports.map((m) => mentorSupportLine(t, m, ctx.today)).join('; ') });
  }
  // A wish whose company has been contacted says when and with what result (issue 14).
  const wishes = (await wishesOf(ctx.db, citizen)).map(({ name, wish }) =>
    wish?.contactedOn ? `${name} (${t.companies.contacted(formatShortDate(wish.contactedOn, t.locale), wish.contactResult)})` : name,
  );
  fields.push({
    label: t.citizen.wishes,
    value: wishes.length ? wishes.join(', ') + (wishes.length < 3 ? ` (${t.citizen.wishesMissing(wishes.length)})` : '') : t.citizen.wishesMissing(0),
  });

  const blocks: ReplyBlock[] = [{ type: 'header', text: t.citizen.cardTitle(citizen.ref, citizen.initials) }, { type: 'fields', fields }];
  const meetings = citizen.meetings.map((m) => t.citizen.meetingLine(date(m.heldOn), t.labels.meetingKind[m.kind], `@${staff.get(m.loggedById)?.handle ?? '?'}`));
  blocks.push(
    meetings.length
      ? { type: 'list', title: t.citizen.meetingsTitle, items: meetings, moreText: citizen._count.meetings > MEETINGS_SHOWN ? t.common.andMore(citizen._count.meetings - MEETINGS_SHOWN) : undefined }
      : { type: 'text', text: t.citizen.noMeetings },
  );
  // Open sub-goals first (they are what the next meeting reviews), then the closed ones.
  if (citizen.subGoals.length) {
    const ordered = [...citizen.subGoals.filter((g) => g.status === 'OPEN'), ...citizen.subGoals.filter((g) => g.status !== 'OPEN')];
    blocks.push(listBlock(subGoalLines(t, ordered, ctx.today), SUB_GOALS_SHOWN, t.common.andMore, t.goals.cardTitle));
  }
  if (citizen.placements.length) {
    const lateBy = new Map(overdue.placements.map((f) => [f.placementId, f.daysOverdue]));
    const lines = citizen.placements.map((p) => {
      const line =
        t.citizen.placementLine(p.company, t.labels.placementType[p.type], date(p.startOn), date(p.endedOn ?? p.plannedEndOn), p.status === 'ACTIVE' ? t.labels.status.ACTIVE : t.labels.endReason[p.endReason ?? 'OTHER']) +
        (p.extensionReason ? ` · ${t.rules.extensionReason(p.extensionReason)}` : '');
      const late = lateBy.get(p.id);
      return late === undefined ? line : `${line} (${t.common.overdueBy(late)})`;
    });
    blocks.push(listBlock(lines, 10, t.common.andMore, t.citizen.placementsTitle));
  }
  // Ordinary hours as progression: the agreed weekly hours in date order, so an increase shows.
  const hours = citizen.outcomes
    .filter((o) => o.kind === 'ORDINARY_HOURS' && o.weeklyHours !== null)
    .map((o) => ({ on: o.occurredOn, hours: Number(o.weeklyHours) }))
    .reverse();
  const latestHours = hours[hours.length - 1];
  if (latestHours) blocks.push({ type: 'text', text: t.hours.series(hours.map((h) => formatNumber(h.hours, t.locale)).join(' → '), date(latestHours.on)) });
  if (citizen.outcomes.length) {
    blocks.push(listBlock(citizen.outcomes.map((o) => t.citizen.outcomeLine(date(o.occurredOn), t.labels.outcomeKind[o.kind])), 10, t.common.andMore, t.citizen.outcomesTitle));
  }
  if (citizen.status === 'ACTIVE') {
    blocks.push({ type: 'actions', actions: [{ id: 'meeting.log', label: t.citizen.logMeeting, value: citizen.ref, style: 'primary' }] });
  }
  return okReply(t.citizen.cardTitle(citizen.ref, citizen.initials), blocks);
}
