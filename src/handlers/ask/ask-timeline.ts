// "hvad skete der med C-1042?" / "C-1042" → the citizen's timeline: meetings,
// placements, follow-ups, outcomes, caseworker and consultant changes and mentor support in date order.
// Only for the citizen's own staff and the team's manager (loadCitizen), audit-logged.
import { formatNumber, formatShortDate } from '../../domain/i18n/format.js';
import type { Messages } from '../../domain/i18n/messages.js';
import { isWithin } from '../../domain/due-dates.js';
import type { Question } from '../../domain/questions/understand.js';
import { okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { citizenTimeline, type TimelineEvent } from '../../db/ask-queries.js';
import { checkRef } from '../arguments.js';
import { periodLabel } from './ask-scope.js';
import { loadCitizen } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { exampleFor } from '../usage-example.js';

/** The newest events shown; older ones are counted. */
const TIMELINE_LIMIT = 20;

export async function answerTimeline(ctx: HandlerContext, q: Question): Promise<Reply> {
  const { t } = ctx;
  const ref = checkRef(t, q.ref, exampleFor(t, 'citizen', 1));
  if (!ref.ok) return ref.reply;
  const found = await loadCitizen(ctx, ref.value, { action: 'citizen.timeline' });
  if (!found.ok) return found.reply;
  const all = await citizenTimeline(ctx.db, found.value.id, ctx.today);
  const events = q.period ? all.filter((e) => isWithin(e.date, q.period!.from, q.period!.to)) : all;
  const title = q.period ? t.ask.timelineTitlePeriod(ref.value, periodLabel(t, q.period)) : t.ask.timelineTitle(ref.value, found.value.initials);
  const blocks: ReplyBlock[] = [{ type: 'header', text: title }];
  if (events.length === 0) {
    blocks.push({ type: 'text', text: t.ask.timelineEmpty });
    return okReply(title, blocks);
  }
  // In date order, oldest first; a long history keeps its newest events and counts the rest.
  const shown = events.slice(-TIMELINE_LIMIT);
  const hidden = events.length - shown.length;
  const lines = shown.map((e) => t.ask.eventLine(formatShortDate(e.date, t.locale), describe(t, e)));
  blocks.push(hidden > 0 ? { type: 'list', items: lines, moreText: t.ask.earlier(hidden) } : { type: 'list', items: lines });
  if (found.value.status === 'ACTIVE') blocks.push({ type: 'actions', actions: [{ id: 'meeting.log', label: t.citizen.logMeeting, value: ref.value, style: 'primary' }] });
  return okReply(`${title}\n${lines.join('\n')}`, blocks);
}

function describe(t: Messages, e: TimelineEvent): string {
  const date = (d: string) => formatShortDate(d, t.locale);
  switch (e.kind) {
    case 'created':
      return t.ask.event.created;
    case 'meeting':
      return t.ask.event.meeting(t.labels.meetingKind[e.meetingKind], e.by);
    case 'placementStart':
      return t.ask.event.placementStart(e.company, t.labels.placementType[e.type], date(e.plannedEnd));
    case 'placementExtended':
      return t.rules.timelineExtended(e.company, date(e.plannedEnd), e.reason ?? undefined);
    case 'placementEnd':
      return t.ask.event.placementEnd(e.company, t.labels.endReason[e.reason]);
    case 'followUp':
      return t.ask.event.followUp(e.company, t.labels.followUpOutcome[e.outcome]);
    case 'outcome':
      // Ordinary hours are a series: each entry shows its hours, so the progression reads off the timeline.
      return t.ask.event.outcome(t.labels.outcomeKind[e.outcomeKind]) + (e.outcomeKind === 'ORDINARY_HOURS' && e.weeklyHours !== undefined ? t.hours.timeline(formatNumber(e.weeklyHours, t.locale)) : '');
    case 'caseworkerChange':
      return t.ask.event.caseworkerChange(e.from ? `@${e.from}` : t.common.nobody, `@${e.to}`);
    case 'consultantChange':
      return t.continuity.timelineConsultantChange(e.from ? `@${e.from}` : t.common.nobody, e.to ? `@${e.to}` : t.common.nobody);
    case 'mentorStart':
      return t.continuity.timelineMentorStart(t.continuity.mentorKind[e.mentorKind], e.organisation);
    case 'mentorEnd':
      return t.continuity.timelineMentorEnd(t.continuity.mentorKind[e.mentorKind]);
    case 'closed':
      return t.ask.event.closed(t.labels.closeReason[e.reason]);
    case 'subGoalSet':
      return t.goals.timelineCreated(e.number, e.text);
    case 'subGoalClosed':
      return t.goals.timelineClosed(e.number, t.goals.status[e.status]);
    case 'readiness':
      return t.goals.timelineReadiness(t.goals.readiness[e.readiness]);
  }
}
