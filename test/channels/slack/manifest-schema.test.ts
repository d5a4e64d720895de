// Both variants of the Slack manifest (Socket Mode: manifest.json; HTTP:
// `npm run slack:manifest -- --url …`) validate against Slack's own manifest
// schema (test/fixtures/slack/manifest-schema, from slackapi/manifest-schema),
// and the HTTP variant fills in every URL Slack calls — the options load URL
// of the searchable citizen picker included.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { httpManifest, type SlackManifest } from '../../../src/channels/slack/manifest-variants.js';
import { COMMANDS } from '../../../src/handlers/command-table.js';
import { runScript } from '../../helpers/run-script.js';

const json = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const schema = json('../../fixtures/slack/manifest-schema/manifest.schema.2.0.0.json') as object;
const socketMode = json('../../../manifest.json') as SlackManifest;

const ajv = new Ajv.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);
const errorsOf = (manifest: unknown) => (validate(manifest) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe("Slack's manifest schema", () => {
  it("accepts Slack's own valid example and rejects its invalid one (the validator is set up right)", () => {
    expect(errorsOf(json('../../fixtures/slack/manifest-schema/manifest.valid.json'))).toEqual([]);
    expect(errorsOf(json('../../fixtures/slack/manifest-schema/manifest.invalid.json'))).not.toEqual([]);
  });

  it('accepts manifest.json (Socket Mode)', () => {
    expect(socketMode.settings.socket_mode_enabled).toBe(true);
    expect(errorsOf(socketMode)).toEqual([]);
  });

  it('accepts the HTTP variant, with every request URL on /slack/events', () => {
    const http = httpManifest(socketMode, 'https://jobbot.kommune.dk/');
    expect(errorsOf(http)).toEqual([]);
    expect(http.settings.socket_mode_enabled).toBe(false);
    const endpoint = 'https://jobbot.kommune.dk/slack/events';
    expect(http.settings.event_subscriptions.request_url).toBe(endpoint);
    expect(http.settings.interactivity.request_url).toBe(endpoint);
    expect(http.settings.interactivity.message_menu_options_url).toBe(endpoint);
    expect(http.features.slash_commands.map((c) => c.url)).toEqual(socketMode.features.slash_commands.map(() => endpoint));
    expect(httpManifest(socketMode, 'https://x.dk/bots/jobbot').settings.interactivity.request_url).toBe('https://x.dk/bots/jobbot/slack/events');
    expect(() => httpManifest(socketMode, 'http://jobbot.kommune.dk')).toThrow('HTTPS');
  });

  it('registers each command by its English name and its first Danish name in plain letters (/maaltal, /maal too)', () => {
    const registered = new Set(socketMode.features.slash_commands.map((c) => c.command));
    for (const command of COMMANDS) {
      const [english, ...danish] = command.words;
      expect(registered, english).toContain(`/${english}`);
      const plainDanish = danish.find((w) => /^[a-z0-9_-]+$/.test(w));
      if (plainDanish) expect(registered, plainDanish).toContain(`/${plainDanish}`);
    }
  });

  it('npm run slack:manifest -- --url prints the HTTP variant', async () => {
    const run = await runScript('scripts/slack-manifest.ts', ['--url', 'https://jobbot.kommune.dk'], {});
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as SlackManifest;
    expect(printed).toEqual(httpManifest(socketMode, 'https://jobbot.kommune.dk'));
  });
});
