/**
 * Privacy guard: the bot must never store or log a CPR number.
 *
 * A CPR number is DDMMYY-XXXX (the hyphen may be a space or missing). We flag
 * it when the first six digits form a date that can exist: day valid for the
 * month, any two-digit year, 29 Feb only when YY % 4 === 0 (a leap year in
 * 19YY or 20YY). No modulus-11 check: numbers issued since 2007 need not
 * satisfy it. The digits must not be part of a longer digit run, so 12-digit
 * references are not flagged; letters around are fine ("cpr:0101901234").
 * Erring towards a false positive is fine: the user is asked to rephrase.
 */

// Hyphen-like characters people paste from Word and mail, plus (no-break) space.
const SEPARATOR = '[-\\u2010\\u2011\\u2012\\u2013\\u2014\\u2212 \\u00a0]?';
const CPR_SOURCE = `(?<!\\d)(\\d{2})(\\d{2})(\\d{2})${SEPARATOR}\\d{4}(?!\\d)`;

export const CPR_REDACTION = '[CPR fjernet]';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isPlausibleBirthDate(dd: string, mm: string, yy: string): boolean {
  const day = Number(dd);
  const month = Number(mm);
  const year = Number(yy);
  const max = DAYS_IN_MONTH[month - 1];
  if (max === undefined || day < 1 || day > max) return false;
  if (month === 2 && day === 29) return year % 4 === 0;
  return true;
}

/** True if the text contains something shaped like a CPR number. */
export function containsCprNumber(text: string): boolean {
  for (const m of text.matchAll(new RegExp(CPR_SOURCE, 'g'))) {
    if (isPlausibleBirthDate(m[1] ?? '', m[2] ?? '', m[3] ?? '')) return true;
  }
  return false;
}

/** The text with every CPR-shaped number replaced, for safe logging of errors. */
export function redactCpr(text: string): string {
  return text.replace(new RegExp(CPR_SOURCE, 'g'), (match: string, dd: string, mm: string, yy: string) =>
    isPlausibleBirthDate(dd, mm, yy) ? CPR_REDACTION : match,
  );
}
