// Plain JavaScript on purpose: the chart worker (render-worker.mjs) loads this
// file with bare Node, without tsx or vitest's transform. A Vega-Lite spec →
// PNG, with no browser: vega-lite compiles it, vega draws it as SVG (a
// headless View, renderer 'none'), resvg rasterises the SVG.

/** Pixels per CSS pixel of the spec: sharp enough on high-density screens, within Teams' 1024 px, about 40 kB. */
const ZOOM = 1.2;

let libraries;

function load() {
  libraries ??= Promise.all([import('vega-lite'), import('vega'), import('@resvg/resvg-js')]);
  // A failed load (a missing native module) is tried again next time, not cached.
  libraries.catch(() => {
    libraries = undefined;
  });
  return libraries;
}

/** Per shape of spec (the spec without its data values and title text): its compiled form, and the View that draws it. */
const shapes = new Map();
const MAX_SHAPES = 16;
const TITLE_MARK = '\u0000title\u0000';
const VALUES_MARK = '\u0000values\u0000';
const TITLE_SIGNAL = 'jobbot_title';

/**
 * The spec's shape, compiled once with marks in place of its data values and
 * title text (vega-lite copies both into the output unread), or undefined
 * for a spec that does not fit: no inline values or title text, or a mark
 * that does not come out exactly once.
 */
function shapeOf(vl, spec) {
  const values = spec.data?.values;
  const title = spec.title;
  if (!Array.isArray(values) || !title || typeof title !== 'object' || typeof title.text !== 'string') return undefined;
  const key = JSON.stringify({ ...spec, data: { ...spec.data, values: VALUES_MARK }, title: { ...title, text: TITLE_MARK } });
  let entry = shapes.get(key);
  if (!entry) {
    const compiled = vl.compile(JSON.parse(key)).spec;
    const text = JSON.stringify(compiled);
    const once = (mark) => text.split(JSON.stringify(mark)).length === 2;
    const source = compiled.data?.find((d) => d.values === VALUES_MARK);
    const fits = once(VALUES_MARK) && once(TITLE_MARK) && source && compiled.title?.text === TITLE_MARK;
    entry = fits ? { compiled, source: source.name, queue: Promise.resolve() } : {};
    if (shapes.size >= MAX_SHAPES) {
      const [oldest, old] = shapes.entries().next().value;
      shapes.delete(oldest);
      old.view?.finalize();
    }
    shapes.set(key, entry);
  }
  return entry.compiled ? entry : undefined;
}

/**
 * vl.compile(spec).spec, compiled once per shape: a batch of team charts
 * differs only in its inline data values and title text (the compile was a
 * quarter of a chart's CPU time). Any other spec is compiled as it is.
 */
export function compileSpec(vl, spec) {
  const entry = shapeOf(vl, spec);
  if (!entry) return vl.compile(spec).spec;
  const out = structuredClone(entry.compiled);
  out.title.text = spec.title.text;
  out.data.find((d) => d.name === entry.source).values = spec.data.values;
  return out;
}

/**
 * The shape's one View, its title text a signal: a chart sets the title and
 * replaces the data, then lays the View out again (resize), which gives the
 * SVG a new View gives, in a third of the time. Only for inline values that
 * need no parsing (view.data inserts them as they are).
 */
function reusableView(vega, entry) {
  if (entry.view !== undefined) return entry.view;
  const source = entry.compiled.data.find((d) => d.name === entry.source);
  const plain = !source.format || Object.keys(source.format).every((k) => k === 'type' && source.format.type === 'json');
  if (!plain || entry.compiled.signals?.some((s) => s.name === TITLE_SIGNAL)) return (entry.view = null);
  const spec = structuredClone(entry.compiled);
  spec.title.text = { signal: TITLE_SIGNAL };
  spec.data.find((d) => d.name === entry.source).values = [];
  spec.signals = [...(spec.signals ?? []), { name: TITLE_SIGNAL, value: '' }];
  return (entry.view = new vega.View(vega.parse(spec), { renderer: 'none' }));
}

async function svgInOwnView(vl, vega, spec) {
  const view = new vega.View(vega.parse(compileSpec(vl, spec)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The spec as SVG: in its shape's View (one chart at a time), else in a View of its own. */
function svgOf(vl, vega, spec, reuseViews) {
  const entry = reuseViews ? shapeOf(vl, spec) : undefined;
  if (!entry) return svgInOwnView(vl, vega, spec);
  const drawn = entry.queue.then(async () => {
    const view = reusableView(vega, entry);
    if (!view) return svgInOwnView(vl, vega, spec);
    try {
      view.signal(TITLE_SIGNAL, spec.title.text);
      view.data(entry.source, spec.data.values);
      view.resize();
      await view.runAsync();
      return await view.toSVG();
    } catch (error) {
      // A chart that failed may leave the View half-updated: the next one starts a new View.
      if (entry.view === view) entry.view = undefined;
      view.finalize();
      throw error;
    }
  });
  entry.queue = drawn.catch(() => undefined);
  return drawn;
}

/**
 * Draws `spec` with the fonts in `fontFiles` only (system fonts are never
 * looked at, so the PNG is the same on every machine). `reuseViews: false`
 * draws in a new View (tests compare the two).
 * @param {Record<string, unknown>} spec
 * @param {string[]} fontFiles
 * @param {{ reuseViews?: boolean }} [options]
 * @returns {Promise<{ png: Uint8Array; width: number; height: number }>}
 */
export async function drawPng(spec, fontFiles, { reuseViews = true } = {}) {
  const [vl, vega, resvg] = await load();
  const svg = await svgOf(vl, vega, spec, reuseViews);
  const image = new resvg.Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: ZOOM },
    background: 'white',
  }).render();
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}
