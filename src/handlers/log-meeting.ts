// /meeting <ref> [kind] [date] [duration] [next:<date>] [note]
// e.g. "/samtale C-1042 trepart i dag 45m aftalt praktik". Kind, date and
// duration may come in any order after the reference; the rest is the note.
import { splitOptions } from '../domain/command-tokens.js';
import { takeDate } from '../domain/date-words.js';
import { nextCheckInAfterMeeting } from '../domain/due-dates.js';
import { parseDuration } from '../domain/duration.js';
import type { MeetingKind } from '../domain/enums.js';
import { formatShortDate } from '../domain/i18n/format.js';
import { compareLocalDate, fromDbDate, toDbDate, type LocalDate } from '../domain/local-date.js';
import { okReply, type Reply } from '../domain/reply.js';
import { parseMeetingKind } from '../domain/vocabulary.js';
import { recordAudit } from '../db/audit.js';
import { checkDate, checkNotFarBack, checkOptions, checkRef, checkTeamMember, fail, joinDateOptions } from './arguments.js';
import { loadCitizen } from './citizen-access.js';
import type { HandlerContext } from './context.js';
import { exampleFor } from './usage-example.js';

export const MAX_NOTE_LENGTH = 200;

export async function logMeeting(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'meeting');
  const { positional, options } = splitOptions(joinDateOptions(args, ['next', 'date'], ctx.today));
  const allowed = checkOptions(t, options, ['next', 'kind', 'date', 'duration', 'with']);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;

  let kind: MeetingKind | undefined;
  let heldOn: LocalDate | undefined;
  let duration: number | undefined;
  let i = 1;
  // Leading words that are a kind, a date or a duration; the first other word starts the note.
  while (i < positional.length) {
    const word = positional[i] ?? '';
    const asKind = kind === undefined ? parseMeetingKind(word) : undefined;
    if (asKind) { kind = asKind; i++; continue; }
    const asDate = heldOn === undefined ? takeDate(positional, i, ctx.today, 'past') : undefined;
    if (asDate) {
      const near = checkNotFarBack(t, positional.slice(i, i + asDate.consumed).join(' '), asDate.date, ctx.today);
      if (!near.ok) return near.reply;
      heldOn = asDate.date;
      i += asDate.consumed;
      continue;
    }
    const asDuration = duration === undefined ? parseDuration(word) : undefined;
    if (asDuration) { duration = asDuration; i++; continue; }
    if (/^\d/.test(word)) {
      // Starts like a date or a duration but is neither: say so rather than file it as a note.
      return fail(/[mth:]$|min/i.test(word) ? t.errors.invalidDuration(word) : t.errors.invalidDate(word), example).reply;
    }
    break;
  }
  const note = positional.slice(i).join(' ').trim() || null;
  if (note && note.length > MAX_NOTE_LENGTH) return fail(t.errors.noteTooLong(MAX_NOTE_LENGTH)).reply;

  const rawDate = options.get('date');
  if (rawDate !== undefined) {
    const checked = checkDate(t, rawDate, ctx.today, 'past');
    if (!checked.ok) return checked.reply;
    heldOn = checked.value;
  }
  const rawKind = options.get('kind');
  if (rawKind !== undefined) {
    kind = parseMeetingKind(rawKind);
    if (!kind) return fail(t.errors.unknownWord(t.what.meetingKind, rawKind, Object.values(t.labels.meetingKind)), example).reply;
  }
  const rawDuration = options.get('duration');
  if (rawDuration !== undefined) {
    duration = parseDuration(rawDuration);
    if (!duration) return fail(t.errors.invalidDuration(rawDuration), example).reply;
  }
  heldOn ??= ctx.today;
  if (compareLocalDate(heldOn, ctx.today) > 0) return fail(t.errors.futureMeeting).reply;
  let explicitNext: LocalDate | undefined;
  const rawNext = options.get('next');
  if (rawNext !== undefined) {
    const checked = checkDate(t, rawNext, ctx.today, 'future');
    if (!checked.ok) return checked.reply;
    if (compareLocalDate(checked.value, heldOn) <= 0) return fail(t.errors.nextBeforeMeeting).reply;
    explicitNext = checked.value;
  }

  // Who else took part: with:@camilla,@bo. A three-party meeting includes the citizen's consultant.
  const participantIds = new Set([ctx.actor.id]);
  for (const handle of (options.get('with') ?? '').split(',').filter(Boolean)) {
    const colleague = await checkTeamMember(ctx, handle);
    if (!colleague.ok) return colleague.reply;
    participantIds.add(colleague.value.id);
  }

  const found = await loadCitizen(ctx, ref.value, { action: 'meeting.log', requireActive: true });
  if (!found.ok) return found.reply;
  const citizen = found.value;
  if ((kind ?? 'INDIVIDUAL') === 'THREE_PARTY' && citizen.consultantId) participantIds.add(citizen.consultantId);
  const latest = await ctx.db.meeting.findFirst({ where: { citizenId: citizen.id }, orderBy: { heldOn: 'desc' } });
  const next = nextCheckInAfterMeeting({
    meetingOn: heldOn,
    latestEarlierMeetingOn: latest ? fromDbDate(latest.heldOn) : undefined,
    cadenceDays: citizen.cadenceDays,
    explicitNext,
  });
  const meetingKind = kind ?? 'INDIVIDUAL';
  const meeting = await ctx.db.meeting.create({
    data: {
      citizenId: citizen.id,
      kind: meetingKind,
      heldOn: toDbDate(heldOn),
      durationMinutes: duration ?? null,
      loggedById: ctx.actor.id,
      participants: { connect: [...participantIds].map((id) => ({ id })) },
      note,
      source: ctx.channel,
    },
  });
  await ctx.db.citizen.update({ where: { id: citizen.id }, data: { nextCheckInOn: toDbDate(next) } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'meeting.create', citizenId: citizen.id, channel: ctx.channel, details: { meetingId: meeting.id, kind: meetingKind } });

  const lines = [
    t.meeting.logged(capitalize(t.labels.meetingKind[meetingKind]), ref.value, formatShortDate(heldOn, t.locale)),
    t.meeting.next(formatShortDate(next, t.locale)),
  ];
  return okReply(lines.join('\n'));
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
