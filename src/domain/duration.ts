/**
 * Meeting durations typed as one token: "45m", "45min", "1t", "1h", "1t30m",
 * "1h30", "1:30", "1,5t", "1.5h", "90m". "t" is Danish "time(r)" = hour.
 * A bare number is rejected: "45" could be minutes, hours or a case number.
 * Durations typed in several words ("45 min", "1,5 time", "1 t 30 m") are
 * read by takeDuration; "½" counts as a half ("1½ time").
 */
export type DurationLocale = 'da' | 'en';

export const MAX_DURATION_MINUTES = 24 * 60;

const HOUR_UNITS = 't|h|time|timer|hr|hrs|hour|hours';
const MINUTE_UNITS = 'm|min|mins|minut|minutter|minute|minutes';

const MINUTES_RE = new RegExp(`^(\\d+)(?:${MINUTE_UNITS})$`);
const HOURS_RE = new RegExp(`^(\\d+(?:[.,]\\d+)?)(?:${HOUR_UNITS})$`);
const HOURS_MINUTES_RE = new RegExp(`^(\\d+)(?:${HOUR_UNITS})(\\d{1,2})(?:${MINUTE_UNITS})?$`);
const CLOCK_RE = /^(\d+):(\d{2})$/;

function inRange(minutes: number): number | undefined {
  return minutes > 0 && minutes <= MAX_DURATION_MINUTES ? minutes : undefined;
}

/** Minutes in a duration token, or undefined if it is not one (or is 0 or over 24 hours). */
export function parseDuration(text: string): number | undefined {
  const t = halvesAsDecimals(text.trim().toLowerCase());
  let m = MINUTES_RE.exec(t);
  if (m) return inRange(Number(m[1]));
  m = HOURS_RE.exec(t);
  if (m) return inRange(Math.round(Number((m[1] ?? '').replace(',', '.')) * 60));
  m = HOURS_MINUTES_RE.exec(t) ?? CLOCK_RE.exec(t);
  if (m) {
    const minutes = Number(m[2]);
    if (minutes >= 60) return undefined; // "1t75" is a typo, not 2t15
    return inRange(Number(m[1]) * 60 + minutes);
  }
  return undefined;
}

/** "1½" -> "1.5", "½" -> "0.5". */
function halvesAsDecimals(text: string): string {
  return text.replace(/(\d*)½/g, (_all, whole: string) => `${whole || '0'}.5`);
}

/** The most words a duration takes: "1 t 30 min". */
const MAX_DURATION_TOKENS = 4;

/**
 * A duration at tokens[index], possibly written in several words ("45 min",
 * "1,5 time", "1½ time", "1 t 30 m"); the longest reading wins. Only words
 * that start with a digit or "½" can begin one.
 */
export function takeDuration(tokens: readonly string[], index: number): { minutes: number; consumed: number } | undefined {
  if (!/^[\d½]/.test(tokens[index] ?? '')) return undefined;
  for (let n = Math.min(MAX_DURATION_TOKENS, tokens.length - index); n >= 1; n--) {
    const minutes = parseDuration(tokens.slice(index, index + n).join(''));
    if (minutes !== undefined) return { minutes, consumed: n };
  }
  return undefined;
}

/** "1 t 30 min" / "1 h 30 min"; whole hours drop the minutes, under an hour drops the hours. */
export function formatDuration(minutes: number, locale: DurationLocale): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  const hourUnit = locale === 'da' ? 't' : 'h';
  if (h === 0) return `${m} min`;
  if (m === 0) return `${h} ${hourUnit}`;
  return `${h} ${hourUnit} ${m} min`;
}
