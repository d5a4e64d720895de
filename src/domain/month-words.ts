// Months as people type them: "2026-12", "12/2026", "december", "dec", "næste", "sidste".
// The one month-name table and the one rule for a month name without a year
// (commands and plain-chat questions both use it).
import { addDays, compareLocalDate, daysBetween, endOfMonth, localDateParts, startOfMonth, type LocalDate } from './local-date.js';

const MONTH_NAMES: ReadonlyArray<readonly string[]> = [
  ['januar', 'jan', 'january'],
  ['februar', 'feb', 'february'],
  ['marts', 'mar', 'march'],
  ['april', 'apr'],
  ['maj', 'may'],
  ['juni', 'jun', 'june'],
  ['juli', 'jul', 'july'],
  ['august', 'aug'],
  ['september', 'sep', 'sept'],
  ['oktober', 'okt', 'oct', 'october'],
  ['november', 'nov'],
  ['december', 'dec'],
];

/** Month words that are also common first names ("Jan"): a question reads them as a month only with "i"/"in" or a year. */
export const MONTH_WORDS_ALSO_NAMES: ReadonlySet<string> = new Set(['jan']);

/**
 * Which month a bare month name means: the nearest occurrence (by the middle
 * of the month, ties to the past, so in January "december" is last December),
 * or the next one that isn't over (for setting a target).
 */
export type BareMonth = 'nearest' | 'upcoming';

const pad = (n: number) => String(n).padStart(2, '0');

/** 1–12 for a month name ("januar", "jan", "january"; case and a trailing dot ignored), else undefined. */
export function monthNumber(word: string): number | undefined {
  const w = word.trim().toLowerCase().replace(/\.$/, '');
  const index = MONTH_NAMES.findIndex((names) => names.includes(w));
  return index >= 0 ? index + 1 : undefined;
}

/** The first day of the month `month` (1–12) named without a year, seen from `today`. */
export function resolveBareMonth(month: number, today: LocalDate, prefer: BareMonth = 'nearest'): LocalDate {
  const year = localDateParts(today).year;
  const startIn = (y: number): LocalDate => `${y}-${pad(month)}-01`;
  if (prefer === 'upcoming') return compareLocalDate(endOfMonth(startIn(year)), today) < 0 ? startIn(year + 1) : startIn(year);
  let best = startIn(year - 1);
  for (const candidate of [startIn(year), startIn(year + 1)]) {
    if (Math.abs(daysBetween(today, addDays(candidate, 14))) < Math.abs(daysBetween(today, addDays(best, 14)))) best = candidate;
  }
  return best;
}

/** The first day of the month meant, or undefined. A bare month name is resolved by `prefer` (see BareMonth). */
export function parseMonth(text: string, today: LocalDate, prefer: BareMonth = 'nearest'): LocalDate | undefined {
  const word = text.trim().toLowerCase().replace(/\.$/, '');
  const thisMonth = startOfMonth(today);
  if (['denne', 'nu', 'this', 'current'].includes(word)) return thisMonth;
  if (['næste', 'naeste', 'next'].includes(word)) return addDays(endOfMonth(thisMonth), 1);
  if (['sidste', 'forrige', 'last', 'previous'].includes(word)) return startOfMonth(addDays(thisMonth, -1));
  const named = monthNumber(word);
  if (named !== undefined) return resolveBareMonth(named, today, prefer);
  let m = /^(\d{4})-(\d{1,2})$/.exec(word);
  if (m) return monthStart(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(word);
  if (m) return monthStart(Number(m[2]), Number(m[1]));
  return undefined;
}

function monthStart(year: number, month: number): LocalDate | undefined {
  if (month < 1 || month > 12 || year < 2000 || year > 2100) return undefined;
  return `${year}-${pad(month)}-01`;
}
