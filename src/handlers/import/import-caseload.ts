// CSV caseload import (issue 6): previewImport stores what would happen, line
// by line, in an ImportBatch; applyImport carries it out in the caller's
// transaction (the router's or the CLI's: one transaction either way).
// Platform-neutral: the console passes a file path (read here, console only),
// Slack and Teams pass the uploaded file's text to previewImport.
//
// Rules: a file with a CPR number anywhere is rejected whole (naming the
// lines; nothing read or stored); a line is created, changed, unchanged or
// rejected with a reason; re-importing the same file changes nothing; the
// import never ends placements or closes cases that are missing from the file.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  checkRecord,
  cprLines,
  mapHeader,
  newPlacementEnd,
  staffKey,
  type ImportRow,
  type RejectReason,
} from '../../domain/caseload-csv.js';
import { checkInAfter } from '../../domain/due-dates.js';
import { checkInCadenceFor, followUpRhythm } from '../../domain/rules/rules.js';
import type { PlacementType, TargetGroup } from '../../domain/enums.js';
import { formatLongDate, formatShortDate } from '../../domain/i18n/format.js';
import type { Messages } from '../../domain/i18n/messages.js';
import { compareLocalDate, fromDbDate, todayIn, toDbDate, type LocalDate } from '../../domain/local-date.js';
import { errorReply, listBlock, okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { assignConsultant, setCadence } from '../../db/citizen-writes.js';
import type { Db, Prisma } from '../../db/types.js';
import { fail } from '../arguments.js';
import { actorFacts, type HandlerContext } from '../context.js';
import { readCsv } from './csv-files.js';
import { typableId } from '../../domain/typable-id.js';

export const MAX_IMPORT_ROWS = 2000;
/** Largest file read for an import (console path or platform upload). */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;
const PREVIEW_LINES_SHOWN = 30;
const BATCH_MAX_AGE_MS = 24 * 3600 * 1000;

type Field = 'initials' | 'targetGroup' | 'caseworker' | 'consultant' | 'cadence';

export type LineChange =
  | { field: Field; from: string | null; to: string }
  | { field: 'placementNew'; company: string; type: PlacementType }
  | { field: 'placementChange'; company: string; parts: Array<{ part: 'type' | 'start' | 'end'; from: string; to: string }> };

export interface PlanLine {
  line: number;
  ref: string | null;
  action: 'create' | 'change' | 'unchanged' | 'reject';
  changes?: LineChange[];
  reason?: RejectReason;
}

/** What an ImportBatch stores: the plan shown and the checked rows to apply. No CPR number, no free text. */
interface StoredPreview {
  version: 1;
  lines: PlanLine[];
  rows: ImportRow[];
  ignoredColumns: string[];
}

/** `/jobbot import <file.csv>` (console) and `/jobbot import apply <id>`. */
export async function importCommand(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const [first, second] = args;
  // On a chat platform the file comes as an upload in a direct message, not as a path.
  if (!first) return fail(ctx.channel === 'CONSOLE' || ctx.channel === 'IMPORT' ? t.csv.importUsage : t.csv.uploadInstead).reply;
  if (['apply', 'gennemfør', 'gennemfoer', 'anvend'].includes(first.toLowerCase())) {
    if (!second) return fail(t.csv.importUsage).reply;
    return applyImport(ctx, second);
  }
  // A path names a file on the server: only the local console (and the CLI) may do that.
  if (ctx.channel !== 'CONSOLE' && ctx.channel !== 'IMPORT') return fail(t.csv.uploadInstead).reply;
  const allowed = checkImporter(ctx);
  if (!allowed.ok) return allowed.reply;
  const path = resolve(args.join(' '));
  try {
    const info = await stat(path);
    if (!info.isFile()) return fail(t.csv.fileNotFound(first)).reply;
    if (info.size > MAX_IMPORT_FILE_BYTES) return fail(t.csv.tooLarge(MAX_IMPORT_ROWS)).reply;
    return await previewImport(ctx, await readFile(path, 'utf8'));
  } catch (error) {
    if (error instanceof Error && 'code' in error) return fail(t.csv.fileNotFound(args.join(' '))).reply;
    throw error;
  }
}

function checkImporter(ctx: HandlerContext): { ok: true; teamId: string } | { ok: false; reply: Reply } {
  const facts = actorFacts(ctx.actor, ctx.adminEmails);
  if (!facts.isAdmin && ctx.actor.role !== 'MANAGER') return fail(ctx.t.csv.importOnlyAdmin);
  if (!ctx.actor.teamId) return fail(ctx.t.errors.noTeam);
  return { ok: true, teamId: ctx.actor.teamId };
}

/** Reads the file, plans every line against the team's data and stores the plan. Changes nothing else. */
export async function previewImport(ctx: HandlerContext, fileContent: string): Promise<Reply> {
  return (await previewImportFor(ctx, fileContent, 'chat')).reply;
}

export interface ImportPreview {
  reply: Reply;
  /** The stored batch to apply; null when the file was refused or would change nothing. */
  batchId: string | null;
}

/**
 * previewImport for a chat ('chat': the reply ends with the apply command and
 * button) or for the command line ('cli': the caller says how to go on).
 */
export async function previewImportFor(ctx: HandlerContext, fileContent: string, audience: 'chat' | 'cli'): Promise<ImportPreview> {
  const refused = (reply: Reply): ImportPreview => ({ reply, batchId: null });
  const { t } = ctx;
  const allowed = checkImporter(ctx);
  if (!allowed.ok) return refused(allowed.reply);
  const teamId = allowed.teamId;

  // Privacy first: a CPR number anywhere rejects the whole file before a cell is read.
  const cpr = cprLines(fileContent);
  if (cpr.length > 0) {
    await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'import.rejected', channel: ctx.channel, details: { reason: 'cpr', firstLine: cpr[0] ?? null, lines: cpr.length } });
    return refused(importRejected(t.csv.cprRejected(cpr.slice(0, 10))));
  }
  if (fileContent.replace(/^\uFEFF/, '').trim() === '') return refused(fail(t.csv.fileEmpty).reply);
  const records = readCsv(fileContent);
  if (!records || records.length === 0) return refused(fail(t.csv.notCsv).reply);
  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord) return refused(fail(t.csv.fileEmpty).reply);
  if (dataRecords.length > MAX_IMPORT_ROWS) return refused(fail(t.csv.tooLarge(MAX_IMPORT_ROWS)).reply);
  const header = mapHeader(headerRecord.cells);
  if (header.missing.length) return refused(fail(t.csv.missingColumns(header.missing.map((c) => t.csv.columns[c]))).reply);

  const rows: ImportRow[] = [];
  const rejects: PlanLine[] = [];
  for (const record of dataRecords) {
    const checked = checkRecord(record.cells, record.line, header);
    if (checked.ok) rows.push(checked.row);
    else rejects.push({ line: checked.line, ref: checked.ref, action: 'reject', reason: checked.reason });
  }
  const planned = await planRows(ctx.db, teamId, rows, ctx.today);
  const lines = [...planned, ...rejects].sort((a, b) => a.line - b.line);
  const fileHash = createHash('sha256').update(fileContent.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')).digest('hex');
  const earlier = await ctx.db.importBatch.findFirst({ where: { teamId, fileHash, appliedAt: { not: null } }, orderBy: { appliedAt: 'desc' } });
  const stored: StoredPreview = { version: 1, lines, rows, ignoredColumns: header.ignored };
  const batch = await ctx.db.importBatch.create({ data: { id: typableId(), teamId, createdById: ctx.actor.id, fileHash, preview: stored as unknown as Prisma.InputJsonValue, createdAt: ctx.now } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'import.preview', channel: ctx.channel, details: { batchId: batch.id, lines: lines.length } });
  const reply = previewReply(t, batch.id, stored, earlier?.appliedAt ? formatLongDate(todayIn(earlier.appliedAt), t.locale) : null, audience);
  return { reply, batchId: wouldChange(stored) ? batch.id : null };
}

/** Applies a previewed batch, after checking that the data still match the preview. */
export async function applyImport(ctx: HandlerContext, batchId: string): Promise<Reply> {
  const { t } = ctx;
  const allowed = checkImporter(ctx);
  if (!allowed.ok) return allowed.reply;
  const teamId = allowed.teamId;
  const batch = /^[0-9a-f-]{36}$/i.test(batchId) ? await ctx.db.importBatch.findFirst({ where: { id: batchId, teamId } }) : null;
  if (!batch) return fail(t.csv.batchNotFound(batchId.slice(0, 40))).reply;
  if (batch.appliedAt) return fail(t.csv.batchAlreadyApplied(formatShortDate(todayIn(batch.appliedAt), t.locale))).reply;
  if (ctx.now.getTime() - batch.createdAt.getTime() > BATCH_MAX_AGE_MS) return fail(t.csv.batchTooOld).reply;
  const stored = batch.preview as unknown as StoredPreview;
  const planned = await planRows(ctx.db, teamId, stored.rows, ctx.today);
  const rowLines = new Set(stored.rows.map((r) => r.line));
  const previewed = stored.lines.filter((l) => rowLines.has(l.line));
  if (canonical(planned) !== canonical(previewed)) return fail(t.csv.batchStale).reply;

  const staff = await teamStaff(ctx.db, teamId);
  let created = 0;
  let changed = 0;
  for (const row of stored.rows) {
    const plan = planned.find((p) => p.line === row.line);
    if (!plan || plan.action === 'unchanged' || plan.action === 'reject') continue;
    const caseworkerId = staff.find(row.caseworker)?.id ?? null;
    const consultantId = row.consultant ? (staff.find(row.consultant)?.id ?? null) : undefined;
    if (plan.action === 'create') {
      // Without a cadence column, the group's default cadence in the rules table.
      const cadence = row.cadence ?? checkInCadenceFor(row.targetGroup ?? 'JOBPARAT', ctx.today);
      const citizen = await ctx.db.citizen.create({
        data: {
          teamId,
          ref: row.ref,
          initials: row.initials ?? null,
          targetGroup: row.targetGroup ?? 'JOBPARAT',
          caseworkerId,
          consultantId: consultantId ?? null,
          cadenceDays: cadence,
          nextCheckInOn: toDbDate(checkInAfter(ctx.today, cadence)),
          createdAt: ctx.now,
        },
      });
      if (row.placement) await createPlacement(ctx, citizen.id, consultantId ?? null, row, citizen.targetGroup);
      await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'citizen.import.create', citizenId: citizen.id, channel: ctx.channel, details: { batchId: batch.id } });
      created++;
      continue;
    }
    const citizen = await ctx.db.citizen.findUniqueOrThrow({ where: { teamId_ref: { teamId, ref: row.ref } } });
    const data: Prisma.CitizenUncheckedUpdateInput = {};
    let consultantNow = citizen.consultantId;
    for (const change of plan.changes ?? []) {
      switch (change.field) {
        case 'initials':
          data.initials = change.to;
          break;
        case 'targetGroup':
          data.targetGroup = change.to as TargetGroup;
          break;
        case 'consultant':
          // The citizen's running placements move along (assignConsultant), as with /citizen set.
          await assignConsultant(ctx.db, citizen.id, consultantId ?? null, { actorId: ctx.actor.id, now: ctx.now });
          consultantNow = consultantId ?? null;
          break;
        case 'caseworker':
          data.caseworkerId = caseworkerId;
          // Every change of caseworker is recorded and counted (seed 003).
          await ctx.db.caseworkerChange.create({
            data: { citizenId: citizen.id, fromStaffId: citizen.caseworkerId, toStaffId: caseworkerId ?? '', changedById: ctx.actor.id, changedAt: ctx.now },
          });
          break;
        case 'cadence':
          await setCadence(ctx.db, citizen.id, Number(change.to), ctx.today);
          break;
        case 'placementNew':
          await createPlacement(ctx, citizen.id, consultantNow, row, (data.targetGroup as TargetGroup | undefined) ?? citizen.targetGroup);
          break;
        case 'placementChange': {
          const placement = await findActivePlacement(ctx.db, citizen.id, change.company);
          const p = row.placement;
          if (placement && p) {
            await ctx.db.placement.update({
              where: { id: placement.id },
              data: { type: p.type, startOn: toDbDate(p.start), ...(p.end ? { plannedEndOn: toDbDate(p.end) } : {}) },
            });
          }
          break;
        }
      }
    }
    if (Object.keys(data).length) await ctx.db.citizen.update({ where: { id: citizen.id }, data });
    await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'citizen.import.change', citizenId: citizen.id, channel: ctx.channel, details: { batchId: batch.id } });
    changed++;
  }
  await ctx.db.importBatch.update({ where: { id: batch.id }, data: { appliedAt: ctx.now } });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'import.apply', channel: ctx.channel, details: { batchId: batch.id, created, changed } });
  return okReply(t.csv.applied(created, changed));
}

async function createPlacement(ctx: HandlerContext, citizenId: string, consultantId: string | null, row: ImportRow, group: TargetGroup): Promise<void> {
  const p = row.placement;
  if (!p) return;
  const rhythm = followUpRhythm(p.type, p.start);
  await ctx.db.placement.create({
    data: {
      citizenId,
      consultantId,
      company: p.company,
      type: p.type,
      startOn: toDbDate(p.start),
      plannedEndOn: toDbDate(newPlacementEnd(p, group)),
      followUpCadenceDays: rhythm.everyDays,
      firstFollowUpDays: rhythm.firstAfterDays,
      createdById: ctx.actor.id,
      source: 'IMPORT',
    },
  });
}

function findActivePlacement(db: Db, citizenId: string, company: string) {
  return db.placement.findFirst({ where: { citizenId, status: 'ACTIVE', company: { equals: company, mode: 'insensitive' } }, orderBy: { startOn: 'asc' } });
}

interface TeamStaff {
  find(key: string): { id: string; handle: string; role: string } | undefined;
}

async function teamStaff(db: Db, teamId: string): Promise<TeamStaff> {
  const staff = await db.staff.findMany({ where: { teamId, active: true }, select: { id: true, handle: true, email: true, role: true } });
  return {
    find: (key) => staff.find((s) => s.handle.toLowerCase() === key || (s.email !== null && s.email.toLowerCase() === key)),
  };
}

/** Compares each checked row with the team's data. Pure reads: the same rows and data give the same plan. */
async function planRows(db: Db, teamId: string, rows: ImportRow[], today: LocalDate): Promise<PlanLine[]> {
  const staff = await teamStaff(db, teamId);
  const byId = new Map((await db.staff.findMany({ where: { teamId }, select: { id: true, handle: true } })).map((s) => [s.id, s.handle]));
  const existing = await db.citizen.findMany({
    where: { teamId, ref: { in: rows.map((r) => r.ref) } },
    include: { placements: { where: { status: 'ACTIVE' }, orderBy: { startOn: 'asc' } } },
  });
  const citizens = new Map(existing.map((c) => [c.ref, c]));
  const seen = new Map<string, number>();
  const lines: PlanLine[] = [];
  for (const row of rows) {
    const reject = (reason: RejectReason) => lines.push({ line: row.line, ref: row.ref, action: 'reject', reason });
    const first = seen.get(row.ref);
    if (first !== undefined) {
      reject({ code: 'duplicate', firstLine: first });
      continue;
    }
    seen.set(row.ref, row.line);
    // A placement that has already ended belongs in the case system, not in jobbot's running follow-ups.
    if (row.placement?.end && compareLocalDate(row.placement.end, today) < 0) {
      reject({ code: 'placementEnded' });
      continue;
    }
    const caseworker = staff.find(row.caseworker);
    if (!caseworker) {
      reject({ code: 'staffUnknown', column: 'caseworker', value: staffKey(row.caseworker).echo });
      continue;
    }
    if (caseworker.role !== 'CASEWORKER' && caseworker.role !== 'MANAGER') {
      reject({ code: 'staffWrongRole', column: 'caseworker', value: caseworker.handle });
      continue;
    }
    const consultant = row.consultant ? staff.find(row.consultant) : undefined;
    if (row.consultant && !consultant) {
      reject({ code: 'staffUnknown', column: 'consultant', value: staffKey(row.consultant).echo });
      continue;
    }
    if (consultant && consultant.role !== 'CONSULTANT') {
      reject({ code: 'staffWrongRole', column: 'consultant', value: consultant.handle });
      continue;
    }
    const citizen = citizens.get(row.ref);
    if (!citizen) {
      const changes: LineChange[] = [
        { field: 'caseworker', from: null, to: caseworker.handle },
        { field: 'targetGroup', from: null, to: row.targetGroup ?? 'JOBPARAT' },
      ];
      if (consultant) changes.push({ field: 'consultant', from: null, to: consultant.handle });
      if (row.placement) changes.push({ field: 'placementNew', company: row.placement.company, type: row.placement.type });
      lines.push({ line: row.line, ref: row.ref, action: 'create', changes });
      continue;
    }
    if (citizen.status !== 'ACTIVE') {
      reject({ code: 'closed' });
      continue;
    }
    const changes: LineChange[] = [];
    if (row.initials !== undefined && row.initials !== citizen.initials) changes.push({ field: 'initials', from: citizen.initials, to: row.initials });
    if (row.targetGroup !== undefined && row.targetGroup !== citizen.targetGroup) changes.push({ field: 'targetGroup', from: citizen.targetGroup, to: row.targetGroup });
    if (caseworker.id !== citizen.caseworkerId) changes.push({ field: 'caseworker', from: citizen.caseworkerId ? (byId.get(citizen.caseworkerId) ?? null) : null, to: caseworker.handle });
    if (consultant && consultant.id !== citizen.consultantId) changes.push({ field: 'consultant', from: citizen.consultantId ? (byId.get(citizen.consultantId) ?? null) : null, to: consultant.handle });
    if (row.cadence !== undefined && row.cadence !== citizen.cadenceDays) changes.push({ field: 'cadence', from: String(citizen.cadenceDays), to: String(row.cadence) });
    const p = row.placement;
    if (p) {
      const current = citizen.placements.find((x) => x.company.trim().toLowerCase() === p.company.trim().toLowerCase());
      // A second running placement of the same type elsewhere is almost always a row out of date, not a new start.
      const running = current ? undefined : citizen.placements.find((x) => x.type === p.type);
      if (running) {
        reject({ code: 'placementRunning', company: running.company });
        continue;
      }
      if (!current) changes.push({ field: 'placementNew', company: p.company, type: p.type });
      else {
        const parts: Array<{ part: 'type' | 'start' | 'end'; from: string; to: string }> = [];
        if (current.type !== p.type) parts.push({ part: 'type', from: current.type, to: p.type });
        if (fromDbDate(current.startOn) !== p.start) parts.push({ part: 'start', from: fromDbDate(current.startOn), to: p.start });
        if (p.end && fromDbDate(current.plannedEndOn) !== p.end) parts.push({ part: 'end', from: fromDbDate(current.plannedEndOn), to: p.end });
        if (parts.length) changes.push({ field: 'placementChange', company: current.company, parts });
      }
    }
    lines.push(changes.length ? { line: row.line, ref: row.ref, action: 'change', changes } : { line: row.line, ref: row.ref, action: 'unchanged' });
  }
  return lines;
}

/** JSON with sorted keys: the database's JSON type does not keep key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function importRejected(text: string): Reply {
  return errorReply(text);
}

function wouldChange(stored: StoredPreview): boolean {
  return stored.lines.some((l) => l.action === 'create' || l.action === 'change');
}

function previewReply(t: Messages, batchId: string, stored: StoredPreview, appliedBefore: string | null, audience: 'chat' | 'cli'): Reply {
  const count = (action: PlanLine['action']) => stored.lines.filter((l) => l.action === action).length;
  const title = t.csv.previewTitle(stored.lines.length);
  const blocks: ReplyBlock[] = [
    { type: 'header', text: title },
    {
      type: 'fields',
      fields: [
        { label: t.csv.created, value: String(count('create')) },
        { label: t.csv.changed, value: String(count('change')) },
        { label: t.csv.unchanged, value: String(count('unchanged')) },
        { label: t.csv.rejected, value: String(count('reject')) },
      ],
    },
  ];
  if (stored.ignoredColumns.length) blocks.push({ type: 'context', text: t.csv.ignoredColumns(stored.ignoredColumns) });
  const shown = stored.lines.filter((l) => l.action !== 'unchanged').map((l) => describeLine(t, l));
  if (shown.length) blocks.push(listBlock(shown, PREVIEW_LINES_SHOWN, t.common.andMore, t.csv.linesTitle));
  if (appliedBefore) blocks.push({ type: 'context', text: t.csv.alreadyApplied(appliedBefore) });
  if (wouldChange(stored)) {
    // The command line has no button and no /jobbot: it prints its own next step (t.csv.cliApplyHint).
    if (audience === 'chat') {
      blocks.push({ type: 'text', text: t.csv.applyHint(batchId) });
      blocks.push({ type: 'actions', actions: [{ id: 'import.apply', label: t.csv.applyButton, value: batchId, style: 'primary' }] });
    }
  } else {
    blocks.push({ type: 'text', text: t.csv.nothingToApply });
  }
  return okReply(`${title}: ${count('create')}/${count('change')}/${count('unchanged')}/${count('reject')}`, blocks);
}

function describeLine(t: Messages, l: PlanLine): string {
  if (l.action === 'reject') return t.csv.lineRejected(l.line, l.ref, l.reason ? describeReason(t, l.reason) : '');
  const changes = (l.changes ?? []).map((c) => describeChange(t, c, l.action === 'create'));
  return l.action === 'create' ? t.csv.lineCreated(l.line, l.ref ?? '', changes.join(', ')) : t.csv.lineChanged(l.line, l.ref ?? '', changes.join(', '));
}

function describeChange(t: Messages, c: LineChange, isNew: boolean): string {
  const date = (d: string) => formatShortDate(d, t.locale);
  switch (c.field) {
    case 'placementNew':
      return t.csv.newPlacement(c.company, t.labels.placementType[c.type]);
    case 'placementChange':
      return `${t.csv.changedPlacement(c.company)}: ${c.parts
        .map((p) => (p.part === 'type' ? `${t.labels.placementType[p.from as PlacementType]} → ${t.labels.placementType[p.to as PlacementType]}` : `${date(p.from)} → ${date(p.to)}`))
        .join(', ')}`;
    default: {
      const label = { initials: t.csv.columns.initials, targetGroup: t.csv.columns.targetGroup, caseworker: t.csv.columns.caseworker, consultant: t.csv.columns.consultant, cadence: t.csv.columns.cadence }[c.field];
      const show = (v: string | null) => (v === null ? t.common.none : c.field === 'targetGroup' ? t.labels.targetGroup[v as TargetGroup] : c.field === 'caseworker' || c.field === 'consultant' ? `@${v}` : v);
      return isNew ? `${label} ${show(c.to)}` : t.csv.change(label, show(c.from), show(c.to));
    }
  }
}

function describeReason(t: Messages, r: RejectReason): string {
  const reasons = t.csv.reasons;
  switch (r.code) {
    case 'duplicate':
      return reasons.duplicate(r.firstLine);
    case 'dateInvalid':
      return reasons.dateInvalid(t.csv.columns[r.column]);
    case 'staffUnknown':
      return reasons.staffUnknown(t.csv.columns[r.column], r.value);
    case 'staffWrongRole':
      return reasons.staffWrongRole(t.labels.role[r.column === 'caseworker' ? 'CASEWORKER' : 'CONSULTANT'], `@${r.value}`);
    case 'placementRunning':
      return reasons.placementRunning(r.company);
    default:
      return reasons[r.code];
  }
}
