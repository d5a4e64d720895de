/**
 * The project's date convention.
 *
 * A `LocalDate` is a calendar date in Europe/Copenhagen written 'YYYY-MM-DD'.
 * Reminders, due dates and cadences are about calendar days, not instants, so
 * we keep them as plain strings: they compare lexicographically, serialise
 * unchanged and cannot drift by an hour across DST. Arithmetic is done on a
 * UTC-midnight Date internally, where every day has exactly 24 hours.
 *
 * Only `todayIn` and `localDateTimeToInstant` touch the time zone: they are
 * the two bridges between instants (`Date`) and calendar dates.
 */
import { TZDate } from '@date-fns/tz';
import { boundedMemo } from './bounded-memo.js';

export type LocalDate = string;

export const TIME_ZONE = 'Europe/Copenhagen';

const DAY_MS = 86_400_000;
const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// One formatter, reused: constructing Intl formatters is slow.
const copenhagenParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

/** Parts of a LocalDate; throws on malformed input because that is a bug, not user input. */
export function localDateParts(d: LocalDate): { year: number; month: number; day: number } {
  const m = LOCAL_DATE_RE.exec(d);
  if (!m || !isValidLocalDate(d)) throw new RangeError(`Not a LocalDate: ${JSON.stringify(d)}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Builds a LocalDate from parts, or undefined if the parts are not a real date (31/02). */
export function makeLocalDate(year: number, month: number, day: number): LocalDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this month.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// The morning run takes tens of thousands of due dates through these helpers, a few hundred distinct
// days: parsing and validating each string again was ~0.4 s per run (issue 15). Dates are pure values, so
// the parse is remembered per string.
const toUtcMs = boundedMemo(10_000, (d: LocalDate): number => {
  const { year, month, day } = localDateParts(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0..99 to 1900+; undo that for completeness.
  date.setUTCFullYear(year);
  return date.getTime();
});

function fromUtcMs(ms: number): LocalDate {
  const date = new Date(ms);
  return `${pad4(date.getUTCFullYear())}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

export function isValidLocalDate(s: string): boolean {
  const m = LOCAL_DATE_RE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The Copenhagen calendar date of an instant. */
export function todayIn(now: Date): LocalDate {
  const parts = copenhagenParts.formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return fromUtcMs(toUtcMs(d) + n * DAY_MS);
}

/** `to - from` in whole days (negative if `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** ISO weekday: Monday = 1 ... Sunday = 7 (the Danish week starts on Monday). */
export function weekdayOf(d: LocalDate): IsoWeekday {
  const js = new Date(toUtcMs(d)).getUTCDay(); // 0 = Sunday
  return (js === 0 ? 7 : js) as IsoWeekday;
}

export function startOfIsoWeek(d: LocalDate): LocalDate {
  return addDays(d, 1 - weekdayOf(d));
}

/** ISO 8601 week ("uge 48"): the week belongs to the year of its Thursday. */
export function isoWeekOf(d: LocalDate): { year: number; week: number } {
  const thursday = addDays(d, 4 - weekdayOf(d));
  const year = localDateParts(thursday).year;
  const week = Math.floor(daysBetween(`${pad4(year)}-01-01`, thursday) / 7) + 1;
  return { year, week };
}

export function startOfMonth(d: LocalDate): LocalDate {
  return `${d.slice(0, 7)}-01`;
}

export function endOfMonth(d: LocalDate): LocalDate {
  const { year, month } = localDateParts(d);
  return `${d.slice(0, 7)}-${pad2(daysInMonth(year, month))}`;
}

/** 'YYYY-MM', the key monthly targets and tallies are stored under. */
export function monthKey(d: LocalDate): string {
  localDateParts(d);
  return d.slice(0, 7);
}

/** UTC midnight of the date: what Prisma reads and writes for a `@db.Date` column. */
export function toDbDate(d: LocalDate): Date {
  return new Date(toUtcMs(d));
}

/** Inverse of toDbDate; reads the UTC calendar fields, so it ignores the host time zone. */
export function fromDbDate(date: Date): LocalDate {
  return fromUtcMs(date.getTime());
}

export function compareLocalDate(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  // Fixed-width ISO strings sort chronologically.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minLocalDate(first: LocalDate, ...rest: LocalDate[]): LocalDate {
  return rest.reduce((min, d) => (d < min ? d : min), first);
}

export function maxLocalDate(first: LocalDate, ...rest: LocalDate[]): LocalDate {
  return rest.reduce((max, d) => (d > max ? d : max), first);
}

/** A time of day, '08:00' or '8.00' (hours in group 1, minutes in group 2). */
export const HHMM_RE = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/**
 * The instant of a Copenhagen wall-clock time on a date ('08:00' or '8.00').
 * DST-correct; a time skipped at spring-forward (02:30 on the last Sunday of
 * March) resolves to the hour after (03:30 CEST), and an ambiguous time at
 * fall-back resolves to the later occurrence, per @date-fns/tz.
 */
export function localDateTimeToInstant(d: LocalDate, hhmm: string): Date {
  const m = HHMM_RE.exec(hhmm);
  if (!m) throw new RangeError(`Not a time of day: ${JSON.stringify(hhmm)}`);
  const { year, month, day } = localDateParts(d);
  const tz = new TZDate(year, month - 1, day, Number(m[1]), Number(m[2]), TIME_ZONE);
  return new Date(tz.getTime());
}
