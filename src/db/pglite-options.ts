/**
 * PGlite's own cache. Its default shared_buffers is 128 MB, allocated inside
 * the WebAssembly memory (which never shrinks): measured on an existing
 * folder, 347 MB resident after opening with the default, 247 MB with 32 MB.
 * 32 MB holds a team's whole working set (a municipality's 30 000 citizens
 * belong on a PostgreSQL server); reads beyond it come from the operating
 * system's file cache. The rest are PGlite 0.4.3's defaults, which
 * startParams replaces as a whole. (Its own module: the database thread
 * needs it without loading Prisma Client.)
 */
export const PGLITE_OPTIONS = {
  startParams: [
    '--single', '-F', '-O', '-j',
    '-c', 'search_path=public',
    '-c', 'exit_on_error=false',
    '-c', 'log_checkpoints=false',
    '-c', 'max_worker_processes=0',
    '-c', 'max_parallel_workers=0',
    '-c', 'max_parallel_workers_per_gather=0',
    '-c', 'shared_buffers=32MB',
  ],
};
