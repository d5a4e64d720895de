// The team chart as a file that goes with a reply (the weekly digest, the
// month-end report, milestone posts): the numbers from the database, the
// spec from domain/team-chart.ts, the PNG from render-png.ts. A chart that
// cannot be drawn is logged and left out: the text carries the same numbers.
import type { Locale } from '../domain/enums.js';
import { capitalize, formatMonth } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import type { ReplyAttachment } from '../domain/reply.js';
import { chartAltText, teamChartSpec, type ChartWords, type TeamChartFacts } from '../domain/team-chart.js';
import { teamChartNumbers, type MetricMonths } from '../db/team-chart-queries.js';
import type { Db } from '../db/types.js';
import type { Log } from '../logger.js';
import { logSafeError } from '../log-safe-error.js';
import { renderVegaLitePng } from './render-png.js';

export const PNG_CONTENT_TYPE = 'image/png';

/** The chart of `month` (its first day) for the team, or undefined when it could not be drawn. */
export async function teamChartAttachment(db: Db, team: { id: string; name: string }, month: string, locale: Locale, log?: Log): Promise<ReplyAttachment | undefined> {
  return chartAttachment(team, month, locale, await teamChartNumbers(db, team.id, month), log);
}

/** The chart from numbers already read (teamChartNumbersOf, for many teams at once); drawn off the main thread. */
export async function chartAttachment(team: { name: string }, month: string, locale: Locale, numbers: readonly MetricMonths[], log?: Log): Promise<ReplyAttachment | undefined> {
  const t = messagesFor(locale);
  const facts: TeamChartFacts = {
    title: t.chart.title(team.name, formatMonth(month, locale)),
    series: numbers.map((n) => ({ label: capitalize(t.labels.targetMetric[n.metric]), months: n.months })),
  };
  const words: ChartWords = { monthShort: (m) => t.chart.monthShort[Number(m.slice(5, 7)) - 1] ?? m, legend: t.chart.legend };
  const altText = chartAltText(facts, { ...words, ofTarget: t.chart.ofTarget, lead: t.chart.altLead(formatMonth(month, locale)) });
  try {
    const { png } = await renderVegaLitePng(teamChartSpec(facts, words));
    return { filename: t.chart.filename(month.slice(0, 7)), contentType: PNG_CONTENT_TYPE, encoding: 'base64', content: Buffer.from(png).toString('base64'), altText };
  } catch (error) {
    log?.('chart.failed', { error: logSafeError(error) }, 'warn');
    return undefined;
  }
}
