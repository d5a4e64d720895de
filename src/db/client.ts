// Prisma client factory: a PostgreSQL server when a URL is given, otherwise
// PGlite (PostgreSQL in WebAssembly) persisted in a local folder. Both get
// the same migrations applied before the client is handed out.
import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { withChangeJournal } from './change-journal.js';
import { withCprWriteGuard } from './cpr-write-guard.js';
import { applyMigrations, defaultMigrationPaths, type MigrationPaths } from './migrations.js';
import { PGLITE_OPTIONS } from './pglite-options.js';
import { bridgedAdapterFactory } from './adapter-bridge.js';
import type { DbThreadData, DbThreadEvent, DbThreadRequest } from './db-thread.js';
import { startThread } from '../thread-worker.js';

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** Migrations applied while opening (empty when already up to date or not migrated). */
  appliedMigrations: string[];
  /**
   * How another thread (the jobs thread) reaches the same database: the
   * PostgreSQL URL, or a new port to the database thread. Absent for an
   * in-process PGlite, which only its own thread can use.
   */
  share?(): SharedDatabase;
  close(): Promise<void>;
}

/** What share() gives another thread; openSharedDatabase() there opens it. */
export type SharedDatabase = { kind: 'postgres'; databaseUrl: string; schema?: string } | { kind: 'pglite'; port: MessagePort };

/** What postMessage or workerData must transfer along with `shared`. */
export function transferables(shared: SharedDatabase): MessagePort[] {
  return shared.kind === 'pglite' ? [shared.port] : [];
}

export interface OpenDatabaseOptions {
  /** postgresql://… ; a `?schema=` parameter is honoured like Prisma's. */
  databaseUrl?: string;
  /** PGlite data folder, used when no databaseUrl is given. */
  dataDir?: string;
  /** PostgreSQL schema to use (created if missing). Default: public. */
  schema?: string;
  migrations?: MigrationPaths;
  /**
   * PGlite in its own thread (src/db/db-thread.ts), reached through ports, so
   * that its SQL never runs on the caller's thread. The servers use it; tests
   * and CLIs keep PGlite in-process. Ignored for PostgreSQL, which is always
   * another process.
   */
  thread?: boolean;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  if (!options.dataDir) throw new Error('openDatabase needs databaseUrl or dataDir');
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  if (options.thread) return openPgliteThread(dataDir, options.migrations);
  const db = await wrapPglite(await PGlite.create(dataDir, PGLITE_OPTIONS));
  return migrateOrClose(db, new PrismaPGlite(db.pglite), options.migrations);
}

export { PGLITE_OPTIONS } from './pglite-options.js';

/**
 * A migrated, in-memory PGlite serialised as a tarball. Starting PGlite costs
 * about 4 s, cloning a snapshot about 0.7 s: tests build one and clone it.
 */
export async function createPgliteSnapshot(migrations?: MigrationPaths): Promise<Uint8Array> {
  const pglite = await PGlite.create();
  try {
    await applyMigrations(new PrismaPGlite(pglite), migrations ?? defaultMigrationPaths);
    const dump = await pglite.dumpDataDir('none');
    return new Uint8Array(await dump.arrayBuffer());
  } finally {
    await pglite.close();
  }
}

/** An in-memory PGlite cloned from createPgliteSnapshot(); not migrated again. */
export async function openPgliteFromSnapshot(snapshot: Uint8Array): Promise<Database> {
  // Copy into a plain ArrayBuffer-backed view: Blob rejects SharedArrayBuffer views in the types.
  const pglite = await PGlite.create({ ...PGLITE_OPTIONS, loadDataDir: new Blob([new Uint8Array(snapshot)]) });
  return wrapPglite(pglite);
}

/** Every client jobbot uses: the CPR write guard on every write, and the change journal behind undo. */
function guarded(prisma: PrismaClient): PrismaClient {
  return withChangeJournal(withCprWriteGuard(prisma));
}

async function wrapPglite(pglite: PGlite): Promise<Database & { pglite: PGlite }> {
  const prisma = guarded(new PrismaClient({ adapter: new PrismaPGlite(yieldingPglite(pglite)) }));
  return {
    prisma,
    pglite,
    kind: 'pglite',
    appliedMigrations: [],
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * PGlite runs SQL on this thread and settles its promises as microtasks, so a
 * chain of statements never lets the event loop turn: a 10 s scheduler tick at
 * 30 000 citizens was one 10 s stall, with every Slack ack and health check
 * waiting behind it (issue 15). Each statement first waits for the event loop
 * to turn (setImmediate, microseconds), so a stall is at most one statement
 * and the JavaScript between two statements.
 */
function yieldingPglite(pglite: PGlite): PGlite {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  type Queryable = { query: (...args: unknown[]) => Promise<unknown> };
  const yieldingQueries = <T extends Queryable>(target: T): T =>
    new Proxy(target, {
      get(t, prop) {
        if (prop === 'query') return async (...args: unknown[]) => (await turn(), t.query(...args));
        const value: unknown = Reflect.get(t, prop, t);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
      },
    });
  return new Proxy(pglite, {
    get(target, prop) {
      if (prop === 'query') return async (...args: unknown[]) => (await turn(), (target.query as (...a: unknown[]) => Promise<unknown>)(...args));
      if (prop === 'transaction') {
        return async <T>(fn: (tx: Queryable) => Promise<T>) => (await turn(), target.transaction((tx) => fn(yieldingQueries(tx as unknown as Queryable))));
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** PGlite in the database thread; this thread's Prisma Client talks to it over a port. */
async function openPgliteThread(dataDir: string, migrations: MigrationPaths | undefined): Promise<Database> {
  const worker = startThread('db-thread', { workerData: { dataDir, migrations } satisfies DbThreadData });
  let main: BridgedDatabase | undefined;
  let closed = false;
  const events = new EventEmitter();
  worker.on('message', (event: DbThreadEvent) => events.emit('event', event));
  // A thread that dies takes every waiting query with it: they fail instead of hanging.
  const died = (error: Error) => {
    main?.fail(error);
    events.emit('event', { failed: error.message } satisfies DbThreadEvent);
  };
  worker.on('error', died);
  worker.on('exit', (code) => {
    if (!closed) died(new Error(`the database thread stopped (exit code ${code})`));
  });
  const next = () => new Promise<DbThreadEvent>((resolve) => events.once('event', resolve));
  const opened = await next();
  if (!('ready' in opened)) {
    closed = true;
    await worker.terminate();
    throw new Error('failed' in opened ? opened.failed : 'the database thread closed while opening');
  }
  const connect = (): MessagePort => {
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ connect: port2 } satisfies DbThreadRequest, [port2]);
    return port1;
  };
  main = bridgedDatabase(connect());
  const connection = main;
  return {
    ...connection,
    appliedMigrations: opened.appliedMigrations,
    share: () => ({ kind: 'pglite', port: connect() }),
    async close() {
      if (closed) return;
      await connection.close();
      closed = true;
      const done = next();
      worker.postMessage({ close: true } satisfies DbThreadRequest);
      // PGlite writes its folder on close; a thread that does not answer is stopped.
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      await worker.terminate();
    },
  };
}

type BridgedDatabase = Database & { fail(error: Error): void };

/** A Prisma Client over a port to the database thread (src/db/adapter-bridge.ts). */
function bridgedDatabase(port: MessagePort): BridgedDatabase {
  const adapter = bridgedAdapterFactory(port);
  const prisma = guarded(new PrismaClient({ adapter }));
  return {
    prisma,
    kind: 'pglite',
    appliedMigrations: [],
    fail: (error) => adapter.fail(error),
    async close() {
      await prisma.$disconnect();
      adapter.close();
    },
  };
}

/** Opens, in another thread, what share() gave it (not migrated again: the opener did). */
export async function openSharedDatabase(shared: SharedDatabase): Promise<Database> {
  if (shared.kind === 'postgres') return postgresDatabase(postgresConfig(shared.databaseUrl, shared.schema), []);
  return bridgedDatabase(shared.port);
}

async function openPostgres(databaseUrl: string, options: OpenDatabaseOptions): Promise<Database> {
  const connection = postgresConfig(databaseUrl, options.schema);
  return postgresDatabase(connection, await migratePostgres(connection.config, connection.schema, options.migrations));
}

/** A pool and its Prisma Client; share() gives another thread the same URL and schema. */
function postgresDatabase(connection: PostgresConnection, appliedMigrations: string[]): Database {
  const { databaseUrl, config, schema } = connection;
  const pool = new pg.Pool(config);
  const prisma = guarded(new PrismaClient({ adapter: new PrismaPg(pool, schema ? { schema } : undefined) }));
  return {
    prisma,
    kind: 'postgres',
    appliedMigrations,
    share: () => ({ kind: 'postgres', databaseUrl, schema }),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

interface PostgresConnection {
  databaseUrl: string;
  config: pg.PoolConfig;
  schema?: string;
}

function postgresConfig(databaseUrl: string, givenSchema?: string): PostgresConnection {
  const url = new URL(databaseUrl);
  const schema = givenSchema ?? url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema'); // pg would send it to the server as a setting
  const config: pg.PoolConfig = {
    connectionString: url.toString(),
    // Unqualified names in migration SQL and raw queries land in the schema.
    ...(schema ? { options: `-c search_path=${quoteIdent(schema)}` } : {}),
  };
  return { databaseUrl, config, schema };
}

/**
 * Migrates over one dedicated connection that is closed afterwards: the
 * engine takes a session advisory lock and never releases it, so on a shared
 * pool every later migrator (another instance, another test file) waited
 * 10 s for the lock and then went ahead without it.
 */
async function migratePostgres(
  config: pg.PoolConfig,
  schema: string | undefined,
  migrations: MigrationPaths | undefined,
): Promise<string[]> {
  const pool = new pg.Pool({ ...config, max: 1 });
  try {
    if (schema) await createSchema(pool, schema);
    return await applyMigrations(new PrismaPg(pool, schema ? { schema } : undefined), migrations ?? defaultMigrationPaths);
  } finally {
    await pool.end();
  }
}

async function migrateOrClose<T extends Database>(
  db: T,
  adapter: PrismaPGlite,
  migrations: MigrationPaths | undefined,
): Promise<T> {
  try {
    db.appliedMigrations = await applyMigrations(adapter, migrations ?? defaultMigrationPaths);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  } catch (error) {
    // Two openers racing: IF NOT EXISTS is not atomic in PostgreSQL.
    if ((error as { code?: string }).code !== '23505') throw error;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
