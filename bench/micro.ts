// `npm run bench:micro`: what a logged command costs on top of the database work it
// must do, in this process on one migrated in-memory PGlite (tinybench), and the
// morning reads and the digest at municipality scale; ratios against a bare insert.
import { Bench } from 'tinybench';
import { createPgliteSnapshot, openPgliteFromSnapshot } from '../src/db/client.js';
import { findStaffByHandle } from '../src/db/staff-queries.js';
import { seedDemoIfEmpty } from '../src/db/seed-demo.js';
import { routeCommand } from '../src/handlers/router.js';
import { toDbDate } from '../src/domain/local-date.js';
import { activeTeamStaff, checkInFactsByRecipient, placementFactsByRecipient } from '../src/db/reminder-queries.js';
import { teamDigests } from '../src/jobs/team-digest.js';
import { closeChartRenderer } from '../src/charts/render-png.js';
import { countStatements } from '../test/helpers/statement-counter.js';
import { refreshPlannerStatistics } from '../src/db/planner-statistics.js';
import { MUNICIPALITY, seedMunicipality } from './municipality.js';

const now = new Date('2026-11-23T09:00:00Z');
const db = await openPgliteFromSnapshot(await createPgliteSnapshot());
await seedDemoIfEmpty(db.prisma, now);
const anne = await findStaffByHandle(db.prisma, 'anne');
const mette = await findStaffByHandle(db.prisma, 'mette');
if (!anne || !mette) throw new Error('demo staff missing');
const citizen = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-1001' } });
const deps = { prisma: db.prisma, clock: () => now, adminEmails: [] };

// The morning run's two reads at municipality scale, in a second database so the command figures stay comparable.
const big = await openPgliteFromSnapshot(await createPgliteSnapshot());
const size = await seedMunicipality(big.prisma);
// What 03:00 housekeeping leaves for the day: planner statistics (PGlite has no autovacuum).
await refreshPlannerStatistics(big.prisma);
const everyone = await activeTeamStaff(big.prisma);
const scale = `${size.citizens.toLocaleString('en')} citizens, ${MUNICIPALITY.teams} teams`;

const teams = await big.prisma.team.findMany({ select: { id: true, name: true } });

// BENCH_ONLY=<regex> runs the baseline and the tasks whose name matches (e.g. BENCH_ONLY=digest).
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
// At least 2 s per task, and at least 3 runs of the slow municipality tasks (tinybench's default of 64 took 10 minutes).
const bench = new Bench({ time: 2000, warmupTime: 300, iterations: 3, warmupIterations: 1 });
const tasks: Array<{ name: string; fn: () => Promise<unknown>; on: typeof db }> = [];
function add(name: string, fn: () => Promise<unknown>, on: typeof db = db): void {
  if (only && tasks.length > 0 && !only.test(name)) return;
  tasks.push({ name, fn, on });
  bench.add(name, fn);
}

add('baseline: insert one meeting with Prisma', async () => {
  await db.prisma.meeting.create({ data: { citizenId: citizen.id, kind: 'INDIVIDUAL', heldOn: toDbDate('2026-11-23'), loggedById: anne.id, source: 'CONSOLE' } });
});
add('/meeting C-1001 trepart i dag 45m (router, transaction, audit)', async () => {
  await routeCommand(deps, { text: 'meeting C-1001 trepart i dag 45m aftalt praktik', actor: anne, channel: 'CONSOLE' });
});
add('/citizen C-1001 (card read)', async () => {
  await routeCommand(deps, { text: 'citizen C-1001', actor: anne, channel: 'CONSOLE' });
});
add('/caseload team (30 citizens)', async () => {
  await routeCommand(deps, { text: 'caseload team', actor: mette, channel: 'CONSOLE' });
});
add(`morning: check-ins for every recipient (${scale})`, async () => {
  await checkInFactsByRecipient(big.prisma, everyone, '2026-11-23');
}, big);
add(`morning: placements for every recipient (${scale})`, async () => {
  await placementFactsByRecipient(big.prisma, everyone, '2026-11-23');
}, big);
add(`weekly digest, all teams (${scale})`, async () => {
  // As posted: the text and the chart (drawn in the chart worker).
  await teamDigests(big.prisma, teams, '2026-11-23');
}, big);

// SQL statements per call (round trips; a transaction's BEGIN counts as one), counted once before timing.
const statements = new Map<string, number>();
for (const task of tasks) {
  const counter = countStatements(task.on);
  await task.fn();
  statements.set(task.name, counter.count);
  counter.stop();
}

await bench.run();
const rows = bench.tasks.map((task) => ({ name: task.name, mean: task.result && 'latency' in task.result ? task.result.latency.mean : NaN }));
const baseline = rows[0]?.mean ?? NaN;
console.log('| benchmark | mean (ms) | × baseline | statements |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) console.log(`| ${row.name} | ${row.mean.toFixed(2)} | ${(row.mean / baseline).toFixed(1)} | ${statements.get(row.name) ?? ''} |`);
await db.close();
await big.close();
await closeChartRenderer();
