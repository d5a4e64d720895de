// The citizen's rights (GDPR art. 15 and 17), for the team's managers and
// administrators only (a caseworker forwards the request to them):
//   /citizen export <ref>  (/borger eksport)  everything jobbot holds on the citizen, as a file;
//   /citizen forget <ref>  (/borger slet)     what would be erased and a confirm button;
//   /citizen forget <ref> confirm (bekræft), or the button: erases it (src/db/erase-citizen.ts).
// An administrator outside the team adds team:<name> when the reference is in several teams.
import { companyKey } from '../../domain/company-names.js';
import { createHash } from 'node:crypto';
import { csvDate } from '../../domain/caseload-csv.js';
import { splitOptions } from '../../domain/command-tokens.js';
import { fromDbDate, TIME_ZONE } from '../../domain/local-date.js';
import { errorReply, okReply, type Reply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { countsOf, eraseCitizen, findCitizenData } from '../../db/erase-citizen.js';
import type { Citizen } from '../../db/types.js';
import { checkRef, fail, ok, type Checked } from '../arguments.js';
import { actorFacts, type HandlerContext } from '../context.js';
import { CSV_CONTENT_TYPE, exportFileName, writeCsv } from '../import/csv-files.js';
import { mentorSupportLine } from './citizen-mentor.js';

const CONFIRM_WORDS = ['confirm', 'bekræft', 'bekraeft', 'ja', 'yes'];
export const FORGET_ACTION = 'citizen.forget';

/** The citizen, when the actor is its team's manager or an administrator; otherwise the friendly refusal. */
async function citizenForRights(ctx: HandlerContext, rawRef: string | undefined, teamName: string | undefined, example: 'export' | 'forget'): Promise<Checked<Citizen>> {
  const { t } = ctx;
  const facts = actorFacts(ctx.actor, ctx.adminEmails);
  const manager = ctx.actor.role === 'MANAGER';
  // Refused before any lookup: whether a reference exists is not told to those who may not see it.
  if (!manager && !facts.isAdmin) return fail(t.rights.managersOnly);
  const ref = checkRef(t, rawRef, t.rights.examples[example]);
  if (!ref.ok) return ref;
  let citizen: Citizen | null = null;
  if (teamName) {
    const team = await ctx.db.team.findFirst({ where: { name: { equals: teamName, mode: 'insensitive' } } });
    if (!team) return fail(t.rights.teamNotFound(teamName));
    citizen = await ctx.db.citizen.findUnique({ where: { teamId_ref: { teamId: team.id, ref: ref.value } } });
  } else if (ctx.actor.teamId) {
    citizen = await ctx.db.citizen.findUnique({ where: { teamId_ref: { teamId: ctx.actor.teamId, ref: ref.value } } });
  }
  if (!citizen && !teamName && facts.isAdmin) {
    const anywhere = await ctx.db.citizen.findMany({ where: { ref: ref.value }, take: 2 });
    if (anywhere.length > 1) return fail(t.rights.refInSeveralTeams(ref.value));
    citizen = anywhere[0] ?? null;
  }
  if (!citizen) return fail(t.errors.citizenNotFound(ref.value));
  if (!facts.isAdmin && !(manager && ctx.actor.teamId === citizen.teamId)) return fail(t.rights.managersOnly);
  return ok(citizen);
}

function parseArgs(args: string[]): { ref: string | undefined; team: string | undefined; confirmed: boolean } {
  const { options, positional } = splitOptions(args);
  return {
    ref: positional[0],
    team: options.get('team'),
    confirmed: positional.slice(1).some((w) => CONFIRM_WORDS.includes(w.toLowerCase())),
  };
}

// ------------------------------------------------------------------ export (art. 15)

/**
 * Why a CSV with a section column: it opens in Danish Excel like the other
 * exports (semicolons, UTF-8 with BOM), one row per fact with the same six
 * columns for every kind of record, so it reads top to bottom as a report
 * and can still be filtered or sorted by section; and a machine can read it
 * back (art. 20). Dates are dd-mm-yyyy; log times are Copenhagen time.
 */
export async function exportCitizen(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const parsed = parseArgs(args);
  const found = await citizenForRights(ctx, parsed.ref, parsed.team, 'export');
  if (!found.ok) return found.reply;
  // Logged first, so the file shows this export too.
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'citizen.export', citizenId: found.value.id, channel: ctx.channel });
  const c = await ctx.db.citizen.findUniqueOrThrow({
    where: { id: found.value.id },
    include: {
      team: true,
      caseworker: true,
      consultant: true,
      mentor: true,
      meetings: { orderBy: [{ heldOn: 'asc' }, { createdAt: 'asc' }], include: { loggedBy: true, participants: true } },
      placements: { orderBy: [{ startOn: 'asc' }, { createdAt: 'asc' }], include: { consultant: true, followUps: { orderBy: [{ heldOn: 'asc' }, { createdAt: 'asc' }] } } },
      outcomes: { orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }] },
      caseworkerChanges: { orderBy: { changedAt: 'asc' } },
      subGoals: { orderBy: { number: 'asc' } },
      readinessChanges: { orderBy: { createdAt: 'asc' } },
      consultantChanges: { orderBy: { changedAt: 'asc' } },
      mentorSupports: { orderBy: [{ startOn: 'asc' }, { createdAt: 'asc' }] },
    },
  });
  const audit = await ctx.db.auditLog.findMany({ where: { citizenId: c.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  // Wish-list entries with their contact record (issue 14), also for a company since taken off the list.
  const wishRows = await ctx.db.companyWish.findMany({ where: { citizenId: c.id }, orderBy: { createdAt: 'asc' } });
  // Staff named anywhere in the file, by id (some columns hold ids only).
  const staffIds = new Set<string>([
    ...c.outcomes.flatMap((o) => [o.loggedById]),
    ...c.caseworkerChanges.flatMap((x) => [x.fromStaffId, x.toStaffId, x.changedById]),
    ...c.subGoals.map((g) => g.createdById),
    ...c.readinessChanges.map((r) => r.setById),
    ...c.consultantChanges.flatMap((x) => [x.fromStaffId, x.toStaffId, x.changedById]),
    ...c.mentorSupports.map((m) => m.createdById),
    ...c.placements.flatMap((p) => p.followUps.map((f) => f.loggedById)),
    ...audit.map((a) => a.actorId),
    ...wishRows.map((w) => w.contactedById),
  ].filter((id): id is string => Boolean(id)));
  const staff = new Map((await ctx.db.staff.findMany({ where: { id: { in: [...staffIds] } } })).map((s) => [s.id, s]));
  const who = (s: { handle: string; displayName: string } | null | undefined) => (s ? `${s.displayName} (@${s.handle})` : '');
  const byId = (id: string | null | undefined) => (id ? who(staff.get(id)) || id : '');
  const date = (d: Date) => csvDate(fromDbDate(d));
  const hours = (h: { toString(): string } | null) => (h === null ? '' : h.toString().replace('.', t.locale === 'da' ? ',' : '.'));
  const s = t.rights.sections;
  const f = t.rights.fields;

  type Row = [section: string, date: string, what: string, details: string, note: string, by: string];
  const rows: Row[] = [];
  const card = (what: string, value: string) => rows.push([s.citizen, '', what, value, '', '']);
  card(f.ref, c.ref);
  card(f.initials, c.initials ?? '');
  card(f.team, c.team.name);
  card(t.citizen.status, t.labels.status[c.status]);
  card(t.citizen.targetGroup, t.labels.targetGroup[c.targetGroup]);
  card(t.citizen.caseworker, who(c.caseworker));
  card(t.citizen.consultant, who(c.consultant));
  card(t.citizen.mentor, who(c.mentor));
  card(t.citizen.cadence, t.citizen.everyNDays(c.cadenceDays));
  card(t.citizen.nextCheckIn, c.nextCheckInOn ? date(c.nextCheckInOn) : '');
  rows.push([s.citizen, date(c.createdAt), f.created, '', '', '']);
  if (c.closedAt) rows.push([s.citizen, date(c.closedAt), f.closed, c.closeReason ? t.labels.closeReason[c.closeReason] : '', '', '']);
  const onList = new Set(c.wishCompanies.map(companyKey));
  const wishRow = (company: string, w: (typeof wishRows)[number] | undefined): Row =>
    w?.contactedOn ? [s.wish, date(w.contactedOn), company, t.companies.contacted(date(w.contactedOn), null), w.contactResult ?? '', byId(w.contactedById)] : [s.wish, '', company, '', '', ''];
  for (const company of c.wishCompanies) rows.push(wishRow(company, wishRows.find((w) => w.nameKey === companyKey(company))));
  for (const w of wishRows) if (w.contactedOn && !onList.has(w.nameKey)) rows.push(wishRow(w.name, w));
  for (const m of c.meetings) {
    const details = [m.durationMinutes ? t.rights.minutes(m.durationMinutes) : '', m.participants.length ? t.rights.participants(m.participants.map((p) => `@${p.handle}`).join(', ')) : '']
      .filter(Boolean)
      .join('; ');
    rows.push([s.meeting, date(m.heldOn), t.labels.meetingKind[m.kind], details, m.note ?? '', who(m.loggedBy)]);
  }
  for (const p of c.placements) {
    const end = p.endedOn ?? p.plannedEndOn;
    const status = p.status === 'ACTIVE' ? t.labels.status.ACTIVE : t.labels.endReason[p.endReason ?? 'OTHER'];
    const details = [p.company, `${date(p.startOn)} – ${date(end)}`, status, p.weeklyHours ? t.rights.hoursPerWeek(hours(p.weeklyHours)) : '', p.ordinaryHours ? t.rights.ordinaryHours(hours(p.ordinaryHours)) : '']
      .filter(Boolean)
      .join('; ');
    rows.push([s.placement, date(p.startOn), t.labels.placementType[p.type], details, '', who(p.consultant)]);
    for (const u of p.followUps) rows.push([s.followUp, date(u.heldOn), t.labels.followUpOutcome[u.outcome], t.rights.followUpOf(p.company), u.note ?? '', byId(u.loggedById)]);
  }
  for (const o of c.outcomes) {
    const details = [o.weeklyHours ? t.rights.hoursPerWeek(hours(o.weeklyHours)) : '', o.employer ? t.rights.employer(o.employer) : ''].filter(Boolean).join('; ');
    rows.push([s.outcome, date(o.occurredOn), t.labels.outcomeKind[o.kind], details, '', byId(o.loggedById)]);
  }
  for (const x of c.caseworkerChanges) {
    rows.push([s.caseworkerChange, date(x.changedAt), '', t.rights.change(byId(x.fromStaffId) || t.common.nobody, byId(x.toStaffId)), '', byId(x.changedById)]);
  }
  // Sub-goals and readiness (issue 14): the goal's text is in the note column, as a meeting's note is.
  for (const g of c.subGoals) {
    const details = [t.goals.status[g.status], g.deadlineOn ? t.goals.deadline(date(g.deadlineOn)) : '', g.closedOn ? date(g.closedOn) : ''].filter(Boolean).join('; ');
    rows.push([t.goals.cardTitle, date(g.createdAt), String(g.number), details, g.text, byId(g.createdById)]);
  }
  for (const r of c.readinessChanges) rows.push([t.goals.readinessLabel, date(r.setOn), t.goals.readiness[r.readiness], '', '', byId(r.setById)]);
  // Consultant changes and mentor support (issue 14): the organisation is in the details, as a placement's company is.
  for (const x of c.consultantChanges) {
    rows.push([t.continuity.consultantChanges, date(x.changedAt), '', t.rights.change(byId(x.fromStaffId) || t.common.nobody, byId(x.toStaffId) || t.common.nobody), '', byId(x.changedById)]);
  }
  for (const m of c.mentorSupports) rows.push([t.continuity.mentorLabel, date(m.startOn), t.continuity.mentorKind[m.kind], mentorSupportLine(t, m, ctx.today), '', byId(m.createdById)]);
  for (const a of audit) rows.push([s.access, localDateTime(a.at), a.action, a.channel, '', byId(a.actorId)]);

  const col = t.rights.columns;
  const header: Row = [col.section, col.date, col.what, col.details, col.note, col.by];
  const filename = exportFileName(t.rights.exportFile, c.ref, ctx.today);
  return { ...okReply(t.rights.exported(c.ref)), attachment: { filename, contentType: CSV_CONTENT_TYPE, content: writeCsv([header, ...rows]) } };
}

/** dd-mm-yyyy hh:mm in Copenhagen: when someone looked. */
function localDateTime(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}`;
}

// ------------------------------------------------------------------ forget (art. 17)

export async function forgetCitizen(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const parsed = parseArgs(args);
  const found = await citizenForRights(ctx, parsed.ref, parsed.team, 'forget');
  if (!found.ok) return found.reply;
  return parsed.confirmed ? erase(ctx, found.value) : preview(ctx, found.value);
}

/**
 * What the button carries: a one-way digest of the citizen's internal id, not
 * the id or the reference. A reference can be reused by a new citizen later,
 * and Slack's request key (kept a day to answer retries) holds the value: after
 * the erasure it must not name the citizen.
 */
export function forgetToken(citizenId: string): string {
  return createHash('sha256').update(`forget:${citizenId}`).digest('hex');
}

/** Button citizen.forget. */
export async function forgetAction(ctx: HandlerContext, value: string): Promise<Reply> {
  const { t } = ctx;
  const facts = actorFacts(ctx.actor, ctx.adminEmails);
  if (ctx.actor.role !== 'MANAGER' && !facts.isAdmin) return errorReply(t.rights.managersOnly);
  const token = /^[0-9a-f]{64}$/.test(value) ? value : '';
  const [match] = token
    ? await ctx.db.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM "Citizen" WHERE encode(sha256(convert_to('forget:' || id, 'UTF8')), 'hex') = ${token} LIMIT 1`
    : [];
  const citizen = match ? await ctx.db.citizen.findUnique({ where: { id: match.id } }) : null;
  if (!citizen) return errorReply(t.rights.alreadyGone);
  if (!facts.isAdmin && ctx.actor.teamId !== citizen.teamId) return errorReply(t.rights.managersOnly);
  return erase(ctx, citizen);
}

async function preview(ctx: HandlerContext, citizen: Citizen): Promise<Reply> {
  const { t } = ctx;
  const c = countsOf(await findCitizenData(ctx.db, citizen));
  const other = c.subGoals + c.readinessChanges + c.reminderStates + c.processedRequests + c.deliveriesDeleted + c.deliveriesRedacted + c.importBatches + c.undoableChanges;
  // Not audited: the preview shows counts, no citizen data, and any row written now would be erased with it.
  const blocks = [
    { type: 'header' as const, text: t.rights.forgetPreviewTitle(citizen.ref) },
    { type: 'text' as const, text: t.rights.forgetPreview(citizen.ref) },
    { type: 'list' as const, items: t.rights.forgetCounts({ ...c, other }) },
    ...(c.outcomes > 0 ? [{ type: 'context' as const, text: t.rights.forgetTallies }] : []),
    { type: 'context' as const, text: t.rights.forgetHow(citizen.ref) },
    { type: 'actions' as const, actions: [{ id: FORGET_ACTION, label: t.rights.forgetButton, value: forgetToken(citizen.id), style: 'danger' as const }] },
  ];
  return okReply(`${t.rights.forgetPreviewTitle(citizen.ref)} ${t.rights.forgetHow(citizen.ref)}`, blocks);
}

async function erase(ctx: HandlerContext, citizen: Citizen): Promise<Reply> {
  const counts = await eraseCitizen(ctx.db, citizen, { actorId: ctx.actor.id, channel: ctx.channel, reason: 'request' });
  const total = 1 + Object.values(counts).reduce((a, b) => a + b, 0);
  // The answer names no reference: it is kept for replaying a retried request.
  return okReply(ctx.t.rights.forgotten(total));
}
