// With an app id configured, botbuilder authenticates every request: unsigned
// or wrongly signed activities are refused with 401 before any bot logic runs.
// And authentication is never off by accident.
import { generateKeyPairSync, createSign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../src/channels/http-server.js';
import { createTeamsChannel, startTeams } from '../../../src/channels/teams/teams-channel.js';
import { loadConfig } from '../../../src/config.js';
import type { PrismaClient } from '../../../src/db/types.js';
import { activity } from './teams-harness.js';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const TENANT_ID = '8f0c6f1e-2a4b-4c1d-9e3f-5a6b7c8d9e0f';
// No request may reach the database: any use of it fails the test.
const noDatabase = new Proxy({}, { get: () => { throw new Error('the database was used'); } }) as unknown as PrismaClient;

function selfSignedJwt(claims: Record<string, unknown>): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const encode = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'not-a-microsoft-key' })}.${encode({ aud: APP_ID, iat: now, nbf: now, exp: now + 600, ...claims })}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url');
  return `${unsigned}.${signature}`;
}

describe('Teams authentication with an app id', () => {
  let http: HttpServer;
  let url: string;
  const logs: string[] = [];
  const rejected: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    http = createHttpServer();
    const log = (event: string, fields: Record<string, unknown> = {}) => {
      logs.push(event);
      if (event === 'teams.auth.rejected') rejected.push(fields);
    };
    startTeams({ http, router: { prisma: noDatabase, clock: () => new Date(), adminEmails: [] }, appId: APP_ID, appPassword: 'secret', tenantId: TENANT_ID, log });
    url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/api/messages`;
  });
  afterAll(async () => {
    await http.close();
  });
  const message = () => activity('personal-message', { serviceUrl: 'http://127.0.0.1:9/', user: 'anne', aadObjectId: 'x', text: 'caseload' });
  const post = (headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(message()) });

  it('refuses an unsigned request with 401', async () => {
    expect((await post({})).status).toBe(401);
  });

  it('refuses a token that is not a JWT, and one signed by someone else, with 401', async () => {
    expect((await post({ authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${selfSignedJwt({ iss: 'https://attacker.example/' })}` })).status).toBe(401);
  });

  it('writes no stack trace for refused requests: one rate-limited JSON log line through the logger', async () => {
    const consoleCalls: unknown[][] = [];
    const spies = (['error', 'warn', 'log'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoleCalls.push(args)));
    const write = process.stderr.write;
    let stderr = '';
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
    const before = logs.length;
    try {
      for (let i = 0; i < 5; i++) expect((await post({ authorization: i % 2 ? 'Bearer not-a-token' : '' })).status).toBe(401);
    } finally {
      process.stderr.write = write;
      for (const spy of spies) spy.mockRestore();
    }
    expect(consoleCalls).toEqual([]);
    expect(stderr).toBe('');
    // The earlier tests' refusals fall into the same minute: still at most one line.
    expect(logs.slice(before).filter((e) => e === 'teams.auth.rejected').length).toBeLessThanOrEqual(1);
    expect(logs.filter((e) => e === 'teams.auth.rejected')).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ status: 401, refused: 1, windowSeconds: 60 });
  });

  it('logs that it is ready with authentication, and answers only POST', async () => {
    expect(logs).toContain('teams.ready');
    expect((await fetch(url)).status).toBe(405);
  });
});

describe('authentication is never off by accident', () => {
  const router = { prisma: noDatabase, clock: () => new Date(), adminEmails: [] };
  const log = () => {};

  it('needs an app id, secret and tenant unless TEAMS_AUTH=off', () => {
    expect(() => createTeamsChannel({ router, log })).toThrow(/MICROSOFT_APP_ID/);
    expect(() => createTeamsChannel({ router, log, appId: APP_ID })).toThrow(/MICROSOFT_APP_PASSWORD/);
  });

  it('refuses TEAMS_AUTH=off in production and together with an app id', () => {
    expect(() => createTeamsChannel({ router, log, authOff: true, nodeEnv: 'production' })).toThrow(/production/);
    expect(() => createTeamsChannel({ router, log, authOff: true, appId: APP_ID })).toThrow(/MICROSOFT_APP_ID/);
    expect(() => loadConfig({ TEAMS_AUTH: 'off', NODE_ENV: 'production' })).toThrow(/TEAMS_AUTH.*production/);
    expect(() => loadConfig({ TEAMS_AUTH: 'off', MICROSOFT_APP_ID: APP_ID })).toThrow(/TEAMS_AUTH/);
    expect(() => loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's' })).toThrow(/MICROSOFT_APP_TENANT_ID/);
    expect(() => loadConfig({ MICROSOFT_APP_ID: 'jobbot' })).toThrow(/MICROSOFT_APP_ID/);
    expect(loadConfig({ TEAMS_AUTH: 'off' })).toMatchObject({ hasTeams: true, TEAMS_AUTH: 'off' });
    expect(loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's', MICROSOFT_APP_TENANT_ID: TENANT_ID })).toMatchObject({ hasTeams: true, TEAMS_AUTH: 'on' });
  });

  it('reads NODE_ENV case-insensitively and allows TEAMS_AUTH=off only when it is unset, development or test', () => {
    for (const nodeEnv of ['Production', 'PRODUCTION', ' production ', 'prod', 'staging']) {
      expect(() => loadConfig({ TEAMS_AUTH: 'off', NODE_ENV: nodeEnv }), nodeEnv).toThrow(/TEAMS_AUTH.*production/);
      expect(() => createTeamsChannel({ router, log, authOff: true, nodeEnv }), nodeEnv).toThrow(/TEAMS_AUTH.*production/);
    }
    for (const nodeEnv of [undefined, '', 'development', 'Development', 'test', 'TEST']) {
      expect(loadConfig({ TEAMS_AUTH: 'off', ...(nodeEnv === undefined ? {} : { NODE_ENV: nodeEnv }) }), String(nodeEnv)).toMatchObject({ TEAMS_AUTH: 'off' });
    }
  });

  it('says loudly at start when authentication is off, through the logger (one JSON line), not as a banner on stderr', async () => {
    const warnings: Array<[string, string | undefined, Record<string, unknown>]> = [];
    const http = createHttpServer();
    const write = process.stderr.write;
    let stderr = '';
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
    try {
      await startTeams({ http, router, authOff: true, log: (event, fields = {}, level) => void warnings.push([event, level, fields]) });
    } finally {
      process.stderr.write = write;
    }
    expect(warnings).toContainEqual(['teams.auth.off', 'warn', expect.objectContaining({ warning: expect.stringMatching(/UNAUTHENTICATED/) })]);
    expect(stderr).toBe('');
  });
});
