// bench/results.json and the table between the markers in bench/README.md,
// from the cells `npm run bench` measured (one value per round each).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type Cells = Record<string, number[]>;

const DIR = import.meta.dirname;
const START = '<!-- bench:table:start (written by `npm run bench`; edits here are lost) -->';
const END = '<!-- bench:table:end -->';

const sorted = (xs: number[]) => [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
export function median(xs: number[] | undefined): number {
  const s = sorted(xs ?? []);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
}

/** Rewrites results.json and the README table from results.json (after a change to the table's layout). */
export async function rewriteFromResults(): Promise<void> {
  const { cells, ...meta } = JSON.parse(await readFile(join(DIR, 'results.json'), 'utf8')) as { cells: Record<string, { values: number[] }> } & Record<string, unknown>;
  await writeReport(meta, Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v.values])));
}

export async function writeReport(meta: Record<string, unknown>, cells: Cells): Promise<void> {
  const summary = Object.fromEntries(Object.entries(cells).map(([k, xs]) => [k, { min: sorted(xs)[0], median: median(xs), max: sorted(xs).at(-1), values: xs }]));
  await writeFile(join(DIR, 'results.json'), `${JSON.stringify({ ...meta, cells: summary }, null, 2)}\n`);
  const table = renderTable(meta, cells);
  console.log(table);
  const readmePath = join(DIR, 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  const block = `${START}\n${table}\n${END}`;
  const at = readme.indexOf(START);
  const end = readme.indexOf(END);
  const next = at >= 0 && end > at ? readme.slice(0, at) + block + readme.slice(end + END.length) : `${readme.trimEnd()}\n\n## Latest \`npm run bench\`\n\n${block}\n`;
  await writeFile(readmePath, next);
}

function renderTable(meta: Record<string, unknown>, c: Cells): string {
  const ms = (key: string, digits = 0) => {
    const s = sorted(c[key] ?? []);
    if (!s.length) return '–';
    const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(digits || (x < 10 ? 1 : 0)));
    return s.length === 1 ? f(s[0]!) : `${f(s[0]!)} / ${f(median(s))} / ${f(s.at(-1)!)}`;
  };
  const n = (key: string) => (c[key]?.length ? sorted(c[key]!).map((v) => v.toFixed(0)).filter((v, i, a) => a.indexOf(v) === i).join('–') : '–');
  const x = (key: string, floorKey: string) => {
    const r = median(c[key]) / median(c[floorKey]);
    return Number.isFinite(r) ? `${r.toFixed(r < 10 ? 1 : 0)}×` : '–';
  };
  const s = (key: string) => (ms(key) === '–' ? '–' : `${ms(key)} s`.replace(/(\d+(\.\d+)?)/g, (n) => (Number(n) / 1000).toFixed(1)));
  const rows: string[][] = [];
  const answers = (db: string, label: string) => {
    rows.push([
      `answer p50, ${label}, c=1: \`/caseload\` · \`/citizen\` · \`/meeting\` (ms)`,
      ['caseload', 'citizen', 'meeting'].map((k) => ms(`c1.answer.${db}.${k}`)).join(' · '),
      `floor ack ${ms('c1.ack.floor')}, ack+respond ${ms('c1.answer.floor')}`,
      ['caseload', 'citizen', 'meeting'].map((k) => x(`c1.answer.${db}.${k}`, 'c1.answer.floor')).join(' · '),
    ]);
  };
  answers('pglite', 'PGlite');
  answers('postgres', 'PostgreSQL');
  rows.push(['ack p50, c=1, PGlite · PostgreSQL (ms)', `${ms('c1.ack.pglite.meeting')} · ${ms('c1.ack.postgres.meeting')} (\`/meeting\`)`, `floor ${ms('c1.ack.floor')}`, `${x('c1.ack.pglite.meeting', 'c1.ack.floor')} · ${x('c1.ack.postgres.meeting', 'c1.ack.floor')}`]);
  for (const [db, label] of [['pglite', 'PGlite'], ['postgres', 'PostgreSQL']] as const) {
    rows.push([`answer p99, ${label}, c=10 (10 users, each waits for its answer; ms)`, ms(`c10.answer.p99.${db}`), `floor ${ms('c10.answer.p99.floor')}; goal < 100`, x(`c10.answer.p99.${db}`, 'c10.answer.p99.floor')]);
  }
  rows.push(['**ack** p99 at c=10 closed loop, PGlite · PostgreSQL (ms)', `${ms('c10.ack.p99.pglite')} · ${ms('c10.ack.p99.postgres')}`, `floor ${ms('c10.ack.p99.floor')}`, `${x('c10.ack.p99.pglite', 'c10.ack.p99.floor')} · ${x('c10.ack.p99.postgres', 'c10.ack.p99.floor')}`]);
  rows.push([
    `**ack** p99, autocannon c=10, 100 commands back to back, PGlite · PostgreSQL (ms)`,
    `${ms('burst.ack.p99.pglite')} · ${ms('burst.ack.p99.postgres')}`,
    `floor ${ms('burst.ack.p99.floor')}; Slack's limit 3 000`,
    `${x('burst.ack.p99.pglite', 'burst.ack.p99.floor')} · ${x('burst.ack.p99.postgres', 'burst.ack.p99.floor')}`,
  ]);
  rows.push(['answer p99 in that burst (queued behind 100), PGlite · PostgreSQL (ms)', `${ms('burst.answer.p99.pglite')} · ${ms('burst.answer.p99.postgres')}`, `floor ${ms('burst.answer.p99.floor')}`, '']);
  rows.push(['morning run: check-ins + placements, 30 000 citizens / 850 staff / 50 teams (PGlite, in one tick)', `${s('morning.ms')} (check-ins ${s('morning.checkins')}, placements ${s('morning.placements')})`, 'goal < 2 s', '']);
  rows.push(['weekly digest, 50 teams (PGlite)', s('digest.ms'), 'goal < 2 s', '']);
  rows.push(['one scheduler tick, Monday 09:00 (PGlite), all in one thread (`JOBBOT_THREADS=off`): time · **largest event-loop stall**', `${s('tick.ms')} · ${ms('tick.maxStall')} ms`, 'stall goal < 50 ms', '']);
  rows.push([
    'the same tick as the servers run it (jobs and PGlite in their threads): time · **largest stall of the main thread** · an answer\'s three reads during the tick p50 / p99 (ms)',
    `${s('threads.tick.ms')} · ${ms('threads.mainStall')} ms · ${ms('threads.probe.p50')} / ${ms('threads.probe.p99')}`,
    'stall goal < 50 ms',
    '',
  ]);
  rows.push(['outbox: 800 DMs to 50 people at 1 msg/s per conversation: time · share of the allowed rate', `${s('outbox.ms')} · ${ms('outbox.share')} %`, '15 s at the allowed rate; goal ≥ 90 %', '']);
  rows.push(['start to `/healthz` 200, existing PGlite folder (demo, Teams on)', `${ms('startup.app')} ms`, `node floor ${ms('startup.floor')} ms; goal < 2 000`, x('startup.app', 'startup.floor')]);
  rows.push(['start to `/healthz` 200, municipality PGlite folder, Slack', `${ms('startup.municipality')} ms`, `node floor ${ms('startup.floor')} ms`, x('startup.municipality', 'startup.floor')]);
  rows.push(['resident memory (MB), idle → under load: PGlite', `${ms('rss.idle.pglite')} → ${ms('rss.load.pglite')}`, `bare Bolt ${ms('rss.idle.floor')} → ${ms('rss.load.floor')}`, `${x('rss.idle.pglite', 'rss.idle.floor')} → ${x('rss.load.pglite', 'rss.load.floor')}`]);
  rows.push(['resident memory (MB), idle → under load: PostgreSQL (the app only; the server apart)', `${ms('rss.idle.postgres')} → ${ms('rss.load.postgres')}`, '', `${x('rss.idle.postgres', 'rss.idle.floor')} → ${x('rss.load.postgres', 'rss.load.floor')}`]);
  rows.push([
    'SIGTERM with the Slack API unreachable (10 answers and 100 DMs hanging): time to exit · exit code · DMs still queued / lost',
    `${ms('sigterm.ms')} ms · ${n('sigterm.code')} · ${n('sigterm.pending')} / ${n('sigterm.lost')} of ${n('sigterm.queued')}`,
    `bare Bolt ${ms('sigterm.floor')} ms; goal: within the grace (10 s), nothing lost`,
    '',
  ]);
  const head = `${String(meta.date).slice(0, 16).replace('T', ' ')} UTC, Node ${meta.node}, ${meta.cpus} cores, load ${Number(meta.loadBefore).toFixed(1)} → ${Number(meta.loadAfter).toFixed(1)}, ${meta.rounds} round(s)${meta.quick ? ' (--quick)' : ''}, ${Number(meta.minutes).toFixed(1)} min. Cells: min / median / max over the rounds; × is the median against the floor's median.`;
  return [head, '', '| what | jobbot | floor / goal | × floor |', '| --- | --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
