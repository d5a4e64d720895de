// Periods in questions: "uge 48", "i denne måned", "sidste måned", "this week",
// "last month", "november", "i går", "i år". Works on folded words (see
// normalize.ts) and reports which words it used, so the rest of the question
// is read without them. A week or month without a year is the one nearest
// to today (in January, "december" is last December); month names and that
// rule live in ../month-words.ts, shared with the commands.
import {
  addDays,
  daysBetween,
  endOfMonth,
  isoWeekOf,
  localDateParts,
  startOfIsoWeek,
  startOfMonth,
  type LocalDate,
} from '../local-date.js';
import { monthNumber, MONTH_WORDS_ALSO_NAMES, resolveBareMonth } from '../month-words.js';

export interface Period {
  kind: 'day' | 'week' | 'month' | 'year';
  /** First and last day, inclusive. */
  from: LocalDate;
  to: LocalDate;
  /** ISO week number, for weeks. */
  week?: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const THIS = new Set(['denne', 'dette', 'this', 'current', 'indevarende']);
const LAST = new Set(['sidste', 'forrige', 'last', 'previous', 'past']);
const NEXT = new Set(['naste', 'next', 'kommende', 'coming']);
const WEEK = new Set(['uge', 'ugen', 'week', 'wk', 'uke']);
const MONTH = new Set(['maned', 'maneden', 'month', 'md', 'mdr', 'mnd']);
const YEAR = new Set(['ar', 'aret', 'year']);

function monthPeriod(start: LocalDate): Period {
  return { kind: 'month', from: start, to: endOfMonth(start) };
}

export function isoWeekStart(year: number, week: number): LocalDate | undefined {
  if (week < 1 || week > 53) return undefined;
  const start = addDays(startOfIsoWeek(`${pad(year, 4)}-01-04`), (week - 1) * 7);
  return isoWeekOf(start).week === week && isoWeekOf(start).year === year ? start : undefined;
}

function weekPeriod(start: LocalDate): Period {
  return { kind: 'week', from: start, to: addDays(start, 6), week: isoWeekOf(start).week };
}

function nearest(candidates: Array<LocalDate | undefined>, today: LocalDate): LocalDate | undefined {
  let best: LocalDate | undefined;
  for (const c of candidates) {
    if (c === undefined) continue;
    // Ties go to the past: questions are mostly about what happened.
    if (best === undefined || Math.abs(daysBetween(today, c)) < Math.abs(daysBetween(today, best))) best = c;
  }
  return best;
}

function yearToken(word: string | undefined): number | undefined {
  if (word === undefined || !/^\d{4}$/.test(word)) return undefined;
  const year = Number(word);
  return year >= 2000 && year <= 2100 ? year : undefined;
}

export interface FoundPeriod {
  period: Period;
  /** Indices of the words that made up the period. */
  used: number[];
}

/** The first period in the words, if any. */
export function findPeriod(words: readonly string[], today: LocalDate): FoundPeriod | undefined {
  const at = (i: number) => words[i] ?? '';
  const thisYear = localDateParts(today).year;
  for (let i = 0; i < words.length; i++) {
    const w = at(i);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

    // uge 48 [2025] / week 48 / uge48
    const glued = /^(?:uge|week|wk)(\d{1,2})$/.exec(w);
    if ((WEEK.has(w) && /^\d{1,2}$/.test(at(i + 1))) || glued) {
      const week = Number(glued ? glued[1] : at(i + 1));
      const next = glued ? i + 1 : i + 2;
      const explicitYear = yearToken(at(next)) ?? (at(next) === 'i' ? yearToken(at(next + 1)) : undefined);
      const used = range(i, explicitYear === undefined ? next - 1 : at(next) === 'i' ? next + 1 : next);
      const start =
        explicitYear !== undefined
          ? isoWeekStart(explicitYear, week)
          : nearest([isoWeekStart(thisYear - 1, week), isoWeekStart(thisYear, week), isoWeekStart(thisYear + 1, week)], today);
      if (start) return { period: weekPeriod(start), used };
      continue;
    }

    // denne/sidste/næste uge|måned|år, this/last/next week|month|year
    const shift = THIS.has(w) ? 0 : LAST.has(w) ? -1 : NEXT.has(w) ? 1 : undefined;
    if (shift !== undefined) {
      const unit = at(i + 1);
      const used = range(i > 0 && at(i - 1) === 'i' ? i - 1 : i, i + 1);
      if (WEEK.has(unit)) return { period: weekPeriod(addDays(startOfIsoWeek(today), 7 * shift)), used };
      if (MONTH.has(unit)) {
        const start = shift === 0 ? startOfMonth(today) : shift < 0 ? startOfMonth(addDays(startOfMonth(today), -1)) : addDays(endOfMonth(today), 1);
        return { period: monthPeriod(start), used };
      }
      if (YEAR.has(unit)) {
        const year = thisYear + shift;
        return { period: { kind: 'year', from: `${year}-01-01`, to: `${year}-12-31` }, used };
      }
    }

    // ugens / månedens / årets …: this week's, this month's, this year's
    if (w === 'ugens') return { period: weekPeriod(startOfIsoWeek(today)), used: [i] };
    if (w === 'manedens') return { period: monthPeriod(startOfMonth(today)), used: [i] };
    if (w === 'arets') return { period: { kind: 'year', from: `${thisYear}-01-01`, to: `${thisYear}-12-31` }, used: [i] };

    // i dag, i går, i morgen (and the glued forms), today, yesterday
    if (w === 'i' && ['dag', 'gar', 'morgen', 'ar'].includes(at(i + 1))) {
      const next = at(i + 1);
      if (next === 'ar') return { period: { kind: 'year', from: `${thisYear}-01-01`, to: `${thisYear}-12-31` }, used: [i, i + 1] };
      const day = addDays(today, next === 'dag' ? 0 : next === 'gar' ? -1 : 1);
      return { period: { kind: 'day', from: day, to: day }, used: [i, i + 1] };
    }
    const dayOffset = new Map([['idag', 0], ['today', 0], ['igar', -1], ['yesterday', -1], ['imorgen', 1], ['tomorrow', 1]]).get(w);
    if (dayOffset !== undefined) {
      const day = addDays(today, dayOffset);
      return { period: { kind: 'day', from: day, to: day }, used: [i] };
    }

    // november [2025], i november
    const month = monthNumber(w);
    const explicitYear = month === undefined ? undefined : yearToken(at(i + 1));
    const afterIn = i > 0 && (at(i - 1) === 'i' || at(i - 1) === 'in');
    if (month !== undefined && (!MONTH_WORDS_ALSO_NAMES.has(w) || afterIn || explicitYear !== undefined)) {
      const used = range(afterIn ? i - 1 : i, explicitYear === undefined ? i : i + 1);
      // Without a year, the nearest one (month-words.ts), so "december" on 1 December is this one.
      const start = explicitYear !== undefined ? `${explicitYear}-${pad(month)}-01` : resolveBareMonth(month, today);
      return { period: monthPeriod(start), used };
    }

    // i 2025 / in 2025
    const year = (w === 'i' || w === 'in') ? yearToken(at(i + 1)) : undefined;
    if (year !== undefined) return { period: { kind: 'year', from: `${year}-01-01`, to: `${year}-12-31` }, used: [i, i + 1] };
  }
  return undefined;
}
