// Counts the SQL statements a piece of code sends to a PGlite database, at the
// driver: every query Prisma sends (inside transactions too, where the
// delegate-level query-counter does not see), and each transaction as one
// more (BEGIN … COMMIT). These are the round trips of issue 15; tests assert
// on the counts, never on wall-clock speed. PGlite only: on PostgreSQL
// (DATABASE_URL) `supported` is false and nothing is counted.
import type { Database } from '../../src/db/client.js';

interface Queryable {
  query(...args: unknown[]): Promise<unknown>;
}
interface PgliteLike extends Queryable {
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

export interface StatementCounter {
  supported: boolean;
  /** The statements sent since the last reset, SQL cut to 120 characters; 'BEGIN' for each transaction. */
  statements: string[];
  readonly count: number;
  reset(): void;
  /** Stops counting (restores the driver). */
  stop(): void;
}

export function countStatements(db: Database): StatementCounter {
  const statements: string[] = [];
  const pglite = (db as Database & { pglite?: PgliteLike }).pglite;
  const counter: StatementCounter = {
    supported: pglite !== undefined,
    statements,
    get count() {
      return statements.length;
    },
    reset: () => void statements.splice(0),
    stop: () => undefined,
  };
  if (!pglite) return counter;
  const record = (sql: unknown) => statements.push(String(sql).replace(/\s+/g, ' ').slice(0, 120));
  const wrapQuery = (target: Queryable) => {
    const original = target.query;
    return (...args: unknown[]) => {
      record(args[0]);
      return original.apply(target, args);
    };
  };
  const originalQuery = pglite.query;
  const originalTransaction = pglite.transaction;
  pglite.query = wrapQuery(pglite);
  pglite.transaction = function <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    record('BEGIN');
    return originalTransaction.call(pglite, (tx: Queryable) => fn(new Proxy(tx, { get: (t, p) => (p === 'query' ? wrapQuery(t) : Reflect.get(t, p, t)) }))) as Promise<T>;
  };
  counter.stop = () => {
    pglite.query = originalQuery;
    pglite.transaction = originalTransaction;
  };
  return counter;
}
