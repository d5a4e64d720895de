/**
 * User-typed dates, Danish and English: "i går", "fredag", "20/11", "20.11.26",
 * "2026-11-20". The caller says which way to resolve ambiguous forms:
 * - 'past'   for things that happened (a meeting logged): on or before today.
 * - 'future' for things to come (a placement start, a reminder).
 * - 'any'    no bias: the current year / the current ISO week.
 * Relative words (i dag, i går, i morgen) mean what they say in every direction.
 */
import {
  addDays,
  isValidLocalDate,
  localDateParts,
  makeLocalDate,
  startOfIsoWeek,
  weekdayOf,
  type IsoWeekday,
  type LocalDate,
} from './local-date.js';
import { boundedEditDistance, foldWord } from './questions/normalize.js';

export type DateDirection = 'past' | 'future' | 'any';

/** Relative words, normalised (lowercase, single spaces), to day offsets from today. */
const RELATIVE_WORDS: ReadonlyMap<string, number> = new Map([
  ['i dag', 0],
  ['idag', 0],
  ['today', 0],
  ['i går', -1],
  ['igår', -1],
  ['i gaar', -1],
  ['igaar', -1],
  ['yesterday', -1],
  ['i forgårs', -2],
  ['iforgårs', -2],
  ['i forgaars', -2],
  ['iforgaars', -2],
  ['day before yesterday', -2],
  ['i morgen', 1],
  ['imorgen', 1],
  ['tomorrow', 1],
  ['i overmorgen', 2],
  ['overmorgen', 2],
  ['day after tomorrow', 2],
]);

/** The longest phrase above, in tokens; takeDate tries this many first. */
const MAX_PHRASE_TOKENS = 3;

const WEEKDAY_WORDS: ReadonlyMap<string, IsoWeekday> = new Map<string, IsoWeekday>([
  ['mandag', 1], ['man', 1], ['monday', 1], ['mon', 1],
  ['tirsdag', 2], ['tirs', 2], ['tir', 2], ['tuesday', 2], ['tue', 2], ['tues', 2],
  ['onsdag', 3], ['ons', 3], ['wednesday', 3], ['wed', 3],
  ['torsdag', 4], ['tors', 4], ['tor', 4], ['thursday', 4], ['thu', 4], ['thur', 4], ['thurs', 4],
  ['fredag', 5], ['fre', 5], ['friday', 5], ['fri', 5],
  ['lørdag', 6], ['lør', 6], ['loerdag', 6], ['saturday', 6], ['sat', 6],
  ['søndag', 7], ['søn', 7], ['soendag', 7], ['sunday', 7], ['sun', 7],
]);

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Day first, as Danes write it; the same separator throughout ("20/11/26", not "20/11.26").
const DAY_MONTH_RE = /^(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/;

function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.,]$/, ''); // "man." and "20.11." are common
}

function resolveWeekday(target: IsoWeekday, today: LocalDate, direction: DateDirection): LocalDate {
  const current = weekdayOf(today);
  switch (direction) {
    case 'past':
      // "mandag" said on a Monday about a logged meeting means today.
      return addDays(today, -((current - target + 7) % 7));
    case 'future':
      // "mandag" said on a Monday about something to come means next week.
      return addDays(today, (target - current + 7) % 7 || 7);
    case 'any':
      return addDays(startOfIsoWeek(today), target - 1);
  }
}

// Feb 29 may be up to 8 years away (2096 -> 2104), so look that far.
const YEAR_SEARCH = 8;

function resolveDayMonth(day: number, month: number, today: LocalDate, direction: DateDirection): LocalDate | undefined {
  const { year } = localDateParts(today);
  if (direction === 'any') return makeLocalDate(year, month, day);
  for (let i = 0; i <= YEAR_SEARCH; i++) {
    const candidate = makeLocalDate(direction === 'past' ? year - i : year + i, month, day);
    if (candidate === undefined) continue;
    if (direction === 'past' ? candidate <= today : candidate >= today) return candidate;
  }
  return undefined;
}

/** Parses one date expression (possibly several words), or returns undefined. */
export function parseDateWord(text: string, today: LocalDate, direction: DateDirection): LocalDate | undefined {
  const t = normalise(text);
  if (t === '') return undefined;

  const offset = RELATIVE_WORDS.get(t);
  if (offset !== undefined) return addDays(today, offset);

  const weekday = WEEKDAY_WORDS.get(t);
  if (weekday !== undefined) return resolveWeekday(weekday, today, direction);

  if (ISO_RE.test(t)) return isValidLocalDate(t) ? t : undefined;

  const m = DAY_MONTH_RE.exec(t);
  if (m) {
    const day = Number(m[1]);
    const month = Number(m[3]);
    const yearText = m[4];
    if (yearText === undefined) return resolveDayMonth(day, month, today, direction);
    // Two-digit years are this century: the bot only deals with recent and coming dates.
    const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    return makeLocalDate(year, month, day);
  }
  return undefined;
}

/**
 * Recognises a date at tokens[index], trying the longest phrase first so
 * ['i', 'går'] is one date. Returns how many tokens it used.
 */
export function takeDate(
  tokens: readonly string[],
  index: number,
  today: LocalDate,
  direction: DateDirection,
): { date: LocalDate; consumed: number } | undefined {
  for (let n = Math.min(MAX_PHRASE_TOKENS, tokens.length - index); n >= 1; n--) {
    const date = parseDateWord(tokens.slice(index, index + n).join(' '), today, direction);
    if (date !== undefined) return { date, consumed: n };
  }
  return undefined;
}

/** Words that say "some day back" without saying which: a date must be given instead. */
const VAGUE_DATE_WORDS: ReadonlySet<string> = new Set([
  'forleden', 'forleden dag', 'sidst', 'sidste', 'forrige', 'nylig', 'nyligt', 'tidligere', 'forgårs', 'recently', 'earlier', 'last',
].map(foldWord));

/** Single-word dates a slip away from which a word is taken for a misspelt date ("fredga", "igaar"). */
const SINGLE_DATE_WORDS: readonly string[] = [...RELATIVE_WORDS.keys(), ...WEEKDAY_WORDS.keys()]
  .filter((w) => !w.includes(' ') && w.length >= 5)
  .map(foldWord);

/**
 * A word that is meant as a date but is none: a vague one ("forleden") or a
 * slip of a date word ("fredga"; one slip, words of 5 letters or more).
 * Callers refuse it rather than save today and file the word as a note.
 */
export function looksLikeDateWord(word: string): boolean {
  const folded = foldWord(normalise(word));
  if (VAGUE_DATE_WORDS.has(folded)) return true;
  if (folded.length < 5) return false;
  return SINGLE_DATE_WORDS.some((w) => boundedEditDistance(folded, w, 1) <= 1);
}
