// Correcting entries after the fact (the citizen's right to rectification, and
// plain mistakes found later than the ten minutes of Fortryd):
//   /meeting edit|delete <ref> [on:<date>] [kind:] [date:] [duration:] [note:]
//   /placement edit|delete <ref> [company:] [type:] [from:] [until:] [hours:]
//   /placement followup delete <ref>
//   /outcome edit|delete <ref> [date:] [hours:] [employer:]
//   /citizen wish <ref> remove <company>
// Each acts on the citizen's latest entry of its kind (a meeting: the one held
// on `on:`), by the person who logged it or the team's manager, and is
// audit-logged with the names of the fields changed, never the old text.
import { resolveCompany } from '../company/company-names-check.js';
import { isManager } from '../../domain/access.js';
import { splitOptions } from '../../domain/command-tokens.js';
import { parseDuration } from '../../domain/duration.js';
import { capitalize, formatShortDate } from '../../domain/i18n/format.js';
import { compareLocalDate, fromDbDate, toDbDate } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { MEETING_KIND_WORDS, PLACEMENT_TYPE_WORDS, parseMeetingKind, parsePlacementType, wordsFor } from '../../domain/vocabulary.js';
import { recordAudit } from '../../db/audit.js';
import type { Citizen } from '../../db/types.js';
import { checkDate, checkHours, checkOptions, checkRef, checkWord, fail, joinDateOptions, ok, type Checked } from '../arguments.js';
import { loadCitizen } from '../citizen/citizen-access.js';
import { checkPlacementLimit, warnManagersOfLimit } from '../placement/placement-limits.js';
import type { HandlerContext } from '../context.js';
import { MAX_NOTE_LENGTH } from '../meeting/log-meeting.js';

const MAX_COMPANY_LENGTH = 100;

interface Target {
  ref: string;
  citizen: Citizen;
  options: Map<string, string>;
}

/** The reference and options of a correction, the citizen loaded with the access rules. */
async function target(ctx: HandlerContext, args: string[], allowed: readonly string[], action: string): Promise<Checked<Target>> {
  const { t } = ctx;
  const { positional, options } = splitOptions(joinDateOptions(args, ['on', 'date', 'from', 'until'], ctx.today));
  const known = checkOptions(t, options, allowed);
  if (!known.ok) return known;
  const ref = checkRef(t, positional[0], t.correct.example);
  if (!ref.ok) return ref;
  if (positional.length > 1) return fail(t.errors.tooManyWords(positional.slice(1).join(' ')), t.correct.example);
  const found = await loadCitizen(ctx, ref.value, { action });
  if (!found.ok) return found;
  return { ok: true, value: { ref: ref.value, citizen: found.value, options } };
}

/** The person who logged an entry, or a manager of the citizen's team (loadCitizen checked the team). */
function mayChange(ctx: HandlerContext, loggedBy: readonly (string | null)[]): boolean {
  return isManager(ctx.actor) || loggedBy.includes(ctx.actor.id);
}

const fieldList = (ctx: HandlerContext, fields: string[]) => fields.map((f) => ctx.t.correct.fieldNames[f as keyof typeof ctx.t.correct.fieldNames] ?? f).join(', ');

async function audit(ctx: HandlerContext, action: string, citizenId: string, fields: string[]): Promise<void> {
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action, citizenId, channel: ctx.channel, details: { fields: fields.join(',') } });
}

// ---- meetings ----

async function findMeeting(ctx: HandlerContext, tg: Target) {
  const raw = tg.options.get('on');
  let on: string | undefined;
  if (raw !== undefined) {
    const date = checkDate(ctx.t, raw, ctx.today, 'past');
    if (!date.ok) return date;
    on = date.value;
  }
  const meeting = await ctx.db.meeting.findFirst({
    where: { citizenId: tg.citizen.id, ...(on ? { heldOn: toDbDate(on) } : {}) },
    orderBy: [{ heldOn: 'desc' }, { createdAt: 'desc' }],
  });
  if (!meeting) return fail(ctx.t.correct.meetingNotFound(tg.ref, on ? formatShortDate(on, ctx.t.locale) : undefined));
  if (!mayChange(ctx, [meeting.loggedById])) return fail(ctx.t.correct.notYours);
  return { ok: true as const, value: meeting };
}

export async function editMeeting(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const tg = await target(ctx, args, ['on', 'kind', 'date', 'duration', 'note'], 'meeting.edit');
  if (!tg.ok) return tg.reply;
  const { options } = tg.value;
  const data: { kind?: ReturnType<typeof parseMeetingKind>; heldOn?: Date; durationMinutes?: number | null; note?: string | null } = {};
  if (options.has('kind')) {
    const kind = checkWord(t, t.what.meetingKind, options.get('kind'), parseMeetingKind, wordsFor(MEETING_KIND_WORDS, t.locale));
    if (!kind.ok) return kind.reply;
    data.kind = kind.value;
  }
  if (options.has('date')) {
    const date = checkDate(t, options.get('date') ?? '', ctx.today, 'past');
    if (!date.ok) return date.reply;
    data.heldOn = toDbDate(date.value);
  }
  if (options.has('duration')) {
    const raw = options.get('duration') ?? '';
    const minutes = raw === '-' ? null : parseDuration(raw);
    if (minutes === undefined) return fail(t.errors.invalidDuration(raw)).reply;
    data.durationMinutes = minutes;
  }
  if (options.has('note')) {
    const note = (options.get('note') ?? '').trim();
    if (note.length > MAX_NOTE_LENGTH) return fail(t.errors.noteTooLong(MAX_NOTE_LENGTH)).reply;
    data.note = note === '' || note === '-' ? null : note;
  }
  const fields = [...options.keys()].filter((key) => key !== 'on');
  if (fields.length === 0) return fail(t.correct.nothingToChange, t.correct.example).reply;
  const meeting = await findMeeting(ctx, tg.value);
  if (!meeting.ok) return meeting.reply;
  await ctx.db.meeting.update({ where: { id: meeting.value.id }, data });
  await audit(ctx, 'meeting.edit', tg.value.citizen.id, fields);
  const heldOn = data.heldOn ? fromDbDate(data.heldOn) : fromDbDate(meeting.value.heldOn);
  return okReply(t.correct.meetingEdited(tg.value.ref, formatShortDate(heldOn, t.locale), fieldList(ctx, fields)));
}

export async function deleteMeeting(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const tg = await target(ctx, args, ['on'], 'meeting.delete');
  if (!tg.ok) return tg.reply;
  const meeting = await findMeeting(ctx, tg.value);
  if (!meeting.ok) return meeting.reply;
  await ctx.db.meeting.delete({ where: { id: meeting.value.id } });
  await audit(ctx, 'meeting.delete', tg.value.citizen.id, []);
  const date = formatShortDate(fromDbDate(meeting.value.heldOn), t.locale);
  return okReply(t.correct.meetingDeleted(tg.value.ref, date, capitalize(t.labels.meetingKind[meeting.value.kind])));
}

// ---- placements and their follow-ups ----

async function findPlacement(ctx: HandlerContext, tg: Target) {
  const placement = await ctx.db.placement.findFirst({
    where: { citizenId: tg.citizen.id },
    orderBy: [{ status: 'asc' }, { startOn: 'desc' }, { createdAt: 'desc' }], // ACTIVE sorts before ENDED
  });
  if (!placement) return fail(ctx.t.correct.placementNotFound(tg.ref));
  if (!mayChange(ctx, [placement.createdById, placement.consultantId])) return fail(ctx.t.correct.notYours);
  return { ok: true as const, value: placement };
}

export async function editPlacement(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const tg = await target(ctx, args, ['company', 'type', 'from', 'until', 'hours'], 'placement.edit');
  if (!tg.ok) return tg.reply;
  const { options } = tg.value;
  const data: { company?: string; companyId?: string; type?: ReturnType<typeof parsePlacementType>; startOn?: Date; plannedEndOn?: Date; weeklyHours?: number } = {};
  if (options.has('company')) {
    const company = (options.get('company') ?? '').trim();
    if (company === '' || company.length > MAX_COMPANY_LENGTH) return fail(t.errors.missing(t.what.company), t.correct.example).reply;
    // The new name is linked to the company register like a new placement's ("mente du …?" when close).
    const resolved = await resolveCompany(ctx, company);
    if (!resolved.ok) return resolved.reply;
    data.company = resolved.value.company.name;
    data.companyId = resolved.value.company.id;
  }
  if (options.has('type')) {
    const type = checkWord(t, t.what.placementType, options.get('type'), parsePlacementType, wordsFor(PLACEMENT_TYPE_WORDS, t.locale));
    if (!type.ok) return type.reply;
    data.type = type.value;
  }
  for (const [key, column] of [['from', 'startOn'], ['until', 'plannedEndOn']] as const) {
    if (!options.has(key)) continue;
    const date = checkDate(t, options.get(key) ?? '', ctx.today, 'any');
    if (!date.ok) return date.reply;
    data[column] = toDbDate(date.value);
  }
  if (options.has('hours')) {
    const hours = checkHours(t, options.get('hours') ?? '');
    if (!hours.ok) return hours.reply;
    data.weeklyHours = hours.value;
  }
  const fields = [...options.keys()];
  if (fields.length === 0) return fail(t.correct.nothingToChange, t.correct.example).reply;
  const placement = await findPlacement(ctx, tg.value);
  if (!placement.ok) return placement.reply;
  const start = fromDbDate(data.startOn ?? placement.value.startOn);
  const end = fromDbDate(data.plannedEndOn ?? placement.value.plannedEndOn);
  if (compareLocalDate(end, start) < 0) return fail(t.correct.untilBeforeFrom).reply;
  // A correction of the type or dates is no way around the rules table's longest length for the
  // citizen's group; a new company name leaves an older placement as it was.
  const datesOrType = data.type !== undefined || data.startOn !== undefined || data.plannedEndOn !== undefined;
  const limit = datesOrType ? checkPlacementLimit(ctx, { type: data.type ?? placement.value.type, group: tg.value.citizen.targetGroup, startOn: start, plannedEndOn: end }) : ok(undefined);
  if (!limit.ok) return limit.reply;
  await ctx.db.placement.update({ where: { id: placement.value.id }, data });
  await audit(ctx, 'placement.edit', tg.value.citizen.id, fields);
  if (limit.value) await warnManagersOfLimit(ctx, tg.value.citizen, { id: placement.value.id, type: data.type ?? placement.value.type, plannedEndOn: end });
  const edited = t.correct.placementEdited(tg.value.ref, data.company ?? placement.value.company, fieldList(ctx, fields));
  return okReply(limit.value ? `${edited}\n${limit.value}` : edited);
}

export async function deletePlacement(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const tg = await target(ctx, args, [], 'placement.delete');
  if (!tg.ok) return tg.reply;
  const placement = await findPlacement(ctx, tg.value);
  if (!placement.ok) return placement.reply;
  await ctx.db.placement.delete({ where: { id: placement.value.id } });
  await audit(ctx, 'placement.delete', tg.value.citizen.id, []);
  return okReply(ctx.t.correct.placementDeleted(tg.value.ref, placement.value.company));
}

export async function deleteFollowUp(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const tg = await target(ctx, args, [], 'placement.followup.delete');
  if (!tg.ok) return tg.reply;
  const followUp = await ctx.db.placementFollowUp.findFirst({
    where: { placement: { citizenId: tg.value.citizen.id } },
    orderBy: [{ heldOn: 'desc' }, { createdAt: 'desc' }],
  });
  if (!followUp) return fail(t.correct.followUpNotFound(tg.value.ref)).reply;
  if (!mayChange(ctx, [followUp.loggedById])) return fail(t.correct.notYours).reply;
  await ctx.db.placementFollowUp.delete({ where: { id: followUp.id } });
  await audit(ctx, 'placement.followup.delete', tg.value.citizen.id, []);
  return okReply(t.correct.followUpDeleted(tg.value.ref, formatShortDate(fromDbDate(followUp.heldOn), t.locale)));
}

// ---- outcomes ----

async function findOutcome(ctx: HandlerContext, tg: Target) {
  const outcome = await ctx.db.outcome.findFirst({ where: { citizenId: tg.citizen.id }, orderBy: [{ occurredOn: 'desc' }, { createdAt: 'desc' }] });
  if (!outcome) return fail(ctx.t.correct.outcomeNotFound(tg.ref));
  if (!mayChange(ctx, [outcome.loggedById])) return fail(ctx.t.correct.notYours);
  return { ok: true as const, value: outcome };
}

export async function editOutcome(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const tg = await target(ctx, args, ['date', 'hours', 'employer'], 'outcome.edit');
  if (!tg.ok) return tg.reply;
  const { options } = tg.value;
  const data: { occurredOn?: Date; weeklyHours?: number; employer?: string | null } = {};
  if (options.has('date')) {
    const date = checkDate(t, options.get('date') ?? '', ctx.today, 'past');
    if (!date.ok) return date.reply;
    data.occurredOn = toDbDate(date.value);
  }
  if (options.has('hours')) {
    const hours = checkHours(t, options.get('hours') ?? '');
    if (!hours.ok) return hours.reply;
    data.weeklyHours = hours.value;
  }
  if (options.has('employer')) {
    const employer = (options.get('employer') ?? '').trim();
    if (employer.length > MAX_COMPANY_LENGTH) return fail(t.errors.missing(t.what.company)).reply;
    data.employer = employer === '' || employer === '-' ? null : employer;
  }
  const fields = [...options.keys()];
  if (fields.length === 0) return fail(t.correct.nothingToChange, t.correct.example).reply;
  const outcome = await findOutcome(ctx, tg.value);
  if (!outcome.ok) return outcome.reply;
  await ctx.db.outcome.update({ where: { id: outcome.value.id }, data });
  await audit(ctx, 'outcome.edit', tg.value.citizen.id, fields);
  return okReply(t.correct.outcomeEdited(tg.value.ref, t.labels.outcomeKind[outcome.value.kind], fieldList(ctx, fields)));
}

export async function deleteOutcome(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const tg = await target(ctx, args, [], 'outcome.delete');
  if (!tg.ok) return tg.reply;
  const outcome = await findOutcome(ctx, tg.value);
  if (!outcome.ok) return outcome.reply;
  await ctx.db.outcome.delete({ where: { id: outcome.value.id } });
  // A celebration still waiting in the outbox goes with it; one already posted stays.
  const withdrawn = await ctx.db.delivery.deleteMany({ where: { key: { startsWith: `celebration|${outcome.value.id}|` }, status: 'PENDING' } });
  await audit(ctx, 'outcome.delete', tg.value.citizen.id, []);
  const lines = [t.correct.outcomeDeleted(tg.value.ref, t.labels.outcomeKind[outcome.value.kind], formatShortDate(fromDbDate(outcome.value.occurredOn), t.locale))];
  if (withdrawn.count > 0) lines.push(t.correct.celebrationWithdrawn);
  if (tg.value.citizen.status === 'CLOSED') lines.push(t.correct.stillClosed(tg.value.ref));
  return okReply(lines.join('\n'));
}

// ---- wish-list ----

export async function removeWish(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const [rawRef, ...words] = args;
  const ref = checkRef(t, rawRef, t.correct.example);
  if (!ref.ok) return ref.reply;
  const company = words.join(' ').trim();
  if (!company) return fail(t.errors.missing(t.what.company), t.correct.example).reply;
  const found = await loadCitizen(ctx, ref.value, { action: 'citizen.wishes.remove', requireActive: true });
  if (!found.ok) return found.reply;
  const wishes = found.value.wishCompanies;
  const kept = wishes.filter((w) => w.toLocaleLowerCase('da') !== company.toLocaleLowerCase('da'));
  if (kept.length === wishes.length) return fail(t.correct.wishNotFound(ref.value, company, wishes)).reply;
  await ctx.db.citizen.update({ where: { id: found.value.id }, data: { wishCompanies: kept } });
  await audit(ctx, 'citizen.wishes.remove', found.value.id, ['wishCompanies']);
  return okReply(t.correct.wishRemoved(ref.value, company));
}
