// The citizen's readiness, the seeds' "klar, tæt på, længere fra": set with
// /borger <ref> parat:klar or at a meeting (/samtale … parat:tæt). Every
// change is a row, so the card can show how the citizen has moved.
import type { Readiness } from '../../domain/enums.js';
import { formatShortDate } from '../../domain/i18n/format.js';
import type { Messages } from '../../domain/i18n/messages.js';
import { fromDbDate, toDbDate } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { checkOptions, checkRef, fail, type Checked } from '../arguments.js';
import { loadCitizen } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { splitOptions } from '../../domain/command-tokens.js';
import { goalExample } from './goal-example.js';

/** The option's key in Danish and English: parat:tæt, ready:close. */
export const READINESS_KEYS = ['parat', 'ready'];

const READINESS_WORDS: Record<string, Readiness> = {
  klar: 'READY', parat: 'READY', ready: 'READY',
  tæt: 'CLOSE', taet: 'CLOSE', 'tæt-på': 'CLOSE', 'taet-paa': 'CLOSE', close: 'CLOSE',
  længere: 'FURTHER', laengere: 'FURTHER', 'længere-fra': 'FURTHER', 'laengere-fra': 'FURTHER', further: 'FURTHER', far: 'FURTHER',
};

export function checkReadiness(t: Messages, raw: string): Checked<Readiness> {
  const value = READINESS_WORDS[raw.trim().toLowerCase().replace(/\s+/g, '-')];
  return value ? { ok: true, value } : fail(t.goals.unknownReadiness(raw), goalExample(t, 2));
}

/** The readiness value from a command's options, if one was given. */
export function readinessOption(options: Map<string, string>): string | undefined {
  for (const key of READINESS_KEYS) if (options.has(key)) return options.get(key);
  return undefined;
}

/** True for /borger <ref> parat:… (a change, not a look at the card). */
export function setsReadiness(args: readonly string[]): boolean {
  return args.some((a) => READINESS_KEYS.some((key) => a.toLowerCase().startsWith(`${key}:`)));
}

/** Records a new readiness unless it is already the current one; returns the reply line. */
export async function recordReadiness(ctx: HandlerContext, citizen: { id: string; ref: string }, readiness: Readiness): Promise<string> {
  const { t } = ctx;
  const current = await ctx.db.readinessChange.findFirst({ where: { citizenId: citizen.id }, orderBy: { createdAt: 'desc' } });
  const label = t.goals.readiness[readiness];
  if (current?.readiness === readiness) return t.goals.readinessUnchanged(citizen.ref, label);
  const row = await ctx.db.readinessChange.create({ data: { citizenId: citizen.id, readiness, setOn: toDbDate(ctx.today), setById: ctx.actor.id, source: ctx.channel } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'readiness.set', citizenId: citizen.id, channel: ctx.channel, details: { readinessChangeId: row.id, readiness } });
  return t.goals.readinessSet(citizen.ref, label);
}

/** /borger <ref> parat:klar */
export async function setReadiness(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const { positional, options } = splitOptions(args);
  const allowed = checkOptions(t, options, READINESS_KEYS);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], goalExample(t, 2));
  if (!ref.ok) return ref.reply;
  // "parat:tæt på" and "parat:længere fra" arrive as the option plus one more word.
  const readiness = checkReadiness(t, [readinessOption(options) ?? '', ...positional.slice(1)].join(' '));
  if (!readiness.ok) return readiness.reply;
  const found = await loadCitizen(ctx, ref.value, { action: 'readiness.set', requireActive: true });
  if (!found.ok) return found.reply;
  return okReply(await recordReadiness(ctx, found.value, readiness.value));
}

/** "klar (1. dec.) ← tæt på (20. nov.)": newest first, for the card. */
export function readinessText(t: Messages, history: ReadonlyArray<{ readiness: Readiness; setOn: Date }>): string {
  return history.map((h) => `${t.goals.readiness[h.readiness]} (${formatShortDate(fromDbDate(h.setOn), t.locale)})`).join(' ← ');
}
