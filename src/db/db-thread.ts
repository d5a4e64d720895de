// The database thread: owns the PGlite folder, migrates it, and serves a Prisma
// driver adapter on every port it is handed (src/db/adapter-bridge.ts): one for
// the main thread, one for the jobs thread. PGlite runs SQL on the thread that
// owns it; here a long statement delays only the queries waiting for it, never
// an acknowledgement or a health check on the main thread.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { serveAdapter } from './adapter-bridge.js';
import { applyMigrations, defaultMigrationPaths, type MigrationPaths } from './migrations.js';
import { PGLITE_OPTIONS } from './pglite-options.js';

export interface DbThreadData {
  dataDir: string;
  migrations?: MigrationPaths;
}

/** Messages the thread takes after it is ready. */
export type DbThreadRequest = { connect: MessagePort } | { close: true };
/** Messages it sends: once ready (or failed), and once closed. */
export type DbThreadEvent = { ready: true; appliedMigrations: string[] } | { failed: string } | { closed: true };

const port = parentPort!;
const { dataDir, migrations } = workerData as DbThreadData;
const post = (event: DbThreadEvent, transfer: MessagePort[] = []) => port.postMessage(event, transfer);

let pglite: PGlite | undefined;
try {
  pglite = await PGlite.create(dataDir, PGLITE_OPTIONS);
  const appliedMigrations = await applyMigrations(new PrismaPGlite(pglite), migrations ?? defaultMigrationPaths);
  const owned = pglite;
  port.on('message', (request: DbThreadRequest) => {
    if ('connect' in request) {
      void new PrismaPGlite(owned).connect().then((adapter) => serveAdapter(request.connect, adapter));
    } else {
      void owned.close().finally(() => {
        post({ closed: true });
        port.close();
      });
    }
  });
  post({ ready: true, appliedMigrations });
} catch (error) {
  await pglite?.close().catch(() => undefined);
  post({ failed: error instanceof Error ? error.message : String(error) });
  port.close();
}
