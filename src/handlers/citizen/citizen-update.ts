// /citizen set <ref> [initials:] [group:] [cadence:] [consultant:@|ingen] [mentor:@]
// and /citizen wish <ref> <company …>: the details that change over a case.
import { splitOptions } from '../../domain/command-tokens.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { parseTargetGroup, TARGET_GROUP_WORDS, wordsFor } from '../../domain/vocabulary.js';
import { recordAudit } from '../../db/audit.js';
import { assignConsultant, countConsultantChanges, setCadence } from '../../db/citizen-writes.js';
import type { Prisma } from '../../db/types.js';
import { checkInitials, checkInteger, checkOptions, checkRef, checkTeamMember, checkWord, fail } from '../arguments.js';
import { CADENCE_RANGE } from './citizen-add.js';
import { loadCitizen } from './citizen-access.js';
import { checkGroupOpenToNew } from './target-group-rules.js';
import type { HandlerContext } from '../context.js';
import { exampleFor } from '../usage-example.js';
import { registerCompanies, syncWishes } from '../../db/company-queries.js';
import { resolveCompany } from '../company/company-names-check.js';

const MAX_WISHES = 10;
/** The words for "no consultant" in consultant:ingen. */
const NO_ONE = ['ingen', 'none', 'nobody', '-'];

export async function updateCitizen(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'citizen');
  const { positional, options } = splitOptions(args);
  const allowed = checkOptions(t, options, ['initials', 'group', 'cadence', 'consultant', 'mentor']);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;
  if (positional.length > 1) return fail(t.errors.tooManyWords(positional.slice(1).join(' ')), example).reply;
  if (options.size === 0) return fail(t.errors.missing('initials: group: cadence: consultant: mentor:'), example).reply;
  const found = await loadCitizen(ctx, ref.value, { action: 'citizen.update', requireActive: true });
  if (!found.ok) return found.reply;

  const data: Prisma.CitizenUncheckedUpdateInput = {};
  const initials = options.get('initials');
  if (initials !== undefined) {
    const checked = checkInitials(t, initials);
    if (!checked.ok) return checked.reply;
    data.initials = checked.value;
  }
  if (options.has('group')) {
    const checked = checkWord(t, t.what.targetGroup, options.get('group'), parseTargetGroup, wordsFor(TARGET_GROUP_WORDS, t.locale));
    if (!checked.ok) return checked.reply;
    // Moving a citizen into a group is the same as a new citizen in it: a group closed to new citizens refuses.
    if (checked.value !== found.value.targetGroup) {
      const open = checkGroupOpenToNew(ctx, checked.value);
      if (!open.ok) return open.reply;
    }
    data.targetGroup = checked.value;
  }
  let cadenceDays: number | undefined;
  let consultantId: string | null | undefined;
  const cadence = options.get('cadence');
  if (cadence !== undefined) {
    const checked = checkInteger(t, t.what.cadence, cadence, CADENCE_RANGE.min, CADENCE_RANGE.max);
    if (!checked.ok) return checked.reply;
    cadenceDays = checked.value;
  }
  for (const key of ['consultant', 'mentor'] as const) {
    const raw = options.get(key);
    if (raw === undefined) continue;
    // consultant:ingen takes the consultant off (recorded as a change; the manager hears if none follows).
    if (key === 'consultant' && NO_ONE.includes(raw.toLowerCase())) {
      consultantId = null;
      continue;
    }
    const checked = await checkTeamMember(ctx, raw, key === 'consultant' ? ['CONSULTANT'] : undefined);
    if (!checked.ok) return checked.reply;
    if (key === 'consultant') consultantId = checked.value.id;
    else data.mentorId = checked.value.id;
  }
  const citizenId = found.value.id;
  if (Object.keys(data).length) await ctx.db.citizen.update({ where: { id: citizenId }, data });
  if (cadenceDays !== undefined) await setCadence(ctx.db, citizenId, cadenceDays, ctx.today);
  // A new consultant takes over the citizen's running placements too (assignConsultant).
  const consultantBefore = found.value.consultantId;
  const movedPlacements = consultantId !== undefined ? await assignConsultant(ctx.db, citizenId, consultantId, { actorId: ctx.actor.id, now: ctx.now }) : 0;
  const fields = [...Object.keys(data), ...(cadenceDays !== undefined ? ['cadenceDays', 'nextCheckInOn'] : []), ...(consultantId !== undefined ? ['consultantId'] : [])];
  await recordAudit(ctx.db, {
    actorId: ctx.actor.id,
    action: 'citizen.update.done',
    citizenId,
    channel: ctx.channel,
    details: { fields: fields.join(','), ...(movedPlacements ? { placementsMoved: movedPlacements } : {}) },
  });
  const lines = [t.citizen.updated(ref.value)];
  // Every change of consultant costs the citizen, like a change of caseworker: say which one this is.
  if (consultantId !== undefined && consultantId !== consultantBefore && consultantBefore !== null) {
    const changes = await countConsultantChanges(ctx.db, citizenId);
    if (changes > 1) lines.push(t.continuity.consultantChangeWarning(changes));
  }
  return okReply(lines.join('\n'));
}

export async function setWishCompanies(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = `${t.usage.exampleLabel}: ${t.usage.citizen.syntax[3] ?? ''}`;
  const ref = checkRef(t, args[0], example);
  if (!ref.ok) return ref.reply;
  const companies = args.slice(1).map((c) => c.trim()).filter(Boolean);
  if (companies.length === 0) return fail(t.errors.missing(t.what.company), example).reply;
  if (companies.length > MAX_WISHES) return fail(t.errors.invalidNumber(t.citizen.wishes, String(companies.length), 1, MAX_WISHES)).reply;
  const found = await loadCitizen(ctx, ref.value, { action: 'citizen.wishes', requireActive: true });
  if (!found.ok) return found.reply;
  // Each wish is linked to the company register (issue 14): a name close to a
  // registered one is asked about ("mente du …?"), an unknown one is added.
  const register = await registerCompanies(ctx.db);
  const names: string[] = [];
  const added: string[] = [];
  for (const typed of companies) {
    const resolved = await resolveCompany(ctx, typed, register);
    if (!resolved.ok) return resolved.reply;
    if (resolved.value.created) added.push(resolved.value.company.name);
    if (!names.includes(resolved.value.company.name)) names.push(resolved.value.company.name);
  }
  await ctx.db.citizen.update({ where: { id: found.value.id }, data: { wishCompanies: names } });
  await syncWishes(ctx.db, found.value.id, names, register);
  return okReply([t.citizen.wishesSaved(ref.value, names.length), ...added.map((name) => t.companies.newInRegister(name))].join('\n'));
}
