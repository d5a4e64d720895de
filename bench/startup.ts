// `npm run bench:startup`: from spawning `tsx src/index.ts` (what `npm start`
// runs) to the first 200 from GET /healthz, on an existing PGlite folder (a
// first start has migrated and seeded the demo), with the HTTP server up
// because Teams is configured (TEAMS_AUTH=off, NODE_ENV=development). The
// floor is the same tsx start of a file that only answers /healthz. Runs
// alternate between the two so a neighbour's burst hits both alike.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');

async function timeToHealthy(file: string, env: Record<string, string>): Promise<number> {
  const port = 40000 + Math.floor(Math.random() * 20000);
  const started = performance.now();
  const child = spawn(tsx, [file], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
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
  const first = await timeToHealthy('src/index.ts', app);
  console.log(`first start (migrate, seed the demo): ${first.toFixed(0)} ms`);
  const runs: Array<{ app: number; floor: number }> = [];
  for (let i = 0; i < ROUNDS; i++) runs.push({ app: await timeToHealthy('src/index.ts', app), floor: await timeToHealthy('bench/floor-server.ts', {}) });
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `${s[0]!.toFixed(0)} / ${s[Math.floor(s.length / 2)]!.toFixed(0)} / ${s[s.length - 1]!.toFixed(0)}`;
  };
  console.log('| start to /healthz 200 | min / median / max (ms) |');
  console.log('| --- | ---: |');
  console.log(`| jobbot, existing PGlite folder | ${stats(runs.map((r) => r.app))} |`);
  console.log(`| floor: tsx and one /healthz file | ${stats(runs.map((r) => r.floor))} |`);
  console.log(`| ratio (median of per-round ratios) | ${stats(runs.map((r) => r.app / r.floor)).split(' / ')[1]}× |`);
  if (process.env.BENCH_JSON) console.log(`BENCH_JSON ${JSON.stringify({ first, runs })}`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
