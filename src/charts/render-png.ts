// A Vega-Lite spec → PNG, drawn in a worker thread (render-worker.mjs; the
// drawing itself: draw-png.mjs). Vega and resvg take 100–300 ms of CPU per
// chart: on the main thread that would stall the event loop, and with it
// every Slack acknowledgement, for the weekly digest's 50 charts (issue 15).
// Up to two workers (the machine has two cores, and charts come in batches:
// the digest's 50 took 5 s one after another in one): a chart goes to an
// idle worker, a second one starts when the first is busy.
//
// A worker starts on demand, does not keep the process alive while idle,
// and ends after a minute without work (vega stays loaded in it until then)
// or on closeChartRenderer (app shutdown, tests).
//
// Fonts: the PNG must look the same on every machine, with or without system
// fonts (CI runs on a fresh one), so DejaVu Sans is loaded from the
// dejavu-fonts-ttf package and system fonts are never looked at.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface RenderedPng {
  png: Uint8Array;
  width: number;
  height: number;
}

/** How long an idle worker is kept, so a batch of charts loads vega once. */
const IDLE_MS = 60_000;

/** Two cores at most: one worker per core, the main thread waits or does the digest's SQL meanwhile. */
const MAX_WORKERS = Math.max(1, Math.min(2, availableParallelism()));

type Answer = { id: number; png: Uint8Array; width: number; height: number } | { id: number; error: string };

/** The running workers, each with how many charts it has in hand and its idle timer. */
const workers = new Map<Worker, { load: number; idleTimer?: NodeJS.Timeout }>();
let nextId = 0;
const waiting = new Map<number, { by: Worker; resolve: (png: RenderedPng) => void; reject: (error: Error) => void }>();
let fontFiles: string[] | undefined;

function fonts(): string[] {
  if (!fontFiles) {
    const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontFiles = [join(dir, 'DejaVuSans.ttf'), join(dir, 'DejaVuSans-Bold.ttf')];
  }
  return fontFiles;
}

/** Every chart still waiting on worker `by` fails with `error` (it died or was closed). */
function failAll(by: Worker, error: Error): void {
  for (const [id, entry] of waiting) {
    if (entry.by !== by) continue;
    waiting.delete(id);
    entry.reject(error);
  }
}

function start(): Worker {
  const started = new Worker(new URL('./render-worker.mjs', import.meta.url));
  workers.set(started, { load: 0 });
  started.on('message', (answer: Answer) => {
    const entry = waiting.get(answer.id);
    waiting.delete(answer.id);
    if ('error' in answer) entry?.reject(new Error(answer.error));
    else entry?.resolve({ png: answer.png, width: answer.width, height: answer.height });
    done(started);
  });
  const gone = (error: Error) => {
    clearTimeout(workers.get(started)?.idleTimer);
    workers.delete(started);
    failAll(started, error);
  };
  started.on('error', gone);
  started.on('exit', (code) => gone(new Error(`chart worker exited (${code})`)));
  return started;
}

/** The worker for the next chart: an idle one, else a new one while there is room, else the least busy. */
function pick(): Worker {
  let best: Worker | undefined;
  for (const [w, state] of workers) if (!best || state.load < workers.get(best)!.load) best = w;
  if (!best || (workers.get(best)!.load > 0 && workers.size < MAX_WORKERS)) best = start();
  return best;
}

/** A chart left `by`: with nothing more in hand, it no longer keeps the process alive, and ends if nothing comes. */
function done(by: Worker): void {
  const state = workers.get(by);
  if (!state) return;
  state.load = Math.max(0, state.load - 1);
  if (state.load > 0) return;
  by.unref();
  clearTimeout(state.idleTimer);
  state.idleTimer = setTimeout(() => {
    if (workers.get(by)?.load === 0) {
      workers.delete(by);
      void by.terminate();
    }
  }, IDLE_MS);
  state.idleTimer.unref();
}

/** Renders a Vega-Lite spec to a PNG off the main thread. Rejects when the libraries cannot load or the spec is invalid. */
export function renderVegaLitePng(spec: Record<string, unknown>): Promise<RenderedPng> {
  const by = pick();
  const state = workers.get(by)!;
  clearTimeout(state.idleTimer);
  state.load++;
  // While a chart is on its way, the worker keeps the process alive (a script awaiting it must not exit).
  by.ref();
  const id = nextId++;
  const answer = new Promise<RenderedPng>((resolve, reject) => waiting.set(id, { by, resolve, reject }));
  try {
    by.postMessage({ id, spec, fontFiles: fonts() });
  } catch (error) {
    // A spec that cannot be copied to the worker fails like an invalid one.
    waiting.delete(id);
    done(by);
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return answer;
}

/** Ends the workers (app shutdown, tests); charts still waiting fail, and the next chart starts a new one. */
export async function closeChartRenderer(): Promise<void> {
  const current = [...workers.keys()];
  for (const [, state] of workers) clearTimeout(state.idleTimer);
  workers.clear();
  await Promise.all(current.map((w) => w.terminate()));
}
