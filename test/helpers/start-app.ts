// The whole application as `npm start` runs it (src/index.ts, from the run's
// bundle: see test/helpers/build-entries.ts), in a child process with a clean
// environment, kept running: the test talks to its HTTP
// port and stops it with SIGTERM. Loading every module matters: @slack/bolt
// installs undici as Node's global fetch, which changes how fetch behaves in
// the Teams channel too (PLATFORM-NOTES.md).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { cleanEnv, entryCommand } from './run-script.js';

export interface RunningApp {
  port: number;
  url: string;
  /** Everything written to stderr so far (the JSON log lines). */
  stderr(): string;
  stop(): Promise<number | null>;
}

/** A port free right now (the app needs a number: PORT must be 1-65535). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts src/index.ts with `env` (PORT chosen here) and resolves once it logs http.listening. */
export async function startApp(env: Record<string, string>, timeoutMs = 170_000): Promise<RunningApp> {
  // The free port may be taken by another test process before the app binds it: try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env, await freePort(), timeoutMs);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnce(env: Record<string, string>, port: number, timeoutMs: number): Promise<RunningApp> {
  const entry = entryCommand('src/index.ts');
  const child: ChildProcessWithoutNullStreams = spawn(entry.command, entry.args, {
    cwd: process.cwd(),
    env: cleanEnv({ ...env, PORT: String(port) }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let exited: number | null | undefined;
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve((exited = code))));
  child.stdout.resume();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not listen within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('"event":"http.listening"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before listening:\n${stderr}`));
    });
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stderr: () => stderr,
    async stop() {
      if (exited === undefined) child.kill('SIGTERM');
      return exit;
    },
  };
}
