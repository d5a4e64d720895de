// Prisma's driver adapter across a MessagePort: the database runs in one
// thread (src/db/db-thread.ts owns PGlite), Prisma Clients in others (the
// main thread answering Slack and Teams, the jobs thread). PGlite executes SQL
// on the thread that owns it, so a 300 ms statement of the morning run held
// every Slack acknowledgement for 300 ms (issue 15); behind a port it holds
// only the requests that wait for that database.
//
// The protocol is the driver adapter interface itself (queryRaw, executeRaw,
// executeScript, transactions), so Prisma's query compiler, the CPR write
// guard and the change journal stay in the client's thread, unchanged. Rows
// cross as arrays of plain values (structured clone).
import type { MessagePort } from 'node:worker_threads';
import {
  DriverAdapterError,
  isDriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from '@prisma/driver-adapter-utils';

type Request =
  | { id: number; op: 'hello' }
  | { id: number; op: 'queryRaw' | 'executeRaw'; tx?: number; query: SqlQuery }
  | { id: number; op: 'executeScript'; script: string }
  | { id: number; op: 'startTransaction'; isolationLevel?: IsolationLevel }
  | { id: number; op: 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'dispose' };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

type Reply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: SentError };

/** A DriverAdapterError keeps its cause (Prisma maps it to P2002 and the rest); any other error its name and message. */
type SentError = { driverAdapterError: DriverAdapterError['cause'] } | { name: string; message: string };

interface Hello {
  adapterName: string;
  connectionInfo?: ConnectionInfo;
}

/**
 * The database's side: answers one client's requests on `port` with `adapter`.
 * When the client's thread goes away mid-transaction, its open transactions are
 * rolled back: PGlite is one connection, and an abandoned transaction would
 * hold it for everyone.
 */
export function serveAdapter(port: MessagePort, adapter: SqlDriverAdapter): void {
  const transactions = new Map<number, Transaction>();
  let nextTransaction = 1;
  const inTransaction = (id: number) => {
    const tx = transactions.get(id);
    if (!tx) throw new Error(`transaction ${id} is not open`);
    return tx;
  };
  const handle = async (request: Request): Promise<unknown> => {
    switch (request.op) {
      case 'hello':
        return { adapterName: adapter.adapterName, connectionInfo: adapter.getConnectionInfo?.() } satisfies Hello;
      case 'queryRaw':
        return (request.tx ? inTransaction(request.tx) : adapter).queryRaw(request.query);
      case 'executeRaw':
        return (request.tx ? inTransaction(request.tx) : adapter).executeRaw(request.query);
      case 'executeScript':
        return adapter.executeScript(request.script);
      case 'startTransaction': {
        const tx = await adapter.startTransaction(request.isolationLevel);
        const id = nextTransaction++;
        transactions.set(id, tx);
        return { id, options: tx.options };
      }
      case 'commit':
      case 'rollback': {
        const tx = inTransaction(request.tx);
        transactions.delete(request.tx);
        return request.op === 'commit' ? tx.commit() : tx.rollback();
      }
      case 'dispose':
        await abandonTransactions();
        return undefined;
    }
  };
  const abandonTransactions = async () => {
    const open = [...transactions.values()];
    transactions.clear();
    for (const tx of open) await tx.rollback().catch(() => undefined);
  };
  port.on('message', (request: Request) => {
    handle(request).then(
      (value) => port.postMessage({ id: request.id, ok: true, value } satisfies Reply),
      (error: unknown) => port.postMessage({ id: request.id, ok: false, error: sendable(error) } satisfies Reply),
    );
  });
  port.on('close', () => void abandonTransactions());
}

function sendable(error: unknown): SentError {
  if (isDriverAdapterError(error)) return { driverAdapterError: error.cause };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

function received(error: SentError): Error {
  if ('driverAdapterError' in error) return new DriverAdapterError(error.driverAdapterError);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

/** The client's end of one port: numbered requests, each settled by its reply. */
class PortClient {
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private gone: Error | undefined;

  constructor(private readonly port: MessagePort) {
    port.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.settled(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(received(reply.error));
    });
    port.on('close', () => this.fail(new Error('the database thread has stopped')));
    // An idle port does not keep the process alive; a request in flight does.
    port.unref();
  }

  call<T>(request: WithoutId<Request>): Promise<T> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    if (this.pending.size === 0) this.port.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.port.postMessage({ ...request, id });
    });
  }

  /** Every request still waiting fails with `error`, and so does every later one. */
  fail(error: Error): void {
    this.gone ??= error;
    for (const [id, waiting] of this.pending) {
      this.settled(id);
      waiting.reject(error);
    }
  }

  close(): void {
    this.fail(new Error('the database connection is closed'));
    this.port.close();
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.port.unref();
  }
}

const PROVIDER = 'postgres' as const;

class BridgedQueryable {
  readonly provider = PROVIDER;
  constructor(
    protected readonly client: PortClient,
    readonly adapterName: string,
    private readonly tx?: number,
  ) {}

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.client.call({ op: 'queryRaw', tx: this.tx, query });
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.client.call({ op: 'executeRaw', tx: this.tx, query });
  }
}

class BridgedTransaction extends BridgedQueryable implements Transaction {
  constructor(
    client: PortClient,
    adapterName: string,
    private readonly id: number,
    readonly options: TransactionOptions,
  ) {
    super(client, adapterName, id);
  }

  commit(): Promise<void> {
    return this.client.call({ op: 'commit', tx: this.id });
  }

  rollback(): Promise<void> {
    return this.client.call({ op: 'rollback', tx: this.id });
  }
}

class BridgedAdapter extends BridgedQueryable implements SqlDriverAdapter {
  constructor(
    client: PortClient,
    private readonly hello: Hello,
  ) {
    super(client, hello.adapterName);
  }

  executeScript(script: string): Promise<void> {
    return this.client.call({ op: 'executeScript', script });
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const { id, options } = await this.client.call<{ id: number; options: TransactionOptions }>({ op: 'startTransaction', isolationLevel });
    return new BridgedTransaction(this.client, this.adapterName, id, options);
  }

  getConnectionInfo(): ConnectionInfo {
    return this.hello.connectionInfo ?? { supportsRelationJoins: true };
  }

  /** Rolls back what is left open; the port stays (Prisma connects again after a $disconnect). */
  async dispose(): Promise<void> {
    await this.client.call({ op: 'dispose' }).catch(() => undefined);
  }
}

/**
 * Prisma's adapter factory over `port` (whose other end is served by
 * serveAdapter). `fail` lets the owner fail every waiting request when the
 * database thread dies, which a port does not always report.
 */
export function bridgedAdapterFactory(port: MessagePort): SqlDriverAdapterFactory & { fail(error: Error): void; close(): void } {
  const client = new PortClient(port);
  return {
    provider: PROVIDER,
    adapterName: 'jobbot-db-thread',
    async connect() {
      const hello = await client.call<Hello>({ op: 'hello' });
      return new BridgedAdapter(client, hello);
    },
    fail: (error) => client.fail(error),
    close: () => client.close(),
  };
}
