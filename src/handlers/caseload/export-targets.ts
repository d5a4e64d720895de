// /targets export [month] (managers): twelve months of targets and results up
// to the month given (default this month), one row per month and metric for
// the team, then one per person's own target (issue 14) next to them, with the
// person's actual counted as /targets counts it. The person column is last, so
// a sheet built on the first five columns keeps working.
import { csvDate } from '../../domain/caseload-csv.js';
import { TARGET_METRICS } from '../../domain/enums.js';
import { addDays, startOfMonth, toDbDate, type LocalDate } from '../../domain/local-date.js';
import { parseMonth } from '../../domain/month-words.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { personTargets } from '../../db/month-target-queries.js';
import { actualForMetric } from '../../db/target-queries.js';
import { recordAudit } from '../../db/audit.js';
import { fail } from '../arguments.js';
import { requireManager } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { CSV_CONTENT_TYPE, exportFileName, writeCsv } from '../import/csv-files.js';
import { exampleFor } from '../usage-example.js';

const MONTHS = 12;

export async function exportTargets(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const team = requireManager(ctx);
  if (!team.ok) return team.reply;
  let last = startOfMonth(ctx.today);
  if (args[0]) {
    const parsed = parseMonth(args[0], ctx.today);
    if (!parsed) return fail(t.errors.monthInvalid(args[0]), exampleFor(t, 'targets')).reply;
    last = parsed;
  }
  const months: LocalDate[] = [last];
  while (months.length < MONTHS) months.unshift(startOfMonth(addDays(months[0] ?? last, -1)));
  const teamRow = await ctx.db.team.findUniqueOrThrow({ where: { id: team.value } });
  const targets = await ctx.db.monthlyTarget.findMany({ where: { teamId: team.value, month: { gte: toDbDate(months[0] ?? last), lte: toDbDate(last) } } });
  const c = t.csv.targetColumns;
  const rows: Array<Array<string | number>> = [[c.month, c.metric, c.target, c.actual, c.share, c.person]];
  const share = (actual: number, target: number | undefined) => (target !== undefined && target > 0 ? Math.round((actual / target) * 100) : '');
  for (const month of months) {
    for (const metric of TARGET_METRICS) {
      const target = targets.find((x) => x.metric === metric && x.month.getTime() === toDbDate(month).getTime());
      const actual = await actualForMetric(ctx.db, team.value, metric, month, ctx.today);
      rows.push([csvDate(month), t.labels.targetMetric[metric], target?.target ?? '', actual, share(actual, target?.target), c.team]);
    }
    // The same people and figures /targets shows for the month (someone who left has none).
    for (const person of await personTargets(ctx.db, team.value, month, ctx.today)) {
      for (const f of person.figures) rows.push([csvDate(month), t.labels.targetMetric[f.metric], f.target, f.actual, share(f.actual, f.target), person.handle]);
    }
  }
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'targets.export', channel: ctx.channel, details: { teamId: team.value, rows: rows.length - 1 } });
  const filename = exportFileName(t.locale === 'da' ? 'maal' : 'targets', teamRow.name, ctx.today);
  return { ...okReply(t.csv.exported(t.csv.targetsExport, rows.length - 1)), attachment: { filename, contentType: CSV_CONTENT_TYPE, content: writeCsv(rows) } };
}
