// Months as people type them: "2026-12", "12/2026", "december", "dec", "næste", "sidste".
import { addDays, endOfMonth, startOfMonth, type LocalDate } from './local-date.js';

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

const pad = (n: number) => String(n).padStart(2, '0');

/** The first day of the month meant, or undefined. A bare month name is this year's. */
export function parseMonth(text: string, today: LocalDate): LocalDate | undefined {
  const word = text.trim().toLowerCase().replace(/\.$/, '');
  const thisMonth = startOfMonth(today);
  if (['denne', 'nu', 'this', 'current'].includes(word)) return thisMonth;
  if (['næste', 'naeste', 'next'].includes(word)) return addDays(endOfMonth(thisMonth), 1);
  if (['sidste', 'forrige', 'last', 'previous'].includes(word)) return startOfMonth(addDays(thisMonth, -1));
  const named = MONTH_NAMES.findIndex((names) => names.includes(word));
  if (named >= 0) return `${today.slice(0, 4)}-${pad(named + 1)}-01`;
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
