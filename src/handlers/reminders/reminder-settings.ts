// Personal and team reminder settings: /jobbot reminders [HH:MM],
// /jobbot away until <date> [cover:@handle], /jobbot back, and for managers
// /jobbot celebrations on|off, /jobbot digest <HH:MM>, /jobbot teammeeting <days>|off,
// /jobbot escalate <count>|off, /jobbot noconsultant <days>|off.
import { isManager } from '../../domain/access.js';
import { parseDateWord } from '../../domain/date-words.js';
import { formatShortDate, formatShortDateNear } from '../../domain/i18n/format.js';
import { compareLocalDate, fromDbDate, toDbDate } from '../../domain/local-date.js';
import { ESCALATE_AFTER_MAX, ESCALATE_AFTER_MIN } from '../../domain/reminder-repetition.js';
import { normalizeTime } from '../../domain/reminder-rules.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { checkInteger, checkTeamMember, fail } from '../arguments.js';
import { requireTeam } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';

/** The one example line that fits the command, under an input error ("Eksempel: /jobbot reminders 07:30"). */
const example = (ctx: HandlerContext, command: keyof HandlerContext['t']['reminders']['examples']) => `${ctx.t.usage.exampleLabel}: ${ctx.t.reminders.examples[command]}`;

/** /jobbot reminders: shows the settings; /jobbot reminders 07:30 sets the personal time. */
/** The first lines of the reminders usage are everyone's; the rest are team settings (managers). */
const PERSONAL_SETTINGS = 5;

export async function reminderTime(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const r = ctx.t.reminders;
  if (args.length === 0) {
    const me = await ctx.db.staff.findUniqueOrThrow({ where: { id: ctx.actor.id }, include: { team: true } });
    const fields = [{ label: r.settingsTime, value: me.reminderTime }];
    if (me.awayUntil && compareLocalDate(fromDbDate(me.awayUntil), ctx.today) >= 0) {
      fields.push({ label: r.settingsAway, value: formatShortDate(fromDbDate(me.awayUntil), ctx.t.locale) });
    }
    const blocks: Reply['blocks'] = [{ type: 'header', text: r.settingsTitle }, { type: 'fields', fields }];
    // Team settings are the manager's to change: others see only their own.
    const manager = isManager(ctx.actor);
    if (me.team && manager) {
      blocks.push({ type: 'context', text: r.settingsTeam(me.team.celebrationsEnabled, me.team.digestTime, me.team.teamMeetingEveryDays) });
      blocks.push({ type: 'context', text: ctx.t.repetition.settingsLine(me.team.escalateAfterReminders) });
      blocks.push({ type: 'context', text: ctx.t.continuity.noConsultantSettings(me.team.noConsultantFlagDays) });
    }
    blocks.push({ type: 'list', items: manager ? [...r.usage, ctx.t.repetition.usage, ctx.t.continuity.usage.jobbot] : r.usage.slice(0, PERSONAL_SETTINGS) });
    return okReply(`${r.settingsTitle}: ${me.reminderTime}`, blocks);
  }
  const time = normalizeTime(args[0] ?? '');
  if (!time || args.length > 1) return fail(r.invalidTime(args.join(' ')), example(ctx, 'reminders')).reply;
  await ctx.db.staff.update({ where: { id: ctx.actor.id }, data: { reminderTime: time } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'staff.reminder-time', channel: ctx.channel, details: { time } });
  return okReply(r.reminderTimeSet(time));
}

/**
 * /jobbot away until <date> [cover:@bo] (inclusive). While away, the person's
 * due reminders go to the covering colleague, or without one to the team's
 * managers, in a group labelled "For @anne (fraværende)" (routeTo).
 */
export async function away(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const r = ctx.t.reminders;
  const coverArg = args.find((w) => /^(cover|dækning|daekning):/i.test(w));
  const words = args.filter((w) => w !== coverArg && !['until', 'til', 'indtil', 'to'].includes(w.toLowerCase()));
  if (words.length === 0) return fail(ctx.t.errors.missing(ctx.t.what.date), example(ctx, 'away')).reply;
  const until = parseDateWord(words.join(' '), ctx.today, 'future');
  if (!until) return fail(ctx.t.errors.invalidDate(words.join(' ')), example(ctx, 'away')).reply;
  if (compareLocalDate(until, ctx.today) < 0) return fail(r.awayNotFuture).reply;
  let coverId: string | null = null;
  let coverHandle: string | null = null;
  if (coverArg) {
    const cover = await checkTeamMember(ctx, coverArg.slice(coverArg.indexOf(':') + 1));
    if (!cover.ok) return cover.reply;
    if (cover.value.id === ctx.actor.id) return fail(ctx.t.rhythm.coverSelf).reply;
    coverId = cover.value.id;
    coverHandle = cover.value.handle;
  }
  await ctx.db.staff.update({ where: { id: ctx.actor.id }, data: { awayUntil: toDbDate(until), awayCoverId: coverId } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'staff.away', channel: ctx.channel, details: { until, coverId } });
  const date = formatShortDateNear(until, ctx.t.locale, ctx.today);
  return okReply(coverHandle ? ctx.t.rhythm.coverSet(date, coverHandle) : `${r.awaySet(date)} ${ctx.t.rhythm.coverManagers}`);
}

/** /jobbot back: reminders on again from now. */
export async function back(ctx: HandlerContext, _args: string[]): Promise<Reply> {
  const r = ctx.t.reminders;
  const me = await ctx.db.staff.findUniqueOrThrow({ where: { id: ctx.actor.id } });
  if (!me.awayUntil || compareLocalDate(fromDbDate(me.awayUntil), ctx.today) < 0) return okReply(r.notAway);
  await ctx.db.staff.update({ where: { id: ctx.actor.id }, data: { awayUntil: null, awayCoverId: null } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'staff.back', channel: ctx.channel });
  return okReply(r.back);
}

function requireManagerTeam(ctx: HandlerContext): { ok: true; value: string } | { ok: false; reply: Reply } {
  const team = requireTeam(ctx);
  if (!team.ok) return team;
  if (ctx.actor.role !== 'MANAGER') return fail(ctx.t.errors.managerOnly);
  return team;
}

const ON = ['on', 'til', 'ja', 'yes'];
const OFF = ['off', 'fra', 'nej', 'no'];

/** /jobbot celebrations on|off (managers, for their team). */
export async function celebrations(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const team = requireManagerTeam(ctx);
  if (!team.ok) return team.reply;
  const word = (args[0] ?? '').toLowerCase();
  const enabled = ON.includes(word) ? true : OFF.includes(word) ? false : undefined;
  if (enabled === undefined) return fail(ctx.t.errors.unknownWord(ctx.t.what.kind, args[0] ?? '', ['on', 'off']), example(ctx, 'celebrations')).reply;
  const updated = await ctx.db.team.update({ where: { id: team.value }, data: { celebrationsEnabled: enabled } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'team.celebrations', channel: ctx.channel, details: { enabled } });
  return okReply(enabled ? ctx.t.reminders.celebrationsOn(updated.name) : ctx.t.reminders.celebrationsOff(updated.name));
}

/** /jobbot digest <HH:MM> (managers): when the weekly numbers are posted. */
export async function digestTime(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const team = requireManagerTeam(ctx);
  if (!team.ok) return team.reply;
  const time = normalizeTime(args[0] ?? '');
  if (!time) return fail(ctx.t.reminders.invalidTime(args.join(' ')), example(ctx, 'digest')).reply;
  await ctx.db.team.update({ where: { id: team.value }, data: { digestTime: time } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'team.digest-time', channel: ctx.channel, details: { time } });
  return okReply(ctx.t.reminders.digestTimeSet(time));
}

/** /jobbot teammeeting <days>|off (managers): the optional recurring team-meeting reminder. */
export async function teamMeeting(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const team = requireManagerTeam(ctx);
  if (!team.ok) return team.reply;
  const raw = args[0] ?? '';
  if (OFF.includes(raw.toLowerCase())) {
    await ctx.db.team.update({ where: { id: team.value }, data: { teamMeetingEveryDays: null } });
    await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'team.meeting-reminder', channel: ctx.channel, details: { everyDays: null } });
    return okReply(ctx.t.reminders.teamMeetingOff);
  }
  if (!raw) return fail(ctx.t.errors.missing(ctx.t.what.days), example(ctx, 'teammeeting')).reply;
  const days = checkInteger(ctx.t, ctx.t.what.days, raw, 1, 90);
  if (!days.ok) return days.reply;
  await ctx.db.team.update({ where: { id: team.value }, data: { teamMeetingEveryDays: days.value } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'team.meeting-reminder', channel: ctx.channel, details: { everyDays: days.value } });
  return okReply(ctx.t.reminders.teamMeetingSet(days.value));
}

/** A team's number setting that `off` clears (null): read, checked, stored and audited one way. */
interface TeamNumberSetting {
  field: 'escalateAfterReminders' | 'noConsultantFlagDays';
  action: string;
  detail: string;
  /** What the number is, in the range error; `missing` names it when nothing was typed. */
  name: string;
  missing: string;
  min: number;
  max: number;
  example: string;
  offReply: string;
  setReply: (value: number) => string;
  /** "/jobbot noconsultant 14 dage" is refused rather than read as 14. */
  refuseExtraWords?: boolean;
}

async function setTeamNumber(ctx: HandlerContext, args: string[], setting: TeamNumberSetting): Promise<Reply> {
  const team = requireManagerTeam(ctx);
  if (!team.ok) return team.reply;
  const raw = args[0] ?? '';
  const store = async (value: number | null) => {
    await ctx.db.team.update({ where: { id: team.value }, data: { [setting.field]: value } });
    await recordAudit(ctx.db, { actorId: ctx.actor.id, action: setting.action, channel: ctx.channel, details: { [setting.detail]: value } });
  };
  if (OFF.includes(raw.toLowerCase())) {
    await store(null);
    return okReply(setting.offReply);
  }
  const example = `${ctx.t.usage.exampleLabel}: ${setting.example}`;
  if (!raw) return fail(ctx.t.errors.missing(setting.missing), example).reply;
  if (setting.refuseExtraWords && args.length > 1) return fail(ctx.t.errors.tooManyWords(args.slice(1).join(' ')), example).reply;
  const value = checkInteger(ctx.t, setting.name, raw, setting.min, setting.max);
  if (!value.ok) return value.reply;
  await store(value.value);
  return okReply(setting.setReply(value.value));
}

/**
 * /jobbot escalate <count>|off (managers): after how many daily reminders
 * about the same item it goes once to the managers and then weekly only
 * (jobs/repetition.ts); off = every day, never passed on.
 */
export async function escalateAfter(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const m = ctx.t.repetition;
  return setTeamNumber(ctx, args, {
    field: 'escalateAfterReminders',
    action: 'team.escalate-after',
    detail: 'after',
    name: m.countName,
    missing: ctx.t.what.number,
    min: ESCALATE_AFTER_MIN,
    max: ESCALATE_AFTER_MAX,
    example: m.example,
    offReply: m.escalateOff,
    setReply: m.escalateSet,
  });
}

/** The longest a team may let a citizen go without a consultant before the managers hear of it. */
export const NO_CONSULTANT_DAYS_MAX = 365;

/**
 * /jobbot noconsultant <days>|off (managers): a citizen without a consultant
 * for more than this many days is in the managers' morning list (issue 14;
 * seed 003: one fixed consultant per citizen). Default 14; off = never.
 */
export async function noConsultantDays(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const m = ctx.t.continuity;
  return setTeamNumber(ctx, args, {
    field: 'noConsultantFlagDays',
    action: 'team.no-consultant-days',
    detail: 'days',
    name: ctx.t.what.days,
    missing: ctx.t.what.days,
    min: 1,
    max: NO_CONSULTANT_DAYS_MAX,
    example: m.noConsultantExample,
    offReply: m.noConsultantOff,
    setReply: m.noConsultantSet,
    refuseExtraWords: true,
  });
}
