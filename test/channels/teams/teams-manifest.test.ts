// teams/manifest.json validates against the Teams manifest JSON schema of the
// version it declares (the schema files Microsoft ships in the npm package
// @microsoft/app-manifest), the icons are what Teams requires, and
// `npm run teams:package` builds a zip Teams accepts with the bot id filled in.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOT_ID_PLACEHOLDER, buildTeamsPackage, manifestWithBotId, TEAMS_APP_ID_PLACEHOLDER, type TeamsManifest } from '../../../scripts/teams-package.js';
import { runScript } from '../../helpers/run-script.js';
import { COMMANDS, findCommand } from '../../../src/handlers/command-table.js';

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('../../../teams/manifest.json', import.meta.url), 'utf8')) as TeamsManifest & Record<string, any>;
const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

function validator() {
  const file = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

function pngSize(bytes: Uint8Array): { width: number; height: number; colorType: number } {
  const b = Buffer.from(bytes);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colorType: b[25]! };
}

describe('teams/manifest.json', () => {
  it('declares a manifest version whose schema ships in @microsoft/app-manifest, and points $schema at it', () => {
    expect(manifest.manifestVersion).toMatch(/^1\.\d+$/);
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('validates against that schema, as committed and with a real bot id', () => {
    const validate = validator();
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(manifestWithBotId(manifest, APP_ID)), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('offers the bot in personal chats and teams, with command lists for both that are real commands', () => {
    const bot = (manifest as Record<string, any>).bots[0];
    expect(bot.botId).toBe(BOT_ID_PLACEHOLDER);
    expect(bot.scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    // CSV exports are offered with FileConsentCards in the personal chat (teams-files.test.ts).
    expect(bot.supportsFiles).toBe(true);
    const scopes = bot.commandLists.flatMap((l: any) => l.scopes);
    expect(scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    for (const list of bot.commandLists) {
      for (const command of list.commands) {
        const word = command.title.split(' ')[0];
        expect(word === 'help' || findCommand(word) !== undefined, command.title).toBe(true);
      }
    }
    expect(COMMANDS.length).toBeGreaterThan(0);
  });

  it('has a 192x192 colour icon and a 32x32 outline icon (transparent, white)', () => {
    const color = pngSize(readFileSync(new URL('../../../teams/color.png', import.meta.url)));
    const outline = pngSize(readFileSync(new URL('../../../teams/outline.png', import.meta.url)));
    expect(color).toMatchObject({ width: 192, height: 192 });
    expect(outline).toMatchObject({ width: 32, height: 32, colorType: 6 });
  });
});

describe('npm run teams:package', () => {
  it('zips manifest.json (bot id from MICROSOFT_APP_ID) and both icons at the root', () => {
    const files = unzipSync(buildTeamsPackage(APP_ID));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(strFromU8(files['manifest.json']!)) as Record<string, any>;
    expect(packaged.bots[0].botId).toBe(APP_ID);
    expect(validator()(packaged)).toBe(true);
    expect(pngSize(files['color.png']!)).toMatchObject({ width: 192, height: 192 });
  });

  it('refuses a missing or malformed app id', () => {
    expect(() => buildTeamsPackage('jobbot')).toThrow(/MICROSOFT_APP_ID/);
    expect(() => buildTeamsPackage(BOT_ID_PLACEHOLDER)).toThrow(/MICROSOFT_APP_ID/);
    expect(() => buildTeamsPackage({ botId: APP_ID, teamsAppId: 'jobbot-test' })).toThrow(/TEAMS_APP_ID/);
    expect(() => buildTeamsPackage({ botId: APP_ID, teamsAppId: TEAMS_APP_ID_PLACEHOLDER })).toThrow(/TEAMS_APP_ID/);
  });

  it('commits no Teams app id: each package gets TEAMS_APP_ID, by default its own bot id, so test and production differ', () => {
    expect(manifest.id).toBe(TEAMS_APP_ID_PLACEHOLDER);
    const packaged = (ids: Parameters<typeof buildTeamsPackage>[0]) => JSON.parse(strFromU8(unzipSync(buildTeamsPackage(ids))['manifest.json']!)) as Record<string, any>;
    const TEST_BOT = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
    const TEAMS_APP = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
    expect(packaged(APP_ID).id).toBe(APP_ID);
    expect(packaged(TEST_BOT).id).toBe(TEST_BOT);
    const chosen = packaged({ botId: APP_ID, teamsAppId: TEAMS_APP });
    expect([chosen.id, chosen.bots[0].botId]).toEqual([TEAMS_APP, APP_ID]);
    expect(validator()(chosen)).toBe(true);
  });

  it('as a command: reads TEAMS_APP_ID, says which id it used, and fails with one line on a bad one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jobbot-teams-package-'));
    try {
      const out = join(dir, 'jobbot.zip');
      const run = await runScript('scripts/teams-package.ts', [out], { MICROSOFT_APP_ID: APP_ID, TEAMS_APP_ID: '1b4e28ba-2fa1-41d2-883f-0016d3cca427' });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Teams app id: 1b4e28ba-2fa1-41d2-883f-0016d3cca427 from TEAMS_APP_ID');
      expect(JSON.parse(strFromU8(unzipSync(new Uint8Array(await readFile(out)))['manifest.json']!)).id).toBe('1b4e28ba-2fa1-41d2-883f-0016d3cca427');
      const bad = await runScript('scripts/teams-package.ts', [out], { MICROSOFT_APP_ID: APP_ID, TEAMS_APP_ID: 'test' });
      expect(bad.code).toBe(1);
      expect(bad.stderr.trim().split('\n')).toEqual([expect.stringContaining('TEAMS_APP_ID must be a GUID')]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
