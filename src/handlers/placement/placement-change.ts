// /placement extend|followup|end: the life of an active placement.
import { splitOptions } from '../../domain/command-tokens.js';
import { onOrAfterWorkingDay } from '../../domain/danish-calendar.js';
import { parseDateWord, takeDate } from '../../domain/date-words.js';
import { nextFollowUpDue } from '../../domain/due-dates.js';
import type { FollowUpOutcome, PlacementEndReason, TargetGroup } from '../../domain/enums.js';
import { extensionNeedsReason } from '../../domain/rules/rules.js';
import { checkPlacementLimit, warnManagersOfLimit } from './placement-limits.js';
import { formatShortDateNear } from '../../domain/i18n/format.js';
import { addDays, compareLocalDate, fromDbDate, toDbDate, type LocalDate } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import {
  FOLLOW_UP_OUTCOME_WORDS,
  parseFollowUpOutcome,
  parsePlacementEndReason,
  PLACEMENT_END_REASON_WORDS,
  wordsFor,
} from '../../domain/vocabulary.js';
import { recordAudit } from '../../db/audit.js';
import { pickActivePlacement } from './active-placement.js';
import type { Placement } from '../../db/types.js';
import { checkDate, checkHours, checkInteger, checkOptions, checkRef, checkWord, fail, joinDateOptions, ok, type Checked } from '../arguments.js';
import { dayOffNote } from '../entries/entry-checks.js';
import { loadCitizen } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { MAX_NOTE_LENGTH } from '../meeting/log-meeting.js';
import { exampleFor } from '../usage-example.js';

const MAX_EXTENSION_DAYS = 365;

/** The length words extend and a follow-up's `forlæng` take: a bare number of days, a date, or days:/weeks:/until:. */
const LENGTH_OPTIONS = ['days', 'weeks', 'until'] as const;

interface NewEnd {
  end: LocalDate;
  /** A typed date is kept as typed; a computed one (days added) lands on a working day. */
  typed: boolean;
}

export async function extendPlacement(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'placement', 1);
  const { positional, options } = splitOptions(joinDateOptions(args, ['until'], ctx.today));
  const allowed = checkOptions(t, options, ['company', 'reason', ...LENGTH_OPTIONS]);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;
  // After the length (days or a date) come the reason's words, or reason:"…".
  const rest = positional.slice(1);
  let raw: string | undefined;
  let reason = options.get('reason')?.trim() || undefined;
  if (rest.length) {
    const lengthWords = LENGTH_OPTIONS.some((k) => options.has(k)) ? 0 : /^\d{1,3}$/.test(rest[0] ?? '') ? 1 : (takeDate(rest, 0, ctx.today, 'future')?.consumed ?? rest.length);
    raw = lengthWords ? rest.slice(0, lengthWords).join(' ') : undefined;
    const words = rest.slice(lengthWords).join(' ').trim();
    if (words && reason !== undefined) return fail(t.errors.tooManyWords(words), example).reply;
    if (words) reason = words;
  }
  const extendTo = typedExtension(ctx, raw, options, example);
  if (!extendTo.ok) return extendTo.reply;
  if (!extendTo.value) return fail(t.errors.missing(t.what.date), example).reply;
  const found = await loadCitizen(ctx, ref.value, { action: 'placement.extend', requireActive: true });
  if (!found.ok) return found.reply;
  const placement = await pickActivePlacement(ctx, found.value, options.get('company'));
  if (!placement.ok) return placement.reply;

  const newEnd = resolveExtension(ctx, extendTo.value, fromDbDate(placement.value.plannedEndOn), example);
  if (!newEnd.ok) return newEnd.reply;
  const extended = await applyExtension(ctx, found.value, placement.value, newEnd.value, reason);
  if (!extended.ok) return extended.reply;
  const lines = [t.placement.extended(ref.value, placement.value.company, extended.value.shown), ...extended.value.notes];
  if (placement.value.type === 'INTERNSHIP') lines.push(t.placement.extendHint);
  return okReply(lines.join('\n'));
}

/**
 * Moves the planned end (later only) and audits it; the shown new end and any
 * notes. The rules table decides: a type whose extension needs a reason
 * (virksomhedspraktik) gets none without one, and no extension passes the
 * longest length for the citizen's group. The reason is kept on the placement.
 */
async function applyExtension(
  ctx: HandlerContext,
  citizen: { id: string; ref: string; teamId: string; targetGroup: TargetGroup },
  placement: Placement,
  newEnd: NewEnd,
  reason: string | undefined,
): Promise<Checked<{ shown: string; notes: string[] }>> {
  const { t } = ctx;
  const currentEnd = fromDbDate(placement.plannedEndOn);
  if (compareLocalDate(newEnd.end, currentEnd) <= 0) return fail(t.errors.extendNotLater(formatShortDateNear(currentEnd, t.locale, ctx.today)));
  if (!reason && extensionNeedsReason(placement.type, fromDbDate(placement.startOn))) return fail(t.rules.extensionNeedsReason(citizen.ref));
  if (reason && reason.length > MAX_NOTE_LENGTH) return fail(t.errors.noteTooLong(MAX_NOTE_LENGTH));
  const limit = checkPlacementLimit(ctx, { type: placement.type, group: citizen.targetGroup, startOn: fromDbDate(placement.startOn), plannedEndOn: newEnd.end });
  if (!limit.ok) return limit;
  await ctx.db.placement.update({ where: { id: placement.id }, data: { plannedEndOn: toDbDate(newEnd.end), extensionReason: reason ?? null, extendedOn: toDbDate(ctx.today) } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'placement.extend', citizenId: citizen.id, channel: ctx.channel, details: { placementId: placement.id } });
  if (limit.value) await warnManagersOfLimit(ctx, citizen, { id: placement.id, type: placement.type, plannedEndOn: newEnd.end });
  const note = newEnd.typed ? dayOffNote(ctx, newEnd.end) : undefined;
  const notes = [...(reason ? [t.rules.extensionReason(reason)] : []), ...(note ? [note] : []), ...(limit.value ? [limit.value] : [])];
  return ok({ shown: formatShortDateNear(newEnd.end, t.locale, ctx.today), notes });
}

/**
 * /placement followup <ref> <outcome> [note]. An outcome that changes the placement does it,
 * or changes nothing and says what to type: `afslut <årsag>` ends it, `forlæng <dage|dato>`
 * (or days:/weeks:/until:) extends it.
 */
export async function followUpPlacement(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'placement', 2);
  const { positional, options } = splitOptions(joinDateOptions(args, ['date', 'until'], ctx.today));
  const allowed = checkOptions(t, options, ['company', 'date', 'hours', ...LENGTH_OPTIONS]);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;
  const outcome = checkWord(t, t.what.followUpOutcome, positional[1], parseFollowUpOutcome, wordsFor(FOLLOW_UP_OUTCOME_WORDS, t.locale), example);
  if (!outcome.ok) return outcome.reply;
  let rest = positional.slice(2);
  // END needs the reason, EXTEND the new end: read them before the note.
  let endReason: PlacementEndReason | undefined;
  if (outcome.value === 'END') {
    endReason = rest[0] === undefined ? undefined : parsePlacementEndReason(rest[0]);
    if (endReason) rest = rest.slice(1);
  }
  let extendTo: ExtendTo | undefined;
  if (outcome.value === 'EXTEND') {
    const asDate = rest[0] === undefined ? undefined : /^\d{1,3}$/.test(rest[0]) ? { consumed: 1 } : takeDate(rest, 0, ctx.today, 'future');
    const raw = asDate ? rest.slice(0, asDate.consumed).join(' ') : undefined;
    if (asDate) rest = rest.slice(asDate.consumed);
    const typed = typedExtension(ctx, raw, options, example);
    if (!typed.ok) return typed.reply;
    extendTo = typed.value;
  } else if (LENGTH_OPTIONS.some((k) => options.has(k))) {
    return fail(t.errors.unknownOption(LENGTH_OPTIONS.find((k) => options.has(k)) ?? '', ['company', 'date', 'hours'])).reply;
  }
  const note = rest.join(' ').trim() || null;
  let heldOn = ctx.today;
  const rawDate = options.get('date');
  if (rawDate !== undefined) {
    const checked = checkDate(t, rawDate, ctx.today, 'past');
    if (!checked.ok) return checked.reply;
    heldOn = checked.value;
  }
  let ordinaryHours: number | undefined;
  const rawHours = options.get('hours');
  if (rawHours !== undefined) {
    const checked = checkHours(t, rawHours);
    if (!checked.ok) return checked.reply;
    ordinaryHours = checked.value;
  }
  return recordFollowUp(ctx, { ref: ref.value, outcome: outcome.value, endReason, extendTo, note, heldOn, ordinaryHours, company: options.get('company') });
}

/** The new planned end a follow-up's `forlæng` asks for: days added to the current end, or a date (a word read against the current end). */
export type ExtendTo = { days: number } | { until: LocalDate } | { dateWord: string };

/** The typed length words: a bare number of days, a date, or days:/weeks:/until:. */
function typedExtension(ctx: HandlerContext, raw: string | undefined, options: Map<string, string>, example: string): Checked<ExtendTo | undefined> {
  const { t } = ctx;
  const given = LENGTH_OPTIONS.filter((k) => options.has(k));
  if (given.length + (raw === undefined ? 0 : 1) > 1) return fail(t.errors.periodConflict, example);
  const days = options.get('days') ?? options.get('weeks') ?? (raw !== undefined && /^\d{1,3}$/.test(raw) ? raw : undefined);
  if (days !== undefined) {
    const isWeeks = options.has('weeks');
    const max = isWeeks ? Math.floor(MAX_EXTENSION_DAYS / 7) : MAX_EXTENSION_DAYS;
    const checked = checkInteger(t, isWeeks ? t.what.weeks : t.what.days, days, 1, max);
    if (!checked.ok) return checked;
    return ok({ days: checked.value * (isWeeks ? 7 : 1) });
  }
  const date = options.get('until') ?? raw;
  return ok(date === undefined ? undefined : { dateWord: date });
}

/** A placement follow-up as meant, from typed words (followUpPlacement) or a form's values (form-submission.ts). */
export interface FollowUpEntry {
  ref: string;
  outcome: FollowUpOutcome;
  /** outcome END: why the placement ends (required then). */
  endReason?: PlacementEndReason;
  /** outcome EXTEND: the new planned end (required then). */
  extendTo?: ExtendTo;
  note: string | null;
  heldOn: LocalDate;
  ordinaryHours?: number;
  /** Which placement, when the citizen has more than one running (company:). */
  company?: string;
}

/** Saves the follow-up and does what its outcome says (END ends, EXTEND extends): the same rules for text and forms. */
export async function recordFollowUp(ctx: HandlerContext, entry: FollowUpEntry): Promise<Reply> {
  const { t } = ctx;
  const { ref, note, heldOn, ordinaryHours } = entry;
  if (entry.outcome === 'END' && !entry.endReason) return fail(t.entries.followUpEndNeedsReason(ref, wordsFor(PLACEMENT_END_REASON_WORDS, t.locale))).reply;
  if (entry.outcome === 'EXTEND' && !entry.extendTo) return fail(t.entries.followUpExtendNeedsEnd(ref)).reply;
  if (note && note.length > MAX_NOTE_LENGTH) return fail(t.errors.noteTooLong(MAX_NOTE_LENGTH)).reply;
  if (compareLocalDate(heldOn, ctx.today) > 0) return fail(t.errors.futureMeeting).reply;
  const found = await loadCitizen(ctx, ref, { action: 'placement.followup', requireActive: true });
  if (!found.ok) return found.reply;
  const placement = await pickActivePlacement(ctx, found.value, entry.company);
  if (!placement.ok) return placement.reply;
  const p = placement.value;

  await ctx.db.placementFollowUp.create({
    data: { placementId: p.id, heldOn: toDbDate(heldOn), outcome: entry.outcome, note, loggedById: ctx.actor.id, source: ctx.channel },
  });
  if (ordinaryHours !== undefined) await ctx.db.placement.update({ where: { id: p.id }, data: { ordinaryHours } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'placement.followup.create', citizenId: found.value.id, channel: ctx.channel, details: { placementId: p.id, outcome: entry.outcome } });
  const lines = [t.placement.followUpLogged(ref, p.company, t.labels.followUpOutcome[entry.outcome])];
  if (entry.outcome === 'END' && entry.endReason) {
    const endReason = entry.endReason;
    if (compareLocalDate(heldOn, fromDbDate(p.startOn)) < 0) return fail(t.errors.placementEndBeforeStart).reply;
    await ctx.db.placement.update({ where: { id: p.id }, data: { status: 'ENDED', endReason, endedOn: toDbDate(heldOn) } });
    await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'placement.end', citizenId: found.value.id, channel: ctx.channel, details: { placementId: p.id, reason: endReason } });
    lines.push(t.placement.ended(ref, p.company, t.labels.endReason[endReason]));
    if (endReason === 'COMPANY_WONT_PAY' || endReason === 'NO_JOB_PROSPECT') lines.push(t.placement.endedFindNew);
    return okReply(lines.join('\n'));
  }
  if (entry.outcome === 'EXTEND' && entry.extendTo) {
    const newEnd = resolveExtension(ctx, entry.extendTo, fromDbDate(p.plannedEndOn));
    if (!newEnd.ok) return newEnd.reply;
    // The follow-up's note is the extension's reason.
    const extended = await applyExtension(ctx, found.value, p, newEnd.value, note ?? undefined);
    if (!extended.ok) return extended.reply;
    lines.push(t.placement.extended(ref, p.company, extended.value.shown), ...extended.value.notes, t.placement.extendHint);
  }
  const next = nextFollowUpDue({ startOn: fromDbDate(p.startOn), followUpCadenceDays: p.followUpCadenceDays, firstFollowUpDays: p.firstFollowUpDays }, heldOn);
  lines.push(t.placement.nextFollowUp(formatShortDateNear(next, t.locale, ctx.today)));
  return okReply(lines.join('\n'));
}

/** The new planned end itself: days land on a working day; a date is kept as given. */
function resolveExtension(ctx: HandlerContext, extendTo: ExtendTo, currentEnd: LocalDate, example?: string): Checked<NewEnd> {
  if ('days' in extendTo) {
    const days = checkInteger(ctx.t, ctx.t.what.days, String(extendTo.days), 1, MAX_EXTENSION_DAYS);
    if (!days.ok) return days;
    return ok({ end: onOrAfterWorkingDay(addDays(currentEnd, days.value)), typed: false });
  }
  if ('until' in extendTo) return ok({ end: extendTo.until, typed: true });
  const parsed = parseDateWord(extendTo.dateWord, currentEnd, 'future');
  return parsed ? ok({ end: parsed, typed: true }) : fail(ctx.t.errors.invalidDate(extendTo.dateWord), example);
}

export async function endPlacement(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'placement', 3);
  const { positional, options } = splitOptions(joinDateOptions(args, ['date'], ctx.today));
  const allowed = checkOptions(t, options, ['company', 'date']);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;
  const reason = checkWord(t, t.what.endReason, positional[1], parsePlacementEndReason, wordsFor(PLACEMENT_END_REASON_WORDS, t.locale), example);
  if (!reason.ok) return reason.reply;
  if (positional.length > 2) return fail(t.errors.tooManyWords(positional.slice(2).join(' ')), example).reply;
  let endedOn = ctx.today;
  const rawDate = options.get('date');
  if (rawDate !== undefined) {
    const checked = checkDate(t, rawDate, ctx.today, 'past');
    if (!checked.ok) return checked.reply;
    endedOn = checked.value;
  }
  return recordPlacementEnd(ctx, { ref: ref.value, reason: reason.value, endedOn, endedOnTyped: rawDate !== undefined, company: options.get('company') });
}

/** A placement's end as meant, from typed words (endPlacement) or a form's values (form-submission.ts). */
export interface PlacementEndEntry {
  ref: string;
  reason: PlacementEndReason;
  endedOn: LocalDate;
  /** The date was given, so a weekend or holiday is named in the reply. */
  endedOnTyped: boolean;
  company?: string;
}

export async function recordPlacementEnd(ctx: HandlerContext, entry: PlacementEndEntry): Promise<Reply> {
  const { t } = ctx;
  const { endedOn } = entry;
  const ref = { value: entry.ref };
  const reason = { value: entry.reason };
  const found = await loadCitizen(ctx, ref.value, { action: 'placement.end', requireActive: true });
  if (!found.ok) return found.reply;
  const placement = await pickActivePlacement(ctx, found.value, entry.company);
  if (!placement.ok) return placement.reply;
  if (compareLocalDate(endedOn, fromDbDate(placement.value.startOn)) < 0) return fail(t.errors.placementEndBeforeStart).reply;

  await ctx.db.placement.update({ where: { id: placement.value.id }, data: { status: 'ENDED', endReason: reason.value, endedOn: toDbDate(endedOn) } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'placement.end', citizenId: found.value.id, channel: ctx.channel, details: { placementId: placement.value.id, reason: reason.value } });
  const lines = [t.placement.ended(ref.value, placement.value.company, t.labels.endReason[reason.value])];
  const endedOff = entry.endedOnTyped ? dayOffNote(ctx, endedOn) : undefined;
  if (endedOff) lines.push(endedOff);
  if (reason.value === 'COMPANY_WONT_PAY' || reason.value === 'NO_JOB_PROSPECT') lines.push(t.placement.endedFindNew);
  return okReply(lines.join('\n'));
}
