// /placement extend|followup|end: the life of an active placement.
import { splitOptions } from '../domain/command-tokens.js';
import { parseDateWord } from '../domain/date-words.js';
import { nextFollowUpDue } from '../domain/due-dates.js';
import { formatShortDate } from '../domain/i18n/format.js';
import { addDays, compareLocalDate, fromDbDate, toDbDate, type LocalDate } from '../domain/local-date.js';
import { okReply, type Reply } from '../domain/reply.js';
import {
  FOLLOW_UP_OUTCOME_WORDS,
  parseFollowUpOutcome,
  parsePlacementEndReason,
  PLACEMENT_END_REASON_WORDS,
  wordsFor,
} from '../domain/vocabulary.js';
import { recordAudit } from '../db/audit.js';
import { pickActivePlacement } from './active-placement.js';
import { checkDate, checkHours, checkOptions, checkRef, checkWord, fail, joinDateOptions } from './arguments.js';
import { loadCitizen } from './citizen-access.js';
import type { HandlerContext } from './context.js';
import { MAX_NOTE_LENGTH } from './log-meeting.js';
import { exampleFor } from './usage-example.js';

const MAX_EXTENSION_DAYS = 365;

export async function extendPlacement(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'placement', 1);
  const { positional, options } = splitOptions(args);
  const allowed = checkOptions(t, options, ['company']);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;
  const raw = positional[1];
  if (!raw) return fail(t.errors.missing(t.what.date), example).reply;
  if (positional.length > 2) return fail(t.errors.tooManyWords(positional.slice(2).join(' ')), example).reply;
  const found = await loadCitizen(ctx, ref.value, { action: 'placement.extend', requireActive: true });
  if (!found.ok) return found.reply;
  const placement = await pickActivePlacement(ctx, found.value, options.get('company'));
  if (!placement.ok) return placement.reply;

  const currentEnd = fromDbDate(placement.value.plannedEndOn);
  // A bare number is days added to the current end; anything else is the new end date.
  let newEnd: LocalDate | undefined;
  if (/^\d{1,3}$/.test(raw)) {
    const days = Number(raw);
    if (days < 1 || days > MAX_EXTENSION_DAYS) return fail(t.errors.invalidNumber(t.what.days, raw, 1, MAX_EXTENSION_DAYS)).reply;
    newEnd = addDays(currentEnd, days);
  } else {
    newEnd = parseDateWord(raw, currentEnd, 'future');
    if (!newEnd) return fail(t.errors.invalidDate(raw), example).reply;
  }
  const shownCurrent = formatShortDate(currentEnd, t.locale);
  if (compareLocalDate(newEnd, currentEnd) <= 0) return fail(t.errors.extendNotLater(shownCurrent)).reply;

  await ctx.db.placement.update({ where: { id: placement.value.id }, data: { plannedEndOn: toDbDate(newEnd) } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'placement.extend', citizenId: found.value.id, channel: ctx.channel, details: { placementId: placement.value.id } });
  const lines = [t.placement.extended(ref.value, placement.value.company, formatShortDate(newEnd, t.locale))];
  if (placement.value.type === 'INTERNSHIP') lines.push(t.placement.extendHint);
  return okReply(lines.join('\n'));
}

export async function followUpPlacement(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'placement', 2);
  const { positional, options } = splitOptions(joinDateOptions(args, ['date'], ctx.today));
  const allowed = checkOptions(t, options, ['company', 'date', 'hours']);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;
  const outcome = checkWord(t, t.what.followUpOutcome, positional[1], parseFollowUpOutcome, wordsFor(FOLLOW_UP_OUTCOME_WORDS, t.locale), example);
  if (!outcome.ok) return outcome.reply;
  const note = positional.slice(2).join(' ').trim() || null;
  if (note && note.length > MAX_NOTE_LENGTH) return fail(t.errors.noteTooLong(MAX_NOTE_LENGTH)).reply;
  let heldOn = ctx.today;
  const rawDate = options.get('date');
  if (rawDate !== undefined) {
    const checked = checkDate(t, rawDate, ctx.today, 'past');
    if (!checked.ok) return checked.reply;
    if (compareLocalDate(checked.value, ctx.today) > 0) return fail(t.errors.futureMeeting).reply;
    heldOn = checked.value;
  }
  let ordinaryHours: number | undefined;
  const rawHours = options.get('hours');
  if (rawHours !== undefined) {
    const checked = checkHours(t, rawHours);
    if (!checked.ok) return checked.reply;
    ordinaryHours = checked.value;
  }
  const found = await loadCitizen(ctx, ref.value, { action: 'placement.followup', requireActive: true });
  if (!found.ok) return found.reply;
  const placement = await pickActivePlacement(ctx, found.value, options.get('company'));
  if (!placement.ok) return placement.reply;

  await ctx.db.placementFollowUp.create({
    data: { placementId: placement.value.id, heldOn: toDbDate(heldOn), outcome: outcome.value, note, loggedById: ctx.actor.id, source: ctx.channel },
  });
  if (ordinaryHours !== undefined) await ctx.db.placement.update({ where: { id: placement.value.id }, data: { ordinaryHours } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'placement.followup.create', citizenId: found.value.id, channel: ctx.channel, details: { placementId: placement.value.id, outcome: outcome.value } });
  const next = nextFollowUpDue({ startOn: fromDbDate(placement.value.startOn), followUpCadenceDays: placement.value.followUpCadenceDays }, heldOn);
  const lines = [t.placement.followUpLogged(ref.value, placement.value.company, t.labels.followUpOutcome[outcome.value])];
  if (outcome.value === 'EXTEND') lines.push(t.placement.extendHint);
  if (outcome.value !== 'END') lines.push(t.placement.nextFollowUp(formatShortDate(next, t.locale)));
  return okReply(lines.join('\n'));
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
  const found = await loadCitizen(ctx, ref.value, { action: 'placement.end', requireActive: true });
  if (!found.ok) return found.reply;
  const placement = await pickActivePlacement(ctx, found.value, options.get('company'));
  if (!placement.ok) return placement.reply;
  if (compareLocalDate(endedOn, fromDbDate(placement.value.startOn)) < 0) return fail(t.errors.placementEndBeforeStart).reply;

  await ctx.db.placement.update({ where: { id: placement.value.id }, data: { status: 'ENDED', endReason: reason.value, endedOn: toDbDate(endedOn) } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'placement.end', citizenId: found.value.id, channel: ctx.channel, details: { placementId: placement.value.id, reason: reason.value } });
  const lines = [t.placement.ended(ref.value, placement.value.company, t.labels.endReason[reason.value])];
  if (reason.value === 'COMPANY_WONT_PAY' || reason.value === 'NO_JOB_PROSPECT') lines.push(t.placement.endedFindNew);
  return okReply(lines.join('\n'));
}
