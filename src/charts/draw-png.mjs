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

/**
 * Draws `spec` with the fonts in `fontFiles` only (system fonts are never
 * looked at, so the PNG is the same on every machine).
 * @param {Record<string, unknown>} spec
 * @param {string[]} fontFiles
 * @returns {Promise<{ png: Uint8Array; width: number; height: number }>}
 */
export async function drawPng(spec, fontFiles) {
  const [vl, vega, resvg] = await load();
  const compiled = vl.compile(spec).spec;
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
