// vitest globalSetup: bundles the project's command-line entries ONCE per test
// run with esbuild, so a child-process test starts plain `node` on a built
// file (about 1 s) instead of `tsx` compiling the whole source tree again for
// every call. test/start.test.ts still runs `npm start` itself, once, to prove
// the README's command works.
//
// Each bundle behaves as if it ran from its source file: every
// `import.meta.url` is replaced by the URL of the file it is written in (the
// code finds prisma/, teams/ and manifest.json beside its source), and
// process.argv[1] is set to the entry's source path, as tsx sets it (a script
// that checks "am I the main module?" still says yes). npm packages stay
// external and resolve from the project's node_modules.
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { TestProject } from 'vitest/node';

/** The entries tests run as child processes (see runScript and startApp). */
export const BUILT_ENTRIES = [
  'src/index.ts',
  'src/import-cli.ts',
  'src/purge-cli.ts',
  'scripts/slack-manifest.ts',
  'scripts/teams-package.ts',
] as const;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder with one bundle per BUILT_ENTRIES item (named by bundleName()). */
    builtEntries: string;
  }
}

const projectRoot = resolve(import.meta.dirname, '..', '..');

/** `src/import-cli.ts` → `src__import-cli.mjs` (one flat folder). */
export function bundleName(entry: string): string {
  return `${entry.replace(/\.ts$/, '').replace(/[\\/]/g, '__')}.mjs`;
}

/** Rewrites import.meta.url in the project's own files to the file's source URL. */
const sourceLocation: Plugin = {
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'jobbot-built-entries-'));
  // Bare imports in a bundle resolve from its folder upwards: point it at the project's packages.
  await symlink(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'junction'); // a junction needs no privilege on Windows
  await Promise.all(
    BUILT_ENTRIES.map((entry) =>
      build({
        entryPoints: [join(projectRoot, entry)],
        outfile: join(dir, bundleName(entry)),
        bundle: true,
        packages: 'external',
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'error',
        banner: { js: `process.argv[1] = ${JSON.stringify(join(projectRoot, entry))};` },
        plugins: [sourceLocation],
      }),
    ),
  );
  project.provide('builtEntries', dir);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
