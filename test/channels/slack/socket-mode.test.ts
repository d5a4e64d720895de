// Socket Mode is chosen when an app-level token is set: no HTTP route is
// mounted (Teams keeps the shared server to itself). Connecting needs Slack,
// so this only checks the wiring; the HTTP tests cover the listeners.
import { describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../src/channels/http-server.js';
import { createSlackChannel } from '../../../src/channels/slack/slack-channel.js';
import type { RouterDeps } from '../../../src/handlers/context.js';

const deps = { prisma: {} as RouterDeps['prisma'], clock: () => new Date(), adminEmails: [] } satisfies RouterDeps;

describe('Slack modes', () => {
  it('uses Socket Mode when SLACK_APP_TOKEN is set and mounts no HTTP route', async () => {
    const http = createHttpServer();
    const slack = createSlackChannel({ router: deps, botToken: 'xoxb-test', appToken: 'xapp-test', http });
    expect(slack.mode).toBe('socket');
    const port = await http.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
    } finally {
      await http.close();
    }
  });

  it('refuses HTTP mode without a signing secret, with a clear message', () => {
    expect(() => createSlackChannel({ router: deps, botToken: 'xoxb-test', http: createHttpServer() })).toThrow(/SLACK_SIGNING_SECRET/);
  });
});
