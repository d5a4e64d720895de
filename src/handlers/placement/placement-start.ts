// /placement start <ref> <company> [type] [from:] [days:|weeks:|until:] [hours:]
// Lengths, limits and the follow-up rhythm come from the rules table (src/domain/rules):
// a virksomhedspraktik defaults to 14 days (seed 000) and may not pass the group's maximum.
import { splitOptions } from '../../domain/command-tokens.js';
import { nextFollowUpDue, workingPlannedEndFor } from '../../domain/due-dates.js';
import { defaultPlannedEnd, followUpRhythm } from '../../domain/rules/rules.js';
import { checkPlacementLimit, warnManagersOfLimit } from './placement-limits.js';
import { overlapLines, overlappingPlacements, warnManagersOfOverlap } from './placement-overlap.js';
import type { PlacementType } from '../../domain/enums.js';
import { formatShortDateNear } from '../../domain/i18n/format.js';
import { compareLocalDate, toDbDate, type LocalDate } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { parsePlacementType, PLACEMENT_TYPE_WORDS, wordsFor } from '../../domain/vocabulary.js';
import { recordAudit } from '../../db/audit.js';
import { checkDate, checkHours, checkInteger, checkOptions, checkRef, checkWord, fail, joinDateOptions } from '../arguments.js';
import { loadCitizen } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { dayOffNote } from '../entries/entry-checks.js';
import { exampleFor } from '../usage-example.js';
import { resolveCompany } from '../company/company-names-check.js';

const MAX_LENGTH_DAYS = 3 * 365;

export async function startPlacement(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'placement');
  const { positional, options } = splitOptions(joinDateOptions(args, ['from', 'until'], ctx.today));
  const allowed = checkOptions(t, options, ['from', 'days', 'weeks', 'until', 'hours', 'type']);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;
  const company = positional[1]?.trim();
  if (!company) return fail(t.errors.missing(t.what.company), example).reply;
  const rawType = options.get('type') ?? positional[2];
  let type: PlacementType = 'INTERNSHIP';
  if (rawType !== undefined) {
    const checked = checkWord(t, t.what.placementType, rawType, parsePlacementType, wordsFor(PLACEMENT_TYPE_WORDS, t.locale), example);
    if (!checked.ok) return checked.reply;
    type = checked.value;
  }
  const extra = positional.slice(options.has('type') ? 2 : 3);
  if (extra.length) return fail(t.errors.tooManyWords(extra.join(' ')), example).reply;

  let startOn: LocalDate = ctx.today;
  const rawFrom = options.get('from');
  if (rawFrom !== undefined) {
    const checked = checkDate(t, rawFrom, ctx.today, 'any');
    if (!checked.ok) return checked.reply;
    startOn = checked.value;
  }
  const lengthKeys = ['days', 'weeks', 'until'].filter((k) => options.has(k));
  if (lengthKeys.length > 1) return fail(t.errors.periodConflict, example).reply;
  let length: PlacementLength | undefined;
  if (options.has('days') || options.has('weeks')) {
    const isWeeks = options.has('weeks');
    const checked = checkInteger(t, isWeeks ? t.what.weeks : t.what.days, options.get(isWeeks ? 'weeks' : 'days') ?? '', 1, isWeeks ? MAX_LENGTH_DAYS / 7 : MAX_LENGTH_DAYS);
    if (!checked.ok) return checked.reply;
    length = { days: checked.value * (isWeeks ? 7 : 1) };
  }
  const rawUntil = options.get('until');
  if (rawUntil !== undefined) {
    const checked = checkDate(t, rawUntil, startOn, 'future');
    if (!checked.ok) return checked.reply;
    length = { until: checked.value };
  }
  let weeklyHours: number | null = null;
  const rawHours = options.get('hours');
  if (rawHours !== undefined) {
    const checked = checkHours(t, rawHours);
    if (!checked.ok) return checked.reply;
    weeklyHours = checked.value;
  }
  return recordPlacementStart(ctx, { ref: ref.value, company, type, startOn, startTyped: rawFrom !== undefined, length, weeklyHours });
}

/** days: a length (the planned end lands on a working day); until: a planned end kept as given. */
export type PlacementLength = { days: number } | { until: LocalDate };

/** A placement start as meant, from typed words (startPlacement) or a form's values (form-submission.ts). */
export interface PlacementStartEntry {
  ref: string;
  company: string;
  type: PlacementType;
  startOn: LocalDate;
  /** The start was given, so a weekend or holiday is named in the reply. */
  startTyped: boolean;
  /** Default: the type's usual length (14 days for a virksomhedspraktik). */
  length?: PlacementLength;
  weeklyHours: number | null;
}

/** Starts the placement: the same rules for typed text and forms. */
export async function recordPlacementStart(ctx: HandlerContext, entry: PlacementStartEntry): Promise<Reply> {
  const { t } = ctx;
  const { type, startOn, weeklyHours } = entry;
  const ref = { value: entry.ref };
  let plannedEndOn: LocalDate | undefined;
  if (entry.length && 'days' in entry.length) {
    const days = checkInteger(t, t.what.days, String(entry.length.days), 1, MAX_LENGTH_DAYS);
    if (!days.ok) return days.reply;
    plannedEndOn = workingPlannedEndFor(startOn, entry.length.days);
  }
  if (entry.length && 'until' in entry.length) {
    if (compareLocalDate(entry.length.until, startOn) <= 0) return fail(t.errors.placementEndBeforeStart).reply;
    plannedEndOn = entry.length.until;
  }
  const rawFrom = entry.startTyped ? startOn : undefined;
  const rawUntil = entry.length && 'until' in entry.length ? plannedEndOn : undefined;

  const found = await loadCitizen(ctx, entry.ref, { action: 'placement.start', requireActive: true });
  if (!found.ok) return found.reply;
  const citizen = found.value;
  // The company register (issue 14): the same company, "mente du …?" for a close name, or a new one.
  const resolved = await resolveCompany(ctx, entry.company);
  if (!resolved.ok) return resolved.reply;
  const company = resolved.value.company.name;
  // Without a length: the type's default for the citizen's group, never past its maximum.
  plannedEndOn ??= defaultPlannedEnd(type, citizen.targetGroup, startOn);
  const limit = checkPlacementLimit(ctx, { type, group: citizen.targetGroup, startOn, plannedEndOn });
  if (!limit.ok) return limit.reply;
  const rhythm = followUpRhythm(type, startOn);
  // A second active placement at the same company could never be told apart from the first.
  const sameCompany = await ctx.db.placement.findFirst({ where: { citizenId: citizen.id, status: 'ACTIVE', company: { equals: company, mode: 'insensitive' } } });
  if (sameCompany) return fail(t.errors.placementExists(ref.value, sameCompany.company)).reply;
  // Another running placement in the same period (another company): stored, with a warning (issue 14).
  const overlaps = await overlappingPlacements(ctx, citizen.id, startOn, plannedEndOn);
  const placement = await ctx.db.placement.create({
    data: {
      citizenId: citizen.id,
      consultantId: citizen.consultantId ?? (ctx.actor.role === 'CONSULTANT' ? ctx.actor.id : null),
      company,
      companyId: resolved.value.company.id,
      type,
      startOn: toDbDate(startOn),
      plannedEndOn: toDbDate(plannedEndOn),
      weeklyHours,
      followUpCadenceDays: rhythm.everyDays,
      firstFollowUpDays: rhythm.firstAfterDays,
      createdById: ctx.actor.id,
      source: ctx.channel,
    },
  });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'placement.create', citizenId: citizen.id, channel: ctx.channel, details: { placementId: placement.id, type } });
  if (limit.value) await warnManagersOfLimit(ctx, citizen, { id: placement.id, type, plannedEndOn });
  const managersTold = overlaps.length ? await warnManagersOfOverlap(ctx, citizen, { id: placement.id, company }, overlaps) : 0;

  // Dates in another year than today's carry the year ("planlagt slut: man. 31. maj 2027").
  const shown = (d: LocalDate) => formatShortDateNear(d, t.locale, ctx.today);
  const lines = [
    t.placement.started(ref.value, t.labels.placementType[type], company, shown(startOn), shown(plannedEndOn)),
    t.placement.firstFollowUp(shown(nextFollowUpDue({ startOn, followUpCadenceDays: rhythm.everyDays, firstFollowUpDays: rhythm.firstAfterDays }))),
  ];
  for (const typed of [rawFrom !== undefined ? startOn : undefined, rawUntil !== undefined ? plannedEndOn : undefined]) {
    const note = typed ? dayOffNote(ctx, typed) : undefined;
    if (note) lines.push(note);
  }
  if (limit.value) lines.push(limit.value);
  lines.push(...overlapLines(ctx, ref.value, overlaps, managersTold));
  if (type === 'INTERNSHIP') lines.push(t.placement.internshipRule);
  if (resolved.value.created) lines.push(t.companies.newInRegister(company));
  // Seeds 000/001: always a three-party meeting before an internship.
  const threeParty = await ctx.db.meeting.count({ where: { citizenId: citizen.id, kind: 'THREE_PARTY' } });
  if (threeParty === 0) lines.push(t.placement.noThreeParty(ref.value));
  return okReply(lines.join('\n'));
}
