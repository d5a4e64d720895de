// Child processes for `npm run bench`: the servers under test run as
// `node --import tsx <file>` (one process, so its pid is the one whose memory
// is read and that gets SIGTERM), and the older single-purpose benchmarks
// run as `tsx bench/<file>` printing one `BENCH_JSON {…}` line.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  /** Resident memory now, in MB (VmRSS). */
  rssMb(): number;
  /** SIGTERM; resolves with ms until the process exited and its exit code. */
  stop(): Promise<{ ms: number; code: number | null }>;
}

/** `nodeArgs`: options for node itself (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
export async function startServer(name: string, file: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<Server & { startMs: number }> {
  const port = 20000 + Math.floor(Math.random() * 30000);
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} (${file}) exited with ${child.exitCode}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (performance.now() - started > 180_000) throw new Error(`${name} not healthy after 180 s`);
    await sleep(20);
  }
  const startMs = performance.now() - started;
  return {
    name,
    url,
    child,
    startMs,
    rssMb: () => rssMb(child.pid),
    async stop() {
      const at = performance.now();
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      return { ms: performance.now() - at, code };
    },
  };
}

export function rssMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Runs `tsx bench/<file>` and returns the object on its `BENCH_JSON` line. */
export function runScript<T>(file: string, env: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join('bench', file)], {
      cwd: ROOT,
      env: { ...process.env, ...env, BENCH_JSON: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
      if (code !== 0 || !line) reject(new Error(`bench/${file} exited with ${code}${line ? '' : ' without BENCH_JSON'}:\n${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice('BENCH_JSON '.length)) as T);
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
