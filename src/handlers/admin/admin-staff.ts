// /jobbot team add, /jobbot staff add|list|role|leave: administration.
// Admins come from JOBBOT_ADMIN_EMAILS (or the isAdmin flag); managers may list their team.
import { splitOptions, parseHandle } from '../../domain/command-tokens.js';
import type { Role } from '../../domain/enums.js';
import { formatShortDateNear } from '../../domain/i18n/format.js';
import { fromDbDate } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { parseRole, ROLE_WORDS, wordsFor } from '../../domain/vocabulary.js';
import { recordAudit } from '../../db/audit.js';
import { findStaffByHandle } from '../../db/staff-queries.js';
import { checkOptions, checkWord, fail, ok, type Checked } from '../arguments.js';
import { actorFacts, type HandlerContext } from '../context.js';
import { exampleFor } from '../usage-example.js';

const EMAIL = /^[^\s@:]+@[^\s@]+\.[^\s@]+$/;
const TEAM_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,59}$/u;

function requireAdmin(ctx: HandlerContext): Checked<null> {
  return actorFacts(ctx.actor, ctx.adminEmails).isAdmin ? ok(null) : fail(ctx.t.errors.adminOnly);
}

export async function addTeam(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const admin = requireAdmin(ctx);
  if (!admin.ok) return admin.reply;
  const name = args.join(' ').trim();
  if (!name) return fail(t.errors.missing(t.what.teamName), exampleFor(t, 'jobbot')).reply;
  if (!TEAM_NAME.test(name)) return fail(t.errors.unknownWord(t.what.teamName, name, []), exampleFor(t, 'jobbot')).reply;
  if (await ctx.db.team.findUnique({ where: { name } })) return fail(t.errors.teamExists(name)).reply;
  const team = await ctx.db.team.create({ data: { name } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'team.add', channel: ctx.channel, details: { teamId: team.id } });
  return okReply(t.admin.teamAdded(name));
}

export async function addStaff(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'jobbot', 1);
  const admin = requireAdmin(ctx);
  if (!admin.ok) return admin.reply;
  const { positional, options } = splitOptions(args);
  const allowed = checkOptions(t, options, ['email', 'team', 'name', 'locale']);
  if (!allowed.ok) return allowed.reply;
  const handle = positional[0] ? parseHandle(positional[0]) : undefined;
  if (!handle) return fail(t.errors.missing(t.what.handle), example).reply;
  const role = checkWord(t, t.what.role, positional[1], parseRole, wordsFor(ROLE_WORDS, t.locale), example);
  if (!role.ok) return role.reply;
  if (positional.length > 2) return fail(t.errors.tooManyWords(positional.slice(2).join(' ')), example).reply;
  const email = options.get('email')?.toLowerCase();
  if (email !== undefined && !EMAIL.test(email)) return fail(t.errors.unknownWord(t.what.email, email, []), example).reply;
  const locale = options.get('locale') ?? 'da';
  if (locale !== 'da' && locale !== 'en') return fail(t.errors.unknownWord(t.what.language, locale, ['da', 'en'])).reply;
  let teamId = ctx.actor.teamId;
  let teamName = ctx.actor.team?.name ?? null;
  const rawTeam = options.get('team');
  if (rawTeam !== undefined) {
    const team = await ctx.db.team.findUnique({ where: { name: rawTeam } });
    if (!team) return fail(t.errors.teamNotFound(rawTeam)).reply;
    teamId = team.id;
    teamName = team.name;
  }
  if (await findStaffByHandle(ctx.db, handle)) return fail(t.errors.staffExists(handle)).reply;
  if (email && (await ctx.db.staff.findUnique({ where: { email } }))) return fail(t.errors.emailTaken(email)).reply;
  const displayName = options.get('name') ?? handle.charAt(0).toUpperCase() + handle.slice(1);
  const staff = await ctx.db.staff.create({ data: { handle, displayName, email: email ?? null, role: role.value, teamId, locale } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'staff.add', channel: ctx.channel, details: { staffId: staff.id, role: role.value } });
  return okReply(t.admin.staffAdded(handle, t.labels.role[role.value], teamName));
}

export async function listStaff(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const isAdmin = actorFacts(ctx.actor, ctx.adminEmails).isAdmin;
  if (!isAdmin && ctx.actor.role !== 'MANAGER') return fail(t.errors.notAllowed).reply;
  // Admins may list everyone with "all"; otherwise the actor's own team.
  const everyone = isAdmin && ['all', 'alle'].includes((args[0] ?? '').toLowerCase());
  const staff = await ctx.db.staff.findMany({
    where: everyone ? {} : { teamId: ctx.actor.teamId },
    include: { team: true },
    orderBy: [{ active: 'desc' }, { handle: 'asc' }],
  });
  const lines = staff.map((s) => t.admin.staffLine(s.handle, s.displayName, t.labels.role[s.role], everyone ? (s.team?.name ?? null) : null, s.active));
  const title = everyone ? t.admin.staffAllTitle : t.admin.staffListTitle(ctx.actor.team?.name ?? '-');
  return okReply(`${title}\n${lines.join('\n')}`, [{ type: 'header', text: title }, { type: 'list', items: lines.length ? lines : [t.common.nobody] }]);
}

export async function changeStaffRole(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = `${t.usage.exampleLabel}: ${t.usage.jobbot.syntax[3] ?? ''}`;
  const admin = requireAdmin(ctx);
  if (!admin.ok) return admin.reply;
  const target = await findColleague(ctx, args[0], example);
  if (!target.ok) return target.reply;
  const role = checkWord(t, t.what.role, args[1], parseRole, wordsFor(ROLE_WORDS, t.locale), example);
  if (!role.ok) return role.reply;
  const last = await lastManagerGuard(ctx, target.value, role.value);
  if (!last.ok) return last.reply;
  await ctx.db.staff.update({ where: { id: target.value.id }, data: { role: role.value } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'staff.role', channel: ctx.channel, details: { staffId: target.value.id, role: role.value } });
  return okReply(t.admin.roleChanged(target.value.handle, t.labels.role[role.value]));
}

export async function staffLeaves(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = `${t.usage.exampleLabel}: ${t.usage.jobbot.syntax[4] ?? ''}`;
  const admin = requireAdmin(ctx);
  if (!admin.ok) return admin.reply;
  const target = await findColleague(ctx, args[0], example);
  if (!target.ok) return target.reply;
  if (!target.value.active) return fail(t.admin.alreadyLeft(target.value.handle)).reply;
  const last = await lastManagerGuard(ctx, target.value, null);
  if (!last.ok) return last.reply;
  await ctx.db.staff.update({ where: { id: target.value.id }, data: { active: false, leftAt: ctx.now } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'staff.leave', channel: ctx.channel, details: { staffId: target.value.id } });
  // Nothing moves silently: list who needs a new person, and let a human decide.
  // Until then the citizens' reminders go to the team's managers (reminder-rules.ts, checkInRoute/placementRoute).
  const asCaseworker = await ctx.db.citizen.findMany({ where: { caseworkerId: target.value.id, status: 'ACTIVE' }, orderBy: { ref: 'asc' }, select: { ref: true } });
  const asConsultant = await ctx.db.citizen.findMany({ where: { consultantId: target.value.id, status: 'ACTIVE' }, orderBy: { ref: 'asc' }, select: { ref: true } });
  const placements = await placementsNeedingConsultant(ctx, target.value.id);
  const r = t.reminders;
  const placementLines = placements.map((p) =>
    r.leaverPlacementLine(p.citizen.ref, p.company, t.labels.placementType[p.type], formatShortDateNear(fromDbDate(p.plannedEndOn), t.locale, ctx.today)),
  );
  const blocks: Reply['blocks'] = [{ type: 'text', text: t.admin.staffLeft(target.value.handle) }];
  if (asCaseworker.length) blocks.push({ type: 'list', title: t.admin.needsNewCaseworker(asCaseworker.length), items: asCaseworker.map((c) => c.ref) });
  if (asConsultant.length) blocks.push({ type: 'list', title: t.admin.needsNewConsultant(asConsultant.length), items: asConsultant.map((c) => c.ref) });
  if (placementLines.length) blocks.push({ type: 'list', title: r.leaverPlacements(placementLines.length), items: placementLines });
  const needsSomeone = asCaseworker.length + asConsultant.length + placementLines.length > 0;
  if (needsSomeone) blocks.push({ type: 'context', text: r.leaverStandIn });
  const text = [
    t.admin.staffLeft(target.value.handle),
    ...(asCaseworker.length ? [t.admin.needsNewCaseworker(asCaseworker.length), asCaseworker.map((c) => c.ref).join(', ')] : []),
    ...(asConsultant.length ? [t.admin.needsNewConsultant(asConsultant.length), asConsultant.map((c) => c.ref).join(', ')] : []),
    ...(placementLines.length ? [r.leaverPlacements(placementLines.length), placementLines.join('; ')] : []),
    ...(needsSomeone ? [r.leaverStandIn] : []),
  ].join('\n');
  return okReply(text, blocks);
}

/** Running placements the leaver followed: as the citizen's consultant, or as the placement's own consultant. */
function placementsNeedingConsultant(ctx: HandlerContext, staffId: string) {
  return ctx.db.placement.findMany({
    where: { status: 'ACTIVE', citizen: { status: 'ACTIVE' }, OR: [{ consultantId: staffId }, { citizen: { consultantId: staffId } }] },
    orderBy: [{ citizen: { ref: 'asc' } }, { startOn: 'asc' }],
    select: { company: true, type: true, plannedEndOn: true, citizen: { select: { ref: true } } },
  });
}

async function findColleague(ctx: HandlerContext, raw: string | undefined, example: string) {
  const handle = raw ? parseHandle(raw) : undefined;
  if (!handle) return fail(ctx.t.errors.missing(ctx.t.what.handle), example);
  const staff = await findStaffByHandle(ctx.db, handle);
  return staff ? ok(staff) : fail(ctx.t.errors.staffNotFound(handle));
}

/** A team keeps at least one active manager: someone must set targets and hold the 1:1s. */
async function lastManagerGuard(ctx: HandlerContext, staff: { id: string; role: Role; teamId: string | null }, newRole: Role | null): Promise<Checked<null>> {
  if (staff.role !== 'MANAGER' || newRole === 'MANAGER' || !staff.teamId) return ok(null);
  const managers = await ctx.db.staff.count({ where: { teamId: staff.teamId, role: 'MANAGER', active: true } });
  return managers <= 1 ? fail(ctx.t.errors.lastManager) : ok(null);
}
