/**
 * Privacy guard: the bot must never store or log a CPR number.
 *
 * A CPR number is DDMMYY-XXXX. People write it in many shapes: with dots,
 * slashes, spaces or dashes between the groups (`01.01.90-1234`, `0101 90
 * 1234`), in quotes (`"010190"1234`), with full-width or other Unicode digits,
 * or with an invisible character pasted inside. So the text is normalised
 * first (NFKC, every Unicode decimal digit to ASCII, invisible and combining
 * characters dropped) and split into digit groups; any run of separators
 * (whitespace, dots, slashes, dashes, underscores, quotes) between two digit
 * groups joins them, anything else (letters, `+`, `:`, `,`) ends the chain.
 *
 * Within a chain, any run of whole consecutive groups with exactly ten digits
 * is CPR-shaped when its first six digits form a date that can exist (day valid
 * for the month, any two-digit year, 29 Feb only when YY % 4 === 0) and, if it
 * spans several groups, one group ends after the sixth digit (DDMMYY | XXXX).
 * That last rule keeps `20/11/2026 14:00` and `1203 4567 89` from being read
 * as CPR numbers while `01.01.90-1234` still is. A single longer digit run is
 * not flagged (12-digit journal numbers, 13-digit EAN numbers). No modulus-11
 * check: numbers issued since 2007 need not satisfy it. Erring towards a false
 * positive is fine: the user is told how to write a date or a phone number.
 */

export const CPR_REDACTION = '[CPR fjernet]';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const CPR_DIGITS = 10;
const DATE_DIGITS = 6;

const DECIMAL_DIGIT = /^\p{Nd}$/u;
// Zero-width spaces, joiners, soft hyphens, bidi marks, variation selectors and combining marks.
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Mn}\p{Me}]$/u;
const SEPARATOR = /^[\s\p{Z}\p{Pd}\u2212._/\\"'`´\p{Pi}\p{Pf}\u201a\u201e]$/u;

/** One character of the normalised text and the span of the original it came from. */
interface NormalChar {
  char: string;
  start: number;
  end: number;
}

/** The value of any Unicode decimal digit: Nd digits come in contiguous runs of ten, 0 to 9. */
function asciiDigit(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  let zero = code;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return String((code - zero) % 10);
}

/** NFKC per code point, Unicode digits to ASCII, invisible characters dropped; positions kept for redaction. */
function normalise(text: string): NormalChar[] {
  const out: NormalChar[] = [];
  let offset = 0;
  for (const original of text) {
    const start = offset;
    offset += original.length;
    for (const char of original.normalize('NFKC')) {
      if (INVISIBLE.test(char)) continue;
      out.push({ char: DECIMAL_DIGIT.test(char) ? asciiDigit(char) : char, start, end: offset });
    }
  }
  return out;
}

/** Normalised text as the guard reads it (NFKC, ASCII digits, no invisible characters). */
export function normaliseForCprCheck(text: string): string {
  return normalise(text)
    .map((c) => c.char)
    .join('');
}

interface DigitGroup {
  digits: string;
  start: number;
  end: number;
}

/** Digit groups joined by separator runs; anything else between digits starts a new chain. */
function digitChains(chars: NormalChar[]): DigitGroup[][] {
  const chains: DigitGroup[][] = [];
  let chain: DigitGroup[] = [];
  let group: DigitGroup | undefined; // the group being read, while digits follow each other
  let joinable = false; // only separators since the chain's last group
  for (const c of chars) {
    if (c.char >= '0' && c.char <= '9') {
      if (group) {
        group.digits += c.char;
        group.end = c.end;
        continue;
      }
      if (!joinable && chain.length > 0) {
        chains.push(chain);
        chain = [];
      }
      group = { digits: c.char, start: c.start, end: c.end };
      chain.push(group);
      continue;
    }
    joinable = (group !== undefined || joinable) && SEPARATOR.test(c.char);
    group = undefined;
  }
  if (chain.length > 0) chains.push(chain);
  return chains;
}

function isPlausibleBirthDate(digits: string): boolean {
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const year = Number(digits.slice(4, 6));
  const max = DAYS_IN_MONTH[month - 1];
  if (max === undefined || day < 1 || day > max) return false;
  if (month === 2 && day === 29) return year % 4 === 0;
  return true;
}

/**
 * True when `text` cannot hold a CPR number, decided without normalising it:
 * fewer than ten ASCII digits and nothing but ASCII and Latin letters
 * (U+00C0–U+024F), none of which NFKC turns into a digit or drops as
 * invisible. Anything else (superscripts, no-break spaces, soft hyphens,
 * full-width digits, …) takes the full path. The guard reads every string of
 * every outbox payload, mostly short Danish lines: normalising each code
 * point was ~0.3 s of a morning run (issue 15).
 */
export function cannotHoldCpr(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (++digits >= CPR_DIGITS) return false;
    } else if (code >= 0x80 && (code < 0xc0 || code >= 0x250)) {
      return false;
    }
  }
  return true;
}

/** Spans (in the original text) of every CPR-shaped number. */
function cprSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  if (cannotHoldCpr(text)) return spans;
  for (const chain of digitChains(normalise(text))) {
    for (let first = 0; first < chain.length; first++) {
      let digits = '';
      let endsAfterDate = false;
      for (let last = first; last < chain.length && digits.length < CPR_DIGITS; last++) {
        digits += chain[last]?.digits ?? '';
        if (digits.length === DATE_DIGITS) endsAfterDate = true;
        if (digits.length !== CPR_DIGITS) continue;
        if ((first === last || endsAfterDate) && isPlausibleBirthDate(digits)) {
          spans.push({ start: chain[first]?.start ?? 0, end: chain[last]?.end ?? 0 });
        }
      }
    }
  }
  return spans;
}

/** True if the text contains something shaped like a CPR number, in any of the shapes above. */
export function containsCprNumber(text: string): boolean {
  return cprSpans(text).length > 0;
}

/** The text with every CPR-shaped number replaced, for safe logging of errors. */
export function redactCpr(text: string): string {
  const spans = cprSpans(text).sort((a, b) => b.start - a.start);
  let out = text;
  let lastStart = Infinity;
  for (const span of spans) {
    if (span.end > lastStart) continue; // overlapping windows: the later one is already redacted
    out = out.slice(0, span.start) + CPR_REDACTION + out.slice(span.end);
    lastStart = span.start;
  }
  return out;
}
