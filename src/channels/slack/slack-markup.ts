// Slack's markup in what users type, undone before the text is parsed. With
// `should_escape: true` (manifest.json) Slack sends slash command text and
// message text with &, < and > escaped, and rewrites what it recognises:
//   e-mail  anne@kommune.dk   → <mailto:anne@kommune.dk|anne@kommune.dk>
//   link    Jobindex.dk       → <http://Jobindex.dk|Jobindex.dk>
//   channel #vest             → <#C0123|vest>
//   special @here / @channel  → <!here> / <!channel>, user groups <!subteam^S1|@team>
//   user    @anne             → <@U0123|anne> (or <@U0123>)
// Links, e-mails, channels and specials become what the user typed (the label
// Slack keeps). User mentions stay as markup: they name a Slack user id, which
// the handlers resolve to staff (/jobbot link, handles). Form text inputs
// (view_submission) are not marked up: their values arrive as typed.
// Pure: no I/O, unit-tested.

const MARKUP = /<([^<>\s][^<>]*)>/g;

/** Slack text → the text the user typed, mentions of users kept as <@U…|name>. */
export function unwrapSlackMarkup(text: string): string {
  const unwrapped = text.replace(MARKUP, (whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? undefined : inner.slice(bar + 1);
    if (target.startsWith('@')) return whole; // a user: resolved by the handlers
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) return specialText(target.slice(1), label);
    if (/^mailto:/i.test(target)) return label ?? target.slice('mailto:'.length);
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return label ?? target;
    return whole; // not Slack's markup: leave it alone
  });
  // Entities last: a "<" the user typed arrives as &lt; and must not be read as markup above.
  return unwrapped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** <!here>, <!channel>, <!everyone>, <!subteam^S1|@team>, <!date^…|fallback>. */
function specialText(special: string, label: string | undefined): string {
  if (label) return label;
  const name = special.split('^')[0] ?? special;
  return `@${name}`;
}
