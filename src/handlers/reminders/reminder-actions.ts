// Snooze and done on reminders: as buttons (action ids reminder.snooze /
// reminder.done, value = the subject the reminder carried) and as commands
// (/jobbot snooze <ref> [date], /jobbot done <ref>). A subject names one
// occurrence (a due date), so the next occurrence is reminded afresh.
import { parseDateWord } from '../../domain/date-words.js';
import { formatShortDateNear } from '../../domain/i18n/format.js';
import { compareLocalDate, fromDbDate, toDbDate, type LocalDate } from '../../domain/local-date.js';
import {
  checkInRoute,
  defaultSnoozeUntil,
  isRoutedTo,
  parseSubject,
  placementRoute,
  snoozeUntilWorkingDay,
  subjectKey,
} from '../../domain/reminder-rules.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { placementSubjectsOfRow } from '../../db/caseload-queries.js';
import { citizenRouting } from '../../db/reminder-queries.js';
import type { Citizen } from '../../db/types.js';
import { checkRef, fail } from '../arguments.js';
import { loadCitizen, mayAccessCitizen } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';

type Change = { snoozedUntil: LocalDate } | { done: true };

interface ResolvedSubject {
  key: string;
  citizen: Citizen;
  /** What the reply calls it: "the check-in with C-1042". */
  label: string;
}

/** A subject from a button, checked against who pressed it. */
async function resolveSubject(ctx: HandlerContext, value: string): Promise<ResolvedSubject | undefined> {
  const subject = parseSubject(value);
  if (!subject) return undefined;
  let citizen: Citizen | null;
  let label: (ref: string) => string;
  if (subject.kind === 'checkin') {
    citizen = await ctx.db.citizen.findUnique({ where: { id: subject.citizenId } });
    label = ctx.t.reminders.subjectCheckIn;
  } else {
    const placement = await ctx.db.placement.findUnique({ where: { id: subject.placementId }, include: { citizen: true } });
    citizen = placement?.citizen ?? null;
    label = (ref) => ctx.t.reminders.subjectPlacement(ref, placement?.company ?? '');
  }
  if (!citizen || !(await mayAccessCitizen(ctx, citizen))) return undefined;
  return { key: subjectKey(subject), citizen, label: label(citizen.ref) };
}

/**
 * The actor's current reminder subjects about a citizen: the ones the morning
 * jobs would send them. Routed and named by the same rules (checkInRoute,
 * placementRoute, placementSubjects), so snooze and done match what was sent.
 */
async function currentSubjects(ctx: HandlerContext, citizen: Citizen): Promise<ResolvedSubject[]> {
  const out: ResolvedSubject[] = [];
  const r = ctx.t.reminders;
  const routed = await citizenRouting(ctx.db, citizen.id);
  if (citizen.nextCheckInOn && isRoutedTo(checkInRoute(routed), ctx.actor)) {
    out.push({ key: subjectKey({ kind: 'checkin', citizenId: citizen.id, due: fromDbDate(citizen.nextCheckInOn) }), citizen, label: r.subjectCheckIn(citizen.ref) });
  }
  const placements = isRoutedTo(placementRoute(routed), ctx.actor)
    ? await ctx.db.placement.findMany({
        where: { citizenId: citizen.id, status: 'ACTIVE' },
        include: { followUps: { orderBy: { heldOn: 'desc' }, take: 1 } },
      })
    : [];
  for (const p of placements) {
    const subjects = placementSubjectsOfRow(p);
    for (const s of [subjects.followup, subjects.end, subjects.threeparty]) out.push({ key: s.subject, citizen, label: r.subjectPlacement(citizen.ref, p.company) });
  }
  return out;
}

async function apply(ctx: HandlerContext, subjects: ResolvedSubject[], change: Change): Promise<void> {
  for (const s of subjects) {
    const data = 'done' in change ? { doneAt: ctx.now, snoozedUntil: null } : { snoozedUntil: toDbDate(change.snoozedUntil), doneAt: null };
    await ctx.db.reminderState.upsert({
      where: { staffId_subject: { staffId: ctx.actor.id, subject: s.key } },
      create: { staffId: ctx.actor.id, subject: s.key, ...data },
      update: data,
    });
  }
  const citizenIds = [...new Set(subjects.map((s) => s.citizen.id))];
  for (const citizenId of citizenIds) {
    await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'done' in change ? 'reminder.done' : 'reminder.snooze', citizenId, channel: ctx.channel });
  }
}

/** chosen: the date the user asked for, when it was not a working day and the snooze moved on. */
function confirmation(ctx: HandlerContext, subjects: ResolvedSubject[], change: Change, chosen?: LocalDate): Reply {
  const labels = [...new Set(subjects.map((s) => s.label))];
  const r = ctx.t.reminders;
  const date = (d: LocalDate) => formatShortDateNear(d, ctx.t.locale, ctx.today);
  const lines = labels.map((label) => {
    if ('done' in change) return r.doneMarked(label);
    return chosen ? r.snoozedToWorkingDay(label, date(change.snoozedUntil), date(chosen)) : r.snoozed(label, date(change.snoozedUntil));
  });
  return okReply(lines.join('\n'));
}

/** Button: reminder.snooze (one day: back on the next working day). */
export async function snoozeAction(ctx: HandlerContext, value: string): Promise<Reply> {
  const subject = await resolveSubject(ctx, value);
  if (!subject) return fail(ctx.t.reminders.unknownSubject).reply;
  const change = { snoozedUntil: defaultSnoozeUntil(ctx.today) };
  await apply(ctx, [subject], change);
  return confirmation(ctx, [subject], change);
}

/** Button: reminder.done. */
export async function doneAction(ctx: HandlerContext, value: string): Promise<Reply> {
  const subject = await resolveSubject(ctx, value);
  if (!subject) return fail(ctx.t.reminders.unknownSubject).reply;
  await apply(ctx, [subject], { done: true });
  return confirmation(ctx, [subject], { done: true });
}

async function subjectsFromArgs(ctx: HandlerContext, first: string | undefined, command: 'snooze' | 'done'): Promise<{ ok: true; value: ResolvedSubject[] } | { ok: false; reply: Reply }> {
  const example = `${ctx.t.usage.exampleLabel}: ${ctx.t.reminders.examples[command]}`;
  if (first && parseSubject(first)) {
    const subject = await resolveSubject(ctx, first);
    return subject ? { ok: true, value: [subject] } : fail(ctx.t.reminders.unknownSubject);
  }
  const ref = checkRef(ctx.t, first, example);
  if (!ref.ok) return ref;
  const found = await loadCitizen(ctx, ref.value, { action: 'reminder.lookup', requireActive: true });
  if (!found.ok) return found;
  const subjects = await currentSubjects(ctx, found.value);
  return subjects.length ? { ok: true, value: subjects } : fail(ctx.t.reminders.nothingToSnooze(ref.value));
}

/** /jobbot snooze <ref|subject> [until] [date] */
export async function snoozeCommand(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const subjects = await subjectsFromArgs(ctx, args[0], 'snooze');
  if (!subjects.ok) return subjects.reply;
  const words = args.slice(1).filter((w) => !['until', 'til', 'indtil', 'to'].includes(w.toLowerCase()));
  let until = defaultSnoozeUntil(ctx.today);
  let chosen: LocalDate | undefined;
  if (words.length > 0) {
    const parsed = parseDateWord(words.join(' '), ctx.today, 'future');
    if (!parsed) return fail(ctx.t.errors.invalidDate(words.join(' ')), `${ctx.t.usage.exampleLabel}: ${ctx.t.reminders.examples.snooze}`).reply;
    if (compareLocalDate(parsed, ctx.today) <= 0) return fail(ctx.t.reminders.snoozeNotFuture).reply;
    // Reminders come only on working days: a Saturday or a holiday moves on to the next working day, and the answer says so.
    until = snoozeUntilWorkingDay(parsed);
    if (until !== parsed) chosen = parsed;
  }
  const change = { snoozedUntil: until };
  await apply(ctx, subjects.value, change);
  return confirmation(ctx, subjects.value, change, chosen);
}

/** /jobbot done <ref|subject> */
export async function doneCommand(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const subjects = await subjectsFromArgs(ctx, args[0], 'done');
  if (!subjects.ok) return subjects.reply;
  await apply(ctx, subjects.value, { done: true });
  return confirmation(ctx, subjects.value, { done: true });
}
