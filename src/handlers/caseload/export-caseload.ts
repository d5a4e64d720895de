// /caseload export (managers): the team's active caseload as a CSV for Excel.
// The columns are the import format's plus read-only facts, so the file can be
// edited and imported again (the extra columns are listed as not read).
import { csvDate } from '../../domain/caseload-csv.js';
import { dueState } from '../../domain/due-dates.js';
import { fromDbDate } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { PLACEMENT_TYPE_WORDS, TARGET_GROUP_WORDS } from '../../domain/vocabulary.js';
import { recordCitizensShown } from '../../db/audit.js';
import { requireManager } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { CSV_CONTENT_TYPE, exportFileName, writeCsv } from '../import/csv-files.js';

export async function exportCaseload(ctx: HandlerContext, _args: string[]): Promise<Reply> {
  const { t } = ctx;
  const team = requireManager(ctx);
  if (!team.ok) return team.reply;
  const teamRow = await ctx.db.team.findUniqueOrThrow({ where: { id: team.value } });
  const citizens = await ctx.db.citizen.findMany({
    where: { teamId: team.value, status: 'ACTIVE' },
    orderBy: { ref: 'asc' },
    include: {
      caseworker: { select: { handle: true, email: true } },
      consultant: { select: { handle: true, email: true } },
      placements: { where: { status: 'ACTIVE' }, orderBy: [{ plannedEndOn: 'asc' }, { startOn: 'asc' }] },
      _count: { select: { caseworkerChanges: true, consultantChanges: { where: { fromStaffId: { not: null } } } } },
    },
  });
  const c = t.csv.columns;
  const header = [c.ref, c.initials, c.targetGroup, c.caseworker, c.consultant, c.cadence, c.placementCompany, c.placementType, c.placementStart, c.placementEnd, c.activePlacements, c.nextCheckIn, c.daysOverdue, c.caseworkerChanges, t.continuity.csvColumn];
  const word = <T extends string>(vocabulary: Record<T, { da: readonly string[]; en: readonly string[] }>, value: T) => vocabulary[value][t.locale][0] ?? value;
  const person = (s: { handle: string; email: string | null } | null) => (s ? (s.email ?? s.handle) : '');
  const rows = citizens.map((x) => {
    const p = x.placements[0];
    const due = x.nextCheckInOn ? dueState(fromDbDate(x.nextCheckInOn), ctx.today) : undefined;
    return [
      x.ref,
      x.initials ?? '',
      word(TARGET_GROUP_WORDS, x.targetGroup),
      person(x.caseworker),
      person(x.consultant),
      x.cadenceDays,
      p?.company ?? '',
      p ? word(PLACEMENT_TYPE_WORDS, p.type) : '',
      p ? csvDate(fromDbDate(p.startOn)) : '',
      p ? csvDate(fromDbDate(p.plannedEndOn)) : '',
      x.placements.length,
      due ? csvDate(due.due) : '',
      due ? due.daysOverdue : '',
      x._count.caseworkerChanges,
      x._count.consultantChanges,
    ];
  });
  await recordCitizensShown(ctx.db, { actorId: ctx.actor.id, action: 'caseload.export', channel: ctx.channel, details: { teamId: team.value, rows: rows.length } }, citizens.map((x) => x.id));
  const filename = exportFileName(t.locale === 'da' ? 'sagsstamme' : 'caseload', teamRow.name, ctx.today);
  return { ...okReply(t.csv.exported(t.csv.caseloadExport, rows.length)), attachment: { filename, contentType: CSV_CONTENT_TYPE, content: writeCsv([header, ...rows]) } };
}
