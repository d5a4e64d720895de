// GET /readyz: may a load balancer send traffic here? /healthz says only that
// the process is up (liveness: restart me if not); /readyz also says the
// database answers and has every migration this build expects. One cheap
// query does both: reading _prisma_migrations proves the connection works.
import type { PrismaClient } from '../db/types.js';

export type Readiness = { ready: true } | { ready: false; reason: string };

export interface ReadinessOptions {
  /** Migration folder names this build ships (prisma/migrations). */
  expectedMigrations: readonly string[];
  /** An unreachable server must not hold the probe until the load balancer's own timeout. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 2_000;

/** A readiness check for the HTTP server; never throws, the reason is short and holds no connection details. */
export function databaseReadiness(prisma: PrismaClient, options: ReadinessOptions): () => Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    try {
      const applied = await Promise.race([
        prisma.$queryRaw<Array<{ migration_name: string }>>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        timeout,
      ]);
      if (applied === 'timeout') return { ready: false, reason: 'database did not answer in time' };
      const names = new Set(applied.map((row) => row.migration_name));
      const missing = options.expectedMigrations.filter((name) => !names.has(name));
      if (missing.length > 0) return { ready: false, reason: `migrations not applied: ${missing.join(', ')}` };
      return { ready: true };
    } catch {
      return { ready: false, reason: 'database unreachable' };
    } finally {
      clearTimeout(timer);
    }
  };
}
