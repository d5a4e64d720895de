// `npm start`: runs src/index.ts as compiled JavaScript. Bundles it into
// dist/app/ (scripts/build.mjs) when a source is newer than the bundle, then
// imports the bundle in this process with source maps on, so stack traces
// name the .ts files. Plain node instead of tsx: tsx transforming every module
// cost about a second of start-up (bench/README.md).
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ENTRY = 'src/index.ts';
const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const outdir = join(root, 'dist', 'app');
const main = join(outdir, 'index.mjs'); // entryFile(ENTRY, outdir), without loading esbuild
// The bundle's inputs (relative to root), written by the last build: what to compare against.
const inputsFile = join(outdir, 'inputs.json');
// Changes to these change the bundle too, though esbuild does not list them as inputs.
const ALSO = ['scripts/build.mjs', 'scripts/start.mjs', 'package.json', 'tsconfig.json'];

async function isFresh() {
  try {
    const built = (await stat(main)).mtimeMs;
    const inputs = JSON.parse(await readFile(inputsFile, 'utf8'));
    const times = await Promise.all([...inputs, ...ALSO].map(async (file) => (await stat(join(root, file))).mtimeMs));
    return times.every((time) => time <= built);
  } catch {
    return false; // no bundle yet, or an input is gone
  }
}

async function rebuild() {
  const startedAt = new Date();
  const { bundleEntry } = await import('./build.mjs');
  const result = await bundleEntry(ENTRY, outdir, { sourcemap: true, write: false });
  await mkdir(outdir, { recursive: true });
  // Write then rename, so a start running at the same moment never imports half a file;
  // chunks (named by their content) first, the entry last.
  const place = async (file, contents) => {
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, contents);
    await rename(temporary, file);
  };
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === main) - Number(b.path === main));
  for (const file of files) await place(file.path, file.contents);
  // Dated when the build began: a source saved during the build is newer, and builds again next time.
  await utimes(main, startedAt, startedAt);
  const inputs = Object.keys(result.metafile.inputs).map((file) => relative(root, resolve(root, file)));
  await place(inputsFile, JSON.stringify(inputs));
  // Chunks of earlier builds: a running start imports all the chunks it uses while starting up.
  const current = new Set(files.map((file) => basename(file.path)));
  for (const name of await readdir(outdir)) {
    if (/^chunk-.*\.mjs(\.map)?$/.test(name) && !current.has(name)) await rm(join(outdir, name), { force: true });
  }
}

try {
  if (!(await isFresh())) await rebuild();
} catch (error) {
  // esbuild has printed the compile errors already.
  process.stderr.write(`jobbot: could not build ${relative(root, main)}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(main).href);
