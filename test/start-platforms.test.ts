// The real start command with Slack (HTTP mode) and Teams (TEAMS_AUTH=off)
// configured: every module loaded exactly as `npm start` loads it, against a
// fake Slack Web API and a fake Bot Connector. The channel tests build one
// channel at a time; this one catches what only the whole process shows
// (e.g. @slack/bolt replacing Node's global fetch under the Teams channel).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_CONSENT_CONTENT_TYPE, FILE_INFO_CONTENT_TYPE } from '../src/channels/teams/file-consent.js';
import { readCsv } from '../src/handlers/import/csv-files.js';
import { FAKE_BOT_TOKEN, startFakeSlackApi, type FakeSlackApi } from './channels/slack/fake-slack-api.js';
import { SIGNING_SECRET } from './channels/slack/slack-harness.js';
import { activity, delivered, FakeConnector, personalChat } from './channels/teams/teams-harness.js';
import { startApp, type RunningApp } from './helpers/start-app.js';

const METTE_AAD = '0a1b2c3d-0000-4000-8000-00000000e777';
const METTE_TEAMS_ID = '29:1mette-teams-user-id';

let dataDir: string;
let slackApi: FakeSlackApi;
let connector: FakeConnector;
let app: RunningApp;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'jobbot-platforms-'));
  slackApi = await startFakeSlackApi();
  connector = new FakeConnector();
  await connector.start();
  // The demo team's manager, found by the e-mail on her Teams profile (first contact links her).
  connector.members.set(METTE_TEAMS_ID, { id: METTE_TEAMS_ID, aadObjectId: METTE_AAD, email: 'mette@demo.jobbot.local' });
  app = await startApp({
    DATA_DIR: dataDir,
    JOBBOT_DEMO: 'true',
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    TEAMS_AUTH: 'off',
  });
}, 400_000);

afterAll(async () => {
  await app?.stop();
  await connector?.stop();
  await slackApi?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function postActivity(body: unknown): Promise<number> {
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.text();
  return res.status;
}

describe('npm start with Slack and Teams', () => {
  it('answers /healthz (alive) and /readyz (database migrated and reachable)', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${app.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('uploads a Teams CSV export on Allow (no "invalid content-length header" under the Slack SDK\'s fetch)', async () => {
    const vars = { serviceUrl: connector.url, user: 'mette', aadObjectId: METTE_AAD, text: 'caseload export' };
    expect(await postActivity(activity('personal-message', vars, { id: 'start-1' }))).toBe(200);
    const consentCall = delivered(connector.calls, personalChat('mette')).find((c) => c.body.attachments?.some((a: any) => a.contentType === FILE_CONSENT_CONTENT_TYPE));
    expect(consentCall).toBeDefined();
    const consent = consentCall!.body.attachments.find((a: any) => a.contentType === FILE_CONSENT_CONTENT_TYPE);
    const fileId: string = consent.content.acceptContext.jobbotFile;

    const invoke = activity(
      'file-consent-invoke',
      { ...vars, replyToId: consentCall!.responseId!, fileId, fileName: consent.name, uploadUrl: connector.uploadUrl('whole-app'), uniqueId: 'unique-whole-app' },
      { id: 'start-2' },
    );
    expect(await postActivity(invoke)).toBe(200);

    const upload = connector.uploads.get('whole-app');
    expect(upload, app.stderr()).toBeDefined();
    expect(upload!.bytes.length).toBe(consent.content.sizeInBytes);
    expect(upload!.headers['content-length']).toBe(String(upload!.bytes.length));
    expect(readCsv(upload!.bytes.toString('utf8'))!.length).toBeGreaterThan(25);
    expect(connector.attachments(personalChat('mette')).some((a: any) => a.contentType === FILE_INFO_CONTENT_TYPE)).toBe(true);
    expect(app.stderr()).not.toContain('teams.file.upload-failed');
  }, 60_000);

  it('counts answers on GET /metrics, in Prometheus format, without names or citizens', async () => {
    const vars = { serviceUrl: connector.url, user: 'mette', aadObjectId: METTE_AAD, text: 'caseload' };
    expect(await postActivity(activity('personal-message', vars, { id: 'metrics-1' }))).toBe(200);
    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^jobbot_commands_total\{kind="caseload",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^jobbot_command_duration_seconds_count\{kind="caseload"\} [1-9]/m);
    expect(text).toMatch(/^jobbot_outbox_depth \d+/m);
    expect(text).toContain('jobbot_nodejs_eventloop_lag_seconds');
    expect(text).not.toMatch(/mette|C-10\d\d/i);
  });

  it('stops on SIGTERM: logs the shutdown and exits 0', async () => {
    const code = await app.stop();
    expect(code).toBe(0);
    expect(app.stderr()).toContain('"event":"shutdown.started"');
    expect(app.stderr()).not.toContain('shutdown.timeout');
  });
});

