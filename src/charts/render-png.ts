// A Vega-Lite spec → PNG, with no browser: vega-lite compiles it, vega draws
// it as SVG (a headless View, renderer 'none'), resvg rasterises the SVG.
// The libraries are imported on first use, so start-up does not pay for them.
//
// Fonts: the PNG must look the same on every machine, with or without system
// fonts (CI runs on a fresh one), so DejaVu Sans is loaded from the
// dejavu-fonts-ttf package and system fonts are never looked at.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Pixels per CSS pixel of the spec: sharp enough on high-density screens, within Teams' 1024 px, about 40 kB. */
const ZOOM = 1.2;

interface Libraries {
  compile: (spec: never) => { spec: unknown };
  parse: (spec: never) => unknown;
  View: new (runtime: never, options: { renderer: 'none' }) => { toSVG(): Promise<string>; finalize(): void };
  Resvg: new (svg: string, options: Record<string, unknown>) => { render(): { asPng(): Buffer; width: number; height: number } };
  fontFiles: string[];
}

let libraries: Promise<Libraries> | undefined;

function load(): Promise<Libraries> {
  libraries ??= (async () => {
    const [vl, vega, resvg] = await Promise.all([import('vega-lite'), import('vega'), import('@resvg/resvg-js')]);
    const fonts = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    return {
      compile: vl.compile as unknown as Libraries['compile'],
      parse: vega.parse as unknown as Libraries['parse'],
      View: vega.View as unknown as Libraries['View'],
      Resvg: resvg.Resvg as unknown as Libraries['Resvg'],
      fontFiles: [join(fonts, 'DejaVuSans.ttf'), join(fonts, 'DejaVuSans-Bold.ttf')],
    };
  })();
  // A failed load (a missing native module) is tried again next time, not cached.
  libraries.catch(() => {
    libraries = undefined;
  });
  return libraries;
}

export interface RenderedPng {
  png: Uint8Array;
  width: number;
  height: number;
}

/** Renders a Vega-Lite spec to a PNG. Throws when the libraries cannot load or the spec is invalid. */
export async function renderVegaLitePng(spec: Record<string, unknown>): Promise<RenderedPng> {
  const lib = await load();
  const compiled = lib.compile(spec as never).spec;
  const view = new lib.View(lib.parse(compiled as never) as never, { renderer: 'none' });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const resvg = new lib.Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: lib.fontFiles, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: ZOOM },
    background: 'white',
  });
  const image = resvg.render();
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}
