// npm run teams:package: the Teams app package (manifest.json with the bot id
// filled in from MICROSOFT_APP_ID, color.png, outline.png at the zip's root,
// as Teams requires) → dist/jobbot-teams.zip, or the path given as argument.
// Zipped with fflate: pure JavaScript, no native code and no dependencies,
// actively maintained and very widely used; zipSync fits three small files.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';

export const BOT_ID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEAMS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../teams');

export interface TeamsManifest {
  manifestVersion: string;
  bots?: Array<{ botId: string }>;
  [key: string]: unknown;
}

export function manifestWithBotId(manifest: TeamsManifest, appId: string): TeamsManifest {
  if (!GUID.test(appId) || appId === BOT_ID_PLACEHOLDER) {
    throw new Error('MICROSOFT_APP_ID must be the application (client) id of the bot\'s app registration, a GUID');
  }
  return { ...manifest, bots: (manifest.bots ?? []).map((bot) => ({ ...bot, botId: bot.botId === BOT_ID_PLACEHOLDER ? appId : bot.botId })) };
}

export function buildTeamsPackage(appId: string, dir = TEAMS_DIR): Uint8Array {
  const manifest = manifestWithBotId(JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as TeamsManifest, appId);
  // Fixed timestamps: the same inputs give the same zip.
  const mtime = new Date('2026-01-01T00:00:00Z');
  return zipSync(
    {
      'manifest.json': [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { mtime }],
      'color.png': [new Uint8Array(readFileSync(resolve(dir, 'color.png'))), { mtime, level: 0 }],
      'outline.png': [new Uint8Array(readFileSync(resolve(dir, 'outline.png'))), { mtime, level: 0 }],
    },
    { level: 9 },
  );
}

function main(): void {
  const appId = process.env.MICROSOFT_APP_ID?.trim() ?? '';
  if (!appId) {
    process.stderr.write('teams:package: set MICROSOFT_APP_ID to the bot\'s application (client) id first.\n');
    process.exit(1);
  }
  const out = resolve(process.argv[2] ?? 'dist/jobbot-teams.zip');
  try {
    const zip = buildTeamsPackage(appId);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    process.stdout.write(`Teams app package written: ${out}\nUpload it in Teams admin center → Teams apps → Manage apps → Upload new app.\n`);
  } catch (error) {
    process.stderr.write(`teams:package: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
