// `npm run bench:startup`: from spawning `node scripts/start.mjs` (what `npm
// start` runs: the bundle of src/index.ts, already built) to the first 200
// from GET /healthz, on an existing PGlite folder (a first start has migrated
// and seeded the demo), with the HTTP server up because Teams is configured
// (TEAMS_AUTH=off, NODE_ENV=development). Also `tsx src/index.ts`, the
// previous way to start. The floors are plain node and tsx starting a file
// that only answers /healthz. Each round runs all four one after another, so a
// neighbour's burst hits them alike.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
const node = process.execPath;

/** A port free right now (a random one collided with the busy machine's outgoing connections). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function timeToHealthy(command: string, file: string, env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, [file], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${file} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const dataDir = await mkdtemp(join(tmpdir(), 'jobbot-startup-'));
const app = { DATA_DIR: dataDir, JOBBOT_DEMO: 'true', TEAMS_AUTH: 'off', NODE_ENV: 'development', LOG_LEVEL: 'warn' };
try {
  const first = await timeToHealthy(node, 'scripts/start.mjs', app);
  console.log(`first start (build the bundle if needed, migrate, seed the demo): ${first.toFixed(0)} ms`);
  const runs: Array<{ app: number; tsxApp: number; floor: number; tsxFloor: number }> = [];
  for (let i = 0; i < ROUNDS; i++) {
    runs.push({
      app: await timeToHealthy(node, 'scripts/start.mjs', app),
      floor: await timeToHealthy(node, 'bench/floor-server.mjs', {}),
      tsxApp: await timeToHealthy(tsx, 'src/index.ts', app),
      tsxFloor: await timeToHealthy(tsx, 'bench/floor-server.ts', {}),
    });
  }
  const stats = (xs: number[], digits = 0) => {
    const s = [...xs].sort((a, b) => a - b);
    return `${s[0]!.toFixed(digits)} / ${s[Math.floor(s.length / 2)]!.toFixed(digits)} / ${s[s.length - 1]!.toFixed(digits)}`;
  };
  console.log('| start to /healthz 200 | min / median / max (ms) |');
  console.log('| --- | ---: |');
  const median = (xs: number[]) => stats(xs, 1).split(' / ')[1];
  console.log(`| jobbot, \`npm start\` (node, bundle) | ${stats(runs.map((r) => r.app))} |`);
  console.log(`| jobbot, \`tsx src/index.ts\` | ${stats(runs.map((r) => r.tsxApp))} |`);
  console.log(`| floor: node and one /healthz file | ${stats(runs.map((r) => r.floor))} |`);
  console.log(`| floor: tsx and one /healthz file | ${stats(runs.map((r) => r.tsxFloor))} |`);
  console.log(`| \`npm start\` / node floor (median of per-round ratios) | ${median(runs.map((r) => r.app / r.floor))}× |`);
  console.log(`| \`npm start\` / tsx floor | ${median(runs.map((r) => r.app / r.tsxFloor))}× |`);
  console.log(`| \`tsx src/index.ts\` / tsx floor | ${median(runs.map((r) => r.tsxApp / r.tsxFloor))}× |`);
  if (process.env.BENCH_JSON) console.log(`BENCH_JSON ${JSON.stringify({ first, runs })}`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
