// `npm run bench` (issue 15): the whole speed and operations table in one run.
// The app runs as in production (`src/index.ts`, Slack over HTTP) twice, on
// PGlite and on PostgreSQL, each with the municipality (bench/municipality.ts:
// 30 000 citizens, 850 staff, 50 teams), next to the floor: a bare Bolt app
// answering the same signed slash commands (bench/floor-bolt.ts). A local fake
// Slack (bench/fake-slack.ts) takes the Web API calls and the response_url
// answers. Every round runs every task, in an order rotated per round, and
// the request-level tasks alternate between the three servers, so a
// neighbour's burst lands on all of them alike. Each cell is min / median /
// max over the rounds. Writes bench/results.json and the marked table in
// bench/README.md.
//   npm run bench              3 rounds (a round: about 5 minutes on a quiet machine, 20 on a busy one)
//   npm run bench -- --quick   1 round
// PostgreSQL: BENCH_PG_URL (default postgresql://postgres@127.0.0.1:5432/postgres)
// is used to create and drop the database jobbot_bench; BENCH_PG_URL=off skips it.
import { createHash, randomUUID } from 'node:crypto';
import { access, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { defaultMigrationPaths } from '../src/db/migrations.js';
import { enqueueDeliveries } from '../src/db/outbox-queries.js';
import { refreshPlannerStatistics } from '../src/db/planner-statistics.js';
import { okReply } from '../src/domain/reply.js';
import { startFakeSlack } from './fake-slack.js';
import { MUNICIPALITY, seedMunicipality } from './municipality.js';
import { runScript, sleep, startServer, type Server } from './processes.js';
import { writeReport, type Cells } from './report.js';
import { ackBurst, closedLoop, percentile, sendCommand, SIGNING_SECRET, type Command, type Target, type Timing } from './slack-load.js';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 1 : Number(process.env.ROUNDS ?? 3);
const C1_PER_KIND = 12; // sequential commands per kind and server per round
const C10_EACH = 10; // closed loop: 10 users × 10 commands
const BURST = 100; // autocannon: commands at c=10 per server per round
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const PG_DB = 'jobbot_bench';
const log = (text: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);

const cells: Cells = {};
const note = (key: string, value: number) => (cells[key] ??= []).push(value);

type Kind = 'caseload' | 'citizen' | 'meeting';
const KINDS: Kind[] = ['caseload', 'citizen', 'meeting'];

/** Commands as caseworkers of all 50 teams about their own citizens; a new citizen each time (a meeting is logged once). */
function commandSource(): (kind: Kind) => Command {
  let i = 0;
  return (kind) => {
    const t = (i % MUNICIPALITY.teams) + 1;
    const n = (Math.floor(i / MUNICIPALITY.teams) % MUNICIPALITY.caseworkersPerTeam) + 1;
    const j = Math.floor(i / (MUNICIPALITY.teams * MUNICIPALITY.caseworkersPerTeam)) % (MUNICIPALITY.citizensPerTeam / MUNICIPALITY.caseworkersPerTeam);
    i++;
    const ref = `C-${t}-${j * MUNICIPALITY.caseworkersPerTeam + n}`;
    const userId = slackUserId(`caseworker-${t}-${n}`);
    if (kind === 'caseload') return { command: '/caseload', text: '', userId };
    if (kind === 'citizen') return { command: '/citizen', text: ref, userId };
    return { command: '/meeting', text: `${ref} trepart i dag 45m aftalt praktik`, userId };
  };
}
const slackUserId = (handle: string) => `U${handle.toUpperCase().replace(/-/g, '_')}`;
const SLACK_IDS_SQL = `UPDATE "Staff" SET "slackUserId" = 'U' || upper(replace(handle, '-', '_'))`;

/** The municipality in a database (bulk inserts), every staff member linked to a Slack user id. */
async function seed(options: { dataDir?: string; databaseUrl?: string }): Promise<void> {
  const db = await openDatabase(options);
  try {
    await seedMunicipality(db.prisma);
    await db.prisma.$executeRawUnsafe(SLACK_IDS_SQL);
    // What 03:00 housekeeping leaves for the day: planner statistics (PGlite has no autovacuum).
    await refreshPlannerStatistics(db.prisma);
  } finally {
    await db.close();
  }
}

/**
 * The seeded PGlite folder, kept in the temp folder between runs (seeding
 * takes minutes on a busy machine) under a key of the dataset and the
 * migrations, so a changed schema or dataset seeds again.
 */
async function seededPglite(into: string): Promise<void> {
  const key = createHash('sha256')
    .update(await readFile(join(import.meta.dirname, 'municipality.ts')))
    .update(SLACK_IDS_SQL)
    .update((await readdir(defaultMigrationPaths.migrationsDir)).sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
  const cached = join(tmpdir(), `jobbot-bench-municipality-${key}`);
  const exists = await access(cached).then(() => true, () => false);
  if (!exists) {
    await rm(`${cached}.partial`, { recursive: true, force: true });
    await seed({ dataDir: `${cached}.partial` });
    await rm(cached, { recursive: true, force: true });
    await cp(`${cached}.partial`, cached, { recursive: true });
    await rm(`${cached}.partial`, { recursive: true, force: true });
  }
  await cp(cached, into, { recursive: true });
}

async function adminSql(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// ---- set-up ----------------------------------------------------------------
const started = performance.now();
const load = { before: loadavg()[0]! };
const work = await mkdtemp(join(tmpdir(), 'jobbot-bench-'));
const pristine = join(work, 'pristine');
const servers: Array<Server & { target: Target }> = [];
const slack = await startFakeSlack();
const usePg = PG_ADMIN !== 'off';
const pgUrl = usePg ? Object.assign(new URL(PG_ADMIN), { pathname: `/${PG_DB}` }).toString() : '';
try {
  log(`seeding the municipality into PGlite${usePg ? ' and PostgreSQL' : ''}`);
  const seeds: Array<Promise<void>> = [seededPglite(pristine)];
  if (usePg) {
    await adminSql(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
    await adminSql(`CREATE DATABASE ${PG_DB}`);
    seeds.push(seed({ databaseUrl: pgUrl }));
  }
  await Promise.all(seeds);
  await cp(pristine, join(work, 'app'), { recursive: true });

  const slackEnv = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, JOBBOT_DEMO: 'false', LOG_LEVEL: 'warn' };
  log('starting the floor and the app on PGlite and PostgreSQL');
  const start = async (name: string, file: string, env: Record<string, string>) => {
    const server = await startServer(name, file, env);
    servers.push({ ...server, target: { name, url: server.url } });
  };
  await start('floor', 'bench/floor-bolt.ts', { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
  await start('pglite', 'src/index.ts', { ...slackEnv, DATA_DIR: join(work, 'app') });
  if (usePg) await start('postgres', 'src/index.ts', { ...slackEnv, DATABASE_URL: pgUrl });
  const next = new Map(servers.map((s) => [s.name, commandSource()]));
  const nextOf = (s: Server) => next.get(s.name)!;

  log('warm-up');
  for (const server of servers) for (const kind of KINDS) for (let i = 0; i < 5; i++) await sendCommand(slack, server.target, nextOf(server)(kind));

  // Resident memory: sampled every 100 ms while a task loads the servers.
  const peak = new Map<string, number>();
  const sampler = setInterval(() => {
    for (const s of servers) peak.set(s.name, Math.max(peak.get(s.name) ?? 0, s.rssMb()));
  }, 100);
  sampler.unref();

  // ---- the tasks of a round ----------------------------------------------------
  const rotate = <T>(xs: T[], by: number) => xs.map((_, i) => xs[(i + by) % xs.length]!);
  let round = 0;
  const tasks: Array<{ name: string; run: () => Promise<void> }> = [
    {
      name: 'answers at c=1',
      async run() {
        const timings = new Map<string, Timing[]>();
        for (let i = 0; i < C1_PER_KIND; i++) {
          for (const kind of KINDS) {
            for (const server of rotate(servers, i)) {
              const t = await sendCommand(slack, server.target, nextOf(server)(kind));
              const key = server.name === 'floor' ? 'floor' : `${server.name}.${kind}`;
              (timings.get(key) ?? timings.set(key, []).get(key)!).push(t);
            }
          }
        }
        for (const [key, ts] of timings) {
          note(`c1.answer.${key}`, percentile(ts.map((t) => t.answer), 50));
          note(`c1.ack.${key}`, percentile(ts.map((t) => t.ack), 50));
        }
      },
    },
    {
      name: 'answers at c=10 (closed loop)',
      async run() {
        for (const server of rotate(servers, round)) {
          let k = 0;
          const ts = await closedLoop(slack, server.target, 10, C10_EACH, () => nextOf(server)(KINDS[k++ % KINDS.length]!));
          note(`c10.answer.p99.${server.name}`, percentile(ts.map((t) => t.answer), 99));
          note(`c10.ack.p99.${server.name}`, percentile(ts.map((t) => t.ack), 99));
        }
      },
    },
    {
      name: 'ack burst at c=10 (autocannon)',
      async run() {
        for (const server of rotate(servers, round)) {
          let k = 0;
          const r = await ackBurst(slack, server.target, 10, BURST, () => nextOf(server)(KINDS[k++ % KINDS.length]!));
          if (r.non2xx > 0) log(`${server.name}: ${r.non2xx} acks not 2xx in the burst`);
          note(`burst.ack.p99.${server.name}`, r.ackP99);
          note(`burst.answer.p99.${server.name}`, r.answerP99);
        }
      },
    },
    {
      name: 'scheduler tick (bench/tick.ts)',
      async run() {
        type Job = { ms: number; maxStall: number };
        const dir = join(work, `tick-${round}`);
        await cp(pristine, dir, { recursive: true });
        const r = await runScript<{ tickMs: number; maxStallMs: number; checkins: Job; placements: Job; digest: Job }>('tick.ts', { BENCH_DATA_DIR: dir }).finally(() => rm(dir, { recursive: true, force: true }));
        note('tick.ms', r.tickMs);
        note('tick.maxStall', r.maxStallMs);
        note('morning.checkins', r.checkins.ms);
        note('morning.placements', r.placements.ms);
        note('morning.ms', r.checkins.ms + r.placements.ms);
        note('digest.ms', r.digest.ms);
        // The same tick as the servers run it: jobs and PGlite in their threads, the main thread watched.
        await cp(pristine, dir, { recursive: true });
        const t = await runScript<{ tickMs: number; mainMaxStallMs: number; probeP50Ms: number; probeP99Ms: number }>('tick-threads.ts', { BENCH_DATA_DIR: dir }).finally(() =>
          rm(dir, { recursive: true, force: true }),
        );
        note('threads.tick.ms', t.tickMs);
        note('threads.mainStall', t.mainMaxStallMs);
        note('threads.probe.p50', t.probeP50Ms);
        note('threads.probe.p99', t.probeP99Ms);
      },
    },
    {
      name: 'outbox (bench/outbox.ts)',
      async run() {
        const r = await runScript<{ ms: number; shareOfRate: number; sent: number }>('outbox.ts');
        note('outbox.ms', r.ms);
        note('outbox.share', r.shareOfRate * 100);
      },
    },
    {
      name: 'start to /healthz (bench/startup.ts)',
      async run() {
        const r = await runScript<{ runs: Array<{ app: number; floor: number }> }>('startup.ts', { ROUNDS: '1' });
        for (const x of r.runs) {
          note('startup.app', x.app);
          note('startup.floor', x.floor);
        }
      },
    },
    {
      name: 'SIGTERM with Slack unreachable',
      async run() {
        const dir = join(work, `sigterm-${round}`);
        await cp(pristine, dir, { recursive: true });
        const db = await openDatabase({ dataDir: dir });
        const staff = await db.prisma.staff.findMany({ where: { role: 'CASEWORKER' }, take: 100, select: { id: true, teamId: true } });
        const queued = await enqueueDeliveries(db.prisma, staff.map((s, i) => ({ key: `bench-sigterm|${i}`, kind: 'bench', teamId: s.teamId, recipientId: s.id, audience: 'dm' as const, payload: okReply(`besked ${i}`, []) })), new Date());
        await db.close();
        const fake = await startFakeSlack();
        try {
          const app = await startServer('sigterm', 'src/index.ts', { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, JOBBOT_DEMO: 'false', LOG_LEVEL: 'error', DATA_DIR: dir });
          note('startup.municipality', app.startMs);
          fake.unreachable();
          const source = commandSource();
          // Ten commands acked, their answers hanging on the unreachable response_url.
          for (let i = 0; i < 10; i++) void sendCommand(fake, { name: 'sigterm', url: app.url }, source(KINDS[i % KINDS.length]!)).catch(() => {});
          await sleep(3000);
          const stopped = await app.stop();
          note('sigterm.ms', stopped.ms);
          note('sigterm.code', stopped.code ?? -1);
          const after = await openDatabase({ dataDir: dir });
          const byStatus = await after.prisma.delivery.groupBy({ by: ['status'], _count: true, where: { kind: 'bench' } });
          await after.close();
          const count = (status: string) => byStatus.find((b) => b.status === status)?._count ?? 0;
          note('sigterm.queued', queued);
          note('sigterm.pending', count('PENDING') + count('SENDING'));
          note('sigterm.lost', count('FAILED') + count('SKIPPED'));
        } finally {
          await fake.close();
          await rm(dir, { recursive: true, force: true });
        }
      },
    },
  ];
  const loadsServers = new Set(['answers at c=1', 'answers at c=10 (closed loop)', 'ack burst at c=10 (autocannon)']);

  for (round = 0; round < ROUNDS; round++) {
    await sleep(1000);
    for (const s of servers) note(`rss.idle.${s.name}`, s.rssMb());
    peak.clear();
    for (const task of rotate(tasks, round)) {
      log(`round ${round + 1}/${ROUNDS}: ${task.name}`);
      if (loadsServers.has(task.name)) for (const s of servers) peak.set(s.name, Math.max(peak.get(s.name) ?? 0, s.rssMb()));
      await task.run().catch((error: unknown) => log(`${task.name} failed: ${error instanceof Error ? error.stack : String(error)}`));
    }
    for (const [name, mb] of peak) note(`rss.load.${name}`, mb);
  }
  clearInterval(sampler);
  note('sigterm.floor', (await servers.find((s) => s.name === 'floor')!.stop()).ms);
} finally {
  for (const s of servers) if (s.child.exitCode === null) await s.stop();
  await slack.close();
  if (usePg) await adminSql(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`).catch((error: unknown) => log(`could not drop ${PG_DB}: ${String(error)}`));
  await rm(work, { recursive: true, force: true });
}

const meta = {
  date: new Date().toISOString(),
  rounds: ROUNDS,
  quick,
  node: process.version,
  cpus: cpus().length,
  loadBefore: load.before,
  loadAfter: loadavg()[0]!,
  minutes: (performance.now() - started) / 60_000,
  municipality: MUNICIPALITY,
  postgres: usePg,
  id: randomUUID(),
};
await writeReport(meta, cells);
