// `npm run bench:tick`: one scheduler tick at municipality scale (bench/municipality.ts,
// Monday 23 November 2026 at 09:00: the morning reminders, the weekly digest and the
// rest of the jobs), with the event loop watched the whole time. Reports the tick's
// duration, the largest event-loop stall (perf_hooks monitorEventLoopDelay) and, per
// job, its time and its largest stall (a 5 ms timer that notes how late it fires), so a
// stall can be traced to the job that caused it. PGlite runs its SQL on this thread:
// a long statement is a stall no chunking in JavaScript can break.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createPgliteSnapshot, openPgliteFromSnapshot } from '../src/db/client.js';
import { JOBS, runDueJobs } from '../src/jobs/run-due-jobs.js';
import { closeChartRenderer } from '../src/charts/render-png.js';
import type { Job } from '../src/jobs/job.js';
import { seedMunicipality } from './municipality.js';

const db = await openPgliteFromSnapshot(await createPgliteSnapshot());
const size = await seedMunicipality(db.prisma);
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
const timed: Job[] = JOBS.map((job) => ({
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
const slowest: Array<{ ms: number; job: string; sql: string }> = [];
const timeQueries = (target: Queryable) => {
  const original = target.query.bind(target);
  target.query = async (...args: unknown[]) => {
    const at = performance.now();
    try {
      return await original(...args);
    } finally {
      lastSql = String(args[0]).replace(/\s+/g, ' ').slice(0, 90);
      slowest.push({ ms: performance.now() - at, job: current, sql: lastSql });
    }
  };
};
const pglite = (db as typeof db & { pglite: Queryable & { transaction: (fn: (tx: Queryable) => Promise<unknown>) => Promise<unknown> } }).pglite;
timeQueries(pglite);
const transaction = pglite.transaction.bind(pglite);
pglite.transaction = (fn) => transaction((tx) => (timeQueries(tx), fn(tx)));

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
await new Promise((resolve) => setTimeout(resolve, 50)); // the watchers start ticking
const started = performance.now();
const result = await runDueJobs({ prisma: db.prisma }, now, timed);
const took = performance.now() - started;
await new Promise((resolve) => setTimeout(resolve, 20)); // the stall that ends with the tick is noted
histogram.disable();
clearInterval(watch);

console.log(`${size.citizens} citizens, ${size.staff} staff: tick ${took.toFixed(0)} ms, ${result.enqueued} deliveries, errors ${JSON.stringify(result.errors)}`);
console.log(`largest gap between 5 ms timer ticks: ${maxStall.toFixed(0)} ms (the timer fired ${fired} times)`);
console.log(`event-loop delay: max ${(histogram.max / 1e6).toFixed(0)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(0)} ms, mean ${(histogram.mean / 1e6).toFixed(1)} ms`);
console.log('| job | ms | largest stall (ms) | deliveries |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, { ms, maxStall }] of perJob) console.log(`| ${name} | ${ms.toFixed(0)} | ${maxStall.toFixed(0)} | ${result.perJob[name] ?? 0} |`);
console.log(`\n${slowest.length} statements; the slowest (each one stall-sized: PGlite runs it in one piece):`);
for (const q of slowest.sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`- ${q.ms.toFixed(0)} ms in ${q.job}: ${q.sql}`);
console.log(`\n${stalls.length} stalls over 50 ms; the largest, with the statement that finished last before it:`);
for (const x of stalls.sort((a, b) => b.ms - a.ms).slice(0, 6)) console.log(`- ${x.ms.toFixed(0)} ms in ${x.job}, after ${x.after}`);
await db.close();
await closeChartRenderer();
