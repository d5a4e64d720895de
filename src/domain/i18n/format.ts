// Dates, numbers and plurals per locale. Dates are LocalDate strings in the
// Europe/Copenhagen calendar, so formatting never shifts a day.
// Only the two locales used: importing all of date-fns/locale cost over a second of start-up.
import { format } from 'date-fns/format';
import { da as daLocale } from 'date-fns/locale/da';
import { enGB } from 'date-fns/locale/en-GB';
import type { Locale } from '../enums.js';

function asCalendarDate(d: string): Date {
  const [y, m, day] = d.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, day ?? 1);
}

/** "man. 23. nov." / "Mon 23 Nov" */
export function formatShortDate(d: string, locale: Locale): string {
  return locale === 'da'
    ? format(asCalendarDate(d), 'EEE d. MMM', { locale: daLocale })
    : format(asCalendarDate(d), 'EEE d MMM', { locale: enGB });
}

/**
 * A short date that names the year when it is not the year of `today`:
 * "tir. 24. nov." this year, "tir. 24. nov. 2026" in another. Danish short
 * dates usually end in "." ("nov."), but not always ("maj"): texts must never
 * put a full stop right after a date.
 */
export function formatShortDateNear(d: string, locale: Locale, today: string): string {
  if (d.slice(0, 4) === today.slice(0, 4)) return formatShortDate(d, locale);
  return locale === 'da'
    ? format(asCalendarDate(d), 'EEE d. MMM yyyy', { locale: daLocale })
    : format(asCalendarDate(d), 'EEE d MMM yyyy', { locale: enGB });
}

/** "23. november 2026" / "23 November 2026" */
export function formatLongDate(d: string, locale: Locale): string {
  return locale === 'da'
    ? format(asCalendarDate(d), 'd. MMMM yyyy', { locale: daLocale })
    : format(asCalendarDate(d), 'd MMMM yyyy', { locale: enGB });
}

/** "november 2026" / "November 2026" from a YYYY-MM-DD or YYYY-MM key. */
export function formatMonth(monthOrDate: string, locale: Locale): string {
  const d = monthOrDate.length === 7 ? `${monthOrDate}-01` : monthOrDate;
  return format(asCalendarDate(d), 'MMMM yyyy', { locale: locale === 'da' ? daLocale : enGB });
}

// One formatter per locale: building an Intl.NumberFormat per call was the top cost of a morning run.
const NUMBER_FORMATS: Record<Locale, Intl.NumberFormat> = {
  da: new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

export function formatNumber(n: number, locale: Locale): string {
  return NUMBER_FORMATS[locale].format(n);
}

/** Danish and English plurals are both one/other. */
export function plural(n: number, one: string, other: string): string {
  return n === 1 ? one : other;
}

/** First letter in upper case, for a label that starts a sentence ("Telefonsamtale med …"). */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
