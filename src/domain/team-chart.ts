// The team's month against its targets and the six months before it, as a
// Vega-Lite spec (plain data: rendered to PNG in src/charts/, no browser),
// and the same facts as text for screen readers and the console. Pure.
//
// One small panel per target metric: a bar per month (this month darker),
// the month's target as a tick across its bar. Counts only.
import { addDays, startOfMonth } from './local-date.js';

/** How many months the chart shows: the month itself and the six before it. */
export const CHART_MONTHS = 7;

export interface ChartMonth {
  /** 'YYYY-MM' */
  month: string;
  actual: number;
  target?: number;
}

export interface ChartSeries {
  /** The metric's label in the reader's language ("Praktikstarter"). */
  label: string;
  /** Oldest month first; the last one is the chart's month. */
  months: ChartMonth[];
}

export interface TeamChartFacts {
  title: string;
  series: ChartSeries[];
}

export interface ChartWords {
  /** Short month name for an axis label, 'YYYY-MM' → "nov". */
  monthShort(month: string): string;
  /** How to read it, under the title ("Søjler: resultat · streg: måltal"). */
  legend: string;
}

/** The months a chart for `month` (its first day) shows: 'YYYY-MM', oldest first. */
export function chartMonths(month: string): string[] {
  const out: string[] = [];
  let first = startOfMonth(month);
  for (let i = 0; i < CHART_MONTHS; i++) {
    out.unshift(first.slice(0, 7));
    first = startOfMonth(addDays(first, -1));
  }
  return out;
}

/** The font the PNG renderer loads (shipped with the app, see src/charts/render-png.ts). */
export const CHART_FONT = 'DejaVu Sans';

/** A Vega-Lite v6 spec; the renderer compiles and draws it. Deterministic for the same facts. */
export function teamChartSpec(facts: TeamChartFacts, words: ChartWords): Record<string, unknown> {
  const order = facts.series[0]?.months.map((m) => words.monthShort(m.month)) ?? [];
  const values = facts.series.flatMap((s) => {
    // Room above the tallest bar for the number drawn on it.
    const top = Math.max(1, ...s.months.map((m) => Math.max(m.actual, m.target ?? 0)));
    const headroom = Math.ceil(top * 1.2) + 1;
    return s.months.map((m, i) => ({
      metric: s.label,
      month: words.monthShort(m.month),
      actual: m.actual,
      target: m.target ?? null,
      current: i === s.months.length - 1 ? 'now' : 'before',
      headroom,
    }));
  });
  const x = { field: 'month', type: 'ordinal', sort: order, title: null, axis: { labelAngle: 0, labelFontSize: 9, labelPadding: 2 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: facts.title, subtitle: words.legend, anchor: 'start', fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555' },
    background: 'white',
    padding: 12,
    data: { values },
    facet: { field: 'metric', type: 'nominal', title: null, sort: facts.series.map((s) => s.label), header: { labelFontSize: 12, labelFontWeight: 'bold' } },
    columns: 4,
    spec: {
      width: 140,
      height: 120,
      layer: [
        {
          mark: { type: 'bar', cornerRadiusEnd: 2 },
          encoding: {
            x,
            y: { field: 'actual', type: 'quantitative', title: null, axis: { tickMinStep: 1, format: 'd' } },
            color: {
              field: 'current',
              type: 'nominal',
              scale: { domain: ['before', 'now'], range: ['#9ecae1', '#2171b5'] },
              legend: null,
            },
          },
        },
        {
          mark: { type: 'text', dy: -6, fontSize: 10, color: '#333' },
          encoding: { x, y: { field: 'actual', type: 'quantitative' }, text: { field: 'actual', type: 'quantitative' } },
        },
        { mark: { type: 'point', opacity: 0 }, encoding: { x, y: { field: 'headroom', type: 'quantitative' } } },
        {
          transform: [{ filter: 'datum.target !== null' }],
          mark: { type: 'tick', thickness: 3, color: '#d94801' },
          encoding: { x, y: { field: 'target', type: 'quantitative' } },
        },
      ],
      resolve: { scale: { y: 'shared' } },
    },
    resolve: { scale: { y: 'independent' } },
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFontSize: 10, grid: true, gridColor: '#eee', domainColor: '#999', tickColor: '#999' },
      axisY: { labelFlush: true },
    },
  };
}

/** The chart as text: what the picture shows, for screen readers (alt text) and the console. */
export function chartAltText(facts: TeamChartFacts, words: ChartWords & { ofTarget(actual: number, target: number): string; lead: string }): string {
  const parts = facts.series.map((s) => {
    const now = s.months[s.months.length - 1];
    const before = s.months.slice(0, -1).map((m) => `${words.monthShort(m.month)} ${m.actual}`).join(', ');
    const current = now ? (now.target !== undefined ? words.ofTarget(now.actual, now.target) : String(now.actual)) : '0';
    return `${s.label}: ${current} (${before})`;
  });
  return `${words.lead} ${parts.join('; ')}.`;
}
