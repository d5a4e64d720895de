// /jobbot rules switch <id> [fra:<date>] [<group>:<group>…] [bekræft] (admins): switch to a
// ready rule set (the 2027 group structure) from a date. Without "bekræft"
// it only previews: the set, its date, and how many active citizens its
// group mapping will move, group by group (an admin may move a group
// elsewhere, e.g. aktivitetsparat:dagpenge, or keep it: aktivitetsparat:aktivitetsparat
// only if the set has that group). Confirmed, the switch is stored
// (every instance reads it), audited, in force from its date, and the
// citizens are moved on the first working day from that date (jobs/rule-switches.ts).
import { formatShortDateNear } from '../../domain/i18n/format.js';
import { splitOptions } from '../../domain/command-tokens.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { readyRuleSet, readyRuleSets, useStoredRules } from '../../domain/rules/rules.js';
import { parseTargetGroup } from '../../domain/vocabulary.js';
import { recordAudit } from '../../db/audit.js';
import { mappingPreview, recordRuleSwitch, storedRuleEntries, type GroupMapping } from '../../db/stored-rules.js';
import { actorFacts, type HandlerContext } from '../context.js';
import { checkOptions, fail, joinDateOptions } from '../arguments.js';
import { checkChangeDate } from './change-date.js';

const CONFIRM_WORDS = ['bekræft', 'bekraeft', 'confirm'];

export async function switchRules(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const s = t.rules.switch;
  if (!actorFacts(ctx.actor, ctx.adminEmails).isAdmin) return fail(t.errors.adminOnly).reply;
  // "fra:i morgen" arrives as two words: joined as every date option is.
  const { positional, options } = splitOptions(joinDateOptions(args, ['fra', 'from'], ctx.today));
  // "aktivitetsparat:dagpenge" moves a group elsewhere than the set's own mapping says.
  const groupKeys = [...options.keys()].filter((k) => parseTargetGroup(k) !== undefined);
  const allowed = checkOptions(t, options, ['fra', 'from', ...groupKeys]);
  if (!allowed.ok) return allowed.reply;
  const confirmed = positional.some((w) => CONFIRM_WORDS.includes(w.toLowerCase()));
  const [id] = positional.filter((w) => !CONFIRM_WORDS.includes(w.toLowerCase()));
  const ready = readyRuleSets();
  if (!id) return fail(s.which(ready.map((r) => r.id).join(', ') || s.none)).reply;
  const set = readyRuleSet(id.toLowerCase());
  if (!set) return fail(s.unknown(id, ready.map((r) => r.id).join(', ') || s.none)).reply;
  const stored = await storedRuleEntries(ctx.db);
  const already = stored.find((e) => e.kind === 'switch' && e.setId === set.id);
  const date = (d: string) => formatShortDateNear(d, t.locale, ctx.today);
  if (already?.kind === 'switch') return fail(s.already(set.title, date(already.effectiveFrom))).reply;

  const when = checkChangeDate(ctx, options, set.effectiveFrom);
  if (!when.ok) return when.reply;
  const { from, typed: rawFrom } = when.value;

  const mapping: GroupMapping = { ...set.groupMapping };
  for (const key of groupKeys) {
    const fromGroup = parseTargetGroup(key)!;
    const toGroup = parseTargetGroup(options.get(key) ?? '');
    if (!toGroup || !set.targetGroups[toGroup]) return fail(s.badMapping(key, options.get(key) ?? '', set.title)).reply;
    if (toGroup === fromGroup) delete mapping[fromGroup];
    else mapping[fromGroup] = toGroup;
  }
  const moves = await mappingPreview(ctx.db, mapping);
  const lines = [s.title(set.title, date(from))];
  // The set's groups name the source of the change (the reform agreement for reform-2027).
  const source = Object.values(set.targetGroups)[0]?.source.text;
  if (source) lines.push(s.source(source));
  lines.push(moves.length ? s.movesTitle : s.noMoves);
  for (const m of moves) lines.push(s.move(t.labels.targetGroup[m.from], t.labels.targetGroup[m.to], m.citizens));
  if (!confirmed) {
    const own = groupKeys.map((k) => ` ${k}:${options.get(k)}`).join('');
    lines.push('', s.confirmHint(`/jobbot rules switch ${set.id}${rawFrom ? ` fra:${from}` : ''}${own} bekræft`));
    return okReply(lines.join('\n'));
  }
  await recordRuleSwitch(ctx.db, { setId: set.id, effectiveFrom: from, mapping, createdById: ctx.actor.id });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'rules.switch', channel: ctx.channel, details: { setId: set.id, effectiveFrom: from } });
  // This instance installs the switch once it is committed; the others on their next tick.
  const entries = [...stored, { kind: 'switch' as const, setId: set.id, effectiveFrom: from }];
  ctx.onCommit?.(() => useStoredRules(entries));
  lines.push('', s.done(set.title, date(from)));
  return okReply(lines.join('\n'));
}
