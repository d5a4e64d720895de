// `npm run bench:tick`: one scheduler tick at municipality scale (bench/municipality.ts,
// Monday 23 November 2026 at 09:00: the morning reminders, the weekly digest and the
// rest of the jobs), with the event loop watched the whole time. Reports the tick's
// duration, the largest event-loop stall (perf_hooks monitorEventLoopDelay) and, per
// job, its time and its largest stall (a 5 ms timer that notes how late it fires), so a
// stall can be traced to the job that caused it. PGlite runs its SQL on this thread:
// a long statement is a stall no chunking in JavaScript can break.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createPgliteSnapshot, openDatabase, openPgliteFromSnapshot } from '../src/db/client.js';
import { JOBS, runDueJobs } from '../src/jobs/run-due-jobs.js';
import { closeChartRenderer } from '../src/charts/render-png.js';
import type { Job } from '../src/jobs/job.js';
import { seedMunicipality } from './municipality.js';

// BENCH_DATA_DIR: a PGlite folder already holding the municipality (npm run bench passes a copy; seeding takes minutes).
const given = process.env.BENCH_DATA_DIR;
const db = given ? await openDatabase({ dataDir: given }) : await openPgliteFromSnapshot(await createPgliteSnapshot());
const size = given ? { citizens: await db.prisma.citizen.count(), staff: await db.prisma.staff.count() } : await seedMunicipality(db.prisma);
// What 03:00 housekeeping leaves for the morning: planner statistics (PGlite has no autovacuum; src/db/planner-statistics.ts).
await (db as typeof db & { pglite: { query: (sql: string) => Promise<unknown> } }).pglite.query('ANALYZE');
const now = new Date('2026-11-23T08:00:00Z'); // 09:00 in Copenhagen

let current = 'between jobs';
const perJob = new Map<string, { ms: number; maxStall: number }>();
let last = performance.now();
let fired = 0;
let lastSql = '';
const stalls: Array<{ ms: number; job: string; after: string }> = [];
let maxStall = 0;
const watch = setInterval(() => {
  const at = performance.now();
  const stall = at - last - 5;
  last = at;
  fired++;
  if (stall > maxStall) maxStall = stall;
  if (stall > 50) stalls.push({ ms: stall, job: current, after: lastSql });
  const entry = perJob.get(current);
  if (entry && stall > entry.maxStall) entry.maxStall = stall;
}, 5);
// TICK_JOBS=checkins,placements runs only those jobs (the rest of the tick is left out, e.g. for a profile).
const only = process.env.TICK_JOBS?.split(',');
const timed: Job[] = JOBS.filter((job) => !only || only.includes(job.name)).map((job) => ({
  name: job.name,
  run: async (deps, at) => {
    current = job.name;
    perJob.set(job.name, { ms: 0, maxStall: 0 });
    const started = performance.now();
    try {
      return await job.run(deps, at);
    } finally {
      perJob.get(job.name)!.ms = performance.now() - started;
      current = 'between jobs';
    }
  },
}));

// The longest SQL statements: each one runs in one piece on this thread.
type Queryable = { query: (...args: unknown[]) => Promise<unknown> };
const slowest: Array<{ ms: number; job: string; sql: string; rows?: number }> = [];
const timeQueries = (target: Queryable) => {
  const original = target.query.bind(target);
  target.query = async (...args: unknown[]) => {
    const at = performance.now();
    let rows: number | undefined;
    try {
      const result = await original(...args);
      rows = (result as { rows?: unknown[] }).rows?.length;
      return result;
    } finally {
      lastSql = String(args[0]).replace(/\s+/g, ' ').slice(0, 90);
      slowest.push({ ms: performance.now() - at, job: current, sql: lastSql, rows });
    }
  };
};
const pglite = (db as typeof db & { pglite: Queryable & { transaction: (fn: (tx: Queryable) => Promise<unknown>) => Promise<unknown> } }).pglite;
timeQueries(pglite);
const transaction = pglite.transaction.bind(pglite);
pglite.transaction = (fn) => transaction((tx) => (timeQueries(tx), fn(tx)));

// TICK_PROFILE=<file.cpuprofile> writes a CPU profile of the tick alone (not of the seeding before it).
const profile = process.env.TICK_PROFILE ? new Session() : undefined;
if (profile) {
  profile.connect();
  await profile.post('Profiler.enable');
  await profile.post('Profiler.start');
}
const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
await new Promise((resolve) => setTimeout(resolve, 50)); // the watchers start ticking
// Only the tick counts (not starting the profiler before it).
maxStall = 0;
fired = 0;
stalls.length = 0;
histogram.reset();
last = performance.now();
const started = performance.now();
const result = await runDueJobs({ prisma: db.prisma }, now, timed);
const took = performance.now() - started;
await new Promise((resolve) => setTimeout(resolve, 20)); // the stall that ends with the tick is noted
histogram.disable();
clearInterval(watch);
if (profile) writeFileSync(process.env.TICK_PROFILE!, JSON.stringify((await profile.post('Profiler.stop')).profile));

console.log(`${size.citizens} citizens, ${size.staff} staff: tick ${took.toFixed(0)} ms, ${result.enqueued} deliveries, errors ${JSON.stringify(result.errors)}`);
console.log(`largest gap between 5 ms timer ticks: ${maxStall.toFixed(0)} ms (the timer fired ${fired} times)`);
console.log(`event-loop delay: max ${(histogram.max / 1e6).toFixed(0)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(0)} ms, mean ${(histogram.mean / 1e6).toFixed(1)} ms`);
console.log('| job | ms | largest stall (ms) | deliveries |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, { ms, maxStall }] of perJob) console.log(`| ${name} | ${ms.toFixed(0)} | ${maxStall.toFixed(0)} | ${result.perJob[name] ?? 0} |`);
const sqlMs = new Map<string, { ms: number; n: number }>();
for (const q of slowest) {
  const entry = sqlMs.get(q.job) ?? { ms: 0, n: 0 };
  entry.ms += q.ms;
  entry.n++;
  sqlMs.set(q.job, entry);
}
console.log(`\nTime inside PGlite per job (statements run on this thread; the rest of a job's time is JavaScript: Prisma's query building and result mapping, the job's own work, GC):`);
for (const [job, { ms, n }] of sqlMs) console.log(`- ${job}: ${n} statements, ${ms.toFixed(0)} ms of ${(perJob.get(job)?.ms ?? 0).toFixed(0)} ms`);
console.log(`\n${slowest.length} statements; the slowest (each one stall-sized: PGlite runs it in one piece):`);
for (const q of slowest.sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`- ${q.ms.toFixed(0)} ms in ${q.job} (${q.rows ?? '?'} rows): ${q.sql}`);
console.log(`\n${stalls.length} stalls over 50 ms; the largest, with the statement that finished last before it:`);
for (const x of stalls.sort((a, b) => b.ms - a.ms).slice(0, 6)) console.log(`- ${x.ms.toFixed(0)} ms in ${x.job}, after ${x.after}`);
if (process.env.BENCH_JSON) {
  const job = (name: string) => perJob.get(name) ?? { ms: NaN, maxStall: NaN };
  const json = { tickMs: took, maxStallMs: maxStall, p99DelayMs: histogram.percentile(99) / 1e6, deliveries: result.enqueued, checkins: job('checkins'), placements: job('placements'), digest: job('digest') };
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
}
await db.close();
await closeChartRenderer();
