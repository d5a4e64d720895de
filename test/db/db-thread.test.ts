// PGlite in its own thread (openDatabase({ thread: true }), what the servers
// run): the same Prisma behaviour as in-process — reads, writes, interactive
// transactions, Prisma's error codes — over ports, a second client for another
// thread (share()), and the caller's event loop free while SQL runs.
import { rm } from 'node:fs/promises';
import { MessageChannel } from 'node:worker_threads';
import { Prisma } from '../../src/generated/prisma/client.js';
import { afterAll, describe, expect, it } from 'vitest';
import { bridgedAdapterFactory } from '../../src/db/adapter-bridge.js';
import { openDatabase, openSharedDatabase, type Database } from '../../src/db/client.js';
import { createTestDataDir } from '../helpers/test-database.js';

describe('PGlite in the database thread', () => {
  const dirs: string[] = [];
  const opened: Database[] = [];
  afterAll(async () => {
    for (const db of opened) await db.close();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const open = async () => {
    const dir = await createTestDataDir('jobbot-db-thread-');
    dirs.push(dir);
    const db = await openDatabase({ dataDir: dir, thread: true });
    opened.push(db);
    return { db, dir };
  };

  it('reads and writes, commits and rolls back interactive transactions, and reports a unique violation as P2002', async () => {
    const { db } = await open();
    await db.prisma.team.create({ data: { name: 'Nord' } });
    expect((await db.prisma.team.findMany()).map((t) => t.name)).toEqual(['Nord']);

    await db.prisma.$transaction(async (tx) => {
      await tx.team.create({ data: { name: 'Syd' } });
      expect(await tx.team.count()).toBe(2);
    });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.team.create({ data: { name: 'Vest' } });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await db.prisma.team.findMany({ orderBy: { name: 'asc' } })).map((t) => t.name)).toEqual(['Nord', 'Syd']);

    const duplicate = await db.prisma.team.create({ data: { name: 'Nord' } }).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((duplicate as Prisma.PrismaClientKnownRequestError).code).toBe('P2002');
  }, 120_000);

  it('gives another thread its own connection to the same database (share), and keeps what was written after close', async () => {
    const { db, dir } = await open();
    const other = await openSharedDatabase(db.share!());
    try {
      await other.prisma.team.create({ data: { name: 'Fra jobtråden' } });
      expect((await db.prisma.team.findMany()).map((t) => t.name)).toEqual(['Fra jobtråden']);
      // A transaction of one client holds the database (PGlite is one connection); the other waits and then sees its result.
      let release!: () => void;
      let inside!: () => void;
      const entered = new Promise<void>((resolve) => (inside = resolve));
      const held = db.prisma.$transaction(async (tx) => {
        await tx.team.create({ data: { name: 'I transaktion' } });
        inside();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await entered;
      const read = other.prisma.team.count();
      release();
      await held;
      expect(await read).toBe(2);
    } finally {
      await other.close();
    }
    await db.close();
    opened.splice(opened.indexOf(db), 1);
    const again = await openDatabase({ dataDir: dir });
    try {
      expect(await again.prisma.team.count()).toBe(2);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('leaves the caller’s event loop running while a statement runs (timers keep firing during it)', async () => {
    const { db } = await open();
    let fired = 0;
    const timer = setInterval(() => fired++, 5);
    try {
      // A statement that keeps the database busy for a good while (seconds in WebAssembly).
      const rows = await db.prisma.$queryRawUnsafe<Array<{ n: bigint }>>('SELECT count(*) AS n FROM generate_series(1, 3000000) AS s, LATERAL (SELECT md5(s::text)) AS h');
      expect(Number(rows[0]!.n)).toBe(3_000_000);
      // In-process PGlite runs the statement in one piece on this thread: the timer fires a
      // handful of times around it (4 times in a 3 s statement when tried; about 200 here), not throughout it.
      expect(fired).toBeGreaterThan(50);
    } finally {
      clearInterval(timer);
    }
  }, 120_000);

  it('fails a waiting query when the database side goes away, instead of hanging', async () => {
    const { port1, port2 } = new MessageChannel();
    const connecting = bridgedAdapterFactory(port1).connect().catch((error: unknown) => error);
    port2.close();
    const adapter = await connecting;
    // connect() itself waits for the other side's hello: it fails once the port closes.
    expect(adapter).toBeInstanceOf(Error);
    expect((adapter as Error).message).toContain('database thread has stopped');
  });
});
