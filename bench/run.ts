// `npm run bench`: what a logged command costs on top of the database work it
// must do. Both run in this process on one migrated in-memory PGlite, so the
// figures are ratios against a baseline measured in the same run.
import { Bench } from 'tinybench';
import { createPgliteSnapshot, openPgliteFromSnapshot } from '../src/db/client.js';
import { findStaffByHandle } from '../src/db/staff-queries.js';
import { seedDemoIfEmpty } from '../src/db/seed-demo.js';
import { routeCommand } from '../src/handlers/router.js';
import { toDbDate } from '../src/domain/local-date.js';
import { activeTeamStaff, checkInFactsByRecipient, placementFactsByRecipient } from '../src/db/reminder-queries.js';
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
const everyone = await activeTeamStaff(big.prisma);
const scale = `${size.citizens.toLocaleString('en')} citizens, ${MUNICIPALITY.teams} teams`;

const bench = new Bench({ time: 2000, warmupTime: 300 });
bench
  .add('baseline: insert one meeting with Prisma', async () => {
    await db.prisma.meeting.create({ data: { citizenId: citizen.id, kind: 'INDIVIDUAL', heldOn: toDbDate('2026-11-23'), loggedById: anne.id, source: 'CONSOLE' } });
  })
  .add('/meeting C-1001 trepart i dag 45m (router, transaction, audit)', async () => {
    await routeCommand(deps, { text: 'meeting C-1001 trepart i dag 45m aftalt praktik', actor: anne, channel: 'CONSOLE' });
  })
  .add('/citizen C-1001 (card read)', async () => {
    await routeCommand(deps, { text: 'citizen C-1001', actor: anne, channel: 'CONSOLE' });
  })
  .add('/caseload team (30 citizens)', async () => {
    await routeCommand(deps, { text: 'caseload team', actor: mette, channel: 'CONSOLE' });
  })
  .add(`morning: check-ins for every recipient (${scale})`, async () => {
    await checkInFactsByRecipient(big.prisma, everyone, '2026-11-23');
  })
  .add(`morning: placements for every recipient (${scale})`, async () => {
    await placementFactsByRecipient(big.prisma, everyone, '2026-11-23');
  });

await bench.run();
const rows = bench.tasks.map((task) => ({ name: task.name, mean: task.result && 'latency' in task.result ? task.result.latency.mean : NaN }));
const baseline = rows[0]?.mean ?? NaN;
console.log('| benchmark | mean (ms) | × baseline |');
console.log('| --- | ---: | ---: |');
for (const row of rows) console.log(`| ${row.name} | ${row.mean.toFixed(2)} | ${(row.mean / baseline).toFixed(1)} |`);
await db.close();
await big.close();
