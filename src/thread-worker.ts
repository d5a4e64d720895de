// Starts one of jobbot's own worker threads (the database thread, the jobs
// thread) from its source file under tsx and the tests, or from its compiled
// file when `npm start` runs the bundle: scripts/build.mjs bundles each
// THREAD_ENTRIES file beside src/index.ts and its banner tells the bundle
// where its folder is (JOBBOT_BUNDLE_URL).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export type ThreadName = 'db-thread' | 'jobs-thread';

const SOURCES: Record<ThreadName, URL> = {
  'db-thread': new URL('./db/db-thread.ts', import.meta.url),
  'jobs-thread': new URL('./jobs-thread.ts', import.meta.url),
};

export function startThread(name: ThreadName, options: WorkerOptions): Worker {
  const bundle = (globalThis as { JOBBOT_BUNDLE_URL?: string }).JOBBOT_BUNDLE_URL;
  if (bundle) return new Worker(new URL(`./${name}.mjs`, bundle), options);
  // A source file: tsx registered inside the thread first. (`--import tsx` in the
  // worker's execArgv does not reach its entry module on Node 20.)
  const tsx = tsxEsmApi();
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(SOURCES[name].href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** tsx's ESM register API (require.resolve would give its CommonJS build). */
function tsxEsmApi(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(packageJson), exports['./esm/api']!.import.default)).href;
}
