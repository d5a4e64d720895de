// The date a rule change takes effect (fra:/from: on /jobbot rules set and
// switch): the date typed, or the default; today or later, since a change
// applies from its day and history is never rewritten.
import { formatShortDateNear } from '../../domain/i18n/format.js';
import { compareLocalDate, type LocalDate } from '../../domain/local-date.js';
import type { HandlerContext } from '../context.js';
import { checkDate, fail, ok, type Checked } from '../arguments.js';

export function checkChangeDate(ctx: HandlerContext, options: Map<string, string>, fallback: LocalDate): Checked<{ from: LocalDate; typed: boolean }> {
  const raw = options.get('fra') ?? options.get('from');
  let from = fallback;
  if (raw !== undefined) {
    const checked = checkDate(ctx.t, raw, ctx.today, 'future');
    if (!checked.ok) return checked;
    from = checked.value;
  }
  if (compareLocalDate(from, ctx.today) < 0) return fail(ctx.t.rules.switch.past(formatShortDateNear(from, ctx.t.locale, ctx.today)));
  return ok({ from, typed: raw !== undefined });
}
