// Counts the Prisma calls a piece of code makes, by wrapping the client: each
// model delegate call (citizen.findMany, delivery.createMany, …) and each
// client method ($transaction, …) is recorded as "model.operation". Tests
// assert on these counts, never on wall-clock speed.
import type { PrismaClient } from '../../src/db/types.js';

export interface CountedClient {
  prisma: PrismaClient;
  calls: string[];
  count(call: string): number;
  reset(): void;
}

export function countQueries(prisma: PrismaClient): CountedClient {
  const calls: string[] = [];
  const wrapDelegate = (model: string, delegate: object) =>
    new Proxy(delegate, {
      get(target, op) {
        const value: unknown = Reflect.get(target, op, target);
        if (typeof value !== 'function' || typeof op !== 'string') return value;
        return (...args: unknown[]) => {
          calls.push(`${model}.${op}`);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const proxy = new Proxy(prisma, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof prop !== 'string') return value;
      // Raw statements count too, by their method ($queryRaw, $executeRawUnsafe, …).
      if (typeof value === 'function' && /^\$(query|execute)Raw/.test(prop)) {
        return (...args: unknown[]) => {
          calls.push(prop);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (typeof value === 'function') return (value as (...a: unknown[]) => unknown).bind(target);
      if (value && typeof value === 'object' && !prop.startsWith('$') && !prop.startsWith('_') && 'findMany' in value) return wrapDelegate(prop, value);
      return value;
    },
  });
  return {
    prisma: proxy,
    calls,
    count: (call) => calls.filter((c) => c === call).length,
    reset: () => void calls.splice(0),
  };
}
