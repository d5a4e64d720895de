// Types for scripts/build.mjs (plain JavaScript, so that it runs before anything is built).
import type { BuildResult } from 'esbuild';

export declare const projectRoot: string;
export declare function entryFile(entry: string, outdir: string): string;
export declare function bundleEntry(
  entry: string,
  outdir: string,
  options?: { sourcemap?: boolean; write?: boolean },
): Promise<BuildResult<{ metafile: true; write: boolean }>>;
