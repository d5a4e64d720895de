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

/** Compiled specs by their shape (the spec without its data values and title text): see compileSpec. */
const compiledByShape = new Map();
const MAX_SHAPES = 16;
const TITLE_MARK = '\u0000title\u0000';
const VALUES_MARK = '\u0000values\u0000';

/**
 * vl.compile(spec).spec, compiled once per shape: a batch of team charts
 * differs only in its inline data values and title text, which vega-lite
 * copies into the output unread (about a quarter of a chart's CPU time).
 * The shape is compiled with marks in their place and each mark must come
 * out exactly once; any other spec is compiled as it is.
 */
export function compileSpec(vl, spec) {
  const values = spec.data?.values;
  const title = spec.title;
  if (!Array.isArray(values) || !title || typeof title !== 'object' || typeof title.text !== 'string') return vl.compile(spec).spec;
  const shape = JSON.stringify({ ...spec, data: { ...spec.data, values: VALUES_MARK }, title: { ...title, text: TITLE_MARK } });
  let entry = compiledByShape.get(shape);
  if (!entry) {
    const compiled = vl.compile(JSON.parse(shape)).spec;
    const text = JSON.stringify(compiled);
    const once = (mark) => text.split(JSON.stringify(mark)).length === 2;
    const source = compiled.data?.find((d) => d.values === VALUES_MARK);
    entry = once(VALUES_MARK) && once(TITLE_MARK) && source && compiled.title?.text === TITLE_MARK ? { compiled, source: source.name } : { compiled: undefined };
    if (compiledByShape.size >= MAX_SHAPES) compiledByShape.delete(compiledByShape.keys().next().value);
    compiledByShape.set(shape, entry);
  }
  if (!entry.compiled) return vl.compile(spec).spec;
  const out = structuredClone(entry.compiled);
  out.title.text = title.text;
  out.data.find((d) => d.name === entry.source).values = values;
  return out;
}

/**
 * Draws `spec` with the fonts in `fontFiles` only (system fonts are never
 * looked at, so the PNG is the same on every machine).
 * @param {Record<string, unknown>} spec
 * @param {string[]} fontFiles
 * @returns {Promise<{ png: Uint8Array; width: number; height: number }>}
 */
export async function drawPng(spec, fontFiles) {
  const [vl, vega, resvg] = await load();
  const compiled = compileSpec(vl, spec);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  let svg;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const image = new resvg.Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: ZOOM },
    background: 'white',
  }).render();
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}
