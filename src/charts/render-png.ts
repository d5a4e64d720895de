// A Vega-Lite spec → PNG, drawn in a worker thread (render-worker.mjs; the
// drawing itself: draw-png.mjs). Vega and resvg take 100–300 ms of CPU per
// chart: on the main thread that would stall the event loop, and with it
// every Slack acknowledgement, for the weekly digest's 50 charts (issue 15).
// One worker: the machine has two cores, and charts come in batches.
//
// The worker starts on the first chart, does not keep the process alive
// while idle, and ends after a minute without work (vega stays loaded in
// it until then) or on closeChartRenderer (app shutdown, tests).
//
// Fonts: the PNG must look the same on every machine, with or without system
// fonts (CI runs on a fresh one), so DejaVu Sans is loaded from the
// dejavu-fonts-ttf package and system fonts are never looked at.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface RenderedPng {
  png: Uint8Array;
  width: number;
  height: number;
}

/** How long an idle worker is kept, so a batch of charts loads vega once. */
const IDLE_MS = 60_000;

type Answer = { id: number; png: Uint8Array; width: number; height: number } | { id: number; error: string };

let worker: Worker | undefined;
let idleTimer: NodeJS.Timeout | undefined;
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

const busy = (by: Worker) => [...waiting.values()].some((entry) => entry.by === by);

function start(): Worker {
  const started = new Worker(new URL('./render-worker.mjs', import.meta.url));
  started.on('message', (answer: Answer) => {
    const entry = waiting.get(answer.id);
    waiting.delete(answer.id);
    if ('error' in answer) entry?.reject(new Error(answer.error));
    else entry?.resolve({ png: answer.png, width: answer.width, height: answer.height });
    if (!busy(started)) idle(started);
  });
  started.on('error', (error) => {
    if (worker === started) worker = undefined;
    failAll(started, error);
  });
  started.on('exit', (code) => {
    if (worker === started) worker = undefined;
    failAll(started, new Error(`chart worker exited (${code})`));
  });
  return started;
}

/** Nothing to draw: the worker no longer keeps the process alive, and ends if nothing comes. */
function idle(current: Worker): void {
  current.unref();
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (worker === current && !busy(current)) void closeChartRenderer();
  }, IDLE_MS);
  idleTimer.unref();
}

/** Renders a Vega-Lite spec to a PNG off the main thread. Rejects when the libraries cannot load or the spec is invalid. */
export function renderVegaLitePng(spec: Record<string, unknown>): Promise<RenderedPng> {
  const by = (worker ??= start());
  clearTimeout(idleTimer);
  // While a chart is on its way, the worker keeps the process alive (a script awaiting it must not exit).
  by.ref();
  const id = nextId++;
  const answer = new Promise<RenderedPng>((resolve, reject) => waiting.set(id, { by, resolve, reject }));
  try {
    by.postMessage({ id, spec, fontFiles: fonts() });
  } catch (error) {
    // A spec that cannot be copied to the worker fails like an invalid one.
    waiting.delete(id);
    if (!busy(by)) idle(by);
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return answer;
}

/** Ends the worker (app shutdown, tests); charts still waiting fail, and the next chart starts a new one. */
export async function closeChartRenderer(): Promise<void> {
  const current = worker;
  worker = undefined;
  clearTimeout(idleTimer);
  if (current) await current.terminate();
}
