// GET /healthz (liveness) and GET /readyz (readiness: database answers and is
// migrated) on the shared HTTP server, against a real database that is then
// closed, a database that never answers, and one missing a migration.
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/channels/http-server.js';
import { databaseReadiness, type Readiness } from '../../src/channels/readiness.js';
import { defaultMigrationPaths, readMigrationList } from '../../src/db/migrations.js';
import type { PrismaClient } from '../../src/db/types.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';

let http: HttpServer | undefined;
let db: Database | undefined;

afterEach(async () => {
  await http?.close();
  await db?.close().catch(() => undefined);
  http = db = undefined;
});

const shipped = async () => (await readMigrationList(defaultMigrationPaths.migrationsDir)).migrationDirectories.map((m) => m.path);

async function serve(prisma: PrismaClient, expectedMigrations: readonly string[], timeoutMs?: number) {
  const changes: Readiness[] = [];
  http = createHttpServer(undefined, { readiness: databaseReadiness(prisma, { expectedMigrations, timeoutMs }), onReadinessChange: (r) => changes.push(r) });
  const port = await http.listen(0, '127.0.0.1');
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { get, changes };
}

describe('/healthz and /readyz', () => {
  it('both answer 503 "starting" until the app is ready, then 200 with a migrated, reachable database', async () => {
    db = await createTestDatabase();
    const migrations = await shipped();
    expect(migrations.length).toBeGreaterThan(0);
    const { get } = await serve(db.prisma, migrations);
    expect(await get('/healthz')).toEqual({ status: 503, body: { status: 'starting' } });
    expect(await get('/readyz')).toEqual({ status: 503, body: { status: 'not ready', reason: 'starting' } });
    http!.markReady();
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('readyz answers 503 "database unreachable" once the database is closed, while healthz stays 200; the change is reported once', async () => {
    db = await createTestDatabase();
    const { get, changes } = await serve(db.prisma, await shipped());
    http!.markReady();
    expect((await get('/readyz')).status).toBe(200);
    await db.close();
    expect(await get('/readyz')).toEqual({ status: 503, body: { status: 'not ready', reason: 'database unreachable' } });
    expect(await get('/readyz')).toEqual({ status: 503, body: { status: 'not ready', reason: 'database unreachable' } });
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(changes).toEqual([{ ready: true }, { ready: false, reason: 'database unreachable' }]);
  });

  it('readyz answers 503 when every query throws, or when the database does not answer in time', async () => {
    const throwing = new Proxy({} as PrismaClient, {
      get: () => () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432 (user jobbot)')),
    });
    const { get } = await serve(throwing, ['20261123005213_init']);
    http!.markReady();
    const answer = await get('/readyz');
    expect(answer).toEqual({ status: 503, body: { status: 'not ready', reason: 'database unreachable' } });
    await http!.close();

    const hanging = new Proxy({} as PrismaClient, { get: () => () => new Promise(() => undefined) });
    const slow = await serve(hanging, ['20261123005213_init'], 50);
    http!.markReady();
    expect(await slow.get('/readyz')).toEqual({ status: 503, body: { status: 'not ready', reason: 'database did not answer in time' } });
  });

  it('readyz names a migration this build ships that the database has not applied', async () => {
    db = await createTestDatabase();
    const { get } = await serve(db.prisma, [...(await shipped()), '29990101000000_future']);
    http!.markReady();
    expect(await get('/readyz')).toEqual({ status: 503, body: { status: 'not ready', reason: 'migrations not applied: 29990101000000_future' } });
  });
});
