// Checks that keep an entry exactly as meant (issue 9): a typed date on a
// day off is named in the reply, and a likely duplicate is asked about
// ("allerede logget i dag – log igen?") with a button, or `igen` in the text.
import { containsCprNumber } from '../../domain/cpr.js';
import { holidayName, isWorkingDay } from '../../domain/danish-calendar.js';
import { formatShortDateNear } from '../../domain/i18n/format.js';
import { weekdayOf, type LocalDate } from '../../domain/local-date.js';
import { errorReply, okReply, type Reply } from '../../domain/reply.js';
import type { HandlerContext } from '../context.js';

/** "Bemærk: søn. 22. nov. er en søndag, …" for a typed date on a weekend or holiday; undefined on a working day. */
export function dayOffNote(ctx: HandlerContext, date: LocalDate): string | undefined {
  if (isWorkingDay(date)) return undefined;
  const { t } = ctx;
  const weekday = weekdayOf(date);
  const what = holidayName(date, t.locale) ?? (weekday === 6 || weekday === 7 ? t.entries.weekday[weekday] : undefined);
  return what ? t.entries.dayOff(formatShortDateNear(date, t.locale, ctx.today), what) : undefined;
}

/** The word that confirms a likely duplicate, in either language. */
export function isAgainWord(word: string | undefined): boolean {
  return word !== undefined && ['igen', 'again'].includes(word.toLowerCase());
}

export type RepeatableCommand = 'meeting' | 'outcome';
export type RepeatableForm = 'meeting' | 'outcome';

/** What "Log igen" runs again: the typed command's words, or a form's values (never re-read as text). */
export type Repeat = { command: RepeatableCommand; args: readonly string[] } | { form: RepeatableForm; values: Readonly<Record<string, string | undefined>> };

export const AGAIN_ACTION_ID = 'entry.again';

/**
 * The question asked before a likely duplicate is saved. Nothing is written:
 * the button (action entry.again) runs the same entry again, confirmed; after
 * a typed command the question also prints it with `igen` after the reference.
 */
export function duplicateQuestion(ctx: HandlerContext, repeat: Repeat, question: (commandText?: string) => string): Reply {
  const { t } = ctx;
  let text: string;
  let value: string;
  if ('command' in repeat) {
    const [ref = '', ...rest] = repeat.args;
    const confirmed = [ref, t.entries.againWord, ...rest];
    text = question(`/${t.entries.commandWord[repeat.command]} ${confirmed.map(quoteToken).join(' ')}`);
    value = JSON.stringify({ command: repeat.command, args: confirmed });
  } else {
    text = question();
    value = JSON.stringify({ form: repeat.form, values: repeat.values });
  }
  return okReply(text, [
    { type: 'text', text },
    { type: 'actions', actions: [{ id: AGAIN_ACTION_ID, label: t.entries.againButton, value, style: 'primary' }] },
  ]);
}

/** Quotes a token that holds spaces so the printed command reads back the same ("Netto Nord", company:"Netto Nord"). */
function quoteToken(token: string): string {
  if (!/\s/.test(token)) return token;
  const option = /^([a-zæøå][a-zæøå-]*):([\s\S]+)$/i.exec(token);
  return option ? `${option[1]}:"${option[2]}"` : `"${token}"`;
}

/** The "when" of the question: "i dag" for today, else the date. */
export function whenText(ctx: HandlerContext, date: LocalDate): string {
  return date === ctx.today ? ctx.t.entries.today : formatShortDateNear(date, ctx.t.locale, ctx.today);
}

type Runner = (ctx: HandlerContext, args: string[]) => Promise<Reply>;
type FormRunner = (ctx: HandlerContext, form: RepeatableForm, values: Record<string, string | undefined>) => Promise<Reply>;

/**
 * The "Log igen" button: runs the command or form it carries, confirmed. The
 * value came back from a client, so it is checked again like typed text or a
 * submitted form (shape, CPR, every field).
 */
export function againAction(runners: Record<RepeatableCommand, Runner> & { form: FormRunner }) {
  return async (ctx: HandlerContext, value: string): Promise<Reply> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
    const p = parsed as { command?: unknown; args?: unknown; form?: unknown; values?: unknown } | undefined;
    if ((p?.form === 'meeting' || p?.form === 'outcome') && isStringRecord(p.values)) {
      if (containsCprNumber(Object.values(p.values).join(' '))) return errorReply(ctx.t.errors.cpr);
      return runners.form(ctx, p.form, p.values);
    }
    const command = p?.command;
    const args = p?.args;
    if ((command !== 'meeting' && command !== 'outcome') || !Array.isArray(args) || !args.every((a) => typeof a === 'string')) {
      return errorReply(ctx.t.errors.unknownCommand(AGAIN_ACTION_ID));
    }
    const words = args as string[];
    if (containsCprNumber(words.join(' '))) return errorReply(ctx.t.errors.cpr);
    if (!isAgainWord(words[1])) words.splice(1, 0, ctx.t.entries.againWord);
    return runners[command](ctx, words);
  };
}

function isStringRecord(value: unknown): value is Record<string, string | undefined> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => v === undefined || typeof v === 'string');
}
