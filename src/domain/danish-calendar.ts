/**
 * Danish working days.
 *
 * Policy (what counts as a non-working day for a municipal jobcenter):
 * - Saturdays and Sundays.
 * - The legal public holidays (helligdage), taken from date-holidays' `public`
 *   entries for DK. Store Bededag is a holiday up to 2023 and abolished from
 *   2024; date-holidays encodes that.
 * - Additionally the observances in NON_WORKING_OBSERVANCES, because
 *   municipal staff are off: Grundlovsdag (5 June; off from noon under the
 *   collective agreement, and we take the whole day so no reminder lands on
 *   a half day), Juleaftensdag (24 Dec) and Nytårsaftensdag (31 Dec).
 *
 * Rule the bot applies: something due on a non-working day is reminded on the
 * previous working day (onOrBeforeWorkingDay).
 *
 * Holidays are computed once per year and cached, since these functions run
 * inside loops over days.
 */
import Holidays from 'date-holidays';
import { addDays, localDateParts, weekdayOf, startOfMonth, endOfMonth, type LocalDate } from './local-date.js';

export type CalendarLocale = 'da' | 'en';

/** Non-public days we also treat as days off, keyed by 'MM-DD'. */
export const NON_WORKING_OBSERVANCES: ReadonlyArray<{
  monthDay: string;
  da: string;
  en: string;
}> = [
  { monthDay: '06-05', da: 'Grundlovsdag', en: 'Constitution Day' },
  { monthDay: '12-24', da: 'Juleaftensdag', en: 'Christmas Eve' },
  { monthDay: '12-31', da: 'Nytårsaftensdag', en: "New Year's Eve" },
];

type HolidayNames = { da: string; en: string };

// Lazily created: constructing Holidays parses its data set.
let holidaysDa: Holidays | undefined;
let holidaysEn: Holidays | undefined;
const yearCache = new Map<number, ReadonlyMap<LocalDate, HolidayNames>>();

function publicHolidays(hd: Holidays, year: number, lang: CalendarLocale): Map<LocalDate, string> {
  const out = new Map<LocalDate, string>();
  for (const h of hd.getHolidays(year, lang)) {
    // `date` is 'YYYY-MM-DD hh:mm:ss' in the country's zone.
    if (h.type === 'public') out.set(h.date.slice(0, 10), h.name);
  }
  return out;
}

function holidaysOfYear(year: number): ReadonlyMap<LocalDate, HolidayNames> {
  const cached = yearCache.get(year);
  if (cached) return cached;
  holidaysDa ??= new Holidays('DK', { languages: ['da'] });
  holidaysEn ??= new Holidays('DK', { languages: ['en'] });
  const da = publicHolidays(holidaysDa, year, 'da');
  const en = publicHolidays(holidaysEn, year, 'en');
  const map = new Map<LocalDate, HolidayNames>();
  for (const [date, name] of da) map.set(date, { da: name, en: en.get(date) ?? name });
  for (const o of NON_WORKING_OBSERVANCES) {
    const date = `${String(year).padStart(4, '0')}-${o.monthDay}`;
    if (!map.has(date)) map.set(date, { da: o.da, en: o.en });
  }
  yearCache.set(year, map);
  return map;
}

/** Name of the holiday or non-working observance on d, or undefined for ordinary days and weekends. */
export function holidayName(d: LocalDate, locale: CalendarLocale): string | undefined {
  return holidaysOfYear(localDateParts(d).year).get(d)?.[locale];
}

export function isWorkingDay(d: LocalDate): boolean {
  if (weekdayOf(d) >= 6) return false;
  // weekdayOf has validated d: its year is its first four digits (no second parse, issue 15).
  return !holidaysOfYear(Number(d.slice(0, 4))).has(d);
}

/** The working day strictly before d. */
export function previousWorkingDay(d: LocalDate): LocalDate {
  let x = addDays(d, -1);
  while (!isWorkingDay(x)) x = addDays(x, -1);
  return x;
}

/** The working day strictly after d. */
export function nextWorkingDay(d: LocalDate): LocalDate {
  let x = addDays(d, 1);
  while (!isWorkingDay(x)) x = addDays(x, 1);
  return x;
}

/** d if it is a working day, else the previous one: where a reminder for something due on d lands. */
export function onOrBeforeWorkingDay(d: LocalDate): LocalDate {
  return isWorkingDay(d) ? d : previousWorkingDay(d);
}

/** d if it is a working day, else the next one. */
export function onOrAfterWorkingDay(d: LocalDate): LocalDate {
  return isWorkingDay(d) ? d : nextWorkingDay(d);
}

/**
 * Moves n working days from d (n < 0 goes back). n = 0 returns d unchanged,
 * even on a non-working day, so callers decide how to snap.
 */
export function addWorkingDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs an integer, got ${n}`);
  let x = d;
  for (let i = 0; i < Math.abs(n); i++) x = n > 0 ? nextWorkingDay(x) : previousWorkingDay(x);
  return x;
}

/** Working days in [from, to], both inclusive; 0 if to < from. */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let x = from; x <= to; x = addDays(x, 1)) if (isWorkingDay(x)) count++;
  return count;
}

export function lastWorkingDayOfMonth(d: LocalDate): LocalDate {
  return onOrBeforeWorkingDay(endOfMonth(d));
}

export function firstWorkingDayOfMonth(d: LocalDate): LocalDate {
  return onOrAfterWorkingDay(startOfMonth(d));
}
