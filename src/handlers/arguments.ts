// Shared argument checks for the command handlers. Each returns either the
// value or a ready, localized error reply, so a handler stops at the first
// mistake and writes nothing.
import { parseDateWord, takeDate, type DateDirection } from '../domain/date-words.js';
import { errorReply, type Reply } from '../domain/reply.js';
import { daysBetween, type LocalDate } from '../domain/local-date.js';
import { formatLongDate } from '../domain/i18n/format.js';
import type { Messages } from '../domain/i18n/messages.js';
import type { Role } from '../domain/enums.js';
import { findStaffByHandle, type StaffMember } from '../db/staff-queries.js';
import { parseHandle } from '../domain/command-tokens.js';
import type { HandlerContext } from './context.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; reply: Reply };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const fail = (text: string, example?: string): { ok: false; reply: Reply } => ({ ok: false, reply: errorReply(text, example) });

const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;

/** Case references are uppercased so c-1042 and C-1042 are the same case. */
export function checkRef(t: Messages, raw: string | undefined, example: string): Checked<string> {
  if (!raw) return fail(t.errors.missing(t.what.ref), example);
  if (!REF_PATTERN.test(raw) || !/[0-9]/.test(raw)) return fail(t.errors.invalidRef(raw), example);
  return ok(raw.toUpperCase());
}

export function checkInitials(t: Messages, raw: string): Checked<string> {
  if (!/^[A-Za-zÆØÅæøå]{1,4}$/.test(raw)) return fail(t.errors.invalidInitials(raw));
  // Capitals only: "Hans" or "hans" is a name typed by mistake, and names are never stored.
  if (raw !== raw.toUpperCase()) return fail(t.errors.initialsCapitals(raw));
  return ok(raw);
}

export function checkInteger(t: Messages, name: string, raw: string, min: number, max: number): Checked<number> {
  const value = Number(raw.replace(',', '.'));
  if (!/^\d+$/.test(raw) || !Number.isInteger(value) || value < min || value > max) {
    return fail(t.errors.invalidNumber(name, raw, min, max));
  }
  return ok(value);
}

/** Hours may be decimal (7,5 or 7.5). */
export function checkHours(t: Messages, raw: string): Checked<number> {
  const value = Number(raw.replace(',', '.'));
  if (!/^\d+([.,]\d+)?$/.test(raw) || value <= 0 || value > 60) return fail(t.errors.invalidNumber(t.what.hours, raw, 1, 60));
  return ok(Math.round(value * 100) / 100);
}

export function checkDate(t: Messages, raw: string, today: LocalDate, direction: DateDirection): Checked<LocalDate> {
  const date = parseDateWord(raw, today, direction);
  if (!date) return fail(t.errors.invalidDate(raw));
  return direction === 'past' ? checkNotFarBack(t, raw, date, today) : ok(date);
}

const FAR_BACK_DAYS = 60;

/**
 * "1/12" typed on 23 November means last December: almost always a typo for
 * 1/11. A date without a year that far back must be written out in full.
 */
export function checkNotFarBack(t: Messages, raw: string, date: LocalDate, today: LocalDate): Checked<LocalDate> {
  const hasYear = /\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2}/.test(raw);
  if (hasYear || daysBetween(date, today) <= FAR_BACK_DAYS) return ok(date);
  return fail(t.errors.dateFarBack(formatLongDate(date, t.locale), date));
}

/**
 * "next:i morgen" reaches the handler as the tokens "next:i" and "morgen". For the
 * given date options, join the value with the words that complete a date phrase,
 * so splitOptions sees "next:i morgen". Anything else is left as it is.
 */
export function joinDateOptions(tokens: readonly string[], keys: readonly string[], today: LocalDate): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const m = /^([a-zæøå-]+):(.+)$/i.exec(token);
    const taken = m && keys.includes((m[1] ?? '').toLowerCase()) ? takeDate([m[2] ?? '', ...tokens.slice(i + 1)], 0, today, 'any') : undefined;
    if (taken && taken.consumed > 1) {
      out.push([token, ...tokens.slice(i + 1, i + taken.consumed)].join(' '));
      i += taken.consumed - 1;
      continue;
    }
    out.push(token);
  }
  return out;
}

export function checkWord<T>(t: Messages, what: string, raw: string | undefined, parse: (w: string) => T | undefined, options: string[], example?: string): Checked<T> {
  if (!raw) return fail(t.errors.missing(what), example);
  const value = parse(raw);
  return value === undefined ? fail(t.errors.unknownWord(what, raw, options), example) : ok(value);
}

/** Rejects options the command does not take, instead of ignoring a typo. */
export function checkOptions(t: Messages, options: Map<string, string>, allowed: readonly string[]): Checked<null> {
  for (const key of options.keys()) if (!allowed.includes(key)) return fail(t.errors.unknownOption(key, [...allowed]));
  return ok(null);
}

/** A Slack mention as Slack sends it (<@U0123|anne> or <@U0123>): the user id and the name Slack showed. */
const SLACK_MENTION = /^<@([UW][A-Z0-9]+)(?:\|([^>]*))?>$/;

/**
 * A colleague on the actor's team, optionally with one of the given roles: by
 * handle (@anne, anne) or by a Slack mention picked from autocomplete, which
 * names the Slack user id, resolved through the staff member linked to it.
 */
export async function checkTeamMember(ctx: HandlerContext, raw: string, roles?: readonly Role[], options: { anyTeam?: boolean } = {}): Promise<Checked<StaffMember>> {
  const { t } = ctx;
  const mention = SLACK_MENTION.exec(raw.trim());
  let staff: StaffMember | null;
  if (mention) {
    staff = await ctx.db.staff.findFirst({ where: { slackUserId: mention[1] }, include: { team: true } });
    if (!staff) return fail(t.mentions.slackNotLinked(mention[2] || mention[1]!));
  } else {
    const parsed = parseHandle(raw);
    if (!parsed) return fail(t.errors.staffNotFound(raw.replace(/^@/, '')));
    staff = await findStaffByHandle(ctx.db, parsed);
    if (!staff) return fail(t.errors.staffNotFound(parsed));
  }
  const handle = staff.handle;
  if (!staff.active) return fail(t.errors.staffLeft(handle));
  // anyTeam: someone in a team, any team (a company's fixed contact, shared by all teams).
  if (options.anyTeam ? staff.teamId === null : staff.teamId !== ctx.actor.teamId) return fail(t.errors.staffNotInTeam(handle));
  if (roles && !roles.includes(staff.role)) {
    const wanted = roles.map((r) => t.labels.role[r]).join('/');
    return fail(t.errors.staffWrongRole(handle, wanted));
  }
  return ok(staff);
}
