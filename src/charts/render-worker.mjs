// The chart worker thread (render-png.ts starts it): vega and resvg take
// 100–300 ms of CPU per chart, which on the main thread would hold up every
// Slack acknowledgement for as long. Plain JavaScript, so it runs the same
// under tsx, vitest and node. One message per chart: { id, spec, fontFiles }
// in, { id, png, width, height } or { id, error } out.
import { parentPort } from 'node:worker_threads';
import { drawPng } from './draw-png.mjs';

parentPort.on('message', async ({ id, spec, fontFiles }) => {
  try {
    const { png, width, height } = await drawPng(spec, fontFiles);
    parentPort.postMessage({ id, png, width, height }, [png.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
