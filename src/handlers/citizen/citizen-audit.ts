// "Who saw citizen X?" (issue 10): /citizen audit <ref> [page] (/borger log)
// shows one citizen's access log, newest first, to the managers of the
// citizen's team and to admins; /jobbot audit export [period] hands admins the
// whole log for a period as CSV. Refused attempts are audited too (ctx.refused);
// reading the log is itself a read of the citizen and leaves a row.
import { isManager } from '../../domain/access.js';
import { findPeriod, type Period } from '../../domain/questions/period.js';
import { foldWord } from '../../domain/questions/normalize.js';
import { csvDate } from '../../domain/caseload-csv.js';
import { addDays, endOfMonth, localDateTimeToInstant, startOfMonth, TIME_ZONE, todayIn } from '../../domain/local-date.js';
import { errorReply, okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { recordAudit, recordCitizensShown } from '../../db/audit.js';
import type { Citizen } from '../../db/types.js';
import { checkRef, fail, ok, type Checked } from '../arguments.js';
import { periodLabel } from '../ask/ask-scope.js';
import { actorFacts, type HandlerContext } from '../context.js';
import { CSV_CONTENT_TYPE, exportFileName, writeCsv } from '../import/csv-files.js';

/** Rows per page of /citizen audit: enough for a month of a normal case, short enough for a chat message. */
export const AUDIT_PAGE_SIZE = 25;
/** An export is for a period; this many rows at most, so one file stays openable. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "24-11-2026 09:05" in Copenhagen time: what Danish Excel reads as a date and time. */
function localStamp(at: Date): string {
  return `${csvDate(todayIn(at))} ${TIME.format(at)}`;
}

export async function showCitizenAudit(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const [rawRef, pageWord] = args;
  const teamArg = args.find((a) => /^team:/i.test(a));
  const checked = checkRef(t, rawRef, t.auditTrail.usage.citizen);
  if (!checked.ok) return checked.reply;
  const ref = checked.value;
  const facts = actorFacts(ctx.actor, ctx.adminEmails);
  const refusal = (reason: string, citizenId: string | null = null) =>
    ctx.refused?.({ actorId: ctx.actor.id, action: 'citizen.audit.refused', citizenId, channel: ctx.channel, details: { reason } });
  if (!facts.isAdmin && !isManager(ctx.actor)) {
    refusal('role', await sameTeamCitizenId(ctx, ref));
    return errorReply(t.auditTrail.managersOnly);
  }
  const found = await findCitizenForAudit(ctx, ref, facts.isAdmin, teamArg?.slice(5));
  if (!found.ok) {
    refusal('notFound', await onlyCitizenWithRef(ctx, ref));
    return found.reply;
  }
  const citizen = found.value;
  let page = 1;
  if (pageWord && !/^team:/i.test(pageWord)) {
    if (!/^\d{1,4}$/.test(pageWord) || Number(pageWord) < 1) return errorReply(t.auditTrail.pageInvalid(pageWord));
    page = Number(pageWord);
  }
  const total = await ctx.db.auditLog.count({ where: { citizenId: citizen.id } });
  const rows = await ctx.db.auditLog.findMany({
    where: { citizenId: citizen.id },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  // Reading the trail is a read of the citizen: written after counting, so it shows next time.
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'citizen.audit.view', citizenId: citizen.id, channel: ctx.channel, details: { page } });
  if (total === 0) return okReply(t.auditTrail.none(citizen.ref));
  const handles = await handlesById(ctx, rows.map((r) => r.actorId));
  const lines = rows.map((r) => t.auditTrail.line(localStamp(r.at), r.actorId ? `@${handles.get(r.actorId) ?? '?'}` : t.auditTrail.unknownActor, r.action, r.channel.toLowerCase()));
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const blocks: ReplyBlock[] = [
    { type: 'header', text: t.auditTrail.title(citizen.ref) },
    { type: 'list', items: lines },
    { type: 'context', text: t.auditTrail.page(Math.min(page, pages), pages, total) },
  ];
  if (page < pages) blocks.push({ type: 'context', text: t.auditTrail.nextPage(citizen.ref, page + 1) });
  return okReply([t.auditTrail.title(citizen.ref), ...lines].join('\n'), blocks);
}

/** A manager: only in their own team. An admin: their own team first, then anywhere (team:<name> when the ref is in several). */
async function findCitizenForAudit(ctx: HandlerContext, ref: string, isAdmin: boolean, teamName?: string): Promise<Checked<Citizen>> {
  const { t } = ctx;
  if (!isAdmin) {
    if (!ctx.actor.teamId) return fail(t.errors.noTeam);
    const own = await ctx.db.citizen.findUnique({ where: { teamId_ref: { teamId: ctx.actor.teamId, ref } } });
    return own ? ok(own) : fail(t.errors.citizenNotFound(ref));
  }
  const matches = await ctx.db.citizen.findMany({ where: { ref, ...(teamName ? { team: { name: { equals: teamName, mode: 'insensitive' } } } : {}) } });
  const own = matches.find((c) => c.teamId === ctx.actor.teamId);
  if (own) return ok(own);
  if (matches.length === 1 && matches[0]) return ok(matches[0]);
  return fail(matches.length > 1 ? t.auditTrail.ambiguous(ref) : t.errors.citizenNotFound(ref));
}

/** For a refused caseworker: the citizen they asked for, if it is in their team (the attempt then names it). */
async function sameTeamCitizenId(ctx: HandlerContext, ref: string): Promise<string | null> {
  if (!ctx.actor.teamId) return null;
  const c = await ctx.db.citizen.findUnique({ where: { teamId_ref: { teamId: ctx.actor.teamId, ref } }, select: { id: true } });
  return c?.id ?? null;
}

/** For a refused manager of another team: the citizen, when the reference names exactly one anywhere. */
async function onlyCitizenWithRef(ctx: HandlerContext, ref: string): Promise<string | null> {
  const found = await ctx.db.citizen.findMany({ where: { ref }, select: { id: true }, take: 2 });
  return found.length === 1 ? (found[0]?.id ?? null) : null;
}

async function handlesById(ctx: HandlerContext, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const staff = await ctx.db.staff.findMany({ where: { id: { in: wanted } }, select: { id: true, handle: true } });
  return new Map(staff.map((s) => [s.id, s.handle]));
}

/** /jobbot audit export [period]: admins; default this month. */
export async function exportAuditLog(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  if (!actorFacts(ctx.actor, ctx.adminEmails).isAdmin) {
    ctx.refused?.({ actorId: ctx.actor.id, action: 'audit.export.refused', channel: ctx.channel, details: { reason: 'role' } });
    return errorReply(t.auditTrail.exportAdminOnly);
  }
  let period: Period = { kind: 'month', from: startOfMonth(ctx.today), to: endOfMonth(ctx.today) };
  if (args.length > 0) {
    const words = args.map(foldWord);
    const found = findPeriod(words, ctx.today);
    // Every word must belong to the period ("i" is allowed, as in "i november").
    if (!found || words.some((w, i) => !found.used.includes(i) && w !== 'i')) return errorReply(t.auditTrail.periodInvalid(args.join(' ')));
    period = found.period;
  }
  const from = localDateTimeToInstant(period.from, '00:00');
  const until = localDateTimeToInstant(addDays(period.to, 1), '00:00');
  const rows = await ctx.db.auditLog.findMany({ where: { at: { gte: from, lt: until } }, orderBy: [{ at: 'asc' }, { id: 'asc' }], take: AUDIT_EXPORT_MAX_ROWS });
  const handles = await handlesById(ctx, rows.map((r) => r.actorId));
  const citizenIds = [...new Set(rows.flatMap((r) => (r.citizenId ? [r.citizenId] : [])))];
  const citizens = await ctx.db.citizen.findMany({ where: { id: { in: citizenIds } }, select: { id: true, ref: true, team: { select: { name: true } } } });
  const byId = new Map(citizens.map((c) => [c.id, c]));
  const c = t.auditTrail.columns;
  const lines = rows.map((r) => {
    const citizen = r.citizenId ? byId.get(r.citizenId) : undefined;
    return [
      localStamp(r.at),
      r.actorId ? (handles.get(r.actorId) ?? '') : '',
      r.action,
      citizen?.ref ?? '',
      citizen?.team.name ?? '',
      r.channel.toLowerCase(),
      r.details === null ? '' : JSON.stringify(r.details),
    ];
  });
  // The file names citizens: that disclosure is logged per citizen like any other list.
  await recordCitizensShown(ctx.db, { actorId: ctx.actor.id, action: 'audit.export', channel: ctx.channel, details: { from: period.from, to: period.to, rows: rows.length } }, citizens.map((x) => x.id));
  const label = periodLabel(t, period);
  const filename = exportFileName(t.auditTrail.fileKind, `${period.from}-${period.to}`, ctx.today);
  return {
    ...okReply(t.auditTrail.exported(rows.length, label)),
    attachment: { filename, contentType: CSV_CONTENT_TYPE, content: writeCsv([[c.at, c.actor, c.action, c.citizen, c.team, c.channel, c.details], ...lines]) },
  };
}
