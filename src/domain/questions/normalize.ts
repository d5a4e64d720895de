// Text → comparable words for question understanding (and, through foldWord,
// for command words in vocabulary.ts: the one Danish-letter fold). Lowercase, Danish
// letters folded the way people type them without a Danish keyboard
// (ø → o, å → a, æ → a), punctuation dropped. Both the user's words and the
// lexicon go through the same fold, so "opfølgning", "opfoelgning" and
// "opfolgning" are one word.

/** One word in the comparable form. */
export function foldWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFC')
    .replace(/æ/g, 'a')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/aa/g, 'a')
    .replace(/[éè]/g, 'e');
}

/** Apostrophes of every kind become a straight one, so "Anne’s" is "Anne's". */
function straightenApostrophes(text: string): string {
  return text.replace(/[’‘`´]/g, "'");
}

export interface RawToken {
  /** As typed, trimmed of surrounding punctuation (refs and handles keep their case-insensitive form). */
  raw: string;
  /** Folded, letters and digits only (hyphens and dots split words before this). */
  word: string;
}

/**
 * Splits on whitespace; each chunk keeps its raw form (for refs such as
 * C-1042 and @handles) and is also split on punctuation into folded words.
 */
export function tokenizeQuestion(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  for (const chunk of straightenApostrophes(text).split(/\s+/)) {
    const raw = chunk.replace(/^[("'«»„“”]+|[)"'«»„“”?!.,:;]+$/g, '');
    if (!raw) continue;
    // "check-in", "follow-up", "anne's" → separate folded words; "C-1042" keeps its raw form above.
    const parts = raw.startsWith('@') ? [raw] : raw.split(/[-/.,:;!?()"]+/);
    for (const part of parts) {
      const word = foldWord(part.replace(/^@/, '@')).replace(/[^a-z0-9@'._-]/g, '');
      if (word) tokens.push({ raw, word });
    }
  }
  return tokens;
}

/** Edit distance (insert, delete, substitute, swap two neighbours), giving up once past `limit`. */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      // Swapped neighbours ("opfølngig") count as one slip.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** How many typing slips a word of this length may carry and still be recognised. */
export function allowedSlips(length: number): number {
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}
