// /meeting <ref> [kind] [date] [duration] [next:<date>] [note]
// e.g. "/samtale C-1042 trepart i dag 45m aftalt praktik". Kind, date and
// duration may come in any order after the reference; the rest is the note.
// A likely duplicate (same kind, citizen and day) is asked about first; `igen` confirms.
import { splitOptions } from '../../domain/command-tokens.js';
import { looksLikeDateWord, takeDate } from '../../domain/date-words.js';
import { nextCheckInAfterMeeting } from '../../domain/due-dates.js';
import { parseDuration, takeDuration } from '../../domain/duration.js';
import type { MeetingKind } from '../../domain/enums.js';
import { capitalize, formatShortDateNear } from '../../domain/i18n/format.js';
import { compareLocalDate, fromDbDate, toDbDate, type LocalDate } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { closestWords, isNearWord, looksLikeMeetingKind, MEETING_KIND_WORDS, parseMeetingKind, wordsFor } from '../../domain/vocabulary.js';
import { recordAudit } from '../../db/audit.js';
import { checkDate, checkNotFarBack, checkOptions, checkRef, checkTeamMember, fail, joinDateOptions } from '../arguments.js';
import { loadCitizen } from '../citizen/citizen-access.js';
import { dayOffNote, duplicateQuestion, isAgainWord, whenText, type Repeat } from '../entries/entry-checks.js';
import type { HandlerContext } from '../context.js';
import { exampleFor } from '../usage-example.js';
import type { Readiness } from '../../domain/enums.js';
import { checkReadiness, readinessOption, READINESS_KEYS, recordReadiness } from '../goals/readiness.js';
import { closeSubGoals, findOpenSubGoals, MARK_KEYS, parseMarks, type SubGoalMarks } from '../goals/sub-goal-marks.js';

export const MAX_NOTE_LENGTH = 200;

export async function logMeeting(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'meeting');
  const { positional, options } = splitOptions(joinDateOptions(args, ['next', 'date'], ctx.today));
  const allowed = checkOptions(t, options, ['next', 'kind', 'date', 'duration', 'with', ...READINESS_KEYS, ...MARK_KEYS]);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;

  let kind: MeetingKind | undefined;
  let heldOn: LocalDate | undefined;
  let duration: number | undefined;
  let again = false;
  let i = 1;
  // Leading words that are a kind, a date, a duration or `igen`; the first other word starts
  // the note, unless it is a misread kind or date (see README "/meeting": the note rule).
  while (i < positional.length) {
    const word = positional[i] ?? '';
    if (!again && isAgainWord(word)) { again = true; i++; continue; }
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
    const asDuration = duration === undefined ? takeDuration(positional, i) : undefined;
    if (asDuration) { duration = asDuration.minutes; i += asDuration.consumed; continue; }
    if (/^\d+([.,]\d+)?$/.test(word)) return fail(t.entries.bareNumber(word), example).reply;
    if (/^\d/.test(word)) {
      // Starts like a date or a duration but is neither: say so rather than file it as a note.
      return fail(/[mth:]$|min/i.test(word) ? t.errors.invalidDuration(word) : t.errors.invalidDate(word), example).reply;
    }
    // Until a kind is given, a word a slip away from a kind ("trepar") or built like one
    // ("mentorsamtale") is a misread kind, not the note: refused with the closest kinds.
    if (kind === undefined && !options.has('kind') && (isNearWord(MEETING_KIND_WORDS, word) || looksLikeMeetingKind(word))) {
      return fail(t.entries.unknownMeetingKind(word, closestWords(MEETING_KIND_WORDS, word, t.locale, 2), wordsFor(MEETING_KIND_WORDS, t.locale)), example).reply;
    }
    // Likewise a date word that is none ("forleden", "fredga") is refused, never saved as today.
    if (heldOn === undefined && !options.has('date') && looksLikeDateWord(word)) return fail(t.errors.invalidDate(word), example).reply;
    break;
  }
  const typedHeldOn = heldOn !== undefined || options.has('date');
  const note = positional.slice(i).join(' ').trim() || null;

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
  let explicitNext: LocalDate | undefined;
  const rawNext = options.get('next');
  if (rawNext !== undefined) {
    const checked = checkDate(t, rawNext, ctx.today, 'future');
    if (!checked.ok) return checked.reply;
    explicitNext = checked.value;
  }
  // parat:tæt (ready:close): the citizen's readiness as judged at this meeting.
  let readiness: Readiness | undefined;
  const rawReadiness = readinessOption(options);
  if (rawReadiness !== undefined) {
    const checked = checkReadiness(t, rawReadiness);
    if (!checked.ok) return checked.reply;
    readiness = checked.value;
  }
  // delmål:nået:1,2 (goal:reached:1): sub-goals reviewed and closed at this meeting.
  let subGoals: SubGoalMarks | undefined;
  const rawMarks = MARK_KEYS.map((key) => options.get(key)).find((v) => v !== undefined);
  if (rawMarks !== undefined) {
    const checked = parseMarks(t, rawMarks);
    if (!checked.ok) return checked.reply;
    subGoals = checked.value;
  }
  const entry: MeetingEntry = {
    ref: ref.value,
    kind: kind ?? 'INDIVIDUAL',
    heldOn: heldOn ?? ctx.today,
    heldOnTyped: typedHeldOn,
    durationMinutes: duration,
    next: explicitNext,
    withHandles: (options.get('with') ?? '').split(',').filter(Boolean),
    note,
    again,
    readiness,
    subGoals: subGoals ? [subGoals] : undefined,
  };
  return recordMeeting(ctx, entry, { command: 'meeting', args });
}

/** A meeting as meant, from typed words (logMeeting) or a form's values (form-submission.ts). */
export interface MeetingEntry {
  ref: string;
  kind: MeetingKind;
  heldOn: LocalDate;
  /** The date was given (typed or picked), so a weekend or holiday is named in the reply. */
  heldOnTyped: boolean;
  durationMinutes?: number;
  /** An agreed next check-in (next:). */
  next?: LocalDate;
  /** Colleagues who took part (with:@camilla,@bo). */
  withHandles: readonly string[];
  note: string | null;
  /** Confirmed after the likely-duplicate question. */
  again: boolean;
  /** The citizen's readiness as judged at the meeting (parat:tæt). */
  readiness?: Readiness;
  /** Sub-goals closed at the meeting (delmål:nået:1,2; a form may reach some and drop others). */
  subGoals?: readonly SubGoalMarks[];
}

/**
 * Saves the meeting: every rule about the values themselves is here, so typed
 * text and forms meet the same checks. `repeat` is what the "Log igen"
 * button runs again if this looks like a duplicate.
 */
export async function recordMeeting(ctx: HandlerContext, entry: MeetingEntry, repeat: Repeat): Promise<Reply> {
  const { t } = ctx;
  const { heldOn, again, note } = entry;
  const kind = entry.kind;
  const duration = entry.durationMinutes;
  const explicitNext = entry.next;
  const typedHeldOn = entry.heldOnTyped;
  if (note && note.length > MAX_NOTE_LENGTH) return fail(t.errors.noteTooLong(MAX_NOTE_LENGTH)).reply;
  if (compareLocalDate(heldOn, ctx.today) > 0) return fail(t.errors.futureMeeting).reply;
  if (explicitNext && compareLocalDate(explicitNext, heldOn) <= 0) return fail(t.errors.nextBeforeMeeting).reply;

  // Who else took part: with:@camilla,@bo. A three-party meeting includes the citizen's consultant.
  const participantIds = new Set([ctx.actor.id]);
  for (const handle of entry.withHandles) {
    const colleague = await checkTeamMember(ctx, handle);
    if (!colleague.ok) return colleague.reply;
    participantIds.add(colleague.value.id);
  }

  const found = await loadCitizen(ctx, entry.ref, { action: 'meeting.log', requireActive: true });
  if (!found.ok) return found.reply;
  const citizen = found.value;
  const meetingKind = kind;
  const kindLabel = capitalize(t.labels.meetingKind[meetingKind]);
  // The same kind of meeting with the same citizen on the same day is most likely typed twice.
  if (!again) {
    const same = await ctx.db.meeting.findFirst({ where: { citizenId: citizen.id, kind: meetingKind, heldOn: toDbDate(heldOn) } });
    if (same) return duplicateQuestion(ctx, repeat, (command) => t.entries.meetingDuplicate(kindLabel, entry.ref, whenText(ctx, heldOn), command));
  }
  // Sub-goals to close are checked before anything is written: an unknown number changes nothing.
  const marks = entry.subGoals ?? [];
  const marked = marks.flatMap((m) => m.numbers);
  const goalsToClose = marked.length ? await findOpenSubGoals(ctx, { id: citizen.id, ref: entry.ref }, marked) : undefined;
  if (goalsToClose && !goalsToClose.ok) return goalsToClose.reply;
  if (meetingKind === 'THREE_PARTY' && citizen.consultantId) participantIds.add(citizen.consultantId);
  const latest = await ctx.db.meeting.findFirst({ where: { citizenId: citizen.id }, orderBy: { heldOn: 'desc' } });
  const next = nextCheckInAfterMeeting({
    meetingOn: heldOn,
    latestOtherMeetingOn: latest ? fromDbDate(latest.heldOn) : undefined,
    currentNext: citizen.nextCheckInOn ? fromDbDate(citizen.nextCheckInOn) : undefined,
    cadenceDays: citizen.cadenceDays,
    explicitNext,
  });
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
  if (next.changed) await ctx.db.citizen.update({ where: { id: citizen.id }, data: { nextCheckInOn: toDbDate(next.date) } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'meeting.create', citizenId: citizen.id, channel: ctx.channel, details: { meetingId: meeting.id, kind: meetingKind } });

  const shown = (d: LocalDate) => formatShortDateNear(d, t.locale, ctx.today);
  const lines = [
    t.meeting.logged(kindLabel, entry.ref, shown(heldOn)),
    next.changed ? t.meeting.next(shown(next.date)) : t.entries.nextKept(shown(next.date)),
  ];
  // Typed dates are kept as typed, but a weekend or holiday is named: often a slip.
  const heldOnDayOff = typedHeldOn ? dayOffNote(ctx, heldOn) : undefined;
  const nextDayOff = explicitNext ? dayOffNote(ctx, explicitNext) : undefined;
  for (const note of [heldOnDayOff, nextDayOff]) if (note) lines.push(note);
  // In the router's transaction with the meeting: one change, taken back together by Fortryd.
  for (const mark of marks) {
    const goals = goalsToClose?.ok ? goalsToClose.value.filter((g) => mark.numbers.includes(g.number)) : [];
    lines.push(...(await closeSubGoals(ctx, { id: citizen.id, ref: entry.ref }, goals, mark.status)));
  }
  if (entry.readiness) lines.push(await recordReadiness(ctx, { id: citizen.id, ref: entry.ref }, entry.readiness));
  return okReply(lines.join('\n'));
}

