// Bundles an entry (src/index.ts, a CLI) with esbuild into one folder of ESM
// files, so that start-up runs plain `node` instead of tsx transforming every
// module (the bulk of start-up time). Plain JavaScript: it runs before
// anything is built. Used by `npm start` (scripts/start.mjs) and by the tests
// (test/helpers/build-entries.ts).
//
// Code splitting keeps a dynamic `import()` lazy: the Slack and Teams channels,
// the console and the demo seed become their own chunks, and the SDKs they
// import (@slack/bolt, botbuilder) load only with them. Without splitting,
// esbuild hoists every package import to the top of the one file.
//
// The bundle behaves as if it ran from its source files: every
// `import.meta.url` in the project's own files becomes the URL of that source
// file (the code finds prisma/, teams/ and manifest.json beside its source),
// and process.argv[1] is the entry's source path, as under tsx (a script that
// checks "am I the main module?" still says yes). npm packages stay external
// and load from node_modules; Prisma's generated client (src/generated/prisma)
// is project source and is bundled.
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const projectRoot = resolve(fileURLToPath(import.meta.url), '..', '..');

/**
 * Worker threads any entry may start (src/thread-worker.ts): bundled beside it,
 * as `<outdir>/<name>.mjs`, sharing its chunks.
 */
export const THREAD_ENTRIES = ['src/db/db-thread.ts', 'src/jobs-thread.ts'];

/** The file to run in `outdir` after bundleEntry(entry, outdir): `src/import-cli.ts` → `<outdir>/import-cli.mjs`. */
export function entryFile(entry, outdir) {
  return join(outdir, `${basename(entry, '.ts')}.mjs`);
}

/** Rewrites import.meta.url in the project's own files to the file's source URL. */
const sourceLocation = {
  name: 'source-location',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = await readFile(args.path, 'utf8');
      const contents = source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * Bundles `entry` (relative to the project root) into `outdir`: entryFile() and
 * its chunks. With `write: false` the files are returned instead (scripts/start.mjs
 * writes them itself). Returns esbuild's result; its metafile lists the inputs.
 */
export function bundleEntry(entry, outdir, { sourcemap = false, write = true } = {}) {
  return build({
    absWorkingDir: projectRoot,
    entryPoints: [entry, ...THREAD_ENTRIES].map((file) => join(projectRoot, file)),
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    sourcemap: sourcemap ? 'linked' : false,
    metafile: true,
    write,
    // The real import.meta.url (the banner is not rewritten): where src/thread-worker.ts finds the threads' files.
    banner: { js: `process.argv[1] = ${JSON.stringify(join(projectRoot, entry))}; globalThis.JOBBOT_BUNDLE_URL ??= import.meta.url;` },
    plugins: [sourceLocation],
  });
}
