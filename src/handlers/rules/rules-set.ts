// /jobbot rules set <rule> <value> [fra:<date>] [kilde:"…"] [bekræft] (admins):
// one rule changed in chat, e.g. "praktik.max.jobparat 6u". Without "bekræft"
// it only previews the rule before and after, its date and source. Confirmed,
// the rule set in force on the date is stored with the change (every instance
// reads it), audited, and in force from its date; history is never rewritten.
import { containsCprNumber } from '../../domain/cpr.js';
import { splitOptions } from '../../domain/command-tokens.js';
import { formatShortDateNear } from '../../domain/i18n/format.js';
import type { Messages } from '../../domain/i18n/messages.js';
import { compareLocalDate } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { editRule, type RuleSubject, type RuleValue } from '../../domain/rules/rule-edits.js';
import { ruleSets, rulesFor, useStoredRules } from '../../domain/rules/rules.js';
import { recordAudit } from '../../db/audit.js';
import { recordRuleSet, storedRuleEntries } from '../../db/stored-rules.js';
import { actorFacts, type HandlerContext } from '../context.js';
import { checkOptions, fail, joinDateOptions } from '../arguments.js';
import { checkChangeDate } from './change-date.js';

const CONFIRM_WORDS = ['bekræft', 'bekraeft', 'confirm'];
const MAX_SOURCE_LENGTH = 200;

export async function setRule(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const s = t.rules.set;
  if (!actorFacts(ctx.actor, ctx.adminEmails).isAdmin) return fail(t.errors.adminOnly).reply;
  const { positional, options } = splitOptions(joinDateOptions(args, ['fra', 'from'], ctx.today));
  const allowed = checkOptions(t, options, ['fra', 'from', 'kilde', 'source']);
  if (!allowed.ok) return allowed.reply;
  const confirmed = positional.some((w) => CONFIRM_WORDS.includes(w.toLowerCase()));
  const [key, ...valueWords] = positional.filter((w) => !CONFIRM_WORDS.includes(w.toLowerCase()));
  if (!key || valueWords.length === 0) return fail(s.unknownKey(key ?? '')).reply;
  const valueText = valueWords.join(' ');

  const when = checkChangeDate(ctx, options, ctx.today);
  if (!when.ok) return when.reply;
  const { from, typed: rawFrom } = when.value;
  const date = (d: string) => formatShortDateNear(d, t.locale, ctx.today);

  const rawSource = (options.get('kilde') ?? options.get('source'))?.trim();
  if (rawSource !== undefined) {
    if (containsCprNumber(rawSource)) return fail(t.errors.cpr, t.errors.cprHint).reply;
    if (rawSource.length < 3 || rawSource.length > MAX_SOURCE_LENGTH) return fail(s.sourceLength(MAX_SOURCE_LENGTH)).reply;
  }
  const source = { text: rawSource ?? s.defaultSource(from), date: from };

  const edit = editRule(rulesFor(from), key, valueText, from, source);
  if (!edit.ok) {
    if (edit.problem === 'unknownKey') return fail(s.unknownKey(key)).reply;
    if (edit.problem === 'notInForce') return fail(s.notInForce(key, rulesFor(from).title)).reply;
    if (edit.problem === 'badValue') return fail(s.badValue(valueText, key, s.expected[edit.expected])).reply;
    if (edit.problem === 'unchanged') return fail(s.unchanged(key, valueText)).reply;
    return fail(s.invalid(edit.details)).reply;
  }

  const lines = [s.title(date(from)), s.change(subjectText(t, edit.subject), edit.before ? formatRuleValue(t, edit.before) : s.none, formatRuleValue(t, edit.after)), s.source(source.text)];
  // A later rule set (a date already planned, or a switch) does not carry this change.
  const later = ruleSets().find((r) => compareLocalDate(r.effectiveFrom, from) > 0);
  if (later) lines.push(s.until(later.title, date(later.effectiveFrom)));
  if (!confirmed) {
    if (rawSource === undefined) lines.push(s.sourceHint);
    const command = `/jobbot rules set ${key} ${valueText}${rawFrom ? ` fra:${from}` : ''}${rawSource ? ` kilde:"${rawSource}"` : ''} bekræft`;
    lines.push('', s.confirmHint(command));
    return okReply(lines.join('\n'));
  }
  const stored = await storedRuleEntries(ctx.db);
  await recordRuleSet(ctx.db, { set: edit.set, createdById: ctx.actor.id });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'rules.set', channel: ctx.channel, details: { rule: key, effectiveFrom: from, before: edit.before ? JSON.stringify(edit.before) : null, after: JSON.stringify(edit.after) } });
  // This instance installs the change once it is committed; the others on their next tick.
  const entries = [...stored, { kind: 'set' as const, set: edit.set }];
  ctx.onCommit?.(() => useStoredRules(entries));
  lines.push('', s.done(date(from)));
  return okReply(lines.join('\n'));
}

function subjectText(t: Messages, subject: RuleSubject): string {
  const w = t.rules.set.what;
  const group = (g: string) => (g === 'others' ? t.rules.show.others : t.labels.targetGroup[g as keyof typeof t.labels.targetGroup]);
  switch (subject.rule) {
    case 'cadence':
    case 'openToNew':
      return w[subject.rule](group(subject.group));
    case 'defaultLength':
    case 'firstFollowUp':
    case 'followUpEvery':
    case 'extensionReason':
      return w[subject.rule](t.labels.placementType[subject.type]);
    case 'max':
    case 'onExceed':
      return w[subject.rule](t.labels.placementType[subject.type], group(subject.group));
    case 'norm':
      return w.norm(t.labels.role[subject.role]);
    case 'jobResults':
      return w.jobResults;
  }
}

function formatRuleValue(t: Messages, value: RuleValue): string {
  const v = t.rules.set.value;
  switch (value.kind) {
    case 'days':
      return v.days(value.days);
    case 'yesNo':
      return value.value ? v.yes : v.no;
    case 'length':
      return t.rules.length(value.length);
    case 'onExceed':
      return v[value.value];
    case 'range':
      return `${value.min}-${value.max}`;
    case 'outcomes':
      return value.kinds.map((k) => t.labels.outcomeKind[k]).join(', ');
  }
}
