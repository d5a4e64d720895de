/**
 * Splits command text into tokens the way a user would expect from a chat box:
 * whitespace separates, quotes group ("Netto Nord", 'Netto Nord', „Netto Nord“,
 * “Netto Nord”), and a quote right after "key:" quotes the value
 * (company:"Netto Nord" -> 'company:Netto Nord'). Phones and Word turn
 * straight quotes into curly ones, so all common pairs are accepted.
 */

/** Opening quote -> the closing quotes we accept for it. */
const QUOTE_PAIRS: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["'", "'"],
  ['„', '“”'], // Danish/German low-high
  ['“', '”“'], // English, and the common “…“ slip
  ['”', '”'], // Swedish/Finnish style
  ['‘', '’'],
  ['«', '»'],
  ['»', '«'],
]);

const WHITESPACE_RE = /\s/;

/**
 * A quote opens only at the start of a token or right after "key:", so
 * apostrophes inside words ("Anne's") stay literal. An unclosed quote is
 * literal too, rather than swallowing the rest of the line.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (WHITESPACE_RE.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
      i++;
      continue;
    }
    const closers = QUOTE_PAIRS.get(ch);
    if (closers !== undefined && (!inToken || current.endsWith(':'))) {
      let end = -1;
      for (let j = i + 1; j < text.length; j++) {
        if (closers.includes(text[j] ?? '')) {
          end = j;
          break;
        }
      }
      if (end !== -1) {
        current += text.slice(i + 1, end);
        inToken = true;
        i = end + 1;
        continue;
      }
    }
    current += ch;
    inToken = true;
    i++;
  }
  if (inToken) tokens.push(current);
  return tokens;
}

// Key starts with a letter so "20:30" and "1:30" stay positional.
const OPTION_RE = /^([a-zæøå][a-zæøå-]*):([\s\S]+)$/i;

/**
 * Separates key:value options from positional tokens. Keys are lowercased;
 * a later duplicate wins. URLs ("https://…") are positional.
 */
export function splitOptions(tokens: readonly string[]): { positional: string[]; options: Map<string, string> } {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (const token of tokens) {
    const m = OPTION_RE.exec(token);
    const key = m?.[1];
    const value = m?.[2];
    if (key === undefined || value === undefined || value.startsWith('//')) {
      positional.push(token);
      continue;
    }
    options.set(key.toLowerCase(), value);
  }
  return { positional, options };
}

const HANDLE_RE = /^@?([a-z0-9._-]+)$/i;

/** '@anne' or 'anne' -> 'anne'; undefined for anything else. */
export function parseHandle(token: string): string | undefined {
  const m = HANDLE_RE.exec(token.trim());
  return m?.[1]?.toLowerCase();
}
