// `npm run bench:tick-threads`: the scheduler tick as the servers run it
// (JOBBOT_THREADS=on): PGlite in the database thread, the jobs in the jobs
// thread, and on the main thread what answers Slack: a timer that notes how
// late it fires (the event-loop stall an acknowledgement would wait behind)
// and a probe that reads like an answer does (a staff member, one citizen and
// the citizen's meetings) every 20 ms, timed. bench/tick.ts times the same
// tick in one thread, job by job.
//   BENCH_DATA_DIR=<a PGlite folder holding the municipality>  (npm run bench passes a copy)
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../src/db/client.js';
import { jobsThreadRunner } from '../src/jobs/jobs-thread-runner.js';
import { percentile } from './slack-load.js';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR: a PGlite folder holding the municipality (bench/municipality.ts)');
const db = await openDatabase({ dataDir, thread: true });
await db.prisma.$executeRawUnsafe('ANALYZE'); // what 03:00 housekeeping leaves for the morning
const runner = jobsThreadRunner({ share: db.share! });
const now = new Date('2026-11-23T08:00:00Z'); // Monday 09:00 in Copenhagen
const handles = (await db.prisma.staff.findMany({ where: { role: 'CASEWORKER' }, select: { handle: true }, take: 200 })).map((s) => s.handle);

let maxStall = 0;
let last = performance.now();
const watch = setInterval(() => {
  const at = performance.now();
  maxStall = Math.max(maxStall, at - last - 5);
  last = at;
}, 5);
const histogram = monitorEventLoopDelay({ resolution: 5 });

const probes: number[] = [];
let ticking = true;
const probe = async () => {
  for (let i = 0; ticking; i++) {
    const at = performance.now();
    const staff = await db.prisma.staff.findUnique({ where: { handle: handles[i % handles.length]! }, select: { id: true } });
    const citizen = await db.prisma.citizen.findFirst({ where: { caseworkerId: staff!.id }, select: { id: true } });
    await db.prisma.meeting.findMany({ where: { citizenId: citizen!.id }, orderBy: { heldOn: 'desc' }, take: 5 });
    probes.push(performance.now() - at);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

// The threads start and the probe warms up before the tick counts.
await runner.run(new Date('2026-11-21T12:00:00Z'), {}); // a Saturday: nothing is due, the thread is started
ticking = true;
const probing = probe();
await new Promise((resolve) => setTimeout(resolve, 200));
probes.length = 0;
maxStall = 0;
last = performance.now();
histogram.enable();
const started = performance.now();
const result = await runner.run(now, {});
const took = performance.now() - started;
histogram.disable();
ticking = false;
await probing;
clearInterval(watch);

const json = {
  tickMs: took,
  deliveries: result.enqueued,
  errors: result.errors,
  mainMaxStallMs: maxStall,
  mainDelayP99Ms: histogram.percentile(99) / 1e6,
  probes: probes.length,
  probeP50Ms: percentile(probes, 50),
  probeP99Ms: percentile(probes, 99),
  probeMaxMs: Math.max(...probes),
};
console.log(`tick in the jobs thread: ${took.toFixed(0)} ms, ${result.enqueued} deliveries, errors ${JSON.stringify(result.errors)}`);
console.log(`main thread during the tick: largest stall ${maxStall.toFixed(0)} ms, event-loop delay p99 ${json.mainDelayP99Ms.toFixed(0)} ms`);
console.log(`an answer's three reads on the main thread during the tick (${probes.length}): p50 ${json.probeP50Ms.toFixed(1)} ms, p99 ${json.probeP99Ms.toFixed(1)} ms, max ${json.probeMaxMs.toFixed(0)} ms`);
console.log(`BENCH_JSON ${JSON.stringify(json)}`);
await runner.close();
await db.close();
