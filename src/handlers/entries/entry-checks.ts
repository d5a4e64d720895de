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

export const AGAIN_ACTION_ID = 'entry.again';

/**
 * The question asked before a likely duplicate is saved. Nothing is written:
 * the button (action entry.again) or the printed command with `igen` right
 * after the reference runs the same command again, confirmed.
 */
export function duplicateQuestion(ctx: HandlerContext, command: RepeatableCommand, args: readonly string[], question: (commandText: string) => string): Reply {
  const { t } = ctx;
  const [ref = '', ...rest] = args;
  const confirmed = [ref, t.entries.againWord, ...rest];
  const text = question(`/${t.entries.commandWord[command]} ${confirmed.map(quoteToken).join(' ')}`);
  return okReply(text, [
    { type: 'text', text },
    { type: 'actions', actions: [{ id: AGAIN_ACTION_ID, label: t.entries.againButton, value: JSON.stringify({ command, args: confirmed }), style: 'primary' }] },
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

/**
 * The "Log igen" button: runs the command it carries, confirmed. The value
 * came back from a client, so it is checked like typed text (shape, CPR).
 */
export function againAction(runners: Record<RepeatableCommand, Runner>) {
  return async (ctx: HandlerContext, value: string): Promise<Reply> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
    const p = parsed as { command?: unknown; args?: unknown } | undefined;
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
