// vitest globalSetup: bundles the project's command-line entries ONCE per test
// run with esbuild, exactly as `npm start` bundles src/index.ts
// (scripts/build.mjs: code splitting, import.meta.url and process.argv[1] of
// the source files, npm packages external), so a child-process test starts
// plain `node` on a built file instead of `tsx` compiling the whole source
// tree again for every call. test/start.test.ts still runs `npm start` itself,
// once, to prove the README's command works.
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleEntry, entryFile, projectRoot } from '../../scripts/build.mjs';

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
    /** Folder with one bundle folder per BUILT_ENTRIES item (see builtEntryFile()). */
    builtEntries: string;
  }
}

/** `src/import-cli.ts` → `<dir>/src__import-cli/import-cli.mjs` (a folder per entry: each has its own chunks). */
export function builtEntryFile(dir: string, entry: string): string {
  return entryFile(entry, join(dir, entry.replace(/\.ts$/, '').replace(/[\\/]/g, '__')));
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'jobbot-built-entries-'));
  // Bare imports in a bundle resolve from its folder upwards: point it at the project's packages.
  await symlink(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'junction'); // a junction needs no privilege on Windows
  await Promise.all(BUILT_ENTRIES.map((entry) => bundleEntry(entry, join(builtEntryFile(dir, entry), '..'))));
  project.provide('builtEntries', dir);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
