// A bounded pool: at most `concurrency` promises in flight, all awaited.
// Proactive sends go through this, never through forEach(async …).
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/**
 * At most `concurrency` calls of the returned function's work at once; the
 * rest wait in order. For the outbox's platform calls: waiting for a
 * conversation's pacing holds no slot, only a send in flight does.
 */
export function limiter(concurrency: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= Math.max(1, concurrency)) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next(); // the slot passes straight to the next in line
      else active--;
    }
  };
}
